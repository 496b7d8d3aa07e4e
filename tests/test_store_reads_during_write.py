"""Reading the store never waits behind another process's write (geo.store.engine): while
another connection holds the writers' lock in the middle of a write, the revision, the
map's window query and an import's preview come back at once and see the store as it was
before that write; once it commits they see it. Another write still waits for it (on
SQLite and PostgreSQL).

Each read runs on a thread with a deadline, so a read that waits fails instead of hanging."""

from __future__ import annotations

import time

import sqlalchemy as sa

from geo.settings import DATA_DIR
from geo.store import revision_log, tables
from geo.store.engine import bump_revision
from geo.store.incident_store import IncidentStore
from geo.store.query import MAP_COLUMNS
from geo.viewstate import ViewFilter
from tests.support.database import write_in_progress
from tests.support.imports import preview_bytes
from tests.support.threads import Running

READ_WITHIN_S = 20  # each read takes well under a second; this is for a loaded machine
WAITING_S = 1.5  # how long a write is watched waiting for the other writer
# a seed incident again, by its id, and a new one
CSV = (b"incident_id,date,latitude,longitude,category\n"
       b"seed-000-01,2025-06-13,49.06253,33.40484,strike\n"
       b"new-1,2025-08-01,46.5,30.7,strike\n")
SEED_AGAIN = ["incident_id seed-000-01 is already stored", ""]


def window(store: IncidentStore) -> list[str]:
    """The map's window query over everything: every incident's id."""
    return sorted(store.query(ViewFilter(), MAP_COLUMNS)["incident_id"])


def preview(store: IncidentStore) -> list[str]:
    """An import's preview of CSV: why each row duplicates a stored incident."""
    return preview_bytes(store, CSV, "again.csv").duplicates.tolist()


READS = {"revision": IncidentStore.revision, "window": window, "preview": preview}


def reads(store: IncidentStore) -> dict:
    return {name: read(store) for name, read in READS.items()}


def undo_everything(conn: sa.Connection) -> None:
    """A write of the store's own kind: every incident deleted, the revision moved on."""
    conn.execute(sa.delete(tables.incidents))
    bump_revision(conn, revision_log.Change())


def test_reads_during_another_process_write_see_the_store_as_before_it(database_url):
    store = IncidentStore.open(database_url, DATA_DIR)
    before = reads(store)
    assert before["preview"] == SEED_AGAIN and len(before["window"]) == 17
    with write_in_progress(database_url) as conn:
        undo_everything(conn)
        deadline = time.monotonic() + READ_WITHIN_S
        running = {name: Running(lambda read=read: read(store))
                   for name, read in READS.items()}
        waited = [name for name, read in running.items() if not read.finished_by(deadline)]
    for read in running.values():  # none outlives the test
        assert read.finished_within(READ_WITHIN_S), "a read still waits after the write ended"
    assert not waited, (f"{', '.join(waited)} waited {READ_WITHIN_S} s for another "
                        "process's write: a read must take no write lock")
    assert {name: read.result() for name, read in running.items()} == before
    assert reads(store) == {"revision": before["revision"] + 1, "window": [],
                            "preview": ["", ""]}
    store.engine.dispose()


def test_a_write_during_another_process_write_waits_for_it_then_lands(database_url):
    store = IncidentStore.open(database_url, DATA_DIR)
    with write_in_progress(database_url) as conn:
        undo_everything(conn)
        undo = Running(lambda: store.undo_batch("seed"))
        waited = not undo.finished_within(WAITING_S)
    assert undo.finished_within(READ_WITHIN_S), "the write still waits after the other ended"
    assert waited, "a write went on while another process was writing"
    assert undo.result() == 0  # it saw the other's deletions: it began after that commit
    assert store.revision() == 3
    store.engine.dispose()
