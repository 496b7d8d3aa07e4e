"""Zipped shapefiles (.shp with its .shx, .dbf, .prj; NASA FIRMS's shapefile download) and
FlatGeobuf (.fgb) -> text cells and points, read by GDAL through pyogrio: every layer (each
.shp of the archive), reprojected to WGS84 when stored in another CRS."""

from __future__ import annotations

from geo.importing.readers.features import on_disk, read_layers, table_from_layers
from geo.importing.readers.table import RawTable


def read_shapefile_zip(data: bytes, name: str) -> RawTable:
    with on_disk(data, ".zip") as path:
        layers = read_layers(f"/vsizip/{path}", name, "zipped shapefile")
    return table_from_layers(layers, name, file_format="Shapefile (zipped)", unit="feature")


def read_flatgeobuf(data: bytes, name: str) -> RawTable:
    with on_disk(data, ".fgb") as path:
        layers = read_layers(path, name, "FlatGeobuf")
    return table_from_layers(layers, name, file_format="FlatGeobuf", unit="feature")
