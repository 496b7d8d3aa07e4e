"""geo.store.map_index + geo.store.map_query: the map columns read through the map index are exactly
the rows of the in-memory filter, for every kind of view, and stay so after imports,
undo, claim edits, writes by another program, a failed import and the migration of a
version 3 database. SQLite only: the map index is SQLite's (other databases answer in SQL,
test_other_databases_answer_in_sql), and its tests write the file as another program would."""

from __future__ import annotations

import datetime as dt
import sqlite3
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from geo.analysis.filters import apply_filter
from geo.errors import StoreError
from geo.records import coerce_incidents
from geo.review.claims import set_claim_status
from geo.schema import INCIDENT_COLUMNS
from geo.settings import DATA_DIR
from geo.store import map_chunks, map_index, migrations, tables
from geo.store.engine import create_engine, records
from geo.store.incident_store import IncidentStore
from geo.store.map_query import answers
from geo.store.query import MAP_COLUMNS
from geo.viewstate import ViewFilter
from tests.support.old_database import make_v1_database
from tests.support.synthetic import synthetic_incidents

D = dt.date
REGION = (22.0, 44.0, 41.0, 53.0)
VIEWS = {
    "week x city": ViewFilter(D(2025, 8, 4), D(2025, 8, 10), bbox=(36.0, 49.8, 36.5, 50.2)),
    "day x region": ViewFilter(D(2025, 8, 8), D(2025, 8, 8), bbox=REGION),
    "inside a long interval": ViewFilter(D(2023, 5, 1), D(2023, 5, 2), bbox=REGION),
    "all time x city": ViewFilter(D(2022, 1, 1), D(2025, 12, 31), bbox=(30.5, 46.3, 30.9, 46.7)),
    "from only": ViewFilter(D(2025, 7, 1), None, bbox=(28.0, 44.0, 36.0, 49.0)),
    "to only": ViewFilter(None, D(2022, 3, 1)),
    "box only": ViewFilter(bbox=(30.0, 46.0, 33.0, 48.0)),
    "month, no box (rows without a point too)": ViewFilter(D(2023, 3, 1), D(2023, 3, 31)),
    "everything": ViewFilter(),
    "categories": ViewFilter(D(2024, 1, 1), D(2024, 12, 31), bbox=(35.5, 47.5, 37.0, 48.5),
                             categories=("strike", "thermal_detection")),
    "statuses": ViewFilter(bbox=(30.0, 46.0, 33.0, 48.0), claim_statuses=("confirmed",)),
    "no category": ViewFilter(D(2024, 1, 1), D(2024, 2, 1), categories=()),
    "unknown category": ViewFilter(categories=("no such category",)),
    "box on a chunk edge": ViewFilter(D(2024, 6, 1), D(2024, 6, 30),
                                      bbox=(36.2304, 49.9935, 36.5, 50.5)),
    "operators (answered in SQL)": ViewFilter(D(2023, 6, 1), D(2023, 6, 30),
                                              operators=("SOCAR", "")),
}


def edge_rows() -> pd.DataFrame:
    """Intervals that start years before a window, a point on a box edge, rows without
    a point or with half of one, a category no other row has."""
    rows = pd.DataFrame({
        "incident_id": ["edge-long", "edge-long-nopoint", "edge-corner", "edge-half",
                        "edge-new-category-Запоріжжя-ℹ"],
        "date_start": ["2022-02-24", "2021-06-01", "2024-06-15", "2023-03-10", "2025-08-08"],
        "date_end": ["2025-08-08", "2025-01-01", "2024-06-15", "2023-03-10", "2025-08-08"],
        "category": ["strike", "security", "strike", "other", "pipeline_sabotage"],
        "latitude": [46.48572, np.nan, 49.9935, 47.0, 48.1],
        "longitude": [30.74383, np.nan, 36.2304, np.nan, 37.5],
        "geo_precision": ["town", "country", "site", "admin1", "town"],
        "claim_status": ["reported", "claimed", "confirmed", "reported", "claimed"],
        "source_name": "test",
    })
    return coerce_incidents(rows)


def synthetic(n: int, prefix: str, seed: int = 11) -> pd.DataFrame:
    rows = synthetic_incidents(n, seed=seed)
    return rows.assign(incident_id=[f"{prefix}-{i}" for i in range(n)])


def check_views(store: IncidentStore, views=None, columns=MAP_COLUMNS) -> None:
    everything = store.incidents_frame()
    for view in VIEWS.values() if views is None else views:
        expected = apply_filter(everything, view)[list(columns)]
        found = store.query(view, columns)
        assert list(found.columns) == list(columns)
        pd.testing.assert_frame_equal(
            found.sort_values("incident_id").reset_index(drop=True),
            expected.sort_values("incident_id").reset_index(drop=True), check_exact=True)


def index_state(store: IncidentStore) -> dict:
    with store.engine.connect() as conn:
        c = map_index.chunks.c
        return {
            "rows": conn.execute(sa.select(sa.func.count()).select_from(tables.incidents))
            .scalar(),
            "indexed": conn.execute(sa.select(sa.func.sum(c.row_count))).scalar() or 0,
            "stale": conn.execute(sa.select(sa.func.count()).where(c.stale != 0)).scalar(),
            "dirty": conn.execute(sa.select(sa.func.count())
                                  .select_from(map_index.dirty_batches)).scalar(),
            # the map index's triggers are those on incidents (the history tables have
            # their own, geo.store.history)
            "triggers": set(conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'incidents'").scalars()),
        }


def in_step(store: IncidentStore) -> bool:
    """Every row in one chunk, nothing left to rebuild, every trigger in place (an import
    or undo suspends one for its transaction)."""
    state = index_state(store)
    return (state["rows"] == state["indexed"] and not state["stale"] and not state["dirty"]
            and state["triggers"] == set(map_index.TRIGGERS))


@pytest.fixture
def store(sqlite_store):
    """The store of these tests is a SQLite file (`db_path`): the map index is SQLite's."""
    return sqlite_store


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    path = tmp_path_factory.mktemp("map-index") / "incidents.sqlite"
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    store.add_batch("synthetic", synthetic(20_000, "syn"))
    store.add_batch("edges", edge_rows())
    return store


@pytest.mark.parametrize("name", VIEWS)
def test_the_map_index_returns_the_rows_of_the_in_memory_filter(filled, name):
    found_nothing = name in ("no category", "unknown category")
    assert (len(apply_filter(filled.incidents_frame(), VIEWS[name])) == 0) == found_nothing
    check_views(filled, [VIEWS[name]])


def test_the_index_holds_every_row_once_and_answers_map_queries(filled):
    assert in_step(filled)
    with filled.engine.connect() as conn:
        view = VIEWS["day x region"]
        assert answers(conn, view, MAP_COLUMNS)
        assert answers(conn, view, ("claim_status", "incident_id"))
        assert not answers(conn, view, ("incident_id", "description"))  # not a map column
        assert not answers(conn, ViewFilter(operators=("SOCAR",)), MAP_COLUMNS)  # sites
        c = map_index.chunks.c
        ids = [i for stored in conn.execute(sa.select(c.row_count, c.id_width, c.incident_id,
                                                      c.id_length))
               for i in map_chunks.chunk_ids(*stored)]
    assert sorted(ids) == sorted(filled.incidents_frame()["incident_id"])


def test_long_intervals_and_rows_without_a_point_are_found(filled):
    inside = filled.query(VIEWS["inside a long interval"], MAP_COLUMNS)
    assert "edge-long" in set(inside["incident_id"])  # 2022-02-24 .. 2025-08-08
    dated = ViewFilter(D(2024, 3, 1), D(2024, 3, 2))  # no box
    found = filled.query(dated, MAP_COLUMNS)
    assert "edge-long-nopoint" in set(found["incident_id"])
    assert found["latitude"].isna().sum() > 1  # synthetic rows known to country level too
    boxed = filled.query(ViewFilter(D(2024, 3, 1), D(2024, 3, 2), bbox=(-180, -90, 180, 90)),
                         MAP_COLUMNS)
    assert boxed["latitude"].notna().all() and len(boxed) < len(found)


def test_subsets_of_the_map_columns_in_any_order(filled):
    check_views(filled, [VIEWS["categories"], VIEWS["to only"]],
                columns=("claim_status", "incident_id", "latitude"))


def test_an_empty_result_keeps_the_columns_and_types(filled):
    found = filled.query(ViewFilter(D(2030, 1, 1), D(2030, 1, 2)), MAP_COLUMNS)
    expected = filled.incidents_frame()[list(MAP_COLUMNS)]
    assert found.empty and list(found.columns) == list(MAP_COLUMNS)
    assert list(found.dtypes) == list(expected.dtypes)


def test_other_databases_answer_in_sql():
    conn = SimpleNamespace(dialect=postgresql.dialect())  # stands in for a connection
    assert not answers(conn, VIEWS["week x city"], MAP_COLUMNS)


def test_every_row_goes_to_exactly_one_chunk_of_its_kind():
    rows = synthetic(3_000, "p")
    rows.loc[rows.index[:40], "date_end"] = rows["date_start"].iloc[:40] + pd.Timedelta(days=400)
    arrays = {name: rows[name].to_numpy() for name in MAP_COLUMNS}
    parts = map_chunks.partition(arrays)
    positions = np.concatenate(parts)
    assert sorted(positions) == list(range(len(rows)))
    for part in parts:
        assert 0 < len(part) <= map_chunks.CHUNK_ROWS
        point = rows["latitude"].iloc[part].notna() & rows["longitude"].iloc[part].notna()
        span = (rows["date_end"] - rows["date_start"]).iloc[part].dt.days
        assert point.all() or not point.any()
        long_span = span > map_chunks.LONG_SPAN_DAYS
        assert long_span.all() or not long_span.any()


def test_incident_ids_of_any_text_come_back_exactly():
    ids = ["a", "", "ends in NUL\0", "\0", "Запоріжжя 😀", "x" * 300, "tab\tand\nnewline"]
    rows = synthetic(len(ids) * 3, "unused").assign(incident_id=ids * 3)
    rows.loc[rows.index[len(ids):], "latitude"] = np.nan  # other chunks, other widths
    arrays = {name: rows[name].to_numpy() for name in MAP_COLUMNS}
    codes = {name: np.zeros(len(rows), dtype=np.int64) for name in map_chunks.CODED}
    parts = [np.arange(len(ids)), np.arange(len(ids), len(rows))]
    stored = {}
    for part in parts:
        for name, value in map_chunks.encode(arrays, codes, part).items():
            stored.setdefault(name, []).append(value)
    lengths = map_chunks.decode(stored)["id_length"]
    every = np.ones(len(rows), dtype=bool)
    assert map_chunks.selected_ids(stored, lengths, every).tolist() == ids * 3
    some = np.arange(len(rows)) % 2 == 1
    assert map_chunks.selected_ids(stored, lengths, some).tolist() == list(
        np.array(ids * 3, dtype=object)[some])
    assert map_chunks.selected_ids(stored, lengths, ~every).tolist() == []


def test_imports_and_undo_keep_the_index_in_step(store):
    store.add_batch("a", synthetic(3_000, "a"))
    store.add_batch("b", synthetic(2_000, "b", seed=12))
    store.add_batch("edges", edge_rows())
    assert in_step(store)
    check_views(store)
    assert store.undo_batch("a") == 3_000
    assert in_step(store)
    check_views(store)
    with store.engine.connect() as conn:
        assert not conn.execute(sa.select(map_index.chunks.c.chunk_id)
                                .where(map_index.chunks.c.batch_id == "a")).first()


def test_a_new_category_gets_a_new_code_and_old_codes_stay(store):
    with store.engine.connect() as conn:
        before = conn.execute(sa.select(map_index.vocabulary)).all()
    store.add_batch("edges", edge_rows())
    with store.engine.connect() as conn:
        after = conn.execute(sa.select(map_index.vocabulary)).all()
    assert set(before) < set(after)
    assert ("category", "pipeline_sabotage") in {(name, value) for name, _, value in after}
    check_views(store, [ViewFilter(categories=("pipeline_sabotage",))])


def test_a_claim_edit_is_in_the_index_when_it_commits(store):
    rows = synthetic(3_000, "a")
    store.add_batch("a", rows)
    edited = rows.loc[rows["claim_status"] != "confirmed", "incident_id"].iloc[17]
    set_claim_status(store, edited, "confirmed", changed_by="analyst")
    assert in_step(store)
    confirmed = store.query(ViewFilter(claim_statuses=("confirmed",)), MAP_COLUMNS)
    assert edited in set(confirmed["incident_id"])
    check_views(store)


def test_writes_by_another_program_are_read_right_and_folded_in_by_the_next_write(
        store, db_path):
    store.add_batch("a", synthetic(3_000, "a"))
    store.add_batch("edges", edge_rows())
    with sqlite3.connect(db_path) as other:
        other.execute("UPDATE incidents SET claim_status = 'geolocated' "
                      "WHERE incident_id IN ('a-5', 'a-6')")
        other.execute("UPDATE incidents SET latitude = 60.5, longitude = 10.25 "
                      "WHERE incident_id = 'a-7'")  # moved far out of its chunk's box
        other.execute("UPDATE incidents SET date_start = '2021-01-01' "
                      "WHERE incident_id = 'edge-corner'")
        other.execute("UPDATE incidents SET incident_id = 'a-8-renamed' "
                      "WHERE incident_id = 'a-8'")
        other.execute("DELETE FROM incidents WHERE incident_id IN ('a-9', 'edge-half')")
        other.execute("INSERT INTO incidents (incident_id, date_start, date_end, category, "
                      "latitude, longitude, claim_status, batch_id) VALUES ('manual-1', "
                      "'2025-08-08', '2025-08-08', 'strike', 46.5, 30.7, 'claimed', 'manual')")
    state = index_state(store)
    assert state["stale"] and state["dirty"]
    moved = ViewFilter(bbox=(10.0, 60.0, 11.0, 61.0))
    # not the operator view: the SQL path that answers it keeps each row's span class
    # (geo.store.tables.span_classes) as written by this program, not after another's date edit
    views = [view for view in VIEWS.values() if view.operators is None] + [moved]
    check_views(store, views)
    assert list(store.query(moved, MAP_COLUMNS)["incident_id"]) == ["a-7"]
    store.add_batch("b", synthetic(500, "b"))  # this program's next write
    assert in_step(store)
    check_views(store, views)


def test_a_failed_import_leaves_the_index_as_it_was(store, db_path):
    store.add_batch("a", synthetic(2_000, "a"))
    with store.engine.connect() as conn:
        before = conn.execute(sa.select(map_index.chunks)).all()
    clash = synthetic(1_000, "b").assign(incident_id=lambda f: f["incident_id"].where(
        f.index != 500, "a-3"))
    with pytest.raises(StoreError, match="was not written"):
        store.add_batch("b", clash)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(map_index.chunks)).all() == before
    assert in_step(store)


def make_v3_database(path) -> None:
    """A version 1 file brought to version 3 by the real migrations, then given rows the
    way a version 3 program wrote them (no map index then)."""
    make_v1_database(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for version in (2, 3):
            migrations.MIGRATIONS[version](conn)
        migrations.set_meta(conn, migrations.META_VERSION, 3)
        for batch_id, rows in (("v3-a", synthetic(2_000, "v3a")), ("seed", edge_rows())):
            conn.execute(sa.insert(tables.batches).values(
                batch_id=batch_id, created_at=dt.datetime(2025, 8, 9, tzinfo=dt.UTC),
                row_count=len(rows)))
            rows, classes = rows.assign(batch_id=batch_id), migrations.span_classes_of(rows)
            conn.execute(sa.insert(tables.incidents), [
                {**row, "span_class": int(span_class)} for row, span_class in zip(
                    records(rows, INCIDENT_COLUMNS), classes, strict=True)])
            migrations.add_span_classes(conn, set(classes.tolist()))
    engine.dispose()


def test_a_version_3_database_gets_the_map_index_filled(tmp_path):
    path = tmp_path / "v3.sqlite"
    make_v3_database(path)
    with sqlite3.connect(path) as db:
        assert not db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'map%'").fetchall()
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    assert store.schema_version() == tables.SCHEMA_VERSION
    with sqlite3.connect(path) as db:
        triggers = {name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert set(map_index.TRIGGERS) <= triggers
    assert in_step(store) and index_state(store)["rows"] == 3 + 2_000 + 5
    check_views(store)
    store.add_batch("after", synthetic(300, "after", seed=5))  # and it is kept in step
    assert store.undo_batch("v3-a") == 2_000
    assert in_step(store)
    check_views(store)
