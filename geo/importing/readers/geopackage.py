"""GeoPackage (.gpkg) -> text cells and points, read by GDAL through pyogrio: every layer
with features (attribute tables too), reprojected to WGS84 when stored in another CRS.
QGIS's own tables (the styles it saves beside a layer, projects saved in the file) are no
data: they were read as one more layer, each style a row refused for its date."""

from __future__ import annotations

from geo.importing.readers.features import on_disk, read_layers, table_from_layers
from geo.importing.readers.table import RawTable

QGIS_TABLES = frozenset({"layer_styles", "qgis_projects"})


def read_geopackage(data: bytes, name: str) -> RawTable:
    with on_disk(data, ".gpkg") as path:
        layers = read_layers(path, name, "GeoPackage")
    data_layers = [(layer, frame) for layer, frame in layers
                   if layer.lower() not in QGIS_TABLES]
    left = [layer for layer, _ in layers if layer.lower() in QGIS_TABLES]
    table = table_from_layers(data_layers or layers, name, file_format="GeoPackage",
                              unit="feature")
    if data_layers and left:
        table.notes.append(f"QGIS's own table(s) {', '.join(repr(t) for t in left)} (saved "
                           "styles, projects) were left out: they hold no data")
    return table
