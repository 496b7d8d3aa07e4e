"""A part of a town named after it: "Donetsk - Petrovskyi", "Kyiv - Desnianskyi" (ACLED's form
for events in a city's districts). The part is looked for near the town found: a city
district (GeoNames ADM3: "Petrovsky District"), a raion that is a district of the city
(Kyiv's are ADM2) or a section of the town (PPLX, an OpenStreetMap suburb). One such part
near the town places the answer at its point; none, or several apart, leaves it at the
town, as before. A part nearer another city than the one named is that city's (Makiivka's
Kirovskyi district is not Donetsk's, 15 km away). "Kyivskyi district, Donetsk", "Kirov,
Donetsk" and "Kievsky district of Donetsk" name a part of a town too, but may also be a raion
or a village near it: those are placed at the part only when it is found (`part_of_town`).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from geo.geocoding.gazetteer_merge import SECTION_FEATURES
from geo.geocoding.geodesy import KM_PER_DEGREE, haversine_km
from geo.geocoding.place_text import strip_level
from geo.geocoding.results import SAME_PLACE_KM, Candidate, GeocodeResult, join_notes

# "North Saltovka" is Pivnichna Saltivka: an English compass word as a part's name is
# written in Ukrainian (or Russian) in the gazetteer, in one of its genders.
COMPASS_NAMES = {
    "north": ("pivnichna", "pivnichnyi", "pivnichne", "severnaya", "severnyi"),
    "south": ("pivdenna", "pivdennyi", "pivdenne", "yuzhnaya", "yuzhnyi"),
    "east": ("skhidna", "skhidnyi", "skhidne", "vostochnaya", "vostochnyi"),
    "west": ("zakhidna", "zakhidnyi", "zakhidne", "zapadnaya", "zapadnyi"),
    "central": ("tsentralna", "tsentralnyi", "tsentralne", "tsentralnaya"),
}
COMPASS_NAMES |= {f"{word}ern": names for word, names in COMPASS_NAMES.items()
                  if word != "central"}
QUARTER_KM = 25.0           # a district's point lies this near its city's point...
CITY_RAION_KM = 16.0        # ...a raion's, this near, to be a raion of the city (Kyiv's <= 14.5 km)
RIVAL_SHARE = 0.2           # ...and nearer it than any city of this share of its people


def placed_in_quarter(geocoder, result: GeocodeResult, quarter: str) -> GeocodeResult:
    """`result` (the town) moved to its part named `quarter`, when exactly one is found."""
    found, parts = _part_found(geocoder, result, quarter)
    if found is not None:
        return found
    note = (f"'{quarter}' read as a part of the town: placed at the town" if not parts else
            f"'{quarter}': {len(parts)} parts of the town so named; placed at the town")
    return replace(result, note=join_notes(note, result.note))


def part_of_town(geocoder, result: GeocodeResult, quarter: str) -> GeocodeResult | None:
    """`result` (the town) moved to its part named `quarter`; None unless exactly one is
    found ("Kyivskyi district, Donetsk" may also be a raion or a village near the town)."""
    return _part_found(geocoder, result, quarter)[0]


def may_name_a_part(geocoder, quarter: str) -> bool:
    """Is `quarter` the name of any city district, raion or section at all (a cheap test
    before looking for one by a town)?"""
    index = geocoder.index
    return any(bool(index.quarter_names.find_any(core) or index.admin2_names.find_any(core))
               or any(index.feature_of(place) in SECTION_FEATURES
                      for place in geocoder.places_spelt(core))
               for core in _spellings(strip_level(quarter)[0]))


def _spellings(core: str) -> list[str]:
    """The part's name as written, then with a leading English compass word in the forms
    the gazetteer uses."""
    first, _, rest = core.partition(" ")
    return [core] + [f"{name} {rest}" for name in COMPASS_NAMES.get(first, ()) if rest]


def _part_found(geocoder, result: GeocodeResult,
                quarter: str) -> tuple[GeocodeResult | None, list[Candidate]]:
    town = result.best
    parts: list[Candidate] = []
    for core in _spellings(strip_level(quarter)[0]):
        parts = [p for p in _districts(geocoder, core, town) if _belongs(geocoder, p, town)] or [
            p for p in _sections(geocoder, core, town) if _belongs(geocoder, p, town)]
        if parts:
            break
    if not parts or _spread(parts) > SAME_PLACE_KM:
        return None, parts
    part = parts[0]
    return replace(result, best=part, others=(town, *result.others), note=join_notes(
        f"'{quarter}' found as a part of {town.label}: placed at {part.label} ({part.source} "
        f"{part.feature}, {_km(part, town):.0f} km from the town's point)", result.note)), parts


def _districts(geocoder, core: str, town: Candidate) -> list[Candidate]:
    index = geocoder.index
    found = []
    for table, names in ((index.quarters, index.quarter_names),
                         (index.admin2, index.admin2_names)):
        for d in sorted(names.find_any(core)):
            entry = table[d]
            if table is index.admin2 and haversine_km(entry["lat"], entry["lon"], town.latitude,
                                                      town.longitude) > CITY_RAION_KM:
                continue    # "Irpin, Bucha raion": the raion the town lies in, not a part
            found.append(Candidate("place", f"geonames:{entry['geonameid']}",
                                   f"{entry['name']}, {town.label}", entry["lat"], entry["lon"],
                                   "town", entry["country"], town.admin1, 0, town.status,
                                   town.quality, source="GeoNames", feature=entry["feature"]))
    return found


def _sections(geocoder, core: str, town: Candidate) -> list[Candidate]:
    postings = geocoder.places_spelt(core)
    found = []
    for place, match in postings.items():
        if geocoder.index.feature_of(place) not in SECTION_FEATURES:
            continue
        part = geocoder.place_candidate(place, match)
        found.append(replace(part, label=f"{geocoder.index.name_of(place)}, {town.label}"))
    return found


def _belongs(geocoder, part: Candidate, town: Candidate) -> bool:
    """Is `part` nearer `town` than any other city of at least RIVAL_SHARE of its people?"""
    to_town = _km(part, town)
    if not to_town <= QUARTER_KM:
        return False
    index = geocoder.index
    cities = index.cities[index.place_pop[index.cities] >= RIVAL_SHARE * town.population]
    # a degree of latitude is 111.195 km, more than KM_PER_DEGREE: a city farther from the
    # part in latitude alone than the town is not nearer it (most of the world's cities)
    cities = cities[np.abs(index.place_lat[cities] - part.latitude) * KM_PER_DEGREE < to_town]
    to_cities = haversine_km(part.latitude, part.longitude, index.place_lat[cities],
                             index.place_lon[cities])
    others = to_cities[haversine_km(town.latitude, town.longitude, index.place_lat[cities],
                                    index.place_lon[cities]) > SAME_PLACE_KM]
    return not (others < to_town).any()


def _km(a: Candidate, b: Candidate) -> float:
    return float(haversine_km(a.latitude, a.longitude, b.latitude, b.longitude))


def _spread(parts: list[Candidate]) -> float:
    lat = np.array([p.latitude for p in parts])
    lon = np.array([p.longitude for p in parts])
    return float(haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :]).max())
