"""geo.sharing.csv_safety: spreadsheet formula injection in the CSV files we write."""

from __future__ import annotations

import pandas as pd

from geo.sharing.csv_safety import neutralise_formulas


def test_cells_a_spreadsheet_would_run_become_text():
    frame = pd.DataFrame({"a": ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "plain", "a=b"]})
    out = neutralise_formulas(frame)
    assert out["a"].tolist() == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\t=x", "plain", "a=b"]


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
