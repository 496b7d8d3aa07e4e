"""Dates no calendar holds, as a careless or hostile file writes them: year 0 ('0000-01-01',
'0000'), which pandas reads but Python's dates do not hold, so the import ended in a
traceback. Each is the row's error, naming the date."""

from __future__ import annotations

import pytest

from geo.commands._cli import main

HEADER = "date,latitude,longitude,place,category,description\n"


@pytest.mark.parametrize("date", ["0000-01-01", "0000", "0000-01"])
def test_a_date_in_year_zero_refuses_its_row_not_the_import(tmp_path, capsys, date):
    path = tmp_path / "year0.csv"
    path.write_text(HEADER + f"{date},46.5,30.7,Odesa,strike,a\n"
                    "2025-08-08,46.5,30.7,Odesa,strike,b\n", encoding="utf-8")
    code = main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.sqlite")])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "1 would be added" in out and f"date '{date}' is not a date" in out, out
