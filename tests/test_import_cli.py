"""`python -m geo import / batches / undo / query` in a subprocess, on a temporary database:
the tests of what reaches the store run on SQLite and PostgreSQL (`database_url`), those
of the file and the options on a SQLite file only."""

from __future__ import annotations

import pytest

from tests.support.cli import geo
from tests.support.database import outside, scalar

GOOD = ("date,lat,lon,place,notes\n2025-08-08,46.10,30.10,A,first\n"
        "2025-08-09,46.20,30.20,B,second\n2025-08-10,95.2,30,C,bad latitude\n")


def count(db, where: str = "") -> int:
    """Incidents in the database `db` (a SQLite file or a URL)."""
    url = db if "://" in str(db) else f"sqlite:///{db}"
    return scalar(url, f"SELECT count(*) FROM incidents {where}")


@pytest.fixture
def good_csv(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_import_prints_the_summary_and_stores_one_batch(database_url, good_csv):
    db = database_url
    done = geo("import", good_csv, db=db)
    assert done.returncode == 0, done.stderr
    assert "good.csv: 2 added (batch " in done.stdout
    assert "rejected: 1" in done.stdout
    assert "Row 3: latitude 95.2 is out of range (-90..90)" in done.stdout
    assert count(db) == 17 + 2
    listing = geo("batches", db=db)
    assert listing.returncode == 0 and "good.csv" in listing.stdout and "seed" in listing.stdout


def test_undo_removes_the_batch_and_says_so_twice(database_url, good_csv):
    db = database_url
    out = geo("import", good_csv, db=db).stdout
    batch = out.split("(batch ")[1].split(")")[0]
    undone = geo("undo", batch, db=db)
    assert undone.returncode == 0 and f"Undid batch {batch}: 2 incident(s) removed" in \
        undone.stdout
    assert count(db) == 17
    again = geo("undo", batch, db=db)
    assert again.returncode == 2 and "was already undone" in again.stderr
    unknown = geo("undo", "no-such-batch", db=db)
    assert unknown.returncode == 2 and "No import batch 'no-such-batch'" in unknown.stderr


def test_db_option_overrides_the_environment(tmp_path, good_csv):
    chosen = tmp_path / "chosen.sqlite"
    done = geo("import", good_csv, "--db", chosen, db=tmp_path / "other.sqlite")
    assert done.returncode == 0
    assert count(chosen) == 19 and not (tmp_path / "other.sqlite").exists()


def test_dry_run_writes_nothing(database_url, good_csv):
    db = database_url
    done = geo("import", good_csv, "--dry-run", db=db)
    assert done.returncode == 0 and "2 would be added" in done.stdout
    assert count(db) == 17


@pytest.mark.parametrize("content, message", [
    (b"", "'bad.csv' is empty"),
    (b"Fecha,Lugar,Latitud\n1,2,3\n", "Missing column for date; found: Fecha, Lugar, Latitud"),
    (b"\x89PNG\r\n\x1a\nbinary", "looks like a PNG image"),
    (b"date,lat,lon\n", "has a header (date, lat, lon) but no data rows"),
])
def test_an_unusable_file_exits_2_with_the_reason(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    done = geo("import", path, db=tmp_path / "cli.sqlite")
    assert done.returncode == 2
    assert message in done.stderr


def test_a_file_whose_every_row_is_rejected_exits_1(tmp_path):
    path = tmp_path / "rejected.csv"
    path.write_text("date,lat,lon\nsoon,95,30\n2025-08-08,,\n", encoding="utf-8")
    done = geo("import", path, db=tmp_path / "cli.sqlite")
    assert done.returncode == 1
    assert "Row 1: date 'soon' is not a date" in done.stdout
    assert "Nothing was imported" in done.stderr


def test_options_month_first_map_and_keep_duplicates(tmp_path):
    path = tmp_path / "us.csv"
    path.write_text("When,Breite,Laenge\n08/25/2025,46.1,30.1\n08/25/2025,46.1,30.1\n",
                    encoding="utf-8")
    db = tmp_path / "cli.sqlite"
    day_first = geo("import", path, "--day-first", "--map", "date_start=When", "--map",
                    "latitude=Breite", "--map", "longitude=Laenge", "--dry-run", db=db)
    assert day_first.returncode == 1 and "switch day-first off" in day_first.stdout
    done = geo("import", path, "--month-first", "--keep-duplicates", "--map", "date_start=When",
               "--map", "latitude=Breite", "--map", "longitude=Laenge", db=db)
    assert done.returncode == 0 and "2 added" in done.stdout
    assert count(db, "WHERE date_start = '2025-08-25'") == 2


def test_each_duplicate_skipped_is_named_with_what_it_duplicates(tmp_path):
    """The summary counted them ("duplicates skipped: 2") and named none: a row left out
    without a word of which."""
    path = tmp_path / "twice.csv"
    path.write_text("date,lat,lon,place\n2025-08-25,46.1,30.1,A\n2025-08-25,46.1,30.1,A\n",
                    encoding="utf-8")
    db = tmp_path / "cli.sqlite"
    first = geo("import", path, db=db)
    assert "duplicates skipped: 1" in first.stdout
    assert "Row 2: same category, place and dates as row 1 of this file" in first.stdout
    again = geo("import", path, db=db)
    assert "Row 1: same category, 0.0 km away and on an overlapping date as stored " \
        "incident" in again.stdout


def test_a_files_own_dates_decide_their_order_whatever_the_preset(tmp_path):
    """'08/25/2025' can only be month-first: the file's 08/05/2025 is 5 August, and no
    row is rejected for the default day-first order."""
    path = tmp_path / "us.csv"
    path.write_text("date,lat,lon\n08/25/2025,46.1,30.1\n08/05/2025,46.2,30.2\n",
                    encoding="utf-8")
    db = tmp_path / "cli.sqlite"
    done = geo("import", path, db=db)
    assert done.returncode == 0 and "2 added" in done.stdout
    assert count(db, "WHERE date_start IN ('2025-08-25', '2025-08-05')") == 2


def test_a_bad_map_option_is_named(tmp_path, good_csv):
    done = geo("import", good_csv, "--map", "latitude", db=tmp_path / "cli.sqlite")
    assert done.returncode == 2 and "--map 'latitude' is not FIELD=COLUMN" in done.stderr


def test_acled_preset_and_place_names(database_url, tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("event_date,time_precision,event_type,sub_event_type,location,admin1,"
                    "latitude,longitude,geo_precision,source,notes,fatalities\n"
                    "08 August 2025,1,Explosions/Remote violence,Air/drone strike,Kremenchuk,"
                    "Poltava,49.0625,33.4048,2,Suspilne,Drone strike on the refinery.,0\n",
                    encoding="utf-8")
    db = database_url
    done = geo("import", path, "--preset", "acled", db=db)
    assert done.returncode == 0, done.stderr
    with outside(db) as conn:
        row = conn.exec_driver_sql("SELECT category, subtype, geo_precision, claimant, "
                                   "source_name FROM incidents WHERE batch_id != 'seed'").one()
    assert tuple(row) == ("strike", "air_drone_strike", "town", "Suspilne", "ACLED")
    places = tmp_path / "places.csv"
    places.write_text("date,place\n2025-08-12,Kremenchuk\n", encoding="utf-8")
    done = geo("import", places, "--country", "UA", db=db)
    assert done.returncode == 0 and "1 added" in done.stdout
    method = scalar(db, "SELECT geo_method FROM incidents WHERE date_start = '2025-08-12'")
    assert method == "geocoded: GeoNames 704147 Kremenchuk (exact)"


def test_query_lists_the_window_and_box_from_sql(database_url, tmp_path, good_csv):
    db = database_url
    geo("import", good_csv, "--category", "strike", db=db)  # a table of strikes, unsaid
    done = geo("query", "--from", "2025-08-09", "--to", "2025-08-31", "--bbox",
               "30.0,46.0,30.5,46.5", db=db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 incident(s) in view")
    assert "46.2" in done.stdout and "2025-08-09" in done.stdout
    out = tmp_path / "found.csv"
    done = geo("query", "--bbox", "22,44,41,53", "--category", "strike", "-o", out, db=db)
    assert done.returncode == 0 and out.exists()
    assert "second" in out.read_text(encoding="utf-8")
    bad = geo("query", "--bbox", "22,44,41", db=db)
    assert bad.returncode == 2 and "is not four numbers W,S,E,N" in bad.stderr
