"""A GPX waypoint's <time> as the file writes it: GDAL reads it as a date and time and
leaves out any it cannot ('2025-08', '2025', '8 Aug 2025', '99999-01-01T00:00:00Z'), which
the import then called an empty date; a date-only time became midnight."""

from __future__ import annotations

from geo.commands._cli import main
from geo.importing.readers.dispatch import read_file

WAYPOINT = '<wpt lat="46.5" lon="30.7"><name>{name}</name>{time}</wpt>'
TIMES = ["2025-08-08T10:00:00Z", "2025-08-08", "2025-08", "2025", "8 Aug 2025",
         "99999-01-01T00:00:00Z", ""]


def gpx(times) -> bytes:
    points = "".join(WAYPOINT.format(name=f"w{i}", time=f"<time>{t}</time>" if t else "")
                     for i, t in enumerate(times))
    return ('<?xml version="1.0"?><gpx version="1.1" creator="test" '
            f'xmlns="http://www.topografix.com/GPX/1/1">{points}</gpx>').encode()


def test_each_waypoint_s_time_is_read_as_written():
    table = read_file(gpx(TIMES), "points.gpx")
    assert table.frame["when"].tolist() == TIMES


def test_a_time_no_calendar_holds_is_named_not_said_to_be_empty(tmp_path, capsys):
    path = tmp_path / "points.gpx"
    path.write_bytes(gpx(["99999-01-01T00:00:00Z", "2025-08-08T10:00:00Z"]))
    code = main(["import", str(path), "--dry-run", "--db", str(tmp_path / "s.sqlite")])
    out = capsys.readouterr().out
    assert code == 0 and "'99999-01-01T00:00:00Z' is not a date" in out, out
    assert "date is empty" not in out
