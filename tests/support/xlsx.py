"""A minimal .xlsx workbook written by hand (no spreadsheet library is installed): sheets of
text cells, an empty string leaving its cell out, as Excel saves a cell nobody typed in."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>{sheets}</Types>')
SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
              'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell(reference: str, value: str | float) -> str:
    """A text cell, or a number cell for a number (a date Excel shows as its day number)."""
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'


def _sheet(rows: list[list[str | float]]) -> str:
    lines = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell(f"{_column(c)}{r}", v) for c, v in enumerate(row) if v != "")
        lines.append(f'<row r="{r}">{cells}</row>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
            f'<sheetData>{"".join(lines)}</sheetData></worksheet>')


def workbook(sheets: dict[str, list[list[str | float]]]) -> bytes:
    data = io.BytesIO()
    names = list(sheets)
    with zipfile.ZipFile(data, "w") as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.format(sheets="".join(
            SHEET_TYPE.format(n=n) for n in range(1, len(names) + 1))))
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
            f'xmlns:r="{RELS}"><sheets>' + "".join(
                f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
                for n, name in enumerate(names, start=1)) + "</sheets></workbook>"))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">' + "".join(
                f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>' for n in range(1, len(names) + 1))
            + "</Relationships>"))
        for n, name in enumerate(names, start=1):
            z.writestr(f"xl/worksheets/sheet{n}.xml", _sheet(sheets[name]))
    return data.getvalue()
