"""A large batch (geo.store.engine.insert_incidents): on SQLite, into a store much smaller
than the batch, it is inserted with the secondary indexes dropped and created again before
the commit (geo.store.deferred_indexes). A failure in the middle of it, in the database or
in the caller, leaves the store exactly as it was (rows, indexes, triggers), on both
backends."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import event

from geo.errors import StoreError
from geo.store import engine
from tests.support.database import everything
from tests.support.synthetic import synthetic_incidents

ROWS = 2 * engine.INSERT_CHUNK + 5_000  # three chunks: a failure can come after one is in


class Interrupted(Exception):
    """Raised by a progress callback in the middle of an import."""


def large_batch(prefix: str = "large") -> pd.DataFrame:
    rows = synthetic_incidents(ROWS, seed=11)
    return rows.assign(incident_id=[f"{prefix}-{i}" for i in range(ROWS)])


@pytest.fixture
def statements(store):
    """Every statement the store's engine runs."""
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda _conn, _cursor, statement, *_: seen.append(statement))
    return seen


def in_the_middle(rows):
    """The row inserted in the second chunk (rows are written in date order)."""
    return rows.sort_values("date_start", kind="stable").index[engine.INSERT_CHUNK + 100]


def test_a_large_batch_failing_in_the_database_leaves_the_store_as_it_was(store, statements):
    url = store.engine.url.render_as_string(hide_password=False)
    before = everything(url)
    rows = large_batch()
    rows.loc[in_the_middle(rows), "incident_id"] = "seed-000-01"  # stored already
    with pytest.raises(StoreError, match="'large' was not written and nothing was changed"):
        store.add_batch("large", rows)
    assert everything(url) == before
    assert store.revision() == 1
    if store.engine.dialect.name == "sqlite":  # the failure did come where it should
        assert any(sql.startswith("DROP INDEX") for sql in statements)
        assert len([sql for sql in statements if sql.startswith("INSERT INTO incidents")]) == 2


def test_a_large_batch_failing_in_the_caller_leaves_the_store_as_it_was(store, statements):
    url = store.engine.url.render_as_string(hide_password=False)
    before = everything(url)

    def interrupt(done, _total):
        if done > engine.INSERT_CHUNK:
            raise Interrupted(done)

    with pytest.raises(Interrupted):
        store.add_batch("large", large_batch(), progress=interrupt)
    assert everything(url) == before
    assert store.revision() == 1
    if store.engine.dialect.name == "sqlite":
        assert any(sql.startswith("DROP INDEX") for sql in statements)


def test_a_large_batch_keeps_the_indexes_and_every_row(store, statements):
    url = store.engine.url.render_as_string(hide_password=False)
    schema = everything(url)["schema"]
    reported = []
    rows = large_batch()
    assert store.add_batch("large", rows, progress=lambda done, total: reported.append(done)) \
        == ROWS
    assert everything(url)["schema"] == schema
    assert reported == [engine.INSERT_CHUNK, 2 * engine.INSERT_CHUNK, ROWS]
    stored = store.incidents_frame().set_index("incident_id")
    assert set(rows["incident_id"]) <= set(stored.index)
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert any(sql.startswith("DROP INDEX") for sql in statements)


def test_indexes_stay_when_the_store_is_not_much_smaller_than_the_batch(sqlite_store):
    sqlite_store.add_batch("first", large_batch("first"))
    seen = []
    event.listen(sqlite_store.engine, "before_cursor_execute",
                 lambda _conn, _cursor, sql, *_: seen.append(sql))
    sqlite_store.add_batch("second", large_batch("second"))
    assert not any(sql.startswith("DROP INDEX") for sql in seen)
    assert len(sqlite_store.incidents_frame()) == 2 * ROWS + 17
