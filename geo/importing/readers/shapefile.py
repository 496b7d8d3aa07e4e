"""Zipped shapefiles (.shp with its .shx, .dbf, .prj; NASA FIRMS's shapefile download) and
FlatGeobuf (.fgb) -> text cells and points, read by GDAL through pyogrio: every layer (each
.shp of the archive), reprojected to WGS84 when stored in another CRS. A row whose text
GDAL cut at a NUL is refused (geo.importing.readers.dbf_text).

A .dbf states its text's code page in a .cpg beside it or in its header's language driver
byte. One that states neither (older ArcView, MapInfo and Ukrainian or Russian cadastral
exports in Windows-1251) was refused with 'text that cannot be read (Wrapping ...
failed); save it again as UTF-8': its records are read as UTF-8 when they are, else as
Windows-1251 or -1252 as their bytes show, and the preview says so.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from geo.importing.readers.dbf_text import cut_cells
from geo.importing.readers.encodings import cyrillic_or_western
from geo.importing.readers.features import on_disk, read_layers, table_from_layers
from geo.importing.readers.flatgeobuf_header import with_whole_names
from geo.importing.readers.table import ENCODING_LABELS, RawTable

DBF_LANGUAGE_BYTE = 29
DBF_SAMPLE = 2**20
MAX_LOOKED_AT = 100   # .dbf files sampled from one archive (GDAL reads them all after)


def read_shapefile_zip(data: bytes, name: str) -> RawTable:
    encodings = unstated_encodings(data)
    with on_disk(data, ".zip") as path:
        layers = read_layers(f"/vsizip/{path}", name, "zipped shapefile",
                             encodings=encodings)
    table = table_from_layers(layers, name, file_format="Shapefile (zipped)", unit="feature")
    _refuse_cut_text(table, layers, data)
    for layer, encoding in encodings.items():
        if encoding != "utf-8":
            table.notes.append(
                f"'{layer}.dbf' states no code page (no .cpg beside it): its text was read "
                f"as {ENCODING_LABELS.get(encoding, encoding)}, as its bytes show")
    return table


def unstated_encodings(data: bytes) -> dict[str, str]:
    """Layer name -> the encoding of its .dbf's records, for each .dbf of the archive that
    states none: UTF-8 when they are, else Windows-1251 or -1252."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return {}   # the reader says what is wrong with it
    with archive:
        names = {n.lower(): n for n in archive.namelist()}
        found = {}
        tables = [member for lower, member in names.items()
                  if lower.endswith(".dbf") and lower[:-4] + ".cpg" not in names]
        for member in tables[:MAX_LOOKED_AT]:
            head = archive.open(member).read(DBF_SAMPLE)
            if len(head) <= DBF_LANGUAGE_BYTE or head[DBF_LANGUAGE_BYTE] != 0:
                continue
            records = head[int.from_bytes(head[8:10], "little"):]
            if max(records, default=0) < 0x80:
                continue
            try:
                records.decode("utf-8")
                encoding = "utf-8"
            except UnicodeDecodeError as error:
                # the sample may end inside a character
                encoding = "utf-8" if error.start >= len(records) - 3 else \
                    cyrillic_or_western(records)
            found[PurePosixPath(member).stem] = encoding
        return found


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
    layers = [(layer, with_whole_names(frame, data)) for layer, frame in layers]
    return table_from_layers(layers, name, file_format="FlatGeobuf", unit="feature")
