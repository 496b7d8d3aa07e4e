"""Real exports of other tools found in the fifth round (tests/data/README.md), kept as
they import: a UCDP GED API answer saved as a JSON list, a FIRMS VIIRS NOAA-20 standard
archive JSON (MODIS-style brightness names, satellite N20) and a FIRMS VIIRS country
download as GeoJSON (month-first dates, acq_time a number)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.errors import InputFileError
from geo.importing.pipeline import read_upload
from tests.support.imports import preview_bytes

DATA = Path(__file__).parent / "data"


def preview(store, name: str):
    return preview_bytes(store, (DATA / name).read_bytes(), name)


def test_ucdp_api_answer_keeps_ucdp_precisions(store):
    result = preview(store, "ucdp_ged_api_israel_2002.json")
    rows = result.incidents
    assert result.preset.name == "ucdp" and result.counts()["new"] == len(rows) == 11
    first = rows.iloc[0]
    assert (first["incident_id"], first["place"]) == ("ucdp-175957", "Erez crossing")
    assert str(first["date_start"].date()) == "2002-03-01"
    assert first["geo_precision"] == "town" and "where_prec 2" in first["geo_method"]
    by_prec = dict(zip(rows["geo_method"].str.extract(r"where_prec (\d)")[0],
                       rows["geo_precision"], strict=True))
    assert by_prec == {"1": "town", "2": "town", "3": "admin1", "4": "admin1", "5": "admin1"}
    assert "site" not in set(rows["geo_precision"])


def test_firms_noaa20_archive_json_is_viirs_at_unknown_precision(store):
    result = preview(store, "firms_viirs_noaa20_archive_sweden.json")
    rows = result.incidents
    assert result.preset.name == "firms" and result.counts()["new"] == 12
    assert set(rows["category"]) == {"thermal_detection"} and set(rows["subtype"]) == {"viirs"}
    assert set(rows["geo_precision"]) == {"unknown"}
    assert rows.iloc[0]["incident_id"] == "firms-N20-20180705T1139-61.62453-14.69939"
    assert "0.43 km × 0.38 km VIIRS pixel" in rows.iloc[0]["geo_method"]
    assert "FIRMS type 0 (presumed vegetation fire)" in rows.iloc[0]["description"]


def test_firms_country_geojson_reads_month_first_dates_and_numeric_times(store):
    result = preview(store, "firms_viirs_country_nepal.geojson")
    first = result.incidents.iloc[0]
    assert result.preset.name == "firms" and result.counts()["new"] == 12
    assert str(first["date_start"].date()) == "2023-12-30"
    assert first["date_text"] == "12/30/2023 07:41 UTC" and first["country"] == "NPL"


def test_ucdp_deaths_without_low_and_high_columns_name_only_the_best_estimate(store):
    """An extract of a UCDP file that keeps `best` but not `low`/`high` (as analysts cut
    the 49 columns down) said 'low , high ' with nothing after either."""
    data = ("id,date_start,date_end,latitude,longitude,where_prec,date_prec,best,"
            "where_coordinates,type_of_violence\n"
            "1,2026-07-04 00:00:00.000,2026-07-05 00:00:00.000,48.5,37.9,1,2,3,Bakhmut town,1\n")
    result = preview_bytes(store, data.encode(), "ucdp_candidate.csv")
    assert result.incidents.iloc[0]["casualties"] == "3 killed (UCDP best estimate)"


def test_a_kepler_map_configuration_without_its_data_says_how_to_export_the_data():
    """kepler.gl's 'export map config' writes layers and filters only (as
    `Tel-Aviv/timon` @ 957f03a keeps it, `keplergl.json`); it was refused as 'JSON but holds
    no list of records (keys version, config)'. Constructed in that layout."""
    config = {"version": "v1", "config": {"visState": {"filters": [], "layers": [
        {"id": "a1", "type": "point", "config": {"dataId": "my_data",
                                                  "columns": {"lat": "lat", "lng": "lon"}}}]},
        "mapState": {"latitude": 32.08, "longitude": 34.78, "zoom": 11}}}
    with pytest.raises(InputFileError, match="a kepler.gl map configuration without its data "
                                             r"\(its layers and filters only\); in kepler.gl "
                                             "export the map as JSON with its data"):
        read_upload(json.dumps(config, indent=2).encode(), "keplergl.json")
