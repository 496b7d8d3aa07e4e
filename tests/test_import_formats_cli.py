"""`python -m geo import FILE` takes every format, finds the kind of file itself, stores
every valid row with its precision, adds nothing on a second run, and lists the presets."""

from __future__ import annotations

import sqlite3
import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import Point

from tests.support.cli import geo
from tests.support.files import TEST_DATA
from tests.support.imports import KML

SEED_ROWS = 17
GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="OsmAnd" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="46.5" lon="30.5"><time>2025-08-08T03:10:00Z</time><name>Depot fire</name>
    <desc>Smoke seen from the port</desc></wpt>
  <wpt lat="49.1" lon="33.4"><time>2025-08-09T01:00:00Z</time><name>Refinery</name></wpt>
</gpx>
"""


def stored(db) -> pd.DataFrame:
    with sqlite3.connect(db) as conn:
        return pd.read_sql("SELECT incident_id, geo_precision, category, date_start FROM "
                           "incidents WHERE batch_id != 'seed'", conn)


def acled_workbook(path) -> None:
    frame = pd.read_csv(TEST_DATA / "acled_constructed_export.csv", dtype=str,
                        keep_default_na=False)
    pyogrio.write_dataframe(frame, path, driver="XLSX")


def points(path, driver: str) -> None:
    frame = gpd.GeoDataFrame({"date": ["2025-08-08", "2025-08-09"], "notes": ["a", "b"]},
                             geometry=[Point(30.5, 46.5), Point(33.4, 49.1)], crs=4326)
    if driver == "Parquet":
        frame.to_parquet(path)
    else:
        frame.to_file(path, driver=driver)


def firms_download(path) -> None:
    """FIRMS's CSV download: a ZIP of the detections' CSV beside its Readme.txt."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("fire_nrt_SV-C2_1.csv",
                         (TEST_DATA / "firms_viirs_nrt_silex.csv").read_bytes())
        archive.writestr("Readme.txt", "To view Readme.txt please visit "
                                       "https://firms.modaps.eosdis.nasa.gov/download/Readme.txt")


def ucdp_flatgeobuf(path) -> None:
    gpd.read_file(TEST_DATA / "ucdp_ged_v23_1_car_sample.geojson").to_file(
        path, driver="FlatGeobuf")


@pytest.mark.parametrize("name, make, count, precisions", [
    ("acled.xlsx", acled_workbook, 4, {"town", "admin1"}),
    ("firms_modis_sumatra.geojson", None, 25, {"unknown"}),
    ("firms_viirs_nrt_silex.csv", None, 9, {"unknown"}),
    ("strikes.kml", lambda p: p.write_text(KML), 2, {"unknown"}),
    ("strikes.gpkg", lambda p: points(p, "GPKG"), 2, {"unknown"}),
    ("strikes.parquet", lambda p: points(p, "Parquet"), 2, {"unknown"}),
    ("timemap_bellingcat_civharm.json", None, 14, {"unknown"}),
    ("ucdp_ged_ukraine_export_sample.csv", None, 43, {"town", "admin1", "country", "unknown"}),
    # real downloads that were refused before: FIRMS's shapefile ZIP and its CSV ZIP, UCDP
    # GED as GeoJSON (ISO date-times) and as FlatGeobuf
    ("firms_modis_c6_global_24h_shapefile.zip", None, 25, {"unknown"}),
    ("DL_FIRE_SV-C2_1.zip", firms_download, 9, {"unknown"}),
    ("ucdp_ged_v23_1_car_sample.geojson", None, 27, {"town", "admin1", "country"}),
    ("GEDEvent_v23_1.fgb", ucdp_flatgeobuf, 27, {"town", "admin1", "country"}),
    # GPX waypoints (OsmAnd, Garmin) were refused as "XML that is not KML"
    ("marks.gpx", lambda p: p.write_text(GPX), 2, {"unknown"}),
])
def test_every_format_imports_and_a_second_run_adds_nothing(tmp_path, name, make, count,
                                                            precisions):
    path = tmp_path / name
    if make is None:
        path.write_bytes((TEST_DATA / name).read_bytes())
    else:
        make(path)
    db = tmp_path / "cli.sqlite"
    done = geo("import", path, db=db)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{name}: {count:,} added (batch " in done.stdout
    rows = stored(db)
    assert len(rows) == count and set(rows["geo_precision"]) == precisions
    again = geo("import", path, db=db)
    assert again.returncode == 0 and f"{name}: 0 added" in again.stdout
    assert len(stored(db)) == count


def test_preset_list_describes_every_preset():
    done = geo("import", "--preset", "list")
    assert done.returncode == 0
    names = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    assert names == ["auto", "template", "acled", "firms", "ucdp", "timemap", "cir", "gdelt"]
    assert "geo_precision 1-3 (town / near the town / region)" in done.stdout


def test_a_preset_can_be_forced_and_an_unknown_one_is_named(tmp_path):
    path = tmp_path / "fires.csv"
    path.write_bytes((TEST_DATA / "firms_viirs_nrt_silex.csv").read_bytes())
    bad = geo("import", path, "--preset", "nosuch", db=tmp_path / "cli.sqlite")
    assert bad.returncode == 2 and "invalid choice: 'nosuch'" in bad.stderr
    done = geo("import", path, "--preset", "firms", "--dry-run", db=tmp_path / "cli.sqlite")
    assert done.returncode == 0 and "9 would be added" in done.stdout


@pytest.mark.parametrize("name, make, unread", [
    ("strikes.csv", lambda p: p.write_text(
        "date,place,latitude,longitude,weather,unit\n"
        "2025-08-08,Orlivka,45.32,28.44,clear,3rd brigade\n"), ["'weather', 'unit'"]),
    # the geometry's point and KML's time columns are read, through the columns made of them;
    # the folder a placemark is in is not
    ("firms_modis_sumatra.geojson", None, ["'BRIGHT_T31'"]),
    ("strikes.kml", lambda p: p.write_text(KML), ["'layer'"]),
])
def test_the_columns_no_field_reads_are_named_not_dropped_unsaid(tmp_path, name, make, unread):
    path = tmp_path / name
    if make is None:
        path.write_bytes((TEST_DATA / name).read_bytes())
    else:
        make(path)
    done = geo("import", path, "--dry-run", db=tmp_path / "cli.sqlite")
    assert done.returncode == 0, done.stdout + done.stderr
    said = [line for line in done.stdout.splitlines() if "are not imported" in line]
    assert [line.split("imported: ")[1].split(". To keep")[0] for line in said] == unread
    for note in said:
        assert "--map FIELD=COLUMN" in note
