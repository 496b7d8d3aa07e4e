"""geo.store.migrations: a database made by schema version 1 is upgraded in place, in one
transaction; a failed upgrade changes nothing; a store of this version opens again with
nothing written, on SQLite and PostgreSQL; a PostgreSQL store missing its geometry column
gets it.

The old schemas here are SQLite files as earlier versions of this program wrote them (no
earlier version wrote PostgreSQL): those tests are SQLite-only, and read the file with
sqlite3 as another program would."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sqlite3
import warnings

import pytest
import sqlalchemy as sa

from geo.errors import StoreError
from geo.review.claims import claim_history
from geo.settings import DATA_DIR
from geo.store import migrations, revision_log, tables
from geo.store.incident_store import IncidentStore
from geo.viewstate import ViewFilter
from tests.support.database import outside
from tests.support.old_database import make_v1_database
from tests.support.synthetic import synthetic_incidents


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
    assert "revision_log" in schema_of(path)["tables"]  # version 8


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


def schema_and_meta(url: str) -> dict:
    """Tables, their columns and indexes, and the meta rows of the database at `url`."""
    with outside(url) as conn, warnings.catch_warnings():
        # PostGIS's geometry type is unknown to SQLAlchemy; its name is all this reads
        warnings.filterwarnings("ignore", "Did not recognize type", sa.exc.SAWarning)
        inspector = sa.inspect(conn)
        found = {name: ([column["name"] for column in inspector.get_columns(name)],
                        sorted(index["name"] for index in inspector.get_indexes(name)))
                 for name in inspector.get_table_names()}
        meta = dict(conn.execute(sa.select(tables.meta.c.key, tables.meta.c.value)).all())
    return {"tables": found, "meta": meta}


def test_a_store_of_this_version_opens_again_with_nothing_written(database_url):
    store = IncidentStore.open(database_url, DATA_DIR)
    store.add_batch("b1", synthetic_incidents(50))
    store.engine.dispose()
    before = schema_and_meta(database_url)
    assert before["meta"]["schema_version"] == str(tables.SCHEMA_VERSION)
    again = IncidentStore.open(database_url, DATA_DIR)
    assert (again.revision(), len(again.incidents_frame())) == (2, 17 + 50)
    again.engine.dispose()
    assert schema_and_meta(database_url) == before


def test_a_newer_database_is_refused(database_url):
    IncidentStore.open(database_url, DATA_DIR).engine.dispose()
    with outside(database_url) as conn:
        conn.execute(sa.update(tables.meta).where(tables.meta.c.key == "schema_version")
                     .values(value="99"))
    with pytest.raises(StoreError, match="schema version 99, newer than this program"):
        IncidentStore.open(database_url, DATA_DIR)
    assert schema_and_meta(database_url)["meta"]["schema_version"] == "99"


POSTGIS_STORE = importlib.util.find_spec("geo.store.postgis") is not None


@pytest.mark.skipif(not POSTGIS_STORE, reason="the geometry column comes with issue 19's "
                    "PostGIS store (geo.store.postgis, branch issue-19-pg), not merged yet")
def test_a_postgresql_store_missing_its_geometry_column_gets_it(postgresql_url):
    from geo.store import postgis

    IncidentStore.open(postgresql_url, DATA_DIR).engine.dispose()
    with outside(postgresql_url) as conn:  # as a store made before the column existed
        conn.exec_driver_sql(f"ALTER TABLE incidents DROP COLUMN {postgis.GEOMETRY_COLUMN}")
    store = IncidentStore.open(postgresql_url, DATA_DIR)
    store.engine.dispose()
    with outside(postgresql_url) as conn:
        located = conn.exec_driver_sql(
            f"SELECT count(*) FROM incidents WHERE {postgis.GEOMETRY_COLUMN} IS NOT NULL"
            ).scalar()
        with_point = conn.exec_driver_sql(
            "SELECT count(*) FROM incidents WHERE latitude IS NOT NULL AND longitude IS NOT "
            "NULL").scalar()
        indexes = {index["name"] for index in sa.inspect(conn).get_indexes("incidents")}
    assert located == with_point > 0
    assert postgis.GEOMETRY_INDEX in indexes


def make_v5_database(path, monkeypatch) -> None:
    """A store as schema version 5 left it: no authorship columns, no history guards, and
    history rows already recorded (one for a record imported after the review)."""
    make_v1_database(path)
    monkeypatch.setattr(tables, "SCHEMA_VERSION", 5)
    IncidentStore.open(f"sqlite:///{path}", DATA_DIR).engine.dispose()
    monkeypatch.undo()
    with sqlite3.connect(path) as db:
        for table, names in tables.VERSION_7_COLUMNS.items():  # version 3 made the
            present = {row[1] for row in db.execute(f"PRAGMA table_info({table.name})")}
            for name in set(names) & present:  # history tables as they are now
                db.execute(f"ALTER TABLE {table.name} DROP COLUMN {name}")
        db.executemany(
            "INSERT INTO claim_history (incident_id, previous_status, status, changed_by, "
            "changed_at, note) VALUES (?, 'reported', 'confirmed', 'Ana', ?, '')",
            [("old-1", "2025-08-10 09:00:00.000000"),   # after its batch (2025-08-09 10:00)
             ("old-2", "2025-08-01 09:00:00.000000"),   # before it: an earlier record's
             ("gone-1", "2025-08-10 09:00:00.000000")])  # its record is no longer stored
        db.execute("INSERT INTO link_history (incident_id, previous_site_id, site_id, "
                   "changed_by, changed_at) VALUES ('old-3', '', 's1', 'Bo', "
                   "'2025-08-11 09:00:00.000000')")


def test_version_7_ties_old_history_to_its_record_and_guards_it(tmp_path, monkeypatch):
    path = tmp_path / "v5.sqlite"
    make_v5_database(path, monkeypatch)
    assert schema_of(path)["meta"]["schema_version"] == "5"
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    assert store.schema_version() == tables.SCHEMA_VERSION
    with sqlite3.connect(path) as db:
        attached = dict(db.execute("SELECT incident_id, batch_id FROM claim_history"))
        links = dict(db.execute("SELECT incident_id, batch_id FROM link_history"))
        triggers = {n for (n,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM claim_history")
    assert attached == {"old-1": "b-old", "old-2": "", "gone-1": ""}
    assert links == {"old-3": "b-old"}
    assert {"claim_history_append_only_update", "link_history_append_only_delete"} <= triggers
    assert {"imported_by", "imported_from", "undone_by", "undone_from"} <= \
        schema_of(path)["batch_columns"]
    assert list(claim_history(store, "old-1")["changed_by"]) == ["Ana"]
    assert claim_history(store, "old-2").empty  # an earlier record's review stays apart
    assert len(claim_history(store)) == 3  # and is kept
    assert IncidentStore.open(f"sqlite:///{path}", DATA_DIR).schema_version() == \
        tables.SCHEMA_VERSION  # opening again changes nothing


def test_version_8_logs_the_writes_after_it(tmp_path, monkeypatch):
    """A store as version 7 left it gets the revision log, empty: its earlier revisions are
    not described (a frame file of them is read again in full), every write after is."""
    path = tmp_path / "v7.sqlite"
    make_v1_database(path)
    monkeypatch.setattr(tables, "SCHEMA_VERSION", 7)
    IncidentStore.open(f"sqlite:///{path}", DATA_DIR).engine.dispose()
    monkeypatch.undo()
    assert "revision_log" not in schema_of(path)["tables"]
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    assert store.schema_version() == 8
    revision = store.revision()
    with store.engine.connect() as conn:
        assert revision_log.changes_between(conn, revision - 1, revision) is None
    store.undo_batch("b-old")
    with store.engine.connect() as conn:
        gap = revision_log.changes_between(conn, revision, revision + 1)
    assert gap == revision_log.Gap(frozenset({"b-old"}), frozenset())
