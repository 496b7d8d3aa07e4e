"""The places a sentence names, placed with the project's geocoder and site register.

A `PlaceRef` (geo.articles.place_finder) becomes a `Place`: a register site when the text
names one (by name or alias, or by its kind next to a place: "the thermal power plant" in a
sentence about Kremenchuk), else the most specific of its places the gazetteer knows, tried
from the most specific up ("Gaikodzor" -> "Krasnodar Region") with the country and region the
text gives as hints. A place is never more precise than the words: a district is placed at
its centre town with region precision (the geocoder's rule), a facility the register does not
hold at its town, a region at its region. Names that resolve outside the region or country
the text gives are refused; a spelling matched only by similarity is not used.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

import pandas as pd

from geo.articles.place_register import facility_kind
from geo.articles.place_spans import CAPITALS, Part, PlaceRef
from geo.articles.plants import Plant, find_plant
from geo.geocoding import around
from geo.geocoding.geocoder import Geocoder
from geo.geocoding.normalize import normalize_name
from geo.geocoding.results import Candidate, GeocodeResult, distance_km
from geo.geocoding.reverse import ReverseGeocoder
from geo.geocoding.site_register import SITE_NEAR_KM
from geo.importing.places import describe_match
from geo.settings import DATA_DIR

PLACED = ("exact", "alias", "ambiguous")
LEVEL_WORD = {"admin1": "region", "admin2": "district"}
ON_RIVER = re.compile(r"-on-(?=[A-Z])")
HEAT_PLANT = re.compile(r"\b(?:CHP|TETs?|heat)", re.IGNORECASE)
VILLAGE = 20_000        # people: a region's name shared by a place this small means the region
REGION_KM = 100        # a plant's town this near it: the plant is in the town's region
PLANT_REGISTER = "data/context_power_plants.csv"
ADJECTIVE_ENDINGS = ("ivska", "ivskyi", "ivskiy", "ska", "skaya", "skyi", "sky", "skiy", "ka")


@dataclass(frozen=True)
class Place:
    ref: PlaceRef
    status: str                 # the geocoder's: exact | alias | ambiguous (others are not kept)
    query: str                  # what the geocoder was asked
    country: str = ""           # ISO2
    admin1: str = ""
    precision: str = ""         # site | town | admin1 | country
    latitude: float | None = None
    longitude: float | None = None
    site_id: str = ""
    label: str = ""
    method: str = ""            # how it was placed, for geo_method
    note: str = ""              # what the words said that the point does not hold
    candidates: tuple[str, ...] = ()
    named: bool = False         # a named facility or site, not just a kind of place
    implied: bool = False       # not named for it: the country of the rest of the sentence
    kind: str = ""              # register kind of its site or of its facility words
    population: int = 0         # of the gazetteer place it was matched to
    around: bool = False        # "near X", "20 km south of X": somewhere around its point

    @property
    def key(self) -> str:
        """One key per place: a site, a gazetteer id, or a country."""
        return (self.site_id and f"site:{self.site_id}") or self.label


def _level_text(part: Part) -> str:
    return f"{part.name} {LEVEL_WORD[part.level]}" if part.level in LEVEL_WORD else part.name


class PlaceResolver:
    """Resolves the places of one article; remembers every answer of the geocoder."""

    def __init__(self, geocoder: Geocoder, sites: pd.DataFrame, countries: list[str] = (),
                 plants: tuple[Plant, ...] = ()):
        self.geocoder = geocoder
        self.sites = sites
        self.plants = plants
        self.countries = list(countries)      # named in the article, most named first
        self.regions: list[str] = []          # the regions the article names ("Crimea")
        self._answers: dict[tuple, GeocodeResult] = {}

    def _ask(self, query: str, country: str, admin1: str, default: str) -> GeocodeResult:
        key = (query, country, admin1, default)
        if key not in self._answers:
            self._answers[key] = self.geocoder.geocode(
                query, country=country or None, admin1=admin1 or None,
                default_country=default or None)
        return self._answers[key]

    def geocode(self, query: str, country: str = "", admin1: str = "") -> GeocodeResult:
        """The geocoder's answer; when it lies in a country the article never names, the
        answer inside one the article names, if there is one ('Trypillya' is not Tripoli)."""
        result = self._ask(query, country, admin1, "")
        if result.status == "ambiguous" and result.best is not None:
            result = self._namesake_in_named_region(result)
            if any(self._same_region(result.best, region) for region in self.regions):
                # not a namesake's other spelling in another country the article names ("a
                # Russian oil depot in Crimea ... near the village of Hvardiiske" is not
                # Gvardeyskoye, Kaliningrad Oblast)
                return result
            if self.regions and all(c.status != "exact" for c in (result.best, *result.others)):
                # "the village of Razdoro, Smolensk region": no Razdoro there; a Razdor of
                # Astrakhan Oblast, spelt otherwise, in a region the article never names, is not it
                return GeocodeResult("not_found", note=f"'{query}': only namesakes spelt "
                                     "otherwise, outside the regions the article names")
        sure = result.status in ("exact", "alias") and result.best is not None
        if country or not self.countries or (sure and result.best.country in self.countries):
            return result
        for named in self.countries:
            other = self._ask(query, "", admin1, named)
            if other.best is not None and other.best.country == named and \
                    other.status in PLACED:
                return other
        return result

    def _namesake_in_named_region(self, result: GeocodeResult) -> GeocodeResult:
        """Among namesakes, the one in the region the article names first ("Hlyboke" in a text
        of the Kharkiv region is the village there, not Hlyboka, Chernivtsi Oblast)."""
        for region in self.regions:
            if self._same_region(result.best, region):
                return result
            inside = [c for c in result.others if self._same_region(c, region)]
            if len(inside) == 1:
                others = tuple(c for c in (result.best, *result.others) if c is not inside[0])
                return replace(result, best=inside[0], others=others,
                               note=f"{result.note}; the one in {region}, the region the "
                                    "article names")
        return result

    def _same_region(self, place: Candidate, region: str) -> bool:
        return bool(place.admin1 and self.geocoder.admin1_ids(
            normalize_name(place.admin1), place.country or None)
            & self.geocoder.admin1_ids(normalize_name(region), None))

    # ---- hints -----------------------------------------------------------------------------

    def country_of(self, name: str) -> str:
        return self.geocoder.index.country_named(normalize_name(name)) or ""

    def is_region(self, name: str) -> bool:
        """A name the geocoder reads as a region ("Crimea"), not a town."""
        best = self._ask(name, "", "", "").best
        return best is not None and best.kind == "admin1"

    def hints(self, ref: PlaceRef) -> tuple[str, str]:
        """(country, admin1) the text states around the place: possessives, broader places."""
        country, admin1 = "", ""
        # a country the place is said to be in ("plants in Ukraine") before one around it
        # ("Russian forces struck DTEK's plants in Ukraine": the attacker's)
        stated = next((iso for part in ref.parts if part.level in ("any", "country")
                       for iso in [self.country_of(part.name)] if iso), "")
        for part in [*ref.context, *ref.parts]:
            iso = self.country_of(part.name) if part.level in ("any", "country") else ""
            if iso:
                country = country or stated or iso
            elif not admin1 and part is not (ref.parts or [None])[0] and part.level in (
                    "any", "admin1") and self.geocoder.admin1_ids(
                    normalize_name(part.name), country or None):
                admin1 = part.name
        return country, admin1

    # ---- placing ----------------------------------------------------------------------------

    def named(self, ref: PlaceRef) -> bool:
        """A facility the text names ("a SOCAR gas station"), not a kind of place ("SOCAR
        facilities", "an Azerbaijan refinery": a plural, or a country's name as owner)."""
        plural = not ref.parts and re.search(r"(?:ies|[^s]s)$", ref.facility or "")
        return bool(ref.site_id or (not plural and (ref.operator or (
            ref.facility_name and not self.country_of(ref.facility_name)))))

    def _place(self, ref, result: GeocodeResult, query, country, admin1, note="") -> Place | None:
        best = result.best
        if result.status not in PLACED or best is None:
            return None
        if admin1 and best.precision in ("town", "site") and best.admin1 and not \
                self.geocoder.admin1_ids(normalize_name(admin1), best.country or None) & \
                self.geocoder.admin1_ids(normalize_name(best.admin1), best.country or None):
            return None                       # the text puts it in another region
        if country and best.country and best.country != country:
            return None
        site = best.ident[5:] if best.ident.startswith("site:") else ""
        how = "ambiguous: best guess" if result.status == "ambiguous" else result.status
        return Place(ref, result.status, query, best.country, best.admin1, best.precision,
                     best.latitude, best.longitude, site, best.label,
                     describe_match(best.ident, best.label, how), note,
                     tuple(c.describe() for c in result.others[:5]), self.named(ref) or bool(site),
                     population=best.population)

    def facility_town(self, ref: PlaceRef) -> Place | None:
        """The town a facility is named for ("the Volgograd oil refinery"), wherever it is."""
        return self._facility_name_place(ref, "", "")

    def district_in(self, ref: PlaceRef, country: str, admin1: str) -> Place | None:
        """A district named without its region, looked for in `admin1`."""
        query = _level_text(ref.parts[0])
        return self._place(ref, self.geocode(query, country, admin1), query, country, admin1)

    def _unlocated_site(self, ref: PlaceRef, site_id: str) -> Place:
        row = self.sites.loc[site_id]
        return Place(ref, "exact", row["name"], row["country"], row.get("admin1", ""),
                     "country", site_id=site_id, label=f"{row['name']} (site, not located)",
                     method=f"site register {site_id}: no point; only its country is known",
                     named=True)

    def _site(self, ref: PlaceRef, country: str) -> Place | None:
        if ref.site_id not in self.sites.index:
            return None
        row = self.sites.loc[ref.site_id]
        if country and row["country"] and row["country"] != country:
            return None
        register = self.geocoder.sites.frame
        found = register.index[register["site_id"] == ref.site_id]
        if len(found) == 0:
            return self._unlocated_site(ref, ref.site_id)
        result = GeocodeResult("alias", self.geocoder.sites.candidate(int(found[0]), "alias"))
        return self._place(ref, result, str(row["name"]), country, "")

    def _plant(self, ref: PlaceRef, country: str) -> Place | None:
        """'the Zaporizhzhia NPP': the register's plant, wherever the town it is named for."""
        named_for = self._facility_name_place(ref, country, "")
        plant = find_plant(self.plants, ref.facility, ref.facility_name, ref.text, country,
                           town=None if named_for is None or named_for.latitude is None
                           else (named_for.latitude, named_for.longitude))
        if plant is None:
            return None
        town = self._facility_name_place(ref, plant.country, "")
        near = town is not None and town.latitude is not None and distance_km(
            Candidate("place", "", "", town.latitude, town.longitude, "town"),
            Candidate("place", "", "", plant.latitude, plant.longitude, "site")) <= REGION_KM
        region = _region_at(self.geocoder, plant.latitude, plant.longitude) or (
            town.admin1 if near else "")
        return Place(ref, "alias", plant.name, plant.country, region,
                     "site", plant.latitude, plant.longitude, plant.site_id,
                     f"{plant.name} (site)", f"power plant register: {plant.site_id}",
                     f"'{ref.text}' taken as the register's {plant.name}", named=True,
                     kind="power_plant")

    def _named_for_region(self, ref: PlaceRef, country: str) -> Place | None:
        """'Kharkiv TPP-5', not in the register: a plant named for a region is somewhere in
        it, not in the region's capital of that name ('Kurakhove TPP' is at Kurakhove)."""
        if facility_kind(ref.facility) != "power_plant" or HEAT_PLANT.search(ref.facility) or any(
                p.level in ("any", "place") for p in ref.parts):
            return None                        # a CHP heats the city it is named for
        for name in _name_tries(ref.facility_name):
            if self.geocoder.admin1_ids(normalize_name(name), country or None):
                query = f"{name} region"
                place = self._place(ref, self.geocode(query, country), query, country, "",
                                    note=f"'{ref.text}' is named for the region: the text "
                                         "does not say where in it")
                if place is not None and place.precision == "admin1":
                    return place
        return None

    def _on_as_na(self, name: str, country: str) -> str:
        """'Slavyansk-on-Kuban': the Russian 'na' translated; the gazetteer may hold only
        'Slavyansk-na-Kubani' (it holds 'Rostov-on-Don')."""
        if not ON_RIVER.search(name) or self._ask(name, country, "", "").status in (
                "exact", "alias"):
            return name
        return ON_RIVER.sub("-na-", name)

    def _region_not_village(self, name: str, country: str) -> bool:
        """'a refinery in Kuban', 'Kuban oil refineries': a region's other name, shared only
        by villages, is the region ('Dnipro' is still the city)."""
        found = self._ask(name, country, "", "")
        return found.best is not None and found.best.population < VILLAGE and bool(
            self.geocoder.admin1_ids(normalize_name(name), country or None))

    def _facility_name_place(self, ref, country, admin1) -> Place | None:
        """'Syzran oil refinery in the Samara region': the name is the town, inside the region;
        'the Druzhba pipeline' is named for no town it passes."""
        name = ref.facility_name
        if not name or self.country_of(name) or "pipeline" in ref.facility.lower():
            return None
        tries = _name_tries(name)
        if re.search(r"(?:sky|skiy|skyi|ska)$", name, re.IGNORECASE):
            tries.append(f"{name} district")             # "the Kamensky oil depot"
        for query in tries:
            if self._region_not_village(query, country):
                query = f"{query} region"             # "Kuban oil refineries"
            result = self.geocode(query, country, admin1)
            if query.endswith(" region") and result.status in ("exact", "alias"):
                return self._place(ref, result, query, country, admin1)
            if result.status in ("exact", "alias") and (result.best.precision == "town" or (
                    query.endswith(" district") and "raion centre" in result.best.label)):
                return self._place(ref, result, query, country, admin1)
        return None

    def _capital(self, ref: PlaceRef) -> Place | None:
        """'Ukraine's capital': the capital city of the country named."""
        country = self.country_of(ref.parts[0].name)
        name = CAPITALS.get(self.geocoder.index.countries.get(country, {}).get("name", ""))
        if not name:
            return None
        return self._place(ref, self.geocode(name, country), name, country, "",
                           note=f"'{ref.text}' taken as {name}")

    def _near_site(self, ref: PlaceRef, near: Place) -> Place | None:
        """'the thermal power plant' after Kremenchuk: the register's one such site near it."""
        kind = facility_kind(ref.facility)
        register = self.geocoder.sites.frame
        if not kind or kind == "any" or near.latitude is None or register.empty:
            return None
        anchor = Candidate("place", "", "", near.latitude, near.longitude, "town")
        rows = [i for i, k in enumerate(register["kind"]) if k == kind and distance_km(
            self.geocoder.sites.candidate(i, "alias"), anchor) <= SITE_NEAR_KM]
        if len(rows) != 1:
            return None
        result = GeocodeResult("alias", self.geocoder.sites.candidate(rows[0], "alias"))
        return self._place(ref, result, ref.facility, "", "",
                           note=f"'{ref.text}' taken as the register's {kind.replace('_', ' ')} "
                                f"near {near.label}")

    def _site_far(self, site: Candidate, part: Part, country: str, admin1: str) -> bool:
        """A register site found by its kind near a place the name may mean ("the oil depot in
        Hvardiiske": the SOCAR depot near a Hvardiyske of Odesa Oblast) is not that place's
        when the name's best guess, asked alone, lies far from it (the Hvardiiske of Crimea)."""
        alone = self.geocode(_level_text(part), country, admin1)
        best = alone.best
        return alone.status == "ambiguous" and best is not None and best.latitude is not None \
            and site.latitude is not None and distance_km(site, best) > SITE_NEAR_KM

    def resolve(self, ref: PlaceRef, previous: Place | None = None,
                sentence: tuple[str, str] = ("", "")) -> Place | None:
        """`previous`: the place told just before (for "the thermal power plant");
        `sentence`: the (country, admin1) the rest of the sentence names, used as hints for a
        facility the text does not place itself ("the Trypillya TPP ... in the Kyiv region");
        "near X", "outside X", "20 km south of X": somewhere around X (geo.geocoding.around)."""
        place = self._resolve(ref, previous, sentence)
        if place is not None and _names_a_plant(ref) and not place.site_id:
            place = replace(place, note="; ".join(filter(None, [
                place.note, f"'{ref.text}' is not in the power-plant register "
                            f"({PLANT_REGISTER}): placed at {place.label}, not at the plant"])))
        return _around(place) if place is not None and ref.near else place

    def _resolve(self, ref: PlaceRef, previous: Place | None,
                 sentence: tuple[str, str]) -> Place | None:
        if ref.parts and ref.parts[0].level == "capital":
            return self._capital(ref)
        country, admin1 = self.hints(ref)
        if not ref.parts:
            country, admin1 = country or sentence[0], admin1 or sentence[1]
        if ref.site_id:
            found = self._site(ref, country)
            if found:
                return found
        if _names_a_plant(ref):
            found = self._plant(ref, country) or self._named_for_region(ref, country)
            if found:
                return found
        chain = [p for p in ref.parts if not self.country_of(p.name)]
        kind = facility_kind(ref.facility)
        if kind and kind != "any" and chain:
            owner = ref.operator or (ref.facility_name if ref.facility_name.isupper() else "")
            query = " ".join(filter(None, [owner, ref.facility, "in", _level_text(chain[0])]))
            result = self.geocode(query, country, admin1)
            by_kind = "found by kind and place" in result.note
            if result.best is not None and result.best.kind == "site" and not (
                    by_kind and chain[0].level in ("admin1", "admin2")) and not (
                    by_kind and self._site_far(result.best, chain[0], country, admin1)):
                return self._place(ref, result, query, country, admin1)
        if ref.facility_name and (not chain or chain[0].level != "any"):
            region = next((p.name for p in chain if p.level == "admin1"), admin1)
            by_name = self._facility_name_place(ref, country, region) or (
                self._facility_name_place(ref, country, "") if region and not chain else None)
            if by_name:
                return by_name
        missing = []
        # a country only from the words around ("Ukraine's agency said ... a factory in
        # Bryansk") is a hint: a name not in it is looked for in the other countries the
        # article names
        hinted = [country, ""] if country and len(chain) == len(ref.parts) else [country]
        for i, part in enumerate(chain):
            broader = next((p.name for p in chain[i + 1:] if p.level == "admin1"), admin1)
            query = _level_text(part)
            if part.level == "any" and self._region_not_village(part.name, country):
                query = f"{part.name} region"
            query = self._on_as_na(query, country)
            found = next((place for within in hinted for place in [self._place(
                ref, self.geocode(query, within, broader if query != broader else ""), query,
                within, broader, note=_missing(missing, query))] if place is not None and (
                    within == country or place.country in self.countries)), None)
            if found and not (part.level in ("admin1", "admin2")
                              and found.precision in ("town", "site")):
                return found      # "the Starooskolsky district" is no town it is spelt like
            if found and part.level == "admin1" and found.precision == "town" and \
                    found.population >= VILLAGE:
                # "the Sloviansk-on-Kuban region": no region is called so, but a town is:
                # the land around it
                return _around(replace(found, note=f"'{query}' is no region: around the town"))
            missing.append(query)
        if ref.facility_name and missing and len(missing) == len(chain):
            # "the Novozybkov oil pumping station of Transneft": no place is called what
            # follows, so it is whose the facility is; the name before it is the town
            by_name = next(filter(None, (self._facility_name_place(ref, within, "")
                                         for within in hinted)), None)
            if by_name:
                return by_name
        if not ref.parts and not ref.facility_name and previous is not None:
            near = self._near_site(ref, previous)
            if near:
                return near
        if country and (ref.parts or (ref.facility and "pipeline" not in ref.facility.lower())):
            name = next((p.name for p in ref.parts if self.country_of(p.name)), country)
            label = self.geocoder.index.countries.get(country, {}).get("name", name)
            return Place(ref, "exact", label, country, precision="country", label=label,
                         method=f"country named in the text: {label}", named=self.named(ref),
                         note=_missing(missing, label) or ("" if ref.parts else
                                                           "no place named for it: only the "
                                                           "country of the sentence"),
                         implied=not ref.parts)
        return None


def _region_at(geocoder: Geocoder, latitude: float, longitude: float) -> str:
    """The region a plant's point lies in (an oblast's outline in Ukraine, else its nearest
    place's): the Dnipro HPP is in Zaporizhzhia Oblast, not in the region of Dnipro, the city
    its name is spelt like."""
    found = _reverse_geocoder(geocoder.index).reverse_column([latitude], [longitude])
    return str(found["reverse_admin1"].iloc[0] or "")


@functools.lru_cache(maxsize=2)
def _reverse_geocoder(index) -> ReverseGeocoder:
    """One reverse geocoder per gazetteer index, built on first use (0.4 s)."""
    return ReverseGeocoder(index, DATA_DIR)


def _names_a_plant(ref: PlaceRef) -> bool:
    """'the Kursk nuclear power plant', 'Kharkiv TPP-3': a power plant named for a place."""
    return bool(ref.facility_name) and facility_kind(ref.facility) == "power_plant"


def _around(place: Place) -> Place:
    """Somewhere around the place placed: no more precise than the rule allows. A register
    site keeps its point: it is the facility named, and the words place it by a town."""
    precision = around.precision_around(place.precision)
    if place.site_id or precision == place.precision:
        return place
    return replace(place, precision=precision, around=True, note="; ".join(filter(None, [
        f"'{place.ref.text}': {around.NOTE}", place.note])))


def _name_tries(name: str) -> list[str]:
    """A facility's name as a town's: 'Engels-2' -> Engels, 'Burshtynska' -> Burshtyn."""
    name = re.sub(r"-\d+$", "", name)
    stems = [name[: -len(e)] for e in ADJECTIVE_ENDINGS
             if name.lower().endswith(e) and len(name) - len(e) >= 4]
    # "Konakovskaya GRES" is named for Konakovo: a town in -ovo/-evo loses its "o"
    return [name] + stems + [f"{s}o" for s in stems if s.lower().endswith(("ov", "ev"))]


def _missing(missing: list[str], used: str) -> str:
    return (f"{', '.join(repr(m) for m in missing)} not in the gazetteer: placed at '{used}', "
            "less precise than the text") if missing else ""

