"""Reverse geocoding: coordinates -> nearest GeoNames place, first-level region and country.

Nearest place: the points are binned on a grid of 0.25° cells and each point searches the
3x3 block of cells around it, all points at once with numpy. The answer is certain when the
nearest place found is closer than the block's inner margin; the other points go on to a
2° grid, then to a brute-force pass (open sea, polar). Country and Ukrainian oblast come from
the shipped polygons (data/basemap/countries.geojson, with Crimea inside Ukraine, and
data/boundaries/ukraine_admin1.geojson) where a point falls inside one; elsewhere from the
nearest place, and `reverse_method` says which.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from geo.gazetteer import GazetteerIndex, GazetteerSources, load_index, oblast_of
from geo.settings import Settings

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = 111.19
GRID_CELLS_DEG = (0.25, 2.0)
CHUNK = 20_000


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; numpy-broadcasting over any of its arguments."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=float))
                              for v in (lat1, lon1, lat2, lon2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


class _Grid:
    """Places sorted by grid cell, so one cell's places are a contiguous slice."""

    def __init__(self, lat: np.ndarray, lon: np.ndarray, cell: float):
        self.cell, self.columns = cell, int(np.ceil(360 / cell))
        cells = self._cell_ids(*self._row_col(lat, lon))
        self.order = np.argsort(cells, kind="stable")
        self.sorted_cells = cells[self.order]

    def _row_col(self, lat, lon):
        return (np.floor((lat + 90) / self.cell).astype(np.int64),
                np.floor((lon + 180) / self.cell).astype(np.int64))

    def _cell_ids(self, row, col):
        return row * self.columns + col % self.columns

    def nearest(self, lat, lon, place_lat, place_lon):
        """(place, km, certain) for each point, from the 3x3 block of cells around it."""
        row, col = self._row_col(lat, lon)
        query, found = [], []
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                wanted = self._cell_ids(row + dr, col + dc)
                start = np.searchsorted(self.sorted_cells, wanted, "left")
                count = np.searchsorted(self.sorted_cells, wanted, "right") - start
                owner = np.repeat(np.arange(len(lat)), count)
                offset = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
                query.append(owner)
                found.append(self.order[np.repeat(start, count) + offset])
        query, found = np.concatenate(query), np.concatenate(found)
        best_place = np.full(len(lat), -1)
        best_km = np.full(len(lat), np.inf)
        if len(query):
            km = haversine_km(lat[query], lon[query], place_lat[found], place_lon[found])
            order = np.lexsort((km, query))
            first = order[np.r_[True, query[order][1:] != query[order][:-1]]]
            best_place[query[first]], best_km[query[first]] = found[first], km[first]
        shrink = np.cos(np.radians(np.minimum(np.abs(lat) + 2 * self.cell, 89.9)))
        return best_place, best_km, best_km <= 0.99 * self.cell * KM_PER_DEGREE * shrink


def nearest_places(index: GazetteerIndex, grids: list[_Grid], lat, lon):
    """Index and distance (km) of the nearest GeoNames place to each point (NaN-safe)."""
    lat, lon = np.asarray(lat, float), np.asarray(lon, float)
    place = np.full(len(lat), -1)
    km = np.full(len(lat), np.nan)
    todo = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90)
                          & (np.abs(lon) <= 180))
    for grid in grids:
        for chunk in np.array_split(todo, max(1, len(todo) // CHUNK)):
            p, d, certain = grid.nearest(lat[chunk], lon[chunk], index.place_lat, index.place_lon)
            place[chunk[certain]], km[chunk[certain]] = p[certain], d[certain]
        todo = todo[place[todo] < 0]
    for i in todo:  # no place within the coarsest block: compare with every place
        d = haversine_km(lat[i], lon[i], index.place_lat, index.place_lon)
        place[i], km[i] = int(np.argmin(d)), float(d.min())
    return place, km


class ReverseGeocoder:
    def __init__(self, index: GazetteerIndex, data_dir: Path):
        self.index = index
        self.grids = [_Grid(index.place_lat, index.place_lon, cell) for cell in GRID_CELLS_DEG]
        self.countries = _polygons(data_dir / "basemap" / "countries.geojson",
                                   lambda row: row.get("iso_a2"))
        self.oblasts = _polygons(data_dir / "boundaries" / "ukraine_admin1.geojson",
                                 lambda row: oblast_of(row, index.admin1_names, index.admin1))

    def reverse_column(self, latitudes, longitudes) -> pd.DataFrame:
        """Per point: nearest place (label, GeoNames id, km), country ISO2, admin1 name."""
        lat, lon = np.asarray(latitudes, float), np.asarray(longitudes, float)
        place, km = nearest_places(self.index, self.grids, lat, lon)
        known = place >= 0
        country = np.where(known, self.index.place_country[place].astype(str), "").astype(object)
        region = np.array([self.index.place_admin1[p] if p >= 0 else -1 for p in place])
        method = np.where(known, "nearest place", "").astype(object)
        inside, oblast = _inside(self.countries, lat, lon), _inside(self.oblasts, lat, lon)
        country = np.where(pd.notna(inside), inside, country)
        region = np.where(pd.notna(oblast), oblast, region)
        method[pd.notna(inside)] = "polygon"
        return pd.DataFrame({
            "reverse_place": [self._label(p) for p in place],
            "reverse_place_id": [f"geonames:{self.index.place_id[p]}" if p >= 0 else ""
                                 for p in place],
            "reverse_distance_km": km.round(2),
            "reverse_country": country,
            "reverse_admin1": [self.index.admin1[int(a)]["name"] if a >= 0 else "" for a in region],
            "reverse_method": method,
        })

    def _label(self, p: int) -> str:
        if p < 0:
            return ""
        region = self.index.admin1_of(p)
        return f"{self.index.name_of(p)}, {region['name']}" if region else self.index.name_of(p)


def _polygons(path: Path, identify):
    """(STRtree, ids) of the polygons in `path` that `identify` names; None if absent."""
    if not path.exists():
        return None
    import shapely

    from geo.shipped import read_geojson

    frame = read_geojson(path)
    ids = [identify(row) for _, row in frame.iterrows()]
    keep = [i for i, ident in enumerate(ids) if ident is not None]
    return shapely.STRtree(frame.geometry.to_numpy()[keep]), np.array(
        [ids[i] for i in keep], dtype=object)


def _inside(polygons, lat, lon) -> np.ndarray:
    """Id of the polygon containing each point, else None."""
    found = np.full(len(lat), None, dtype=object)
    if polygons is None or len(lat) == 0:
        return found
    import shapely

    tree, ids = polygons
    ok = np.isfinite(lat) & np.isfinite(lon)
    points = shapely.points(np.where(ok, lon, 0), np.where(ok, lat, 0))
    point_at, polygon_at = tree.query(points, predicate="within")
    keep = ok[point_at]
    found[point_at[keep]] = ids[polygon_at[keep]]
    return found


def load_reverse_geocoder(settings: Settings | None = None) -> ReverseGeocoder:
    """The reverse geocoder of these settings, built once per process."""
    return _cached_reverse(settings or Settings.from_env())


@functools.lru_cache(maxsize=4)
def _cached_reverse(settings: Settings) -> ReverseGeocoder:
    index = load_index(settings.cache_dir, GazetteerSources.from_data_dir(settings.data_dir))
    return ReverseGeocoder(index, settings.data_dir)
