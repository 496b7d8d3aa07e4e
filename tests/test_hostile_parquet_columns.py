"""Parquet tables as other programs write them: a column name given twice (Arrow allows it)
made one column whose cell held both values as numpy prints them ("['Kyiv' 'Odesa']",
stored as the place); a float NaN, which is a value and not a null, was an empty cell, and a
NaN latitude was named 'empty'."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from geo.commands._cli import main
from geo.importing.readers.dispatch import read_file


def parquet(tmp_path, columns: dict[str, list], names: list[str] | None = None):
    table = pa.Table.from_arrays([pa.array(v, from_pandas=False) for v in columns.values()],
                                 names=names or list(columns))
    path = tmp_path / "strikes.parquet"
    pq.write_table(table, path)
    return path


def test_a_column_named_twice_is_kept_twice_as_a_csv_s_is(tmp_path):
    path = parquet(tmp_path, {"date": ["2025-08-01"], "a": ["Kyiv"], "b": ["Odesa"],
                              "lat": [50.45], "lon": [30.52]},
                   names=["date", "place", "place", "lat", "lon"])
    table = read_file(path.read_bytes(), path.name)
    assert table.frame.loc[1, "place"] == "Kyiv" and table.frame.loc[1, "place (2)"] == "Odesa"


def test_a_nan_latitude_is_named_as_the_file_holds_it_and_a_null_is_empty(tmp_path, capsys):
    path = parquet(tmp_path, {"date": ["2025-08-01", "2025-08-02"],
                              "lat": [float("nan"), None], "lon": [30.52, 30.6],
                              "place": ["Kyiv", "Odesa"]})
    table = read_file(path.read_bytes(), path.name)
    assert table.frame["lat"].tolist() == ["NaN", ""]
    assert main(["import", str(path), "--db", str(tmp_path / "s.sqlite")]) == 1
    said = capsys.readouterr().out
    assert "Row 1: longitude is given but latitude is 'NaN', which is no number" in said, said
    assert "Row 2: longitude is given but latitude is empty" in said, said
