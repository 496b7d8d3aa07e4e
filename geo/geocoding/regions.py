"""Answers at region level: first-level regions (oblasts), second-level ones (raions, current
and before the 2020 reform, from the GeoNames dump's ADM2/ADM2H rows) and countries; and
the admin1 hint as a set of regions.

A raion answer has precision admin2 at the raion's GeoNames point; a raion the gazetteer
does not list ("X raion" in a country without a dump) is placed at its centre town with
precision admin2, and the note says so.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from rapidfuzz import fuzz, process

from geo.geocoding.choose import decide
from geo.geocoding.normalize import normalize_name, phonetic_key, phonetic_keys
from geo.geocoding.place_text import LEVEL_OF, PlaceText, strip_level
from geo.geocoding.results import Candidate, GeocodeResult, Hints, join_notes
from geo.geocoding.slips import neighbour_swaps

ADMIN1_FUZZY_CUTOFF = 80.0   # an admin1 hint misspelt ("Donestk", "Charkov", "Loehansk"): the
ADMIN1_FUZZY_MIN_KEY = 5     # country's one region whose name's key is this alike, keys this long

# City-regions and the region around them: a hint naming either accepts both.
ENCLOSING = {"UA.12": "UA.13", "UA.20": "UA.11", "RU.48": "RU.47", "RU.66": "RU.42",
             "BY.04": "BY.05", "KZ.02": "KZ.01", "AZ.09": "AZ.01"}


# Regions by custom, not administration: the first-level regions they span (a hint naming
# one accepts them all; as a place, it is a part of the country no one region names).
INFORMAL_REGIONS = {"donbas": ("UA.05", "UA.14"), "donbass": ("UA.05", "UA.14"),
                    "donets basin": ("UA.05", "UA.14"), "donetsk basin": ("UA.05", "UA.14")}
# Names of the forces holding a region's part, as conflict data writes them: within it.
HELD_PARTS = {"dpr": "UA.05", "dnr": "UA.05", "donetsk people s republic": "UA.05",
              "lpr": "UA.14", "lnr": "UA.14", "luhansk people s republic": "UA.14",
              "lugansk people s republic": "UA.14"}
TRAILING_AREA = re.compile(r"(?: (?:controlled|held|occupied))?(?: territory| area)+$")


def region_core(name: str) -> str:
    """'donets basin area' -> 'donets basin'; 'dpr controlled territory' -> 'dpr'."""
    return TRAILING_AREA.sub("", strip_level(name)[0])


def _regions_of_area(name: str) -> tuple[str, ...]:
    """Region codes of an area by custom ('Donbas') or by who holds it ('DPR territory')."""
    area = region_core(name)
    return INFORMAL_REGIONS.get(area, ()) or ((HELD_PARTS[area],) if area in HELD_PARTS else ())


def admin1_ids(geocoder, name: str, country: str | None) -> set[int]:
    index = geocoder.index
    found = index.admin1_names.find(strip_level(name)[0]) or {
        index.admin1_index[code] for code in _regions_of_area(name)
        if code in index.admin1_index}
    if country:
        found = {a for a in found if geocoder.index.admin1[a]["country"] == country}
    return found


def admin1_hint(geocoder, name: str, country: str | None, spelt_like: bool = False) -> set[int]:
    """The regions a hint names, with the city-region inside or around each (ENCLOSING);
    `spelt_like` (an admin1 column, not "X, Y") also takes a region spelt alike."""
    index = geocoder.index
    found = admin1_ids(geocoder, name, country)
    words = name.split()
    if not found and len(words) > 1 and LEVEL_OF.get(words[0]) == "admin1":
        found = admin1_ids(geocoder, " ".join(words[1:]), country)   # "Oblast Kherson"
        words = words[1:]
    if not found:  # "Kiev Special Republican city": the words before the qualifier
        words = strip_level(" ".join(words))[0].split()
        found = (admin1_ids(geocoder, words[0], country)
                 if len(words) > 1 and words[0] not in COMPASS_WORDS else set())
    if not found and country and spelt_like:
        found = admin1_spelt_like(geocoder, strip_level(" ".join(words))[0], country)
    codes = {index.admin1[a]["code"] for a in found}
    linked = {ENCLOSING.get(c) for c in codes} | {k for k, v in ENCLOSING.items() if v in codes}
    return found | {index.admin1_index[c] for c in linked if c in index.admin1_index}


def admin1_spelt_like(geocoder, core: str, country: str | None) -> set[int]:
    """A region of `country` (of any, given None) whose name is spelt like `core` (a typo, or
    a scheme the tables lack: Dutch "Tsjernihiv", German "Donezk"): only when one region
    alone is that alike."""
    key = phonetic_key(core)
    if len(key) < ADMIN1_FUZZY_MIN_KEY:
        return set()
    keyed = _region_keys(geocoder.index, country)
    alike = [k for k, _, _ in process.extract(key, keyed.keys(), scorer=fuzz.ratio,
                                              score_cutoff=ADMIN1_FUZZY_CUTOFF, limit=None)]
    # two neighbouring letters swapped, the commonest slip, scores under the cutoff
    # ("Dontesk region", "Donestk Oblast")
    swapped = set(phonetic_keys(sorted(neighbour_swaps(core))))
    alike += [k for k in swapped if k in keyed]
    regions = {keyed[k] for k in alike}
    return set(regions.pop()) if len(regions) == 1 else set()


@functools.lru_cache(maxsize=64)
def _region_keys(index, country: str | None) -> dict[str, frozenset[int]]:
    """Each key of a region name -> the regions of `country` (of any, given None) it names,
    keys naming none left out (once per index and country: a file asks for thousands)."""
    keyed = {}
    for k, ids in index.admin1_names.keyed.items():
        served = frozenset(a for a in ids
                           if country is None or index.admin1[a]["country"] == country)
        if served:
            keyed[k] = served
    return keyed


def admin1_fuzzy_result(geocoder, name: str, hints: Hints) -> GeocodeResult | None:
    """'Dnipropetovsk region': a region misspelt, said to be one (it was Dnipro city, the
    town spelt alike); fuzzy, never exact."""
    ids = admin1_spelt_like(geocoder, name, hints.country)
    if hints.admin1 is not None:
        ids &= hints.admin1
    if len(ids) != 1:
        return None
    best = replace(admin1_candidate(geocoder, ids.pop()), status="fuzzy", quality=0.7)
    return GeocodeResult("fuzzy", best, (), 0.7,
                         f"fuzzy: region spelt like {best.admin1} (GeoNames admin1)")


def admin1_candidate(geocoder, a: int) -> Candidate:
    entry = geocoder.index.admin1[a]
    return Candidate("admin1", f"admin1:{entry['code']}",
                     f"{entry['name']} (region, {entry['country']})", entry["lat"],
                     entry["lon"], "admin1", entry["country"], entry["name"],
                     entry["population"], "alias", 0.95, max(entry["population"], 1))


def region_given(geocoder, ids: set[int], core: str, worded: bool = False) -> Candidate | None:
    """The region a hint names: of a city-region and the region around it (a hint naming
    either accepts both), the one spelt so, or with `worded` (the hint says "Oblast",
    "region": "Moscow Oblast") the one around; None when the hint names more."""
    index = geocoder.index
    codes = sorted(index.admin1[a]["code"] for a in ids)
    if len(codes) != 1 and not (len(codes) == 2 and (ENCLOSING.get(codes[0]) == codes[1]
                                                     or ENCLOSING.get(codes[1]) == codes[0])):
        return None
    if worded and len(codes) == 2:
        around = next(c for c in codes if c in ENCLOSING.values())
        return admin1_candidate(geocoder, index.admin1_index[around])
    spelt = index.admin1_names.find(core, exact_only=True)
    return admin1_candidate(geocoder, min(sorted(ids), key=lambda a: a not in spelt))


def admin1_result(geocoder, name: str, hints: Hints, worded: bool = False
                  ) -> GeocodeResult | None:
    """A first-level region named `name`; never one outside a region the hints give. A
    region by custom spanning several ('Donbas') is the country's part no one region names,
    at the country's precision, as "eastern Ukraine" is. `worded`: the text says 'Oblast' or
    'region' ("Moscow Oblast"): the region around a city-region of that name (ENCLOSING),
    not the city itself."""
    spans = INFORMAL_REGIONS.get(region_core(name))
    if spans:
        return _informal_region(geocoder, name, spans)
    ids = admin1_ids(geocoder, name, hints.country)
    if hints.country and not ids and not hints.strict_country and hints.admin1 is None:
        ids = admin1_ids(geocoder, name, None)
    if hints.admin1 is not None:
        ids &= hints.admin1
    if worded:
        index = geocoder.index
        codes = {index.admin1[a]["code"] for a in ids}
        ids = {a for a in ids if ENCLOSING.get(index.admin1[a]["code"]) not in codes}
    spelt = {a for a in ids if a in geocoder.index.admin1_names.find(name, exact_only=True)}
    cands = [admin1_candidate(geocoder, a) for a in sorted(spelt or ids)]
    if not cands:
        return None
    result = decide(cands, f"regions named '{name}'")
    held = region_core(name) in HELD_PARTS
    return replace(result, note=join_notes(
        f"'{name}': a part of {cands[0].admin1} named by who holds it" if held else "",
        "first-level region (GeoNames admin1)", result.note))


def _informal_region(geocoder, name: str, spans: tuple[str, ...]) -> GeocodeResult | None:
    index = geocoder.index
    regions = [index.admin1[index.admin1_index[c]] for c in spans if c in index.admin1_index]
    if not regions:
        return None
    iso = regions[0]["country"]
    entry = index.countries[iso]
    best = Candidate("country", f"country:{iso}", entry["name"], entry["lat"], entry["lon"],
                     "country", iso, "", entry["population"], "alias", 1.0, 1.0)
    return GeocodeResult("alias", best, note=(
        f"'{name}' is a region by custom, not administration: it spans "
        f"{' and '.join(r['name'] for r in regions)}; placed at the country"))


def admin2_candidate(geocoder, d: int) -> Candidate:
    entry = geocoder.index.admin2[d]
    region = geocoder.index.admin1[entry["admin1"]] if entry["admin1"] >= 0 else None
    when = "" if entry["current"] else ", before 2020"
    label = (f"{entry['name']} (raion{when}, {region['name'] if region else entry['country']})")
    return Candidate("admin2", f"geonames:{entry['geonameid']}", label, entry["lat"],
                     entry["lon"], "admin2", entry["country"], region["name"] if region else "",
                     0, "alias", 0.95, 1.0, source="GeoNames",
                     feature="ADM2" if entry["current"] else "ADM2H")


def divisions_serving(ids: set[int], entries: list[dict], hints: Hints) -> set[int]:
    """The raions or hromadas `ids` (rows of `entries`) in the country and region hinted."""
    return {d for d in ids if hints.country in (None, entries[d]["country"])
            and (hints.admin1 is None or entries[d]["admin1"] in hints.admin1)}


def admin2_result(geocoder, name: str, hints: Hints) -> GeocodeResult | None:
    """'Sverdlovsk raion', 'Pokrovskyi raion': the raion, current or historic, at its point."""
    index = geocoder.index
    core = strip_level(name)[0]
    # spelt so or otherwise: "kherson" is the raion before 2020 spelt so and the one after it
    # ("Khersonskyi"), which the reform made five times as big
    ids = divisions_serving(index.admin2_names.find_any(core), index.admin2, hints)
    if not ids:
        ids = divisions_serving(_raions_of_centre(geocoder, core, hints), index.admin2, hints)
    if not ids:
        return None
    cands = [admin2_candidate(geocoder, d) for d in sorted(ids)]
    current = [c for c in cands if c.feature == "ADM2"]
    historic = [c for c in cands if c.feature == "ADM2H"]
    # the same raion listed before and after the reform is one answer; else it is ambiguous
    if current and historic and len(current) == 1:
        cands = current + historic
        cands[0] = replace(cands[0], weight=10.0 * len(historic))
    result = decide(cands, f"raions named '{name}'")
    return replace(result, note=join_notes("raion (GeoNames admin2)", result.note))


def _raions_of_centre(geocoder, core: str, hints: Hints) -> set[int]:
    """The raions named as their centre town is spelt in the gazetteer: "Izium raion" is
    Izyum Raion (the folded key of a name this short finds no raion)."""
    town = geocoder.place_only(core, hints) if core else None
    if (town is None or town.best.kind != "place" or (town.status not in ("exact", "alias")
            and not town.best.feature.startswith("PPLA"))):   # a centre among its namesakes
        return set()
    return geocoder.index.admin2_names.find_any(normalize_name(town.best.label.split(",")[0]))


COMPASS_WORDS = frozenset({"southern", "northern", "eastern", "western", "central", "south",
                           "north", "east", "west", "southeastern", "southwestern",
                           "northeastern", "northwestern"})


def widen_to_admin2(result: GeocodeResult) -> GeocodeResult:
    if result.best is None:
        return result
    best = replace(result.best, precision="admin2", label=f"{result.best.label} (raion centre)")
    return replace(result, best=best, note=join_notes(
        "raion/district not listed: placed at its centre town, precision admin2", result.note))


def country_result(geocoder, text: PlaceText) -> GeocodeResult | None:
    """'Ukraine'; 'Southern Ukraine', 'eastern Ukraine': a part of it no place names, at the
    country's precision."""
    index = geocoder.index
    words = text.name.split()
    iso = index.country_named(text.name) if words else None
    part = iso is None and len(words) > 1 and words[0] in COMPASS_WORDS
    if part:
        iso = index.country_named(" ".join(words[1:]))
    if iso is None:
        return None
    entry = index.countries[iso]
    status = "alias" if part else "exact"
    best = Candidate("country", f"country:{iso}", entry["name"], entry["lat"], entry["lon"],
                     "country", iso, "", entry["population"], status, 1.0, 1.0)
    return GeocodeResult(status, best, note=join_notes(
        f"'{text.name}' is a part of {entry['name']}: placed at the country" if part else "",
        f"country point: {entry['point']}"))
