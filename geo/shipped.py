"""Readers of the shipped geographic files in data/ (basemap, boundaries, pipelines)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

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
