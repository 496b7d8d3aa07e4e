"""The numbers, as the spreadsheet shows them at its left, of an .xlsx sheet's rows that
hold a value. GDAL's XLSX driver numbers its features otherwise: it leaves out the empty
rows above the header and, after those, some empty rows between data rows, and keeps
others, so 'Row 4' named the sheet's row 5 or 6. Read from the sheet's XML with a pattern
(a sheet of 100,000 rows is no tree of elements), an empty cell being one without a value
(a formatted cell, a formula the workbook keeps no value of: GDAL reads both as empty)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

from geo.importing.readers.excel_formulas import MAIN, UNREADABLE, sheet_path

ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(/>|>(.*?)</(?:\w+:)?row>)", re.S)
NUMBER = re.compile(rb"\br=\"(\d+)\"")
# a value (<v>), or inline text (<is><t>): non-empty
VALUE = re.compile(rb"<(?:\w+:)?(?:v|t)(?:\s[^>]*)?>[^<]")
SHARED_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*\bt=\"s\"[^>]*>\s*<(?:\w+:)?v>(\d+)<", re.S)


def filled_rows(data: bytes, sheet: str) -> list[int] | None:
    """The sheet's row numbers (1 = its first row) of the rows holding a value, in order;
    None when the sheet cannot be read so (GDAL's numbering then stands, and is said)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            path = sheet_path(archive, sheet)
            if path is None:
                return None
            xml = archive.read(path)
            empty = _empty_shared_strings(archive)
    except UNREADABLE:
        return None
    rows, last = [], 0
    for match in ROW.finditer(xml):
        number = NUMBER.search(match.group(1))
        last = int(number.group(1)) if number else last + 1   # r is optional: the next
        content = match.group(3) or b""
        if VALUE.search(content) and not (empty and _only_empty_shared(content, empty)):
            rows.append(last)
    return rows


def _empty_shared_strings(archive: zipfile.ZipFile) -> set[int]:
    """The indices of the workbook's shared strings that are empty (most workbooks: none)."""
    try:
        table = archive.read("xl/sharedStrings.xml")
    except KeyError:
        return set()
    if b"<t/>" not in table and b"<t></t>" not in table and b"/>" not in table:
        return set()
    try:
        root = ET.fromstring(table)
    except ET.ParseError:
        return set()
    return {i for i, item in enumerate(root.iter(f"{{{MAIN}}}si"))
            if not "".join(t.text or "" for t in item.iter(f"{{{MAIN}}}t"))}


def _only_empty_shared(content: bytes, empty: set[int]) -> bool:
    """Whether every value of the row is a shared string that is empty."""
    shared = SHARED_CELL.findall(content)
    return len(shared) == len(VALUE.findall(content)) and all(
        int(index) in empty for index in shared)
