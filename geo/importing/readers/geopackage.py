"""GeoPackage (.gpkg) -> text cells and points, read by GDAL through pyogrio: every layer
with features (attribute tables too), reprojected to WGS84 when stored in another CRS; text
cells GDAL cut at a NUL are read whole (geo.importing.readers.geopackage_text). QGIS's own
tables (the styles it saves beside a layer, projects saved in the file) are no data: they
were read as one more layer, each style a row refused for its date."""

from __future__ import annotations

from geo.importing.readers.features import on_disk, read_layers, table_from_layers
from geo.importing.readers.geopackage_text import cut_cells
from geo.importing.readers.table import RawTable

QGIS_TABLES = frozenset({"layer_styles", "qgis_projects"})


def read_geopackage(data: bytes, name: str) -> RawTable:
    with on_disk(data, ".gpkg") as path:
        layers = read_layers(path, name, "GeoPackage")
        cut = cut_cells(path)
    unplaced = 0
    for layer, frame in layers:
        for (table, column), (features, cells) in cut.items():
            if table != layer or column not in frame.columns:
                continue
            if features != len(frame):  # GDAL reads a table's features in order, all of them
                unplaced += len(cells)
                continue
            values = frame[column].to_numpy(dtype=object).copy()
            for position, text in cells.items():
                values[position] = text
            frame[column] = values
    data_layers = [(layer, frame) for layer, frame in layers
                   if layer.lower() not in QGIS_TABLES]
    left = [layer for layer, _ in layers if layer.lower() in QGIS_TABLES]
    table = table_from_layers(data_layers or layers, name, file_format="GeoPackage",
                              unit="feature")
    if data_layers and left:
        table.notes.append(f"QGIS's own table(s) {', '.join(repr(t) for t in left)} (saved "
                           "styles, projects) were left out: they hold no data")
    if unplaced:
        table.notes.append(f"{unplaced:,} text cell(s) hold a NUL character, which GDAL reads "
                           "as their end: what follows it in them is not imported. Remove the "
                           "NUL characters and export the file again to keep it")
    return table
