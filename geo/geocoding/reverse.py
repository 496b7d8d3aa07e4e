"""Reverse geocoding: coordinates -> nearest settlement, first-level region and country.

Nearest settlement of the gazetteer (GeoNames or OpenStreetMap; not named sites, not postal
places, whose points are weak): the places are binned on a grid of 0.25° cells; each point
scans rings of cells around its own, all points at once with numpy, until the nearest place
found is closer than the scanned block's inner margin, which makes the answer exact (no
scipy here). Points more than 3° from any place are compared with all places. Country and
Ukrainian oblast come from the shipped polygons (data/basemap/countries.geojson, with
Crimea inside Ukraine, and data/boundaries/ukraine_admin1.geojson) where a point falls
inside one; elsewhere from the nearest place, and `reverse_method` says which.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from geo.geocoding.gazetteer import GazetteerIndex, load_index
from geo.geocoding.gazetteer_sources import GazetteerSources
from geo.geocoding.geodesy import KM_PER_DEGREE, haversine_km, outside_block_km
from geo.geocoding.region_names import oblast_of
from geo.settings import Settings
from geo.shipped import polygon_ids, read_polygons

GRID_CELL_DEG = 0.25
MAX_RING = 12              # 3 degrees; farther from every place, compare with all of them
CHUNK = 20_000


class PointGrid:
    """Points sorted by cell of a lat/lon grid, so one cell's points are a contiguous slice."""

    def __init__(self, lat: np.ndarray, lon: np.ndarray, cell: float = GRID_CELL_DEG):
        self.lat, self.lon, self.cell = lat, lon, cell
        self.rows, self.columns = int(np.ceil(180 / cell)) + 1, int(np.ceil(360 / cell))
        cells = self._cell_ids(*self._row_col(lat, lon))
        self.order = np.argsort(cells, kind="stable")
        self.sorted_cells = cells[self.order]

    @classmethod
    def for_radius(cls, lat: np.ndarray, lon: np.ndarray, km: float, reach: np.ndarray):
        """A grid whose cells are `km` wide east-west at the typical latitude of `reach` (the
        points that will be asked about): counting within km scans one ring for most."""
        typical = min(float(np.median(np.abs(reach))) + 1.0 if len(reach) else 0.0, 89.0)
        return cls(lat, lon, cell=max(km / (KM_PER_DEGREE * np.cos(np.radians(typical))), 0.01))

    def _row_col(self, lat, lon):
        return (np.floor((lat + 90) / self.cell).astype(np.int64),
                np.floor((lon + 180) / self.cell).astype(np.int64))

    def _cell_ids(self, row, col):
        return row * self.columns + col % self.columns

    def _pairs(self, lat, lon, row, col, ring: int, within_km=np.inf):
        """(query point, grid point, km) of each point with the grid points of the cells
        `ring` cells away from its own; with `within_km` (one for all points or one each),
        only the pairs that may lie that near (most of a ring's points are farther in
        latitude alone: no distance computed)."""
        span = np.arange(-ring, ring + 1)
        dr, dc = np.meshgrid(span, span, indexing="ij")
        edge = np.maximum(np.abs(dr), np.abs(dc)) == ring
        dr, dc = dr[edge], dc[edge]
        rows, cols = row[:, None] + dr, col[:, None] + dc
        inside = (rows >= 0) & (rows < self.rows)
        wanted = self._cell_ids(rows, cols)[inside]
        owner = np.broadcast_to(np.arange(len(lat))[:, None], rows.shape)[inside]
        start = np.searchsorted(self.sorted_cells, wanted, "left")
        count = np.searchsorted(self.sorted_cells, wanted, "right") - start
        query = np.repeat(owner, count)
        offset = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
        found = self.order[np.repeat(start, count) + offset]
        if np.isfinite(within_km).any():
            # a degree of latitude is 111.195 km, more than KM_PER_DEGREE: a pair farther
            # apart in latitude alone lies beyond reach
            reach = within_km[query] if np.ndim(within_km) else within_km
            far = np.abs(lat[query] - self.lat[found]) * KM_PER_DEGREE > reach
            query, found = query[~far], found[~far]
        km = haversine_km(lat[query], lon[query], self.lat[found], self.lon[found])
        return query, found, km

    def _scan(self, lat, lon, row, col, ring: int, best_place, best_km) -> None:
        """Compare each point with the places of the cells `ring` cells away from its own
        (those that may be nearer than the nearest found so far)."""
        query, found, km = self._pairs(lat, lon, row, col, ring, within_km=best_km)
        if len(query):
            np.minimum.at(best_km, query, km)
            nearest = km <= best_km[query]
            best_place[query[nearest]] = found[nearest]

    def count_within(self, lat: np.ndarray, lon: np.ndarray, km: float) -> np.ndarray:
        """How many grid points lie within `km` of each point (as many rings of cells as a
        cell's east-west width at the points' highest latitude takes)."""
        return self.counts_within(lat, lon, (km,))[0]

    def counts_within(self, lat: np.ndarray, lon: np.ndarray,
                      radii: tuple[float, ...]) -> list[np.ndarray]:
        """`count_within` for several radii at once, the cells scanned once for the widest."""
        row, col = self._row_col(lat, lon)
        counts = [np.zeros(len(lat), np.int64) for _ in radii]
        if len(lat) == 0:
            return counts
        # rings each point needs: the cell's east-west width at its latitude
        widest = np.minimum(np.abs(lat) + self.cell, 89.0)
        need = np.ceil(max(radii) / (self.cell * KM_PER_DEGREE * np.cos(np.radians(widest))))
        for ring in range(int(need.max()) + 1):
            some = np.flatnonzero(need >= ring)
            query, _, distance = self._pairs(lat[some], lon[some], row[some], col[some], ring,
                                             within_km=max(radii))
            for km, count in zip(radii, counts, strict=True):
                np.add.at(count, some[query[distance <= km]], 1)
        return counts

    def nearest(self, lat: np.ndarray, lon: np.ndarray, max_ring: int = MAX_RING,
                within_km: float = np.inf):
        """(point, km) of the nearest grid point to each, -1/inf where none within max_ring.
        Beyond `within_km` it is not looked for: a point farther from every grid point gets
        the nearest found so far or -1/inf.

        Rings of cells are added around each point until the nearest place found is closer
        than the searched block's inner margin, which makes the answer exact."""
        row, col = self._row_col(lat, lon)
        best_place, best_km = np.full(len(lat), -1), np.full(len(lat), np.inf)
        todo = np.arange(len(lat))
        for ring in range(max_ring + 1):
            place, km = best_place[todo], best_km[todo]
            self._scan(lat[todo], lon[todo], row[todo], col[todo], ring, place, km)
            best_place[todo], best_km[todo] = place, km
            margin = 0.99 * outside_block_km(lat[todo], ring * self.cell)
            certain = km <= margin
            beyond = ~certain & (margin >= within_km)   # none within within_km
            best_place[todo[beyond]], best_km[todo[beyond]] = -1, np.inf
            todo = todo[~certain & ~beyond]
            if len(todo) == 0:
                break
        best_place[todo], best_km[todo] = -1, np.inf
        return best_place, best_km


def nearest_places(grid: PointGrid, lat, lon):
    """Index and distance (km) of the nearest GeoNames place to each point (NaN-safe)."""
    lat, lon = np.asarray(lat, float), np.asarray(lon, float)
    place, km = np.full(len(lat), -1), np.full(len(lat), np.nan)
    valid = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90)
                           & (np.abs(lon) <= 180))
    for chunk in np.array_split(valid, max(1, len(valid) // CHUNK)):
        place[chunk], km[chunk] = grid.nearest(lat[chunk], lon[chunk])
    far = valid[place[valid] < 0]  # open ocean, far from any place: compare with all of them
    if len(far):
        everywhere = unit_vectors(grid.lat, grid.lon).T
        for chunk in np.array_split(far, max(1, len(far) // 64)):
            cosine = unit_vectors(lat[chunk], lon[chunk]) @ everywhere
            place[chunk] = np.argmax(cosine, axis=1)
            km[chunk] = haversine_km(lat[chunk], lon[chunk], grid.lat[place[chunk]],
                                     grid.lon[place[chunk]])
    return place, km


def unit_vectors(lat, lon) -> np.ndarray:
    """(n, 3) points on the unit sphere: the largest dot product is the nearest point."""
    lat, lon = np.radians(np.asarray(lat, float)), np.radians(np.asarray(lon, float))
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


class ReverseGeocoder:
    def __init__(self, index: GazetteerIndex, data_dir: Path):
        self.index = index
        self.places = index.settlements
        self.grid = PointGrid(index.place_lat[self.places], index.place_lon[self.places])
        self.countries = read_polygons(data_dir / "basemap" / "countries.geojson",
                                   lambda row: row.get("iso_a2"))
        self.oblasts = read_polygons(data_dir / "boundaries" / "ukraine_admin1.geojson",
                                 lambda row: oblast_of(row, index.admin1_names, index.admin1))

    def reverse_column(self, latitudes, longitudes) -> pd.DataFrame:
        """Per point: nearest place (label, GeoNames id, km), country ISO2, admin1 name."""
        lat, lon = np.asarray(latitudes, float), np.asarray(longitudes, float)
        place, km = nearest_places(self.grid, lat, lon)
        place = np.where(place >= 0, self.places[place], -1)
        found, where = np.unique(place, return_inverse=True)   # label each place once
        known = found >= 0
        region = np.where(known, self.index.place_admin1[found], -1)
        label = [self._label(p) if p >= 0 else "" for p in found.tolist()]
        ident = [self.index.ident_of(p) if p >= 0 else "" for p in found.tolist()]
        country = np.where(known, self.index.place_country[found].astype(str), "")[where]
        region, method = region[where], np.where(place >= 0, "nearest place", "").astype(object)
        inside = polygon_ids(self.countries, lat, lon)
        oblast = polygon_ids(self.oblasts, lat, lon)
        country = np.where(pd.notna(inside), inside, country)
        region = np.where(pd.notna(oblast), oblast, region).astype(np.int64)
        method[pd.notna(inside)] = "polygon"
        names = np.array([a["name"] for a in self.index.admin1] + [""], dtype=object)
        return pd.DataFrame({
            "reverse_place": np.array(label, dtype=object)[where],
            "reverse_place_id": np.array(ident, dtype=object)[where],
            "reverse_distance_km": km.round(2),
            "reverse_country": country,
            "reverse_admin1": names[region],   # -1 picks the trailing ""
            "reverse_method": method,
        })

    def _label(self, p: int) -> str:
        region = self.index.admin1_of(p)
        return f"{self.index.name_of(p)}, {region['name']}" if region else self.index.name_of(p)


def load_reverse_geocoder(settings: Settings | None = None) -> ReverseGeocoder:
    """The reverse geocoder of these settings, built once per process."""
    return _cached_reverse(settings or Settings.from_env())


@functools.lru_cache(maxsize=4)
def _cached_reverse(settings: Settings) -> ReverseGeocoder:
    index = load_index(settings.cache_dir, GazetteerSources.from_data_dir(settings.data_dir))
    return ReverseGeocoder(index, settings.data_dir)
