"""Readers of the shipped geographic files in data/ (basemap, boundaries, pipelines), and
which of their polygons (countries, oblasts) holds each point: for the reverse geocoder and
for the import's check of swapped coordinates, which must not load the gazetteer for it."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np

from geo.errors import DataError

BASEMAP_PARTS = ("countries", "land_beyond", "lakes", "rivers", "coastline")


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    if not path.exists():
        raise DataError(f"Shipped data file is missing: '{path}'; restore it from git")
    frame = gpd.read_file(path, engine="pyogrio")
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        frame = frame.set_crs(4326, allow_override=True)
    return frame


def read_basemap(data_dir: Path) -> dict[str, gpd.GeoDataFrame]:
    return {part: read_geojson(data_dir / "basemap" / f"{part}.geojson") for part in BASEMAP_PARTS}


def read_pipelines(data_dir: Path) -> gpd.GeoDataFrame:
    return read_geojson(data_dir / "pipelines.geojson")


def read_admin1(data_dir: Path) -> gpd.GeoDataFrame:
    return read_geojson(data_dir / "boundaries" / "ukraine_admin1.geojson")


def read_polygons(path: Path, identify) -> list[tuple[object, object]] | None:
    """[(prepared polygon, id)] of the polygons in `path` that `identify` names; None if absent."""
    if not path.exists():
        return None
    import shapely

    frame = read_geojson(path)
    found = [(geometry, identify(row))
             for geometry, (_, row) in zip(frame.geometry, frame.iterrows(), strict=True)]
    found = [(geometry, ident) for geometry, ident in found if ident is not None]
    shapely.prepare([geometry for geometry, _ in found])
    return found


def polygon_ids(polygons, lat, lon) -> np.ndarray:
    """Id of the polygon containing each point, else None (bounding box first, then polygon)."""
    found = np.full(len(lat), None, dtype=object)
    if not polygons:
        return found
    import shapely

    open_points = np.isfinite(lat) & np.isfinite(lon)
    for geometry, ident in polygons:
        west, south, east, north = geometry.bounds
        near = np.flatnonzero(open_points & (lon >= west) & (lon <= east)
                              & (lat >= south) & (lat <= north))
        hit = near[shapely.contains_xy(geometry, lon[near], lat[near])]
        found[hit] = ident
        open_points[hit] = False
    return found
