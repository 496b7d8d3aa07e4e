"""Hromadas: Ukraine's territorial communities since the 2020 reform, a level under the raion
('Mylivska hromada', 'Velykopysarivska territorial community', 'Kupianska miska hromada').
GeoNames lists them as ADM3 with names such as "Mylivska Terytorialna Hromada"; the index
keeps each under its core name ('mylivska'), found by the adjective and its stems as raions
are. One is answered at its GeoNames point, precision admin2 (a community is some 10-40 km
across), only when the text says it names one.
"""

from __future__ import annotations

from dataclasses import replace

from geo.geocoding.choose import decide
from geo.geocoding.normalize import normalize_name
from geo.geocoding.place_text import COMMUNITY_QUALIFIERS, community_core
from geo.geocoding.regions import divisions_serving
from geo.geocoding.results import Candidate, GeocodeResult, Hints, join_notes

ADJECTIVE = "ska"     # Umanska, Toretska: a hromada is named by its centre's adjective
MIN_STEM = 3
def core_of_community(name: str) -> str:
    """'Mylivska Terytorialna Hromada' -> 'mylivska'; a Cyrillic name is kept as it is (the
    name table folds it)."""
    normalised = normalize_name(name)
    core = community_core(normalised)
    return core if core and normalised.isascii() else name


def centre_town_spellings(core: str) -> list[str]:
    """The names a hromada's adjective makes of its centre town, likeliest first:
    'umanska' -> uman, 'toretska' -> toretsk, 'skvyrska' -> skvyra, 'vilshanska' ->
    vilshanka, 'hrebinkivska' -> hrebinka, 'starokostiantynivska' -> starokostiantyniv."""
    words = core.split()
    if not words or not words[-1].endswith(ADJECTIVE):
        return []
    lead, stem = words[:-1], words[-1][:-len(ADJECTIVE)]
    forms = [stem, f"{stem}sk", f"{stem}a", f"{stem}ka"]
    if stem.endswith("iv"):
        forms += [f"{stem[:-2]}ka", f"{stem[:-2]}e", f"{stem[:-2]}ove"]
    return [" ".join([*lead, form]) for form in forms if len(form) >= MIN_STEM]


def says_hromada(qualifier: str) -> bool:
    return qualifier in COMMUNITY_QUALIFIERS   # place_text reads them as admin2 words


def hromada_result(geocoder, name: str, hints: Hints) -> GeocodeResult | None:
    """'mylivska' said to be a hromada (a PlaceText's name: its community words already
    gone, place_text.community_core): the one of that name serving the hints."""
    index = geocoder.index
    ids = divisions_serving(index.hromada_names.find(name), index.hromadas, hints)
    if hints.admin2:   # the raion given, by its code (a hromada is filed under its raion's)
        codes = {index.admin2[r]["code"] for r in hints.admin2}
        ids = {h for h in ids if index.hromadas[h]["code"] in codes} or ids
    if not ids:
        return None
    result = decide([_candidate(geocoder, h) for h in sorted(ids)], f"hromadas named '{name}'")
    return replace(result, note=join_notes("hromada (territorial community, GeoNames ADM3): "
                                           "its point, precision admin2", result.note))


def _candidate(geocoder, h: int) -> Candidate:
    entry = geocoder.index.hromadas[h]
    region = geocoder.index.admin1[entry["admin1"]] if entry["admin1"] >= 0 else None
    where = region["name"] if region else entry["country"]
    return Candidate("admin2", f"geonames:{entry['geonameid']}",
                     f"{entry['name'].title()} hromada ({where})", entry["lat"], entry["lon"],
                     "admin2", entry["country"], region["name"] if region else "", 0, "alias",
                     0.95, 1.0, source="GeoNames", feature="ADM3")
