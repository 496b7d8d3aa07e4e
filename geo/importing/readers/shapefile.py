"""Zipped shapefiles (.shp with its .shx, .dbf, .prj; NASA FIRMS's shapefile download) and
FlatGeobuf (.fgb) -> text cells and points, read by GDAL through pyogrio: every layer (each
.shp of the archive), reprojected to WGS84 when stored in another CRS. A row whose text
GDAL cut at a NUL is refused (geo.importing.readers.dbf_text)."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from geo.importing.readers.dbf_text import cut_cells
from geo.importing.readers.features import on_disk, read_layers, table_from_layers
from geo.importing.readers.table import RawTable


def read_shapefile_zip(data: bytes, name: str) -> RawTable:
    with on_disk(data, ".zip") as path:
        layers = read_layers(f"/vsizip/{path}", name, "zipped shapefile")
    table = table_from_layers(layers, name, file_format="Shapefile (zipped)", unit="feature")
    _refuse_cut_text(table, layers, data)
    return table


def _tables(data: bytes) -> dict[str, bytes]:
    """Each .dbf of the archive by its layer's name (the file name without .dbf)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {PurePosixPath(member).stem: archive.read(member)
                for member in archive.namelist() if member.lower().endswith(".dbf")}


def _refuse_cut_text(table: RawTable, layers, data: bytes) -> None:
    """Refuses each row with a text cell GDAL read only up to a NUL, naming the cell."""
    tables = _tables(data)
    first_row = 1
    for layer, frame in layers:
        count, cut = cut_cells(tables.get(layer, b""))
        for field, positions in cut.items() if count == len(frame) else ():
            for row in (positions + first_row).tolist():
                read = f" (it read only '{table.frame.at[row, field]}')" if (
                    field in table.frame and row in table.frame.index) else ""
                table.row_problems.setdefault(row, []).append(
                    f"Row {row}: its '{field}' cell holds a NUL character, after which the "
                    f"shapefile reader reads nothing{read}: remove the NUL characters from "
                    "the attribute table and export the file again")
        first_row += len(frame)


def read_flatgeobuf(data: bytes, name: str) -> RawTable:
    with on_disk(data, ".fgb") as path:
        layers = read_layers(path, name, "FlatGeobuf")
    return table_from_layers(layers, name, file_format="FlatGeobuf", unit="feature")
