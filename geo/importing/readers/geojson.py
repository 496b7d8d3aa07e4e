"""GeoJSON (RFC 7946, and older files with a `crs` member) -> text cells and points, read by
GDAL through pyogrio: every feature's properties and a point for its geometry."""

from __future__ import annotations

from geo.importing.readers.features import on_disk, read_layers, table_from_layers
from geo.importing.readers.table import RawTable


def read_geojson(data: bytes, name: str) -> RawTable:
    with on_disk(data, ".geojson") as path:
        layers = read_layers(path, name, "GeoJSON")
    return table_from_layers(layers, name, file_format="GeoJSON", unit="feature")
