"""geo.sharing.csv_safety: spreadsheet formula injection in the CSV files we write."""

from __future__ import annotations

import pandas as pd

from geo.sharing.csv_safety import neutralise_formulas


def test_cells_a_spreadsheet_would_run_become_text():
    frame = pd.DataFrame({"a": ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "plain", "a=b"]})
    out = neutralise_formulas(frame)
    assert out["a"].tolist() == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\t'=x", "plain", "a=b"]


def test_numbers_and_non_text_columns_are_left_alone():
    frame = pd.DataFrame({"lat": [-33.5, 46.1], "text_number": ["-33.5", "+4"],
                          "missing": [None, "=x"]})
    out = neutralise_formulas(frame)
    assert out["lat"].tolist() == [-33.5, 46.1]
    assert out["text_number"].tolist() == ["-33.5", "+4"]
    assert out["missing"].isna().iat[0] and out["missing"].iat[1] == "'=x"


def test_header_names_are_neutralised_and_the_input_is_not_changed():
    frame = pd.DataFrame({"=cmd": ["=x"]})
    out = neutralise_formulas(frame)
    assert list(out.columns) == ["'=cmd"]
    assert frame.iat[0, 0] == "=x"


def test_categorical_and_arrow_text_columns_are_neutralised_too():
    frame = pd.DataFrame({"status": pd.Categorical(["=1+1", "ok", "=1+1"]),
                          "note": pd.array(["@SUM(A1)", "x", None], dtype="string[pyarrow]")})
    out = neutralise_formulas(frame)
    assert out["status"].tolist() == ["'=1+1", "ok", "'=1+1"]
    assert out["note"].tolist()[:2] == ["'@SUM(A1)", "x"]


def test_a_formula_after_a_semicolon_or_a_tab_becomes_text_too():
    """Excel where the list separator is ';' (German, Ukrainian, French settings) opens a
    comma CSV split at each ';' (LibreOffice offers ';' and tab): 'x;=HYPERLINK(...)' was
    written as it is and ran as a cell of its own."""
    frame = pd.DataFrame({"a": ["Strike;=HYPERLINK(\"http://203.0.113.9\",\"x\")",
                                "a\t+1+1", "a; @SUM(A1)", "2025;-5", "a;b", "=x;=y"]})
    out = neutralise_formulas(frame)
    assert out["a"].tolist() == ["Strike;'=HYPERLINK(\"http://203.0.113.9\",\"x\")",
                                 "a\t'+1+1", "a; '@SUM(A1)", "2025;-5", "a;b", "'=x;'=y"]


def test_every_cell_of_every_csv_the_commands_write_is_inert_split_at_semicolons(tmp_path):
    import csv
    import io

    from geo.commands._cli import main
    from tests.support.hostile import hostile_store

    hostile_store(tmp_path / "h.sqlite").add_batch("semicolons", _semicolon_rows(), file_name="s")
    out = tmp_path / "out.csv"
    assert main(["export", "-o", str(out), "--db", str(tmp_path / "h.sqlite")]) == 0
    text = out.read_text(encoding="utf-8-sig")
    cells = [cell.strip() for row in csv.reader(io.StringIO(text), delimiter=";")
             for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")], text[:500]


def _semicolon_rows():
    from geo.records import coerce_incidents

    return coerce_incidents(pd.DataFrame([{
        "incident_id": "semi-1", "date_start": "2025-08-01", "date_end": "2025-08-01",
        "date_precision": "day", "category": "strike", "latitude": 46.5, "longitude": 30.7,
        "geo_precision": "town", "claim_status": "reported", "site_id": "",
        "description": "Strike;=HYPERLINK(\"http://203.0.113.9/x\",\"open\")",
        "place": "Odesa;+cmd|' /C calc'!A0", "source_name": "a\t@SUM(1)"}]))
