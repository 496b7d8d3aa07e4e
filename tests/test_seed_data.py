"""The shipped seed story: every site and event of the articles, with honest precision."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.errors import DataError
from geo.records import coerce_incidents, validate_incidents
from geo.settings import DATA_DIR
from geo.store.seed import read_seed_incidents, read_seed_sites


@pytest.fixture(scope="module")
def incidents() -> pd.DataFrame:
    return read_seed_incidents(DATA_DIR)


@pytest.fixture(scope="module")
def sites() -> pd.DataFrame:
    return read_seed_sites(DATA_DIR)


def by_id(frame, column, value) -> pd.Series:
    rows = frame.loc[frame[column] == value]
    assert len(rows) == 1, f"expected one row with {column}={value!r}, found {len(rows)}"
    return rows.iloc[0]


def test_every_seed_event_is_recorded_with_its_source(incidents):
    places = " | ".join(incidents["place"]).lower()
    for expected in ("kremenchuk refinery", "thermal power plant", "drohobych oil plant",
                     "facility in odessa", "socar oil depot", "orlivka gas distribution",
                     "trans-balkan", "embassy in kyiv", "socar's office",
                     "passenger aircraft", "yekaterinburg"):
        assert expected in places, expected
    assert (incidents["source_name"] != "").all()
    assert (incidents["claimant"] != "").all()
    assert set(incidents["claim_status"]) <= {"claimed", "reported"}, "no seed claim is settled"


def test_the_claims_say_what_the_articles_say(incidents):
    refinery = by_id(incidents, "incident_id", "seed-000-01")
    assert "6 missiles (claimed)" in refinery["munitions"]
    assert refinery["claim_status"] == "claimed"
    assert by_id(incidents, "incident_id", "seed-000-02")["munitions"].startswith("2 missiles")
    depot = by_id(incidents, "incident_id", "seed-002-01")
    assert depot["date_start"] == depot["date_end"] == pd.Timestamp("2025-08-08")
    assert depot["subtype"] == "drone" and depot["casualties"] == "4 employees injured"
    assert "diesel pipeline" in depot["description"]
    transit = by_id(incidents, "incident_id", "seed-002-03")
    assert transit["date_start"] == pd.Timestamp("2025-06-28")


def test_days_earlier_is_not_a_day(incidents):
    orlivka = by_id(incidents, "incident_id", "seed-002-02")
    assert orlivka["date_precision"] == "approximate"
    assert orlivka["date_start"] < orlivka["date_end"] < pd.Timestamp("2025-08-08")
    assert "days earlier" in orlivka["date_text"].lower()


def test_precision_is_honest(incidents, sites):
    tpp = by_id(sites, "site_id", "kremenchuk_tpp")
    assert tpp["geo_precision"] == "site"  # GEM has the facility point
    for site_id in ("kremenchuk_refinery", "drohobych_refinery", "orlivka_gds"):
        assert by_id(sites, "site_id", site_id)["geo_precision"] == "town", site_id
    assert by_id(sites, "site_id", "socar_odesa_oblast_depot")["geo_precision"] == "admin1"
    office = by_id(sites, "site_id", "socar_office_ukraine")
    assert office["geo_precision"] == "country" and pd.isna(office["latitude"])
    # An incident at a registered site is placed exactly as the site is.
    linked = incidents.loc[incidents["site_id"] != ""].merge(
        sites, on="site_id", suffixes=("", "_site"))
    assert (linked["geo_precision"] == linked["geo_precision_site"]).all()
    mapped = linked.dropna(subset=["latitude"])
    assert (mapped["latitude"] == mapped["latitude_site"]).all()
    assert (incidents.loc[incidents["geo_precision"] == "country", "latitude"].isna()).all()


def test_validation_reports_every_problem_with_row_and_value():
    frame = coerce_incidents(pd.DataFrame([
        {"incident_id": "a", "date_start": "2025-08-08", "date_end": "2025-08-01",
         "date_precision": "day", "category": "strike", "geo_precision": "town",
         "latitude": 95.2, "longitude": 30, "source_name": "x", "claim_status": "claimed"},
        {"incident_id": "a", "date_start": "2025-08-08", "date_end": "2025-08-08",
         "date_precision": "someday", "category": "bombing", "geo_precision": "town",
         "latitude": None, "longitude": None, "source_name": "", "claim_status": "true"},
    ]))
    problems = validate_incidents(frame)
    text = "\n".join(problems)
    assert "Row 1: latitude 95.2 is out of range (-90..90)" in text
    assert "Row 1: date_end 2025-08-01 is before date_start 2025-08-08" in text
    assert "Row 2: 'category' has unknown value 'bombing'" in text
    assert "Row 2: 'claim_status' has unknown value 'true'" in text
    assert "Row 2: 'date_precision' has unknown value 'someday'" in text
    assert "Row 2: 'source_name' is empty" in text
    assert "Row 2: geo_precision is 'town' but latitude/longitude are empty" in text
    assert "Row 2: incident_id 'a' is repeated" in text


def test_a_broken_shipped_file_is_named(tmp_path):
    (tmp_path / "incidents.csv").write_text("incident_id,date_start\nx,not-a-date\n")
    with pytest.raises(DataError, match=r"incidents\.csv"):
        read_seed_incidents(tmp_path)
    with pytest.raises(DataError, match="missing"):
        read_seed_sites(tmp_path)


def test_store_is_seeded_once(store, database_url):
    assert len(store.incidents_frame()) == 17
    assert len(store.sites_frame()) == len(read_seed_sites(DATA_DIR))
    revision = store.revision()
    again = type(store).open(database_url, DATA_DIR)
    assert len(again.incidents_frame()) == 17 and again.revision() == revision
    again.engine.dispose()
