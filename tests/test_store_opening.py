"""Opening a store never waits behind another process's write when it has nothing to do
(geo.store.opening): a current store opens at once while another connection holds the
writers' lock, as a long import would (on SQLite and PostgreSQL). A store that needs work
(an older schema, a map index to rebuild, PostGIS's index gone) waits for the writer, then
does it.

Each open runs on a thread with a deadline, so a test that would wait forever fails."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from geo.errors import StoreError
from geo.settings import DATA_DIR
from geo.store import map_index, migrations, postgis, tables
from geo.store.incident_store import IncidentStore
from tests.support.database import outside, scalar, write_in_progress
from tests.support.threads import Running

OPEN_WITHIN_S = 20  # an open with nothing to do takes well under a second
WAITING_S = 1.5  # how long an open with work due is watched waiting for the writer


def opened(opening: Running) -> IncidentStore:
    """The store an open (finished) made, its engine let go; the open's own error if it
    failed."""
    store = opening.result()
    store.engine.dispose()
    return store


def current_store(url: str) -> None:
    IncidentStore.open(url, DATA_DIR).engine.dispose()


def opened_during_a_write(url: str, seconds: float) -> tuple[Running, bool]:
    """An open started while another process writes, and whether it finished within
    `seconds`, the write still going on; it is let finish after the write in any case, so
    no open outlives the test."""
    with write_in_progress(url):
        opening = Running(lambda: IncidentStore.open(url, DATA_DIR))
        finished = opening.finished_within(seconds)
    assert opening.finished_within(OPEN_WITHIN_S), \
        f"the open was still waiting {OPEN_WITHIN_S} s after the other write ended"
    return opening, finished


def test_a_current_store_opens_while_another_process_writes(database_url):
    current_store(database_url)
    opening, finished = opened_during_a_write(database_url, OPEN_WITHIN_S)
    assert finished, (f"opening a current store waited {OPEN_WITHIN_S} s for another "
                      "process's write: it must not take the writers' lock")
    opened(opening)
    assert scalar(database_url, "SELECT value FROM meta WHERE key = 'schema_version'") == \
        str(tables.SCHEMA_VERSION)


def assert_waits_for_the_writer_then_opens(url: str) -> None:
    """An open started while another process writes is still waiting after WAITING_S, and
    opens once the write ends."""
    opening, finished = opened_during_a_write(url, WAITING_S)
    assert not finished, "an open with work due did it without waiting for the writers' lock"
    opened(opening)


def test_an_older_schema_waits_for_the_writer_then_is_migrated(database_url, monkeypatch):
    current_store(database_url)
    with outside(database_url) as conn:  # as a store of the version before this one
        conn.execute(sa.update(tables.meta).where(tables.meta.c.key == migrations.META_VERSION)
                     .values(value=str(tables.SCHEMA_VERSION - 1)))
    applied: list[int] = []
    monkeypatch.setitem(migrations.MIGRATIONS, tables.SCHEMA_VERSION,
                        lambda conn: applied.append(tables.SCHEMA_VERSION))
    assert_waits_for_the_writer_then_opens(database_url)
    assert applied == [tables.SCHEMA_VERSION]
    assert scalar(database_url, "SELECT value FROM meta WHERE key = 'schema_version'") == \
        str(tables.SCHEMA_VERSION)


def test_a_dirty_map_index_waits_for_the_writer_then_is_rebuilt(db_path):
    url = f"sqlite:///{db_path}"
    current_store(url)
    with outside(url) as conn:  # as another program's write leaves it
        conn.execute(sa.delete(map_index.chunks))
        conn.execute(sa.insert(map_index.dirty_batches).values(batch_id="seed"))
    assert_waits_for_the_writer_then_opens(url)
    assert scalar(url, "SELECT count(*) FROM map_dirty_batches") == 0
    assert scalar(url, "SELECT sum(row_count) FROM map_chunks") == \
        scalar(url, "SELECT count(*) FROM incidents")


def test_a_missing_postgis_index_waits_for_the_writer_then_is_made(postgresql_url):
    current_store(postgresql_url)
    with outside(postgresql_url) as conn:
        conn.exec_driver_sql(f"DROP INDEX {postgis.GEOMETRY_INDEX}")
    assert_waits_for_the_writer_then_opens(postgresql_url)
    assert scalar(postgresql_url, "SELECT to_regclass(:name) IS NOT NULL",
                  name=postgis.GEOMETRY_INDEX)


@pytest.mark.parametrize("damage, message", [
    ("x7", "is damaged: its schema version reads 'x7'"),
    ("99", "schema version 99, newer than this program"),
])
def test_a_damaged_or_newer_store_is_refused_while_another_process_writes(
        database_url, damage: str, message: str):
    """Found by the open's read: refused at once, as before, never waiting for the writer."""
    current_store(database_url)
    with outside(database_url) as conn:
        conn.execute(sa.update(tables.meta).where(tables.meta.c.key == migrations.META_VERSION)
                     .values(value=damage))
    opening, finished = opened_during_a_write(database_url, OPEN_WITHIN_S)
    assert finished, f"refusing the store waited {OPEN_WITHIN_S} s for another write"
    with pytest.raises(StoreError, match=message):
        opened(opening)

