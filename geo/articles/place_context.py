"""Places a sentence gives by pointing at others: "the same facility" or "The Refinery" (the
last place of that kind told before), a facility the sentence does not place itself but
whose clause names a place ("in Odesa, key targets included ... an oil depot"), a country
whose air space it is. Each keeps the words it was read from and says how it was placed.
"""

from __future__ import annotations

import re

from geo.articles.place_register import facility_kind
from geo.articles.place_spans import Part, PlaceRef
from geo.articles.places import Place, PlaceResolver


def kind_of(resolver: PlaceResolver, place: Place) -> str:
    """The register kind of a place's site, or the kind its facility words name."""
    if place.site_id and place.site_id in resolver.sites.index:
        return str(resolver.sites.loc[place.site_id, "kind"])
    return facility_kind(place.ref.facility)


def same_place(resolver: PlaceResolver, ref: PlaceRef, place: Place) -> Place:
    """A facility the sentence does not place itself, at the place the sentence names
    ("in Odesa, key targets included ... an oil depot operated by SOCAR")."""
    return Place(ref, place.status, place.query, place.country, place.admin1,
                 place.precision, place.latitude, place.longitude, place.site_id,
                 place.label, place.method,
                 f"'{ref.text}' placed at {place.label}, named in the same sentence",
                 place.candidates, resolver.named(ref), population=place.population,
                 around=place.around)


PLURAL = re.compile(r"(?:ies|[^s]s)$")


def antecedent(resolver: PlaceResolver, ref: PlaceRef, told: list[Place],
               pointed: bool = False) -> Place | None:
    """'The Refinery had previously been hit': the last place of that kind told before;
    'the same facility', 'this station' (`pointed`): the last place told, of any kind."""
    kind = facility_kind(ref.facility)
    named = ref.facility_name if pointed and ref.facility_name.isupper() else ""
    if ref.parts or ref.site_id or (ref.facility_name and not named) or \
            not (kind or pointed):
        return None
    same = [p for p in told if kind in ("", "any") or kind_of(resolver, p) == kind] \
        if pointed else [p for p in told if kind not in ("", "any")
                         and kind_of(resolver, p) == kind]
    if pointed and kind in ("", "any"):     # "the facility": the last facility told, not a
        same = [p for p in same if p.ref.facility or p.site_id] or same   # city in passing
        if not PLURAL.search(ref.facility or ""):
            # "the facility on fire" after "a fuel depot in Feodosia" and "airfields in Belbek
            # and Saky": one facility, not one of the places told as many
            same = [p for p in same if not PLURAL.search(p.ref.facility or "")] or same
    if named:          # "the SOCAR facility": a place told before under that name
        same = [p for p in same if named.lower() in f"{p.ref.text} {p.ref.operator} "
                f"{p.label}".lower()]
    if not same:
        return None
    last = same[-1]
    return Place(ref, last.status, last.query, last.country, last.admin1, last.precision,
                 last.latitude, last.longitude, last.site_id, last.label, last.method,
                 f"'{ref.text}' taken as {last.label}, named before", last.candidates,
                 last.named, around=last.around)


def country_place(resolver: PlaceResolver, name: str, start: int, end: int,
                  text: str) -> Place | None:
    """A country a sentence names as the place of what it says ("its air space")."""
    iso = resolver.country_of(name)
    if not iso:
        return None
    ref = PlaceRef(start, end, "target", [Part(name, "country", start, end)], text=text)
    label = resolver.geocoder.index.countries.get(iso, {}).get("name", name)
    return Place(ref, "exact", label, iso, precision="country", label=label,
                 method=f"country named in the text: {label}")


# "in the regional capital of the same name", "the region's capital": the seat of the region
REGIONAL_CAPITAL = re.compile(r"\b(?:regional\s+(?:capital|centre|center)|region['’]s\s+"
                              r"(?:capital|centre|center)|capital\s+of\s+the\s+region)\b",
                              re.IGNORECASE)
SEATS = ("PPLA", "PPLC")          # GeoNames: the seat of a first-order division, a capital


def regional_capital(resolver: PlaceResolver, region: Place, clause: str) -> Place | None:
    """'Belgorod Governor ... said the network suffered severe damage in the regional capital
    of the same name': the region's seat, when the clause says so and the gazetteer holds a
    seat of the region's name in it (not another town: the words give no other name)."""
    if region.precision != "admin1" or not region.ref.parts or \
            not REGIONAL_CAPITAL.search(clause):
        return None
    name = region.ref.parts[0].name
    result = resolver.geocode(name, region.country, region.admin1)
    best = result.best
    same_name = re.search(r"\bof\s+the\s+same\s+name\b", clause, re.IGNORECASE)
    if best is None or best.precision != "town" or best.admin1 != region.admin1 or not (
            same_name or best.feature in SEATS):
        return None
    return Place(region.ref, result.status, name, best.country, best.admin1, best.precision,
                 best.latitude, best.longitude, "", best.label, f"the seat of {region.label}",
                 f"'{name}' taken as {best.label}: the text says the regional capital",
                 population=best.population)
