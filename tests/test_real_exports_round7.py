"""Exports of other tools met in the seventh round (tests/data/README.md): rows whose file
states no category."""

from __future__ import annotations

from tests.support.cli import geo
from tests.support.database import outside
from tests.support.files import TEST_DATA as DATA
from tests.support.imports import preview_bytes

UNSTATED = "state no category (no category column, or an empty cell): stored as 'Other'"


def test_a_row_that_states_no_category_is_other_not_a_strike(store):
    """GDAL's real GPX test file (tests/data/gdal_autotest_test.gpx): its dated waypoint was
    stored as a strike without a word, as was each event of Bellingcat's TimeMap (whose
    download states no category) and every row of any table without a category column."""
    gpx = preview_bytes(store, (DATA / "gdal_autotest_test.gpx").read_bytes(), "test.gpx")
    kept = gpx.incidents.drop(index=list(gpx.issues.rejected))
    assert list(kept["category"]) == ["other"]
    assert any(UNSTATED in note and "--category strike" in note
               for note in gpx.notes)
    timemap = preview_bytes(store, (DATA / "timemap_bellingcat_civharm.json").read_bytes(),
                            "civharm.json")
    assert set(timemap.incidents["category"]) == {"other"}
    # a person's choice for rows without a category is taken, and not said again
    chosen = preview_bytes(store, (DATA / "gdal_autotest_test.gpx").read_bytes(), "test.gpx",
                           defaults={"category": "strike"})
    assert list(chosen.incidents.drop(index=list(chosen.issues.rejected))["category"]) \
        == ["strike"]
    assert not any(UNSTATED in note for note in chosen.notes)
    # a file that states its categories is read as it states them, without the note
    acled = preview_bytes(store, (DATA / "acled_constructed_export.csv").read_bytes(),
                          "acled.csv")
    assert "strike" in set(acled.incidents["category"])
    assert not any(UNSTATED in note for note in acled.notes)


def test_the_command_line_chooses_the_category_of_rows_without_one(database_url, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("date,lat,lon,place\n2025-08-08,46.48,30.72,Odesa\n", encoding="utf-8")
    done = geo("import", path, db=database_url)
    assert done.returncode == 0, done.stderr
    assert UNSTATED in done.stdout and "--category strike" in done.stdout
    again = tmp_path / "strikes.csv"
    again.write_text("date,lat,lon,place\n2025-08-09,46.1,30.1,Somewhere\n", encoding="utf-8")
    done = geo("import", again, "--category", "strike", db=database_url)
    assert done.returncode == 0, done.stderr
    with outside(database_url) as conn:
        rows = dict(conn.exec_driver_sql(
            "SELECT place, category FROM incidents WHERE batch_id != 'seed'").all())
    assert rows == {"Odesa": "other", "Somewhere": "strike"}
    bad = geo("import", again, "--category", "picnic", db=database_url)
    assert bad.returncode == 2 and "invalid choice: 'picnic'" in bad.stderr
