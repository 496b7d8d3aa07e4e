"""Each preset on real exports (tests/data, see its README) or ACLED's documented columns:
detected from the columns, codes mapped to this project's precision, dates read in the
source's own order, every valid row kept."""

from __future__ import annotations

import io
import json
import warnings
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from geo.importing.presets.registry import detect_preset
from geo.importing.readers.dispatch import read_file
from tests.support.files import TEST_DATA
from tests.support.imports import preview_bytes

ACLED_CSV = TEST_DATA / "acled_constructed_export.csv"
VIIRS_CSV = TEST_DATA / "firms_viirs_nrt_silex.csv"


def sample(name: str) -> bytes:
    return (TEST_DATA / name).read_bytes()


@pytest.mark.parametrize("name, preset", [
    ("acled_constructed_export.csv", "acled"), ("firms_viirs_nrt_silex.csv", "firms"),
    ("firms_viirs_nrt_silex_excel.csv", "firms"), ("firms_modis_nrt_hawaii_team.json", "firms"),
    ("firms_modis_sumatra.geojson", "firms"), ("ucdp_ged_ukraine_export_sample.csv", "ucdp"),
    ("timemap_bellingcat_civharm.json", "timemap"), ("geocode_accuracy.csv", "auto"),
])
def test_the_kind_of_file_is_detected_from_its_columns(name, preset):
    assert detect_preset(read_file(sample(name), name).columns).name == preset


def test_acled_precision_codes_follow_acleds_codebook(store):
    rows = preview_bytes(store, ACLED_CSV.read_bytes(), "acled.csv").rows
    assert list(rows["status"]) == ["new"] * 4
    assert list(rows["geo_precision"]) == ["town", "town", "admin1", "town"]  # never 'site'
    assert rows.loc[2, "geo_method"] == ("ACLED geo_precision 2: near the named town, placed "
                                         "at the town's coordinates")
    assert list(rows["date_precision"]) == ["day", "day", "week", "month"]
    assert (rows.loc[4, "date_start"], rows.loc[4, "date_end"]) == (
        pd.Timestamp("2025-08-01"), pd.Timestamp("2025-08-31"))
    assert list(rows["incident_id"]) == ["acled-UKR900001", "acled-UKR900002",
                                         "acled-UKR900003", "acled-UKR900004"]
    assert list(rows["category"]) == ["strike", "strike", "strike", "security"]
    assert rows.loc[2, "claimant"] == "Constructed source B; Constructed source C"


def test_acled_saved_as_a_shapefile_keeps_its_codes(store, tmp_path):
    """A shapefile cuts field names to 10 characters (geo_precis, time_preci, event_id_c,
    sub_event_): the file was read as a plain table, every precision 'unknown', no id."""
    frame = pd.read_csv(ACLED_CSV, dtype=str, keep_default_na=False)
    points = gpd.points_from_xy(frame["longitude"].astype(float),
                                frame["latitude"].astype(float))
    folder = tmp_path / "acled"
    folder.mkdir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # GDAL says it cuts the names
        gpd.GeoDataFrame(frame, geometry=points, crs=4326).to_file(folder / "acled.shp")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        for part in folder.iterdir():
            z.write(part, part.name)
    preview = preview_bytes(store, archive.getvalue(), "acled_shp.zip")
    assert preview.preset.name == "acled"
    rows = preview.rows
    assert list(rows["geo_precision"]) == ["town", "town", "admin1", "town"]
    assert list(rows["date_precision"]) == ["day", "day", "week", "month"]
    assert list(rows["incident_id"]) == ["acled-UKR900001", "acled-UKR900002",
                                         "acled-UKR900003", "acled-UKR900004"]
    assert list(rows["category"]) == ["strike", "strike", "strike", "security"]


def test_acled_with_title_case_headers_keeps_its_ids(store):
    """'Event ID', 'Event Date', 'Geo Precision': the id went unread, so a newer export
    could not update the events it had stored."""
    frame = pd.read_csv(ACLED_CSV, dtype=str, keep_default_na=False)
    frame.columns = ["Event ID" if c == "event_id_cnty" else c.replace("_", " ").title()
                     for c in frame.columns]
    preview = preview_bytes(store, frame.to_csv(index=False).encode(), "acled.csv")
    assert preview.preset.name == "acled"
    assert list(preview.rows["incident_id"]) == ["acled-UKR900001", "acled-UKR900002",
                                                 "acled-UKR900003", "acled-UKR900004"]
    assert list(preview.rows["geo_precision"]) == ["town", "town", "admin1", "town"]


def test_acled_without_time_precision_or_geo_precision_states_neither(store):
    frame = pd.read_csv(ACLED_CSV, dtype=str, keep_default_na=False)
    slim = frame.drop(columns=["time_precision", "geo_precision"]).to_csv(index=False).encode()
    preview = preview_bytes(store, slim, "acled-api.csv")
    assert preview.preset.name == "acled"
    rows = preview.rows
    assert set(rows["status"]) == {"new"}
    assert set(rows["geo_precision"]) == {"unknown"}
    assert set(rows["date_precision"]) == {"day"}  # the date as written: a day
    assert set(rows["geo_method"]) == {"ACLED coordinates; the file states no geo_precision"}


def test_acled_excel_and_api_forms_read_alike(store):
    frame = pd.read_csv(ACLED_CSV, dtype=str, keep_default_na=False)
    excel = frame.assign(event_date=["08/08/2025 00:00:00", "08/07/2025 00:00:00",
                                     "08/05/2025 00:00:00", "08/01/2025 00:00:00"])
    excel.columns = [c.upper() for c in excel.columns]  # as ACLED's Excel files name them
    api = {"status": 200, "success": True, "count": 4,
           "data": frame.assign(event_date=["2025-08-08", "2025-08-07", "2025-08-05",
                                            "2025-08-01"]).to_dict("records")}
    expected = preview_bytes(store, ACLED_CSV.read_bytes(), "acled.csv").incidents
    for data, name in ((excel.to_csv(index=False).encode(), "acled.csv"),
                       (json.dumps(api).encode(), "acled.json")):
        got = preview_bytes(store, data, name)
        assert got.preset.name == "acled" and got.counts()["new"] == 4
        for column in ("date_start", "date_end", "geo_precision", "incident_id"):
            assert list(got.incidents[column]) == list(expected[column]), (name, column)


def test_acled_remote_violence_of_exports_before_2019_is_a_strike(store):
    frame = pd.read_csv(ACLED_CSV, dtype=str, keep_default_na=False)
    old = frame.drop(columns=["sub_event_type"]).assign(
        event_type=["Remote violence", "Battle-No change of territory", "Riots/Protests",
                    "Violence Against Civilians"])  # a 2015 export's event types
    rows = preview_bytes(store, old.to_csv(index=False).encode(), "acled.csv").rows
    assert list(rows["category"]) == ["strike", "other", "other", "other"]


@pytest.mark.parametrize("dates, upper", [
    # the date forms of real ACLED exports (values here constructed): an upper-case 2015
    # export, an export re-saved by Excel, the export tool's own; every September was lost
    (["08-September-2025", "07-September-2025", "05-September-2025", "01-September-2025"],
     True),
    (["8-Sep-25", "7-Sep-25", "5-Sep-25", "1-Sep-25"], False),
    (["08 September 2025", "07 September 2025", "05 September 2025", "01 September 2025"],
     False),
])
def test_acled_date_forms_of_older_and_resaved_exports(store, dates, upper):
    frame = pd.read_csv(ACLED_CSV, dtype=str, keep_default_na=False)
    iso = frame.assign(event_date=["2025-09-08", "2025-09-07", "2025-09-05", "2025-09-01"])
    expected = preview_bytes(store, iso.to_csv(index=False).encode(), "acled.csv").incidents
    written = frame.assign(event_date=dates)
    if upper:
        written.columns = [c.upper() for c in written.columns]
    got = preview_bytes(store, written.to_csv(index=False).encode(), "acled.csv")
    assert got.preset.name == "acled" and got.counts()["new"] == 4, got.grouped_problems()
    for column in ("date_start", "date_end", "date_precision"):
        assert list(got.incidents[column]) == list(expected[column]), column


@pytest.mark.parametrize("written", ["41", "041", "0041", "00:41", "00:41:00", "41.0"])
def test_every_firms_acq_time_form_is_the_same_overpass(store, written):
    text = VIIRS_CSV.read_text().replace(",41,", f",{written},")
    preview = preview_bytes(store, text.encode(), "viirs.csv")
    assert preview.counts()["new"] == 9
    times = preview.thermal.detections["detected_at"]
    assert set(times) == {pd.Timestamp("2025-03-19 00:41")}
    assert preview.incidents.loc[1, "incident_id"] == "firms-N-20250319T0041-44.01191-19.88847"


def test_a_firms_file_saved_by_a_spreadsheet_reads_as_the_original(store):
    original = preview_bytes(store, VIIRS_CSV.read_bytes(), "viirs.csv")
    excel = preview_bytes(store, sample("firms_viirs_nrt_silex_excel.csv"), "excel.csv")
    assert excel.counts()["new"] == 9
    assert list(excel.incidents["incident_id"]) == list(original.incidents["incident_id"])
    assert list(excel.thermal.detections["detected_at"]) == \
        list(original.thermal.detections["detected_at"])


def test_modis_json_and_geojson_downloads(store):
    modis = preview_bytes(store, sample("firms_modis_nrt_hawaii_team.json"), "m.json")
    assert modis.counts()["new"] == 40
    first = modis.thermal.detections.iloc[0]
    assert (first["confidence"], first["instrument"], first["satellite"]) == ("56", "MODIS",
                                                                              "Terra")
    fires = preview_bytes(store, sample("firms_modis_sumatra.geojson"), "f.geojson")
    assert fires.counts()["new"] == 25
    # no instrument column: MODIS, as its brightness column says
    assert set(fires.thermal.detections["instrument"]) == {"MODIS"}
    assert fires.thermal.detections.iloc[0]["detected_at"] == pd.Timestamp("2018-05-23 00:25")


def test_firms_type_is_kept_with_its_meaning(store):
    frame = pd.read_csv(VIIRS_CSV, dtype=str, keep_default_na=False).assign(type="2")
    preview = preview_bytes(store, frame.to_csv(index=False).encode(), "archive.csv")
    assert preview.incidents.loc[1, "description"].endswith(
        "FIRMS type 2 (other static land source)")


def test_firms_modis_standard_archive_csv_keeps_every_detection(store):
    preview = preview_bytes(store, sample("firms_modis_archive_m6_australia.csv"), "a.csv")
    assert preview.preset.name == "firms"
    assert preview.counts()["new"] == 21
    detections = preview.thermal.detections
    assert set(detections["satellite"]) == {"Terra", "Aqua"}
    assert detections.iloc[0]["detected_at"] == pd.Timestamp("2019-08-01 00:56")
    assert preview.incidents.loc[14, "description"].endswith("FIRMS type 3 (offshore)")


def _australian_excel(day: str) -> str:
    """'2019-08-01' as Excel's short date writes it in Australia: '1/08/2019'."""
    year, month, day_of_month = day.split("-")
    return f"{int(day_of_month)}/{month}/{year}"


def test_a_firms_archive_re_saved_by_australian_excel_reads_day_first(store):
    """'1/08/2019' pads the month and not the day (d/MM/yyyy): August, not January,
    though no day of the file is over 12."""
    frame = pd.read_csv(TEST_DATA / "firms_modis_archive_m6_australia.csv", dtype=str,
                        keep_default_na=False)
    frame = frame.loc[frame["acq_date"].str[-2:].astype(int) <= 12]
    frame["acq_date"] = frame["acq_date"].map(_australian_excel)
    preview = preview_bytes(store, frame.to_csv(index=False).encode(), "au.csv")
    assert preview.counts()["new"] == len(frame) == 20
    months = set(preview.incidents["date_start"].dt.strftime("%Y-%m"))
    assert months == {"2019-08", "2019-09"}


def test_ucdp_precision_dates_and_deaths(store):
    preview = preview_bytes(store, sample("ucdp_ged_ukraine_export_sample.csv"), "ucdp.csv")
    assert preview.preset.name == "ucdp"
    assert preview.counts()["new"] == len(preview.incidents) == 43  # every event, no mapping
    raw = read_file(sample("ucdp_ged_ukraine_export_sample.csv"), "ucdp.csv").frame
    rows = preview.incidents
    where = raw["where_prec"]
    expected = where.map({"1": "town", "2": "town", "3": "admin1", "4": "admin1",
                          "5": "admin1", "6": "country", "7": "unknown"})
    assert list(rows["geo_precision"]) == list(expected)
    assert rows.loc[where == "6", "latitude"].isna().all()  # the country only: not drawn
    assert rows.loc[where == "6", "geo_method"].str.contains("not drawn: ").all()
    assert rows.loc[1, "date_start"] == pd.Timestamp("2014-01-22")  # '1/22/2014 12:00:00 AM'
    assert rows.loc[1, "casualties"] == "5 killed (UCDP best estimate; low 5, high 5)"
    assert rows.loc[1, "incident_id"] == "ucdp-147997"
    spans = rows["date_end"] - rows["date_start"]
    assert (spans[raw["date_prec"] == "1"] == pd.Timedelta(0)).all()
    assert (rows.loc[raw["date_prec"] == "4", "date_precision"] == "month").all()


def test_timemap_events_keep_their_sources_and_filters(store):
    preview = preview_bytes(store, sample("timemap_bellingcat_civharm.json"), "tm.json")
    assert preview.preset.name == "timemap" and preview.counts()["new"] == 14
    rows = preview.incidents
    assert set(rows["geo_precision"]) == {"unknown"}
    assert rows.loc[1, "date_start"] == pd.Timestamp("2022-02-24")  # 02/24/2022
    assert rows.loc[1, "incident_id"] == "timemap-CIV0001"
    assert rows.loc[1, "place"] == "Chuhuiv, south of Kharkiv"
    assert rows.loc[1, "source_url"] == \
        "https://twitter.com/Michael1Sheldon/status/1496717647089651716"
    assert rows.loc[2, "munitions"] == "Air strike"
    assert "Categories: Type of area affected = Residential" in rows.loc[1, "description"]
    hidden = rows.loc[rows["incident_id"] == "timemap-CIV0003"].iloc[0]
    assert hidden["source_url"] == "" and "Sources: HIDDEN (Source hidden)" in \
        hidden["description"]
    assert np.isclose(rows.loc[1, "latitude"], 49.85005)


def test_month_first_dates_of_a_source_give_way_to_the_files_evidence(store):
    frame = pd.read_csv(VIIRS_CSV, dtype=str, keep_default_na=False)
    frame["acq_date"] = ["19/03/2025"] * len(frame)  # a day-first spreadsheet
    preview = preview_bytes(store, frame.to_csv(index=False).encode(), "eu.csv")
    assert preview.counts()["new"] == 9
    assert set(preview.incidents["date_start"]) == {pd.Timestamp("2025-03-19")}


def test_timemap_csv_download_reads_like_its_json(store):
    """The CSV TimeMap's download button writes: sources as comma-joined paths,
    associations as 'key=value' pairs joined by commas."""
    events = json.loads((TEST_DATA / "timemap_bellingcat_civharm.json").read_text())
    frame = pd.DataFrame([{
        "id": e["id"], "date": e["date"], "latitude": e["latitude"],
        "longitude": e["longitude"], "location": e["location"],
        "description": e["description"],
        "sources": ",".join(s["path"] for s in e["sources"]),
        "associations": ",".join(f"{f['key']}={f['value']}" for f in e["filters"])}
        for e in events])
    preview = preview_bytes(store, frame.to_csv(index=False).encode(), "ukr-civharm.csv")
    assert preview.preset.name == "timemap" and preview.counts()["new"] == 14
    rows = preview.incidents
    assert rows.loc[2, "munitions"] == "Air strike"
    assert rows.loc[1, "source_url"] == \
        "https://twitter.com/Michael1Sheldon/status/1496717647089651716"
    assert "Categories: Type of area affected = Residential" in rows.loc[1, "description"]


def test_firms_country_download_keeps_its_country_and_version(store):
    """FIRMS's country download (/api/country/csv) starts with `country_id` (ISO 3166
    alpha-3); every FIRMS file has `version` (2.0NRT near real time, 2 or 6.1 the standard
    archive): both were left unread."""
    frame = pd.read_csv(VIIRS_CSV, dtype=str, keep_default_na=False)
    frame.insert(0, "country_id", "ITA")
    preview = preview_bytes(store, frame.to_csv(index=False).encode(), "ITA_VIIRS.csv")
    assert preview.preset.name == "firms" and preview.counts()["new"] == 9
    row = preview.incidents.loc[1]
    assert row["country"] == "ITA"
    assert "version 2.0NRT" in row["description"]
    assert not any("'country_id'" in note or "'version'" in note for note in preview.notes)
