"""Excel workbooks (.xlsx) -> text cells, read by GDAL's XLSX driver through pyogrio.

The first row of a sheet is always its header. Dates typed as dates in Excel come out in
ISO form (2025-08-08, 2025-08-08T01:23:00); numbers as Excel shows them without a
trailing '.0'. The first sheet whose columns hold a date and a location is read (else the
first with data rows: the import then names what it lacks); the others are named in a note.
"""

from __future__ import annotations

from geo.errors import InputFileError
from geo.importing.columns import readable
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
    tables = []
    for sheet, frame in sheets:
        columns = {c: frame[c].to_numpy(dtype=object) for c in frame.columns
                   if c != "geometry"}
        try:
            tables.append((sheet, text_frame(columns, name, unit="row")))
        except InputFileError:
            continue  # a sheet of empty rows: try the next one
    if not tables:
        raise InputFileError(f"'{name}' is an Excel workbook whose sheets hold no data rows; "
                             "check that you saved the right workbook")
    # a 'Read me' or legend sheet before the data: the first sheet that can be imported
    sheet, cells = next(((s, c) for s, c in tables if readable(c.columns)), tables[0])
    table = RawTable(cells, name, file_format=f"Excel workbook, sheet '{sheet}'", unit="row")
    others = [s for s, _ in sheets if s != sheet]
    if others:
        table.notes.append(f"Read the sheet '{sheet}'; the workbook's other sheets "
                           f"({', '.join(others)}) were not read: save one as its own "
                           "file to import it")
    return table
