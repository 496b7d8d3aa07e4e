"""A workbook's rows named by the numbers the spreadsheet shows at its left. GDAL's XLSX
driver numbers its features otherwise: it leaves out the empty rows above the header and,
after those, some empty rows between data rows (Excel saves no element for a row nobody
typed in) and keeps others, so a problem of the sheet's row 5 was named 'Row 4', or 'Row
2' below a blank row under a title."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from geo.commands._cli import main
from geo.importing.readers.dispatch import read_file
from tests.support.xlsx import workbook

HEADER = ["date", "place", "latitude", "longitude"]


def as_excel_saves(data: bytes) -> bytes:
    """The workbook without an element for an empty row, as Excel saves one."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = re.sub(rb'<row r="\d+"></row>', b"", body)
            target.writestr(item, body)
    return out.getvalue()


SHEETS = {
    "blank rows between": [HEADER, ["2025-08-01", "Kyiv", "50.45", "30.52"], [], [],
                           ["2025-08-02", "Odesa", "abc", "30.72"]],
    "blank rows above": [[], [], HEADER, ["2025-08-01", "Kyiv", "50.45", "30.52"], [],
                         ["2025-08-02", "Odesa", "abc", "30.72"]],
    "a title, blank rows": [["Strikes, August 2025"], [], HEADER,
                            ["2025-08-01", "Kyiv", "50.45", "30.52"], [],
                            ["2025-08-02", "Odesa", "abc", "30.72"]],
}


@pytest.mark.parametrize("saved", [lambda data: data, as_excel_saves],
                         ids=["empty row elements", "as Excel saves"])
@pytest.mark.parametrize("layout", list(SHEETS))
def test_a_row_is_named_by_the_sheet_s_own_number(layout, saved):
    rows = SHEETS[layout]
    table = read_file(saved(workbook({"Strikes": rows})), "strikes.xlsx")
    odesa = len(rows)                       # the spreadsheet's number of the last row
    kyiv = next(n for n, row in enumerate(rows, start=1) if "Kyiv" in row)
    assert list(table.frame.index) == [kyiv, odesa], layout
    assert not any("could not be matched" in note for note in table.notes), table.notes


def test_the_command_line_names_the_sheet_s_row(tmp_path, capsys):
    path = tmp_path / "strikes.xlsx"
    path.write_bytes(as_excel_saves(workbook({"Strikes": SHEETS["blank rows between"]})))
    assert main(["import", str(path), "--db", str(tmp_path / "s.sqlite")]) == 0
    said = capsys.readouterr().out
    assert "1 added" in said and "Row 5: latitude 'abc' is not a number" in said, said
