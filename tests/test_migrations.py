"""geo.migrations: a database made by schema version 1 is upgraded in place, in one
transaction; a failed upgrade changes nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from geo import migrations, tables
from geo.errors import StoreError
from geo.filters import ViewFilter
from geo.settings import DATA_DIR
from geo.store import IncidentStore
from tests.bench.synthetic import synthetic_incidents

# The schema exactly as version 1 of this program created it (sqlite3 .schema).
V1_SCHEMA = """
CREATE TABLE meta ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, PRIMARY KEY ("key"));
CREATE TABLE batches (batch_id VARCHAR(64) NOT NULL, created_at DATETIME NOT NULL,
    file_name TEXT DEFAULT '' NOT NULL, preset TEXT DEFAULT '' NOT NULL,
    row_count INTEGER DEFAULT '0' NOT NULL, undone_at DATETIME, PRIMARY KEY (batch_id));
CREATE TABLE incidents (incident_id VARCHAR(64) NOT NULL, date_start DATE NOT NULL,
    date_end DATE NOT NULL, date_precision TEXT DEFAULT '' NOT NULL,
    date_text TEXT DEFAULT '' NOT NULL, category TEXT DEFAULT '' NOT NULL,
    subtype TEXT DEFAULT '' NOT NULL, place TEXT DEFAULT '' NOT NULL,
    site_id TEXT DEFAULT '' NOT NULL, latitude FLOAT, longitude FLOAT,
    geo_precision TEXT DEFAULT '' NOT NULL, geo_method TEXT DEFAULT '' NOT NULL,
    country TEXT DEFAULT '' NOT NULL, admin1 TEXT DEFAULT '' NOT NULL,
    operator TEXT DEFAULT '' NOT NULL, munitions TEXT DEFAULT '' NOT NULL,
    casualties TEXT DEFAULT '' NOT NULL, description TEXT DEFAULT '' NOT NULL,
    source_name TEXT DEFAULT '' NOT NULL, source_url TEXT DEFAULT '' NOT NULL,
    claimant TEXT DEFAULT '' NOT NULL, claim_status TEXT DEFAULT '' NOT NULL,
    batch_id TEXT DEFAULT '' NOT NULL, PRIMARY KEY (incident_id));
CREATE INDEX ix_incidents_location ON incidents (latitude, longitude);
CREATE INDEX ix_incidents_batch ON incidents (batch_id);
CREATE INDEX ix_incidents_dates ON incidents (date_start, date_end);
CREATE INDEX ix_incidents_site ON incidents (site_id);
CREATE TABLE sites (site_id VARCHAR(64) NOT NULL, name TEXT DEFAULT '' NOT NULL,
    aliases TEXT DEFAULT '' NOT NULL, kind TEXT DEFAULT '' NOT NULL,
    operator TEXT DEFAULT '' NOT NULL, country TEXT DEFAULT '' NOT NULL,
    admin1 TEXT DEFAULT '' NOT NULL, latitude FLOAT, longitude FLOAT,
    geo_precision TEXT DEFAULT '' NOT NULL, geo_method TEXT DEFAULT '' NOT NULL,
    source_name TEXT DEFAULT '' NOT NULL, source_url TEXT DEFAULT '' NOT NULL,
    notes TEXT DEFAULT '' NOT NULL, PRIMARY KEY (site_id));
"""
V1_ROWS = [  # (incident_id, date_start, date_end, latitude, longitude, batch_id)
    ("old-1", "2025-08-08", "2025-08-08", 46.64, 30.57, "b-old"),
    ("old-2", "2022-02-24", "2025-08-08", 46.48, 30.74, "b-old"),  # a three-year interval
    ("old-3", "2025-08-01", "2025-08-07", 45.32, 28.44, "b-old"),
]


def make_v1_database(path) -> None:
    with sqlite3.connect(path) as db:
        db.executescript(V1_SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("schema_version", "1"), ("revision", "5")])
        db.execute("INSERT INTO batches (batch_id, created_at, file_name, preset, row_count) "
                   "VALUES ('b-old', '2025-08-09 10:00:00', 'old.csv', 'auto', 3)")
        db.executemany(
            "INSERT INTO incidents (incident_id, date_start, date_end, date_precision, "
            "category, latitude, longitude, geo_precision, source_name, claim_status, "
            "batch_id) VALUES (?, ?, ?, 'day', 'strike', ?, ?, 'site', 'src', 'reported', ?)",
            V1_ROWS)
        db.execute("UPDATE incidents SET site_id = 's1' WHERE incident_id = 'old-1'")
        db.execute("INSERT INTO sites (site_id, name, kind, geo_precision) "
                   "VALUES ('s1', 'Depot', 'oil_depot', 'site')")


def schema_of(path) -> dict:
    with sqlite3.connect(path) as db:
        return {
            "indexes": {r[0] for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL")},
            "batch_columns": {r[1] for r in db.execute("PRAGMA table_info(batches)")},
            "incident_columns": {r[1] for r in db.execute("PRAGMA table_info(incidents)")},
            "meta": dict(db.execute("SELECT key, value FROM meta")),
            "tables": {r[0] for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")},
            "site_links": dict(db.execute(
                "SELECT incident_id, site_link FROM incidents"
                if "site_link" in {r[1] for r in db.execute("PRAGMA table_info(incidents)")}
                else "SELECT incident_id, NULL FROM incidents")),
        }


def test_every_version_has_a_migration():
    assert sorted(migrations.MIGRATIONS) == list(range(2, tables.SCHEMA_VERSION + 1))


def test_a_version_1_database_is_upgraded_and_keeps_its_data(tmp_path):
    path = tmp_path / "v1.sqlite"
    make_v1_database(path)
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    assert store.schema_version() == tables.SCHEMA_VERSION
    schema = schema_of(path)
    assert {tables.WINDOW_INDEX, tables.AREA_INDEX, "ix_incidents_batch"} <= schema["indexes"]
    assert not {"ix_incidents_dates", "ix_incidents_location"} & schema["indexes"]
    assert {"skipped_count", "rejected_count", "file_sha256", "settings"} <= \
        schema["batch_columns"]
    assert "span_class" in schema["incident_columns"]
    # version 3: history tables, thermal tables, and links given by the data marked "source"
    assert {"claim_history", "link_history", "thermal_detections", "thermal_coverage"} <= \
        schema["tables"]
    assert schema["site_links"] == {"old-1": "source", "old-2": "", "old-3": ""}
    # data, revision and batches are kept; nothing is re-seeded
    assert store.revision() == 5
    # version 5: an id of its own, kept from then on
    assert len(store.store_id()) == 32
    assert IncidentStore.open(f"sqlite:///{path}", DATA_DIR).store_id() == store.store_id()
    frame = store.incidents_frame()
    assert sorted(frame["incident_id"]) == ["old-1", "old-2", "old-3"]
    batch = store.batches_frame().iloc[0]
    assert (batch.batch_id, batch.row_count, batch.skipped_count) == ("b-old", 3, 0)
    assert list(store.sites_frame()["site_id"]) == ["s1"]
    # the long interval got its length class, so a window inside it finds it
    assert set(map(int, schema["meta"]["span_classes"].strip("[]").split(", "))) >= {0, 3, 11}
    inside = ViewFilter(dt.date(2023, 1, 1), dt.date(2023, 1, 31),
                        bbox=(30.0, 46.0, 31.0, 47.0))
    assert list(store.query(inside)["incident_id"]) == ["old-2"]
    # and the upgraded store takes new batches and undoes old ones
    store.add_batch("new", synthetic_incidents(10).assign(incident_id=lambda f: "n" + f.index
                                                           .astype(str)))
    assert store.undo_batch("b-old") == 3
    assert store.revision() == 7


def test_a_failed_upgrade_changes_nothing(tmp_path):
    path = tmp_path / "v1.sqlite"
    make_v1_database(path)
    with sqlite3.connect(path) as db:  # a clash the migration meets half-way through
        db.execute("ALTER TABLE incidents ADD COLUMN span_class INTEGER")
    before = schema_of(path)
    with pytest.raises(StoreError, match="duplicate column name: span_class"):
        IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    after = schema_of(path)
    assert after == before  # the batches columns added first were rolled back too
    assert after["meta"]["schema_version"] == "1"


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.sqlite"
    make_v1_database(path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99, newer than this program"):
        IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
