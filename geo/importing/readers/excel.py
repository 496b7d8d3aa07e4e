"""Excel workbooks (.xlsx) -> text cells, read by GDAL's XLSX driver through pyogrio.

The first row of a sheet is always its header. Dates typed as dates in Excel come out in
ISO form (2025-08-08, 2025-08-08T01:23:00); numbers as Excel shows them without a
trailing '.0'. The first sheet with data rows is read; the others are named in a note.
"""

from __future__ import annotations

import contextlib
import io
import xml.etree.ElementTree as ET
import zipfile
import zlib

from geo.errors import InputFileError
from geo.importing.readers.features import on_disk, read_layers
from geo.importing.readers.table import RawTable, text_frame

XLSX_OPTIONS = {"OGR_XLSX_HEADERS": "FORCE"}
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
UNREADABLE = (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError,
              NotImplementedError, zlib.error, ET.ParseError)


def _sheet_path(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member of the sheet named `sheet` (workbook.xml, then its relationships)."""
    try:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        relations = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return None
    ids = {s.get("name"): s.get(f"{{{RELATIONS}}}id") for s in workbook.iter(f"{{{MAIN}}}sheet")}
    targets = {r.get("Id"): r.get("Target", "") for r in relations}
    target = targets.get(ids.get(sheet), "")
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}" if target else None


def _formulas_without_values(data: bytes, sheet: str) -> dict[int, list[str]]:
    """Row (1 = the first below the header) -> its cells holding a formula the workbook
    keeps no value of (a file a script wrote, never opened in a spreadsheet): GDAL reads
    them as empty, so a latitude or a date would be lost without a word."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = _sheet_path(archive, sheet)
            xml = archive.read(path) if path else b""
    except UNREADABLE:  # damaged where GDAL did not look: GDAL's reading stands
        return {}
    if b"<f" not in xml:  # no formula at all: the usual workbook
        return {}
    found: dict[int, list[str]] = {}
    with contextlib.suppress(ET.ParseError):  # damaged: the cells found before it are said
        _find_formulas(xml, found)
    return found


def _find_formulas(xml: bytes, found: dict[int, list[str]]) -> None:
    for _, cell in ET.iterparse(io.BytesIO(xml)):
        if cell.tag != f"{{{MAIN}}}c":
            continue
        formula, value = cell.find(f"{{{MAIN}}}f"), cell.find(f"{{{MAIN}}}v")
        if formula is not None and value is None:  # <v/> is a value: an empty text
            reference = cell.get("r", "")
            row = int("".join(ch for ch in reference if ch.isdigit()) or 0) - 1
            written = f" (={formula.text})" if formula.text else ""
            found.setdefault(row, []).append(
                f"cell {reference} holds a formula{written} the workbook keeps no value of; "
                "open and save the file in Excel or LibreOffice (they work it out), or type "
                "the value")
        cell.clear()


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
        for row, cells_without in _formulas_without_values(data, sheet).items():
            if row in table.frame.index:
                table.row_problems.setdefault(row, []).extend(
                    f"Row {row}: {cell}" for cell in cells_without)
        return table
    raise InputFileError(f"'{name}' is an Excel workbook whose sheets hold no data rows; "
                         "check that you saved the right workbook")
