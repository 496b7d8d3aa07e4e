"""Analysts' tables as they are kept: two exports pasted one below the other (the second
one's header row in the middle of the file), and coordinates left as 'N/A', '—' or 'н/д'
where the point is not known. The header row was rejected as an event ('date 'Date' is not
a date', 'latitude 'Lat' is not a number'); a placeholder refused its row as 'not a number'
though the row's place name could place it. The rows are constructed."""

from __future__ import annotations

import pytest

from geo.importing.readers.dispatch import read_file
from tests.support.imports import preview_bytes

JOINED = b"""Date,Location,Lat,Lon,Notes
2025-08-08,Kremenchuk,49.068,33.42,refinery
Date,Location,Lat,Lon,Notes
2025-08-09,Odesa,46.4857,30.7438,port
"""


def test_a_header_row_repeated_below_is_left_out_and_said():
    table = read_file(JOINED, "joined.csv")
    assert list(table.frame.index) == [1, 3]  # rows keep the file's numbers
    assert any("Row 2 repeats the header" in note for note in table.notes), table.notes


def test_a_joined_file_imports_every_event(store):
    preview = preview_bytes(store, JOINED, "joined.csv")
    assert preview.counts()["new"] == 2 and preview.counts()["rejected"] == 0


def test_a_row_that_only_starts_like_the_header_stays():
    table = read_file(b"Date,Location,Lat,Lon\n2025-08-08,Location,49.1,33.4\n", "x.csv")
    assert list(table.frame.index) == [1]


@pytest.mark.parametrize("placeholder", ["N/A", "n/a", "—", "-", "null", "н/д", "?"])
def test_a_placeholder_for_coordinates_is_no_coordinate(store, placeholder):
    text = f"date,place,lat,lon\n2025-08-08,Nowhereville,{placeholder},{placeholder}\n"
    preview = preview_bytes(store, text.encode(), "p.csv")
    problems = " ".join(preview.grouped_problems())
    assert "is not a number" not in problems
    # no geocoder in this test: the place is looked up, as for an empty cell
    assert "place 'Nowhereville' could not be looked up" in problems


def test_other_text_in_a_coordinate_is_still_refused_by_name(store):
    preview = preview_bytes(store, b"date,lat,lon\n2025-08-08,abc,30.1\n", "p.csv")
    assert "latitude 'abc' is not a number" in " ".join(preview.grouped_problems())
