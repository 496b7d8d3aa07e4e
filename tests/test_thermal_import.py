"""FIRMS imports write typed thermal detections and the file's coverage with their batch,
in the same transaction; undo removes them; bad FIRMS values are reported per row. On SQLite
and PostgreSQL (the `store` fixture)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.commands._cli import main
from geo.errors import StoreError
from geo.importing.pipeline import (
    ImportOptions,
    commit_import,
    import_path,
    preview_import,
    read_upload,
)
from geo.store import tables
from geo.store.thermal import thermal_coverage, thermal_detections_frame
from tests.support.files import FIRMS_CSV
from tests.support.views import store_view

HEADER = ("latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,"
          "confidence,version,bright_ti5,frp,daynight\n")


def preview_of(store, text: str, name: str = "firms.csv"):
    raw = read_upload(text.encode(), name)
    return preview_import(raw, store, ImportOptions(today=dt.date(2026, 1, 1)))


def count(store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()


def test_a_firms_file_is_stored_with_typed_values_and_its_coverage(store):
    result = import_path(FIRMS_CSV, store, ImportOptions(today=dt.date(2026, 1, 1)))
    assert result.added == 9 and result.rejected == 0
    detections = thermal_detections_frame(store).sort_values("detected_at")
    assert len(detections) == 9 and set(detections["batch_id"]) == {result.batch_id}
    first = detections.iloc[0]  # 2025-06-20 1012, S-NPP, low confidence
    assert first["detected_at"] == pd.Timestamp("2025-06-20 10:12")
    assert (first["frp"], first["confidence"], first["satellite"], first["instrument"],
            first["daynight"]) == (3.1, "low", "N", "VIIRS", "day")
    night = detections.loc[detections["detected_at"] == pd.Timestamp("2025-06-29 01:18")]
    assert len(night) == 1  # acq_time "118" is 01:18, as FIRMS writes it
    assert night["daynight"].iat[0] == "night" and night["confidence"].iat[0] == "nominal"
    assert set(detections["confidence"]) == {"low", "nominal", "high"}
    stored = store.incidents_frame()
    rows = stored.loc[stored["incident_id"].isin(detections["incident_id"])]
    assert set(rows["category"]) == {"thermal_detection"}
    coverage = thermal_coverage(store)
    assert len(coverage) == 1
    row = coverage.iloc[0]
    assert (row["date_from"], row["date_to"]) == (dt.date(2025, 6, 20), dt.date(2025, 7, 20))
    assert row["west"] == pytest.approx(33.10955 - 0.25)
    assert row["east"] == pytest.approx(34.50342 + 0.25)
    assert row["south"] == pytest.approx(48.93310 - 0.25)
    assert row["north"] == pytest.approx(49.84125 + 0.25)


def test_undo_removes_the_detections_and_the_coverage(store):
    result = import_path(FIRMS_CSV, store, ImportOptions(today=dt.date(2026, 1, 1)))
    assert count(store, tables.thermal_detections) == 9
    assert store.undo_batch(result.batch_id) == 9
    assert count(store, tables.thermal_detections) == 0
    assert count(store, tables.thermal_coverage) == 0
    assert thermal_detections_frame(store).empty


def test_bad_firms_values_are_reported_per_row_and_the_good_rows_stay(store):
    text = HEADER + (
        "49.17,33.45,330,0.4,0.4,2025-06-28,2318,N20,VIIRS,h,2.0NRT,290,42.7,N\n"
        "49.18,33.46,330,0.4,0.4,2025-06-28,2318,N20,VIIRS,h,2.0NRT,290,abc,N\n"
        "49.19,33.47,330,0.4,0.4,2025-06-28,2561,N20,VIIRS,h,2.0NRT,290,12.0,N\n"
        "49.20,33.48,330,0.4,0.4,2025-06-28,noon,N20,VIIRS,h,2.0NRT,290,12.0,N\n"
        "49.21,33.49,330,0.4,0.4,2025-06-28,1000,Terra,MODIS,85,6.1NRT,290,-3,D\n"
        "49.22,33.50,330,0.4,0.4,2025-06-28,1000,Terra,MODIS,probably,6.1NRT,290,7,D\n"
        "49.23,33.51,330,0.4,0.4,2025-06-28,1000,Terra,MODIS,85,6.1NRT,290,7.5,D\n")
    preview = preview_of(store, text)
    problems = preview.problems()
    assert "Row 2: frp 'abc' is not a fire radiative power in MW (a number, 0 or more); " \
           "fix it" in problems
    assert any(p.startswith("Row 3: acq_time '2561' is not a time of day") for p in problems)
    assert any(p.startswith("Row 4: acq_time 'noon'") for p in problems)
    assert any(p.startswith("Row 5: frp '-3'") for p in problems)
    assert any(p.startswith("Row 6: confidence 'probably' is neither l/n/h") for p in problems)
    assert list(preview.status) == ["new", "rejected", "rejected", "rejected", "rejected",
                                    "rejected", "new"]
    result = commit_import(preview, store)
    assert result.added == 2
    detections = thermal_detections_frame(store).sort_values("frp")
    assert list(detections["confidence"]) == ["85", "high"]  # MODIS keeps its number
    assert list(detections["satellite"]) == ["Terra", "N20"]


def test_the_detections_are_written_in_the_batchs_own_transaction(store):
    preview = preview_of(store, FIRMS_CSV.read_text())
    first_id = preview.incidents["incident_id"].iat[0]  # satellite, time and pixel
    with store.engine.begin() as conn:  # a detection row already holding the new row's id
        conn.execute(sa.insert(tables.thermal_detections), [{
            "incident_id": first_id, "batch_id": "other", "detected_at": dt.datetime(2025, 1,
                                                                                      1)}])
    with pytest.raises(StoreError, match="nothing was changed"):
        commit_import(preview, store, batch_id="B1")
    assert store.incidents_frame()["batch_id"].eq("B1").sum() == 0
    assert "B1" not in set(store.batches_frame()["batch_id"])
    assert count(store, tables.thermal_coverage) == 0


def test_the_preview_holds_the_coverage_the_import_page_shows(store):
    preview = preview_of(store, FIRMS_CSV.read_text())
    text = preview.thermal.coverage.describe()
    assert text.startswith("20 Jun 2025 – 20 Jul 2025 (31 days), area 32.86° to 34.75° E")


def test_command_line_exports_carry_the_thermal_corroboration(store, database_url, tmp_path):
    import_path(FIRMS_CSV, store, ImportOptions(today=dt.date(2026, 1, 1)))
    out = tmp_path / "incidents.csv"
    assert main(["export", "-o", str(out), "--db", database_url]) == 0
    exported = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("incident_id")
    assert exported.loc["seed-000-02", ["thermal_detections", "thermal_status"]].tolist() \
        == ["4", "detected"]
    assert exported.loc["seed-000-03", ["thermal_detections", "thermal_status"]].tolist() \
        == ["", "no_data"]
    by_id = store_view(store).incidents.set_index("incident_id")
    assert by_id.loc["seed-000-02", "thermal_status"] == "detected"  # Kremenchuk TPP
    assert by_id.loc["seed-000-02", "thermal_count"] == 4
    assert by_id.loc["seed-000-03", "thermal_status"] == "no_data"  # Drohobych: not covered
    assert pd.isna(by_id.loc["seed-002-03", "thermal_status"])  # not a strike
