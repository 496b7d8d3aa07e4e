"""Excel workbooks (.xlsx) -> text cells, read by GDAL's XLSX driver through pyogrio.

The first row of a sheet is always its header. Dates typed as dates in Excel come out in
ISO form (2025-08-08, 2025-08-08T01:23:00); numbers as Excel shows them without a
trailing '.0'. The first sheet with data rows is read; the others are named in a note.
"""

from __future__ import annotations

from geo.errors import InputFileError
from geo.importing.readers.features import on_disk, read_layers
from geo.importing.readers.table import RawTable, text_frame

XLSX_OPTIONS = {"OGR_XLSX_HEADERS": "FORCE"}


def read_excel(data: bytes, name: str) -> RawTable:
    import pyogrio  # GDAL: loaded for a workbook, not for every import

    previous = {key: pyogrio.get_gdal_config_option(key) for key in XLSX_OPTIONS}
    pyogrio.set_gdal_config_options(XLSX_OPTIONS)
    try:
        with on_disk(data, ".xlsx") as path:
            sheets = read_layers(path, name, "Excel workbook")
    finally:
        pyogrio.set_gdal_config_options(previous)
    for sheet, frame in sheets:
        columns = {c: frame[c].to_numpy(dtype=object) for c in frame.columns
                   if c != "geometry"}
        try:
            cells = text_frame(columns, name, unit="row")
        except InputFileError:
            continue  # a sheet of empty rows: try the next one
        table = RawTable(cells, name, file_format=f"Excel workbook, sheet '{sheet}'",
                         unit="row")
        others = [s for s, _ in sheets if s != sheet]
        if others:
            table.notes.append(f"Read the sheet '{sheet}'; the workbook's other sheets "
                               f"({', '.join(others)}) were not read: save one as its own "
                               "file to import it")
        return table
    raise InputFileError(f"'{name}' is an Excel workbook whose sheets hold no data rows; "
                         "check that you saved the right workbook")
