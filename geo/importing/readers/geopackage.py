"""GeoPackage (.gpkg) -> text cells and points, read by GDAL through pyogrio: every layer
with features (attribute tables too), reprojected to WGS84 when stored in another CRS."""

from __future__ import annotations

from geo.importing.readers.features import on_disk, read_layers, table_from_layers
from geo.importing.readers.table import RawTable


def read_geopackage(data: bytes, name: str) -> RawTable:
    with on_disk(data, ".gpkg") as path:
        layers = read_layers(path, name, "GeoPackage")
    return table_from_layers(layers, name, file_format="GeoPackage", unit="feature")
