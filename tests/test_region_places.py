"""A row that names no place and has no coordinates, only its raion or oblast, is placed at
that region. Ukraine's official air-raid alerts as `Vadimkin/ukrainian-air-raid-sirens-dataset`
publishes them (tests/data/air_raid_alerts_official_uk_sample.csv: oblast, raion, hromada,
level, started_at, finished_at, source) were refused: no column for a date (`started_at`),
no column for a location."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.importing.pipeline import ImportOptions, preview_import, read_upload
from tests.support.geocoding import session_geocoder

SAMPLE = Path(__file__).parent / "data" / "air_raid_alerts_official_uk_sample.csv"


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory):
    return session_geocoder(tmp_path_factory)


def test_alerts_are_placed_at_their_raion_or_oblast(store, geocoder):
    raw = read_upload(SAMPLE.read_bytes(), SAMPLE.name)
    preview = preview_import(raw, store, ImportOptions(), geocoder=lambda: geocoder)
    assert preview.mapping["date_start"] == "started_at"
    assert preview.mapping["date_end"] == "finished_at"
    rows = preview.incidents
    oblast = rows.loc[1]   # Вінницька область, no raion
    assert (oblast["place"], oblast["geo_precision"]) == ("Вінницька область", "admin1")
    assert "Vinnytsia Oblast" in oblast["geo_method"]
    # Уманська територіальна громада (a hromada GeoNames does not list), Уманський район:
    # the town it is named from, at raion precision, stored as region-level (it was the
    # raion, five times as big)
    hromada = rows.loc[3]
    assert hromada["place"] == "Уманська територіальна громада"
    assert hromada["geo_precision"] == "admin1" and "690688 Uman (alias)" in hromada["geo_method"]
    assert str(hromada["date_start"].date()) == "2022-03-15"
    listed = rows.loc[6]   # м. Старокостянтинів та Старокостянтинівська територіальна громада
    assert "Starokostiantynivska hromada" in listed["geo_method"]
    assert "site" not in set(rows["geo_precision"])
    assert any("name no place, only a region" in note for note in preview.notes)
    assert preview.counts()["new"] >= 13
    # an alert is a warning, not a strike (they took the default category 'strike')
    assert set(rows["category"]) == {"other"} and set(rows["subtype"]) == {"air_raid_alert"}
    assert any("a table of air-raid alerts" in note for note in preview.notes)


# alerts.in.ua's API answer, saved (`alerts`: id, location_title, location_type, started_at,
# finished_at, alert_type, location_oblast, ...): constructed records in its layout
ALERTS_IN_UA = {"alerts": [
    {"id": 8757, "location_title": "Луганська область", "location_type": "oblast",
     "started_at": "2022-04-04T16:45:39.000Z", "finished_at": None,
     "updated_at": "2023-10-29T18:22:37.357Z", "alert_type": "air_raid", "location_uid": "16",
     "location_oblast": "Луганська область", "location_oblast_uid": 16,
     "location_raion": None, "notes": None, "calculated": None},
    {"id": 8758, "location_title": "Харківська область", "location_type": "oblast",
     "started_at": "2022-04-04T17:01:00.000Z", "finished_at": "2022-04-04T18:01:00.000Z",
     "updated_at": "2023-10-29T18:22:37.357Z", "alert_type": "artillery_shelling",
     "location_uid": "22", "location_oblast": "Харківська область",
     "location_oblast_uid": 22, "location_raion": None, "notes": None, "calculated": None}]}


def test_alerts_in_ua_answers_are_alerts_at_their_region(store, geocoder):
    """Refused: no column for a location (location_title, location_oblast were not read)."""
    raw = read_upload(json.dumps(ALERTS_IN_UA).encode(), "alerts.json")
    preview = preview_import(raw, store, ImportOptions(), geocoder=lambda: geocoder)
    rows = preview.incidents
    assert preview.mapping["place"] == "location_title"
    assert list(rows["subtype"]) == ["air_raid", "artillery_shelling"]
    assert set(rows["category"]) == {"other"} and set(rows["geo_precision"]) == {"admin1"}
    assert "Kharkiv Oblast" in rows.iloc[1]["geo_method"]
