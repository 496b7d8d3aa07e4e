"""A row that names no place and has no coordinates, only its raion or oblast, is placed at
that region. Ukraine's official air-raid alerts as `Vadimkin/ukrainian-air-raid-sirens-dataset`
publishes them (tests/data/air_raid_alerts_official_uk_sample.csv: oblast, raion, hromada,
level, started_at, finished_at, source) were refused: no column for a date (`started_at`),
no column for a location."""

from __future__ import annotations

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
    raion = rows.loc[3]    # Уманський район, Черкаська область: the raion's point
    assert raion["place"] == "Уманський район" and "Uman Raion" in raion["geo_method"]
    assert str(raion["date_start"].date()) == "2022-03-15"
    assert "site" not in set(rows["geo_precision"])
    assert any("name no place, only a region" in note for note in preview.notes)
    assert preview.counts()["new"] >= 13
