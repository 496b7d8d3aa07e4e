"""Cells of an .xlsx sheet holding a formula the workbook keeps no value of (a file a
script wrote, never opened in a spreadsheet): GDAL reads them as empty, so a latitude or a
date would be lost without a word. Read from the sheet's XML, only when it has a formula."""

from __future__ import annotations

import contextlib
import io
import xml.etree.ElementTree as ET
import zipfile
import zlib

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
UNREADABLE = (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError,
              NotImplementedError, zlib.error, ET.ParseError)


def sheet_path(archive: zipfile.ZipFile, sheet: str) -> str | None:
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


def formulas_without_values(data: bytes, sheet: str) -> dict[int, list[tuple[int, str]]]:
    """Row (the sheet's own number, 1 = its first row) -> (column, 0 = A; what to do) of
    its cells holding a formula the workbook keeps no value of (a file a script wrote,
    never opened in a spreadsheet): GDAL reads them as empty, so a latitude or a date would
    be lost without a word."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = sheet_path(archive, sheet)
            xml = archive.read(path) if path else b""
    except UNREADABLE:  # damaged where GDAL did not look: GDAL's reading stands
        return {}
    if b"<f" not in xml:  # no formula at all: the usual workbook
        return {}
    found: dict[int, list[tuple[int, str]]] = {}
    with contextlib.suppress(ET.ParseError):  # damaged: the cells found before it are said
        _find_formulas(xml, found)
    return found


def _find_formulas(xml: bytes, found: dict[int, list[tuple[int, str]]]) -> None:
    for _, cell in ET.iterparse(io.BytesIO(xml)):
        if cell.tag != f"{{{MAIN}}}c":
            continue
        formula, value = cell.find(f"{{{MAIN}}}f"), cell.find(f"{{{MAIN}}}v")
        if formula is not None and value is None:  # <v/> is a value: an empty text
            reference = cell.get("r", "")
            row = int("".join(ch for ch in reference if ch.isdigit()) or 0)
            column = 0
            for letter in (ch for ch in reference if ch.isalpha()):
                column = column * 26 + ord(letter.upper()) - 64
            written = f" (={formula.text})" if formula.text else ""
            found.setdefault(row, []).append((column - 1, (
                f"cell {reference} holds a formula{written} the workbook keeps no value of; "
                "open and save the file in Excel or LibreOffice (they work it out), or type "
                "the value")))
        cell.clear()
