"""A table whose points are WKT text (Google My Maps's CSV export: WKT,name,description)
keeps the file's points instead of looking its rows up by name."""

from __future__ import annotations

from geo.importing.readers.dispatch import read_file
from tests.support.imports import preview_bytes

# My Maps's CSV export layout with a date column added; constructed values
MY_MAPS_CSV = (
    'WKT,name,description,date\n'
    '"POINT (30.7438 46.4857)",Odesa port,Drone strike,2025-08-09\n'
    '"LINESTRING (30.1 46.1, 30.2 46.2)",Road,Convoy,2025-08-11\n'
    'POINT 30 46,Depot,Typed by hand,2025-08-12\n'
)


def test_wkt_points_become_the_rows_coordinates(store):
    raw = read_file(MY_MAPS_CSV.encode(), "my_maps.csv")
    assert (raw.frame.loc[1, "latitude"], raw.frame.loc[1, "longitude"]) == ("46.4857",
                                                                             "30.7438")
    preview = preview_bytes(store, MY_MAPS_CSV.encode(), "my_maps.csv")
    assert preview.status.to_dict() == {1: "new", 2: "new", 3: "rejected"}
    port = preview.incidents.loc[1]
    assert (port["latitude"], port["longitude"]) == (46.4857, 30.7438)
    assert port["geo_precision"] == "unknown"       # WKT states no precision
    (problem,) = preview.issues.messages(3)
    assert problem.startswith("Row 3: WKT 'POINT 30 46' is not a WKT geometry; write it as "
                              "POINT (longitude latitude)")


def test_coordinate_columns_of_the_file_win_over_its_wkt():
    data = b'latitude,longitude,geom_wkt,date\n50.45,30.52,POINT (1 2),2025-08-09\n'
    raw = read_file(data, "both.csv")
    assert (raw.frame.loc[1, "latitude"], raw.frame.loc[1, "longitude"]) == ("50.45", "30.52")


def test_a_geometry_column_that_is_not_wkt_is_left_as_it_is():
    data = b'geometry,place,date\nbuilding,Odesa,2025-08-09\n'
    raw = read_file(data, "other.csv")
    assert "latitude" not in raw.frame and not raw.row_problems
