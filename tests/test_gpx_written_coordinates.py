"""A GPX waypoint's lat and lon as the file writes them: GDAL read lat="abc" as latitude 0
(the waypoint was stored in the sea without a word), lat="NaN" as no point (the row was
placed by its name instead) and lat="1e400" as an empty latitude. Each is named as the
file writes it and its row refused; the others import."""

from __future__ import annotations

from geo.commands._cli import main
from geo.importing.readers.dispatch import read_file

WAYPOINT = '<wpt lat="{lat}" lon="{lon}"><name>{name}</name><time>2025-08-01</time></wpt>'


def gpx(points) -> bytes:
    body = "".join(WAYPOINT.format(lat=lat, lon=lon, name=name) for name, lat, lon in points)
    return ('<?xml version="1.0"?><gpx version="1.1" creator="test" '
            f'xmlns="http://www.topografix.com/GPX/1/1">{body}</gpx>').encode()


POINTS = [("Odesa", "abc", "36.2"), ("Kharkiv", "NaN", "30"), ("Lviv", "1e400", "30.5"),
          ("Kyiv", "50.4501", "30.5234")]


def test_each_waypoint_s_coordinates_are_read_as_written():
    table = read_file(gpx(POINTS), "points.gpx")
    assert table.frame["latitude"].tolist() == ["abc", "NaN", "1e400", "50.4501"]
    assert table.frame["longitude"].tolist() == ["36.2", "30", "30.5", "30.5234"]


def test_a_waypoint_whose_coordinates_are_no_numbers_is_refused_not_misplaced(tmp_path,
                                                                              capsys):
    path = tmp_path / "points.gpx"
    path.write_bytes(gpx(POINTS))
    db = tmp_path / "s.sqlite"
    code = main(["import", str(path), "--db", str(db)])
    out = capsys.readouterr().out
    assert code == 0 and "1 added" in out and "rejected: 3" in out, out
    assert "Row 1: latitude 'abc' is not a number" in out, out
    assert "Row 3: latitude '1e400' is not a finite number" in out, out
    assert "Row 2: longitude is given but latitude is 'NaN', which is no number" in out, out
