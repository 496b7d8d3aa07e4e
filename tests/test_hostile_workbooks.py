"""Workbooks as the person sees them in the spreadsheet.

Rows are named by the numbers the spreadsheet shows at their left. GDAL's XLSX driver
numbers its features otherwise: it leaves out the empty rows above the header and, after
those, some empty rows between data rows (Excel saves no element for a row nobody typed
in) and keeps others, so a problem of the sheet's row 5 was named 'Row 4', or 'Row 2'
below a blank row under a title.

Text escaped as OOXML writes what XML cannot hold ('_x000D_') is decoded: GDAL passed it on
as written, so a description pasted from a Windows text read 'one_x000D_ two'."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from geo.commands._cli import main
from geo.importing.readers.dispatch import read_file
from tests.support.database import scalar
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


def test_ooxml_escapes_in_cells_and_headers_are_the_characters_they_stand_for(tmp_path, capsys):
    rows = [["date", "place_x0020_name", "latitude", "longitude", "description"],
            ["2025-08-01", "Kyiv", "50.45", "30.52",
             "one_x000D_\ntwo, _x005F_x000D_ as typed, _xD83D__xDE80_ and _xD800_ alone"]]
    table = read_file(workbook({"Strikes": rows}), "strikes.xlsx")
    assert list(table.frame.columns)[1] == "place name"
    assert table.frame.loc[2, "description"] == (
        "one\r\ntwo, _x000D_ as typed, \U0001F680 and ‹U+D800› alone")
    assert any("1 escape(s) of a lone surrogate" in note for note in table.notes), table.notes
    path = tmp_path / "strikes.xlsx"
    path.write_bytes(workbook({"Strikes": rows}))
    db = tmp_path / "s.sqlite"
    assert main(["import", str(path), "--db", str(db)]) == 0
    assert "1 added" in capsys.readouterr().out
    assert scalar(f"sqlite:///{db}", "SELECT description FROM incidents WHERE place = 'Kyiv' "
                  "AND date_start = '2025-08-01'") == (
        "one\r\ntwo, _x000D_ as typed, \U0001F680 and ‹U+D800› alone")


def test_an_escaped_nul_is_shown_as_its_mark():
    rows = [HEADER, ["2025-08-01", "Ky_x0000_iv", "50.45", "30.52"]]
    table = read_file(workbook({"Strikes": rows}), "strikes.xlsx")
    assert table.frame.loc[2, "place"] == "Ky‹U+0000›iv"
