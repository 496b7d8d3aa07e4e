"""One table of places from every source, each place once.

GeoNames dumps come first (their places keep their GeoNames ids), then the cities500 places
the dumps do not have. An OpenStreetMap node of the same name (phonetic key of its Latin or
Ukrainian name) within MERGE_KM of a GeoNames place is that place: its names are added to the
place's, and its kind (city/town/village/hamlet) tells the place's size when GeoNames has no
population; other nodes are new places. A postal-code place is added only where no place of
that name lies in its region (or within POSTAL_KM when its region is unknown): postal points
are weak, a last resort. Each place keeps its source, feature code, precision and `size`, the
weight of a namesake with no other clue.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from geo.geocoding.geodesy import haversine_km
from geo.geocoding.normalize import normalize_many, phonetic_keys

MERGE_KM = 5.0
POSTAL_KM = 30.0
# The weight of a place of unknown population, by feature code or OSM kind.
SIZE_BY_FEATURE = {"PPLC": 1e6, "PPLA": 1e5, "PPLA2": 2e4, "PPLA3": 3000, "PPLA4": 1000,
                   "PPL": 300, "PPLX": 100, "PPLL": 100, "PPLF": 100, "PPLS": 100,
                   "OSM_city": 5e4, "OSM_town": 5000, "OSM_village": 500, "OSM_hamlet": 50,
                   "OSM_suburb": 100, "POSTAL": 200}
SITE_SIZE = 100
GONE = ("PPLQ", "PPLH", "PPLW", "PPLCH")     # abandoned, historical, destroyed: rank below
GONE_WEIGHT = 0.02
SECTION_FEATURES = ("PPLX", "OSM_suburb")     # a part of a town...
SECTION_WEIGHT = 0.3                          # ...weighs less than a town of its size


def _keys(names: pd.Series) -> np.ndarray:
    return np.array(phonetic_keys(normalize_many(names.to_numpy(dtype=object).tolist())),
                    dtype=object)


def _same_place(left: pd.DataFrame, right: pd.DataFrame, key_left, key_right, km: float,
                by_admin1: bool = False) -> pd.Series:
    """For each row of `right`, the index of the nearest `left` row of the same key within
    `km` (or, with by_admin1, in the same region), else -1."""
    a = pd.DataFrame({"key": key_left, "li": np.arange(len(left)), "la": left.lat.to_numpy(),
                      "lo": left.lon.to_numpy(), "a1": left.admin1.to_numpy()})
    b = pd.DataFrame({"key": key_right, "ri": np.arange(len(right)),
                      "lb": right.lat.to_numpy(), "lob": right.lon.to_numpy(),
                      "b1": right.admin1.to_numpy()})
    pairs = b.merge(a[a.key != ""], on="key")
    pairs["km"] = haversine_km(pairs.la, pairs.lo, pairs.lb, pairs.lob)
    near = pairs.km <= km
    if by_admin1:
        near |= (pairs.a1 == pairs.b1) & (pairs.b1 != "")
    pairs = pairs[near].sort_values("km")
    found = pairs.drop_duplicates("ri").set_index("ri").li
    return pd.Series(found.reindex(range(len(right))).fillna(-1).astype(int).to_numpy())


def _size(frame: pd.DataFrame) -> np.ndarray:
    by_feature = frame.feature.map(SIZE_BY_FEATURE).fillna(SITE_SIZE).to_numpy(float)
    size = np.maximum(frame.population.to_numpy(float), by_feature)
    size = np.where(frame.feature.isin(GONE), size * GONE_WEIGHT, size)
    return np.where(frame.feature.isin(SECTION_FEATURES), size * SECTION_WEIGHT, size)


def merge_places(dumps: list[pd.DataFrame], cities: pd.DataFrame, osm: list[pd.DataFrame],
                 postal: list[pd.DataFrame],
                 admin1_code: Callable[[pd.Series, pd.Series], pd.Series]) -> pd.DataFrame:
    """Every place once, with `size`, `official` (the names OSM attests, '|'-joined) and
    `sources` (how many sources list it: 2 for a GeoNames place OSM confirms).
    `admin1_code(names, countries)` turns region names into admin1 codes ('' if unknown)."""
    base = pd.concat(dumps, ignore_index=True) if dumps else cities.iloc[:0]
    cities = cities[~cities.ref.isin(set(base.ref))]
    base = pd.concat([base, cities], ignore_index=True)
    base["official"] = ""
    base["sources"] = 1
    base["size"] = _size(base)
    base["key"] = _keys(base.name)
    for nodes in osm:
        nodes = nodes.assign(admin1=admin1_code(nodes.admin1, nodes.country))
        town_rows = np.flatnonzero(((base.precision == "town")
                                    & base.country.isin(set(nodes.country))).to_numpy())
        towns = base.iloc[town_rows]
        latin = _same_place(towns, nodes, towns.key, _keys(nodes.name), MERGE_KM)
        native = _same_place(towns, nodes, towns.key, _keys(nodes.alternates), MERGE_KM)
        match = np.where(latin >= 0, latin, native)
        hit = match >= 0
        target = town_rows[match[hit]]
        names = (nodes.name + "|" + nodes.alternates).to_numpy()[hit]
        official = pd.Series(names, index=target).groupby(level=0).agg("|".join)
        base.loc[official.index, "official"] = official.to_numpy()
        base.loc[official.index, "sources"] += 1
        sizes = pd.Series(_size(nodes)[hit], index=target).groupby(level=0).max()
        base.loc[sizes.index, "size"] = np.maximum(base.loc[sizes.index, "size"], sizes)
        fresh = nodes[~hit].assign(official=lambda f: f.name + "|" + f.alternates, sources=1)
        fresh["size"] = _size(fresh)
        fresh["key"] = _keys(fresh.name)
        base = pd.concat([base, fresh], ignore_index=True)
    for places in postal:
        places = places.assign(admin1=admin1_code(places.admin1, places.country))
        towns = base[(base.precision.isin(["town", "admin2"])
                      & base.country.isin(set(places.country))).to_numpy()]
        known = _same_place(towns, places, towns.key, _keys(places.name), POSTAL_KM,
                            by_admin1=True)
        fresh = places[(known < 0).to_numpy()].assign(official=lambda f: f.name, sources=1)
        fresh["size"] = _size(fresh)
        fresh["key"] = _keys(fresh.name)
        base = pd.concat([base, fresh], ignore_index=True)
    return base.drop(columns="key").reset_index(drop=True)
