"""A point kept in one 'latitude, longitude' cell (OSINT spreadsheets, Google Maps's copied
coordinates) becomes the row's coordinates: such a file imported nothing."""

from __future__ import annotations

import pytest

from geo.importing.readers.coordinate_pairs import split_pair
from geo.importing.readers.dispatch import read_file
from tests.support.imports import preview_bytes

# an OSINT spreadsheet's layout, constructed values
SHEET = (
    'Date,Coordinates,Description\n'
    '2025-08-08,"46.4857, 30.7438",Depot fire\n'
    '2025-08-09,"49°04\'06""N 33°25\'12""E",Refinery\n'
    '2025-08-10,near the port,Typed by hand\n'
)


@pytest.mark.parametrize("cell, pair", [
    ("46.4857, 30.7438", ("46.4857", "30.7438")), ("46.4857,30.7438", ("46.4857", "30.7438")),
    ("46.4857 30.7438", ("46.4857", "30.7438")), ("(46.4857, 30.7438)", ("46.4857", "30.7438")),
    ("46,4857; 30,7438", ("46,4857", "30,7438")), ("-12.5, 130.2", ("-12.5", "130.2")),
    ("46,4857 30,7438", ("46,4857", "30,7438")),   # decimal commas, a space between
    ("46°29′08″N 30°44′37″E", ("46°29′08″N", "30°44′37″E")),
    ("30°44′37″E 46°29′08″N", ("46°29′08″N", "30°44′37″E")),   # the letters say which
    ("N 46 29 08, E 30 44 37", ("N 46 29 08", "E 30 44 37")),
    ("Odesa", None), ("2025-08-08", None), ("46.4857,", None),
])
def test_a_cell_is_split_into_latitude_and_longitude(cell, pair):
    assert split_pair(cell) == pair


def test_a_coordinates_column_becomes_the_rows_points(store):
    raw = read_file(SHEET.encode(), "sheet.csv")
    assert (raw.frame.loc[1, "latitude"], raw.frame.loc[1, "longitude"]) == ("46.4857",
                                                                             "30.7438")
    assert raw.unread({"Date", "Description", "latitude", "longitude"}) == []
    preview = preview_bytes(store, SHEET.encode(), "sheet.csv")
    assert preview.status.to_dict() == {1: "new", 2: "new", 3: "rejected"}
    refinery = preview.incidents.loc[2]
    assert (round(refinery["latitude"], 4), round(refinery["longitude"], 4)) == (49.0683,
                                                                                 33.42)
    assert refinery["geo_precision"] == "unknown"   # a pair states no precision
    assert ("Row 3: Coordinates 'near the port' is not a latitude, longitude pair; write "
            "it as 46.4857, 30.7438") in preview.issues.messages(3)


def test_the_files_own_coordinate_columns_win_over_a_pair_column():
    data = b'lat,lon,coordinates,date\n50.45,30.52,"1, 2",2025-08-09\n'
    raw = read_file(data, "both.csv")
    assert (raw.frame.loc[1, "lat"], raw.frame.loc[1, "coordinates"]) == ("50.45", "1, 2")
    assert "latitude" not in raw.frame


def test_a_position_column_of_other_text_is_left_as_it_is():
    raw = read_file(b'position,place,date\ncommander,Odesa,2025-08-09\n', "other.csv")
    assert "latitude" not in raw.frame
