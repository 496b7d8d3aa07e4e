"""A small file of very many columns: naming them unique compared each with every name
before it (and a repeated name with each of its numbers), so a 1.3 MB CSV of 200,000
columns took 8 minutes and 2.5 GB to read in the import."""

from __future__ import annotations

import time

from geo.importing.readers.dispatch import read_file
from geo.importing.readers.table import unique_header


def test_repeated_and_numbered_names_stay_as_they_were_named():
    assert unique_header(["date", "date", "", "date (2)", "date", " x ", "x"]) == [
        "date", "date (2)", "column_3", "date (2) (2)", "date (3)", "x", "x (2)"]
    assert unique_header(["a (2)", "a", "a", "a"]) == ["a (2)", "a", "a (3)", "a (4)"]


def test_a_thousand_columns_of_one_name_are_named_at_once():
    columns = 1_000
    data = ("date," + ",".join(["x"] * (columns - 1)) + "\n2025-08-08," + ",".join(["1"] * columns)
            + "\n").encode()
    start = time.perf_counter()
    table = read_file(data, "wide.csv")
    assert time.perf_counter() - start < 5
    assert table.frame.columns[-1] == f"x ({columns - 1})"
    names = unique_header(["x"] * 200_000)
    assert names[-1] == "x (200000)" and len(set(names)) == 200_000


def test_a_file_of_more_columns_than_any_table_of_incidents_is_refused_at_once():
    import pytest

    from geo.errors import InputFileError
    from geo.importing.readers.table import MAX_COLUMNS

    for columns in (MAX_COLUMNS + 1, 200_000):
        data = (",".join(f"c{i}" for i in range(columns)) + "\n"
                + ",".join(["1"] * columns) + "\n").encode()
        start = time.perf_counter()
        with pytest.raises(InputFileError, match=f"'wide.csv' has {columns:,} columns; "
                                                 f"at most {MAX_COLUMNS:,} are read"):
            read_file(data, "wide.csv")
        assert time.perf_counter() - start < 5
    records = "[{" + ", ".join(f'"k{i}": 1' for i in range(MAX_COLUMNS + 5)) + "}]"
    with pytest.raises(InputFileError, match=f"'wide.json' has {MAX_COLUMNS + 5:,} columns"):
        read_file(records.encode(), "wide.json")
