"""geo.store.incident_store: seeding, batches, undo, revisions, and the window + bbox query
in SQL, on SQLite and PostgreSQL (the `store` fixture); what the database says of a refused
row is its own words, so the expected message depends on the backend."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from sqlalchemy.dialects import postgresql

from geo.analysis.filters import apply_filter
from geo.errors import StoreError
from geo.records import coerce_incidents
from geo.schema import INCIDENT_COLUMNS
from geo.settings import DATA_DIR
from geo.store import tables
from geo.store.incident_store import IncidentStore
from geo.store.query import preferred_index, window_query
from geo.store.seed import SITE_FILES
from geo.viewstate import ViewFilter
from tests.support.postgres import BACKENDS, new_database
from tests.support.synthetic import synthetic_incidents


def new_rows(n: int, prefix: str = "t") -> pd.DataFrame:
    rows = synthetic_incidents(n, seed=7)
    return rows.assign(incident_id=[f"{prefix}-{i}" for i in range(n)])


# what each database says when a row breaks a constraint (the store passes it on)
NOT_NULL_DATE_START = {"sqlite": r"NOT NULL constraint failed: incidents\.date_start",
                       "postgresql": r'null value in column "date_start" of relation '
                                     r'"incidents" violates not-null constraint'}
UNIQUE_ID = {"sqlite": r"UNIQUE constraint failed: incidents\.incident_id",
             "postgresql": r'duplicate key value violates unique constraint "incidents_pkey"'}


def test_a_new_store_is_seeded_once(database_url):
    store = IncidentStore.open(database_url, DATA_DIR)
    assert len(store.incidents_frame()) == 17
    # every site of the shipped files once: the register's 10 and the WRI plants around them
    assert len(store.sites_frame()) == sum(
        len(pd.read_csv(DATA_DIR / name)) for name in SITE_FILES) == 108
    assert store.schema_version() == tables.SCHEMA_VERSION
    assert store.revision() == 1
    store.engine.dispose()
    again = IncidentStore.open(database_url, DATA_DIR)
    assert len(again.incidents_frame()) == 17
    assert list(again.batches_frame()["batch_id"]) == ["seed"]
    again.engine.dispose()


def test_frames_have_the_schema_types(store):
    frame = store.incidents_frame()
    assert list(frame.columns) == [*INCIDENT_COLUMNS, "site_link"]  # how site_id was set
    pd.testing.assert_frame_equal(frame[list(INCIDENT_COLUMNS)], coerce_incidents(frame))
    assert frame["site_link"].dtype == object


def test_a_batch_is_added_and_undone_whole(store):
    rows = new_rows(500)
    assert store.add_batch("b1", rows, file_name="f.csv", preset="auto", skipped_count=3,
                           rejected_count=2) == 500
    assert store.revision() == 2
    stored = store.incidents_frame()
    assert len(stored) == 517 and set(stored.loc[stored.batch_id == "b1", "incident_id"]) == \
        set(rows["incident_id"])
    batch = store.batches_frame().iloc[0]
    assert (batch.batch_id, batch.file_name, batch.row_count, batch.skipped_count,
            batch.rejected_count) == ("b1", "f.csv", 500, 3, 2)
    assert store.undo_batch("b1") == 500
    assert store.revision() == 3
    assert len(store.incidents_frame()) == 17
    assert pd.notna(store.batches_frame().set_index("batch_id").loc["b1", "undone_at"])


def test_undo_errors_name_the_batch(store):
    with pytest.raises(StoreError, match="No import batch 'nope'"):
        store.undo_batch("nope")
    store.add_batch("b1", new_rows(3))
    store.undo_batch("b1")
    with pytest.raises(StoreError, match="'b1' was already undone"):
        store.undo_batch("b1")


def test_a_failed_batch_writes_nothing(store):
    rows = new_rows(50)
    rows.loc[rows.index[40], "date_start"] = pd.NaT  # NOT NULL fails on the 41st row
    said = NOT_NULL_DATE_START[store.engine.dialect.name]
    with pytest.raises(StoreError, match=r"'bad' was not written and nothing was changed: "
                                         + said):
        store.add_batch("bad", rows)
    assert store.revision() == 1
    assert len(store.incidents_frame()) == 17
    assert "bad" not in set(store.batches_frame()["batch_id"])


def test_an_id_clash_is_a_store_error_and_writes_nothing(store):
    store.add_batch("b1", new_rows(5))
    said = UNIQUE_ID[store.engine.dialect.name]
    with pytest.raises(StoreError, match=said + r"(.|\n)*run this import again"):
        store.add_batch("b2", new_rows(5))
    assert len(store.incidents_frame()) == 22
    with pytest.raises(StoreError, match="'b1' already exists"):
        store.add_batch("b1", new_rows(1, prefix="other"))


def test_known_ids(store):
    assert store.known_incident_ids(["seed-000-01", "nope", ""]) == {"seed-000-01"}


VIEWS = [
    ViewFilter(dt.date(2025, 8, 1), dt.date(2025, 8, 31), bbox=(36.0, 49.8, 36.5, 50.2)),
    ViewFilter(dt.date(2025, 8, 8), dt.date(2025, 8, 8), bbox=(22.0, 44.0, 41.0, 53.0)),
    ViewFilter(dt.date(2022, 1, 1), dt.date(2025, 12, 31), bbox=(30.5, 46.3, 30.9, 46.7)),
    ViewFilter(dt.date(2024, 3, 1), dt.date(2024, 3, 20), bbox=(35.0, 47.0, 38.0, 50.0),
               categories=("strike", "thermal_detection"), claim_statuses=("claimed",)),
    ViewFilter(dt.date(2025, 7, 1), None),
    ViewFilter(None, dt.date(2022, 3, 1)),
    ViewFilter(bbox=(28.0, 44.0, 32.0, 48.0)),
    ViewFilter(dt.date(2023, 6, 1), dt.date(2023, 6, 30), operators=("SOCAR", "")),
]


@pytest.fixture(scope="module", params=BACKENDS)
def store_of_many(request, tmp_path_factory):
    """A store on each backend with 20,000 incidents beside the seed, for tests that only
    read it."""
    with new_database(request.param, tmp_path_factory.mktemp("many")) as url:
        store = IncidentStore.open(url, DATA_DIR)
        store.add_batch("syn", new_rows(20_000))
        yield store
        store.engine.dispose()


@pytest.mark.parametrize("view", VIEWS)
def test_query_in_sql_matches_filtering_in_pandas(store_of_many, view):
    expected = apply_filter(store_of_many.incidents_frame(), view)
    found = store_of_many.query(view)
    assert set(found["incident_id"]) == set(expected["incident_id"])
    assert len(found) == len(expected)
    pd.testing.assert_frame_equal(found, coerce_incidents(found))


def test_long_intervals_are_found_by_a_window_inside_them(store):
    # seed-000-05 spans 2022-02-24 .. 2025-08-08: any window inside it must find it
    view = ViewFilter(dt.date(2023, 5, 1), dt.date(2023, 5, 2), bbox=(28.0, 44.0, 32.0, 48.0))
    assert "gas infrastructure near Odesa" in set(store.query(view)["place"])


def test_the_narrower_range_leads_the_query(sqlite_store):
    """SQLite only: its query names the index to lead (INDEXED BY) and says so in EXPLAIN
    QUERY PLAN; PostgreSQL's planner chooses for itself."""
    store = sqlite_store
    store.add_batch("syn", new_rows(5_000))
    with store.engine.connect() as conn:
        classes = {0}
        day_everywhere = ViewFilter(dt.date(2025, 8, 8), dt.date(2025, 8, 8),
                                    bbox=(-180.0, -90.0, 180.0, 90.0))
        years_one_town = ViewFilter(dt.date(2022, 1, 1), dt.date(2025, 12, 31),
                                    bbox=(30.5, 46.3, 30.9, 46.7))
        assert preferred_index(conn, day_everywhere, classes) == tables.WINDOW_INDEX
        assert preferred_index(conn, years_one_town, classes) == tables.AREA_INDEX
        plans = {}
        for name, view in (("day", day_everywhere), ("town", years_one_town)):
            statement = window_query(conn, view, span_classes=classes).compile(conn)
            params = tuple(v.isoformat() if hasattr(v, "isoformat") else v
                           for v in (statement.params[k] for k in statement.positiontup))
            plans[name] = " ".join(row[-1] for row in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {statement}", params))
    assert tables.WINDOW_INDEX in plans["day"]
    assert tables.AREA_INDEX in plans["town"]


def test_the_query_compiles_for_postgresql_without_sqlite_tricks():
    connection = SimpleNamespace(dialect=postgresql.dialect())  # stands in for a connection
    view = ViewFilter(dt.date(2025, 8, 1), dt.date(2025, 8, 31), bbox=(36.0, 49.8, 36.5, 50.2))
    sql = str(window_query(connection, view, span_classes={0, 3}).compile(
        dialect=postgresql.dialect()))
    assert "UNION ALL" in sql and "(+" not in sql and "%(" in sql


def test_span_classes_cover_every_interval():
    days = np.array([0, 1, 2, 3, 7, 8, 30, 31, 1260])
    classes = tables.span_classes(days)
    assert all(tables.longest_span(k) >= d for k, d in zip(classes, days, strict=True))
    assert list(classes[:3]) == [0, 1, 2]
