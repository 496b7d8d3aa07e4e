"""Never lose a row: an import killed mid-transaction changes nothing, and two imports
running at once from two processes both land in full, one after the other (on SQLite and
PostgreSQL), also when both previewed while another process was writing and start writing
together; an import previews while another waits to write (PostgreSQL). The tests that
read the file with SQLite's integrity check are SQLite-only."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pandas as pd
import pytest

from geo.settings import DATA_DIR, PROJECT_ROOT
from geo.store.engine import WRITE_LOCK_KEY
from geo.store.incident_store import IncidentStore
from tests.support.cli import killed_on_failure, wait_for_output
from tests.support.database import scalar, storage_order, writers_held
from tests.support.synthetic import synthetic_incidents

PREVIEW_WITHIN_S = 120  # a 5,000-row preview takes seconds; this is for a loaded machine
CSV_COLUMNS = {"date_start": "date", "latitude": "latitude", "longitude": "longitude",
               "category": "category", "description": "notes"}


def write_csv(path, n: int, seed: int, shift: float = 0.0) -> int:
    """`n` synthetic incidents with coordinates; returns how many rows have a point."""
    frame = synthetic_incidents(n, seed=seed)
    frame = frame[frame["latitude"].notna()].rename(columns=CSV_COLUMNS)
    frame = frame[list(CSV_COLUMNS.values())].assign(
        date=frame["date"].dt.strftime("%Y-%m-%d"), latitude=frame["latitude"] + shift)
    frame.to_csv(path, index=False)
    return len(frame)


def start_import(csv, db, *extra) -> subprocess.Popen:
    env = {**os.environ, "INCIDENT_MAP_DB": str(db)}
    return subprocess.Popen([sys.executable, "-m", "geo", "import", str(csv), "--progress",
                             "--keep-duplicates", *extra], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def state(db) -> dict:
    with sqlite3.connect(db) as conn:
        return {"integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
                "incidents": conn.execute("SELECT count(*) FROM incidents").fetchone()[0],
                "batches": sorted(r[0] for r in conn.execute("SELECT file_name FROM batches")),
                "revision": conn.execute("SELECT value FROM meta WHERE key = 'revision'")
                .fetchone()[0]}


def test_an_import_killed_mid_transaction_leaves_no_trace(tmp_path):
    db = tmp_path / "crash.sqlite"
    IncidentStore.open(f"sqlite:///{db}", DATA_DIR).engine.dispose()
    before = state(db)
    csv = tmp_path / "big.csv"
    write_csv(csv, 130_000, seed=1)  # about 122,000 with a point: seven chunks of rows
    process = start_import(csv, db)
    writing = None
    # progress lines: "Writing N of M" comes after each chunk of rows is inserted inside the
    # one open transaction; kill when two thirds are in, well before the commit
    for line in process.stderr:
        if "Writing 80,000 of" in line:
            writing = line
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert writing is not None, "the import never reached its insert"
    assert process.returncode == -signal.SIGKILL
    after = state(db)
    assert after == before
    assert after["integrity"] == "ok"
    # the store opens and takes the same file afterwards
    store = IncidentStore.open(f"sqlite:///{db}", DATA_DIR)
    assert len(store.incidents_frame()) == before["incidents"]


def test_two_imports_at_once_from_two_processes_lose_nothing(tmp_path):
    db = tmp_path / "both.sqlite"
    IncidentStore.open(f"sqlite:///{db}", DATA_DIR).engine.dispose()
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    n_first = write_csv(first, 40_000, seed=2)
    n_second = write_csv(second, 40_000, seed=3, shift=20.0)  # another area: no duplicates
    processes = [start_import(first, db), start_import(second, db)]
    outputs = [p.communicate(timeout=240) for p in processes]
    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
    assert state(db) == {"integrity": "ok", "incidents": 17 + n_first + n_second,
                         "batches": ["data/incidents.csv", "first.csv", "second.csv"],
                         "revision": "3"}


def wait_for_preview(process: subprocess.Popen) -> None:
    """Until the import has checked its rows and goes on to write them; a failed test, not a
    hang, when it does not within PREVIEW_WITHIN_S (an open that waits for the writers)."""
    wait_for_output(process, "Preview ready", PREVIEW_WITHIN_S)


def runs(values: list[str]) -> list[str]:
    """The values with repeats next to each other folded: ['a', 'a', 'b'] -> ['a', 'b']."""
    return [v for i, v in enumerate(values) if i == 0 or values[i - 1] != v]


def test_two_imports_writing_at_the_same_moment_queue_whole(database_url, tmp_path):
    """Both imports preview and reach their write while another connection holds writers
    back, so they start writing together: each batch lands whole, one after the other, and
    the revision moves once for each."""
    IncidentStore.open(database_url, DATA_DIR).engine.dispose()
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    counts = [write_csv(first, 5_000, seed=4), write_csv(second, 5_000, seed=5, shift=20.0)]
    with writers_held(database_url):
        processes = [start_import(first, database_url), start_import(second, database_url)]
        with killed_on_failure(processes):
            for process in processes:
                wait_for_preview(process)
        time.sleep(1.0)  # both are now waiting for the write
    outputs = [p.communicate(timeout=240) for p in processes]
    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
    batches = dict(zip(("first.csv", "second.csv"), counts, strict=True))
    stored = {name: scalar(database_url, "SELECT count(*) FROM incidents i JOIN batches b "
                                         "ON b.batch_id = i.batch_id WHERE b.file_name = :f",
                           f=name) for name in batches}
    assert stored == batches
    assert scalar(database_url, "SELECT count(*) FROM incidents") == 17 + sum(counts)
    assert scalar(database_url, "SELECT value FROM meta WHERE key = 'revision'") == "3"
    order = runs([batch for batch in storage_order(database_url) if batch != "seed"])
    assert len(order) == 2, order[:10]  # neither batch's rows split by the other's


def wait_until_a_writer_holds_the_lock(url: str, within_s: float) -> None:
    """Until a connection to the database at `url` holds the store's writers' lock."""
    deadline = time.monotonic() + within_s
    while not scalar(url, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
                          "granted AND objid = :key AND objsubid = 1 AND database = (SELECT "
                          "oid FROM pg_database WHERE datname = current_database())",
                     key=WRITE_LOCK_KEY):
        assert time.monotonic() < deadline, f"no writer took the lock within {within_s} s"
        time.sleep(0.1)


def test_an_import_previews_while_another_waits_to_write(postgresql_url, tmp_path):
    """The first import holds the writers' lock, its write held back by another connection;
    a second import still opens the store and previews (its open once waited for that
    lock, and the test behind it for the preview, forever), then both land."""
    IncidentStore.open(postgresql_url, DATA_DIR).engine.dispose()
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    counts = [write_csv(first, 2_000, seed=6), write_csv(second, 2_000, seed=7, shift=20.0)]
    with writers_held(postgresql_url):
        processes = [start_import(first, postgresql_url)]
        with killed_on_failure(processes):
            wait_for_preview(processes[0])
            wait_until_a_writer_holds_the_lock(postgresql_url, PREVIEW_WITHIN_S)
            processes.append(start_import(second, postgresql_url))
            wait_for_preview(processes[1])
    outputs = [p.communicate(timeout=240) for p in processes]
    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
    assert scalar(postgresql_url, "SELECT count(*) FROM incidents") == 17 + sum(counts)


@pytest.mark.parametrize("copies", [2])
def test_the_same_file_imported_twice_at_once_is_stored_once(tmp_path, copies):
    db = tmp_path / "same.sqlite"
    IncidentStore.open(f"sqlite:///{db}", DATA_DIR).engine.dispose()
    csv = tmp_path / "same.csv"
    pd.DataFrame({"date": [f"2025-08-{d:02d}" for d in range(1, 29)],
                  "latitude": [46.0 + d / 10 for d in range(28)],
                  "longitude": 30.0}).to_csv(csv, index=False)
    processes = []
    for _ in range(copies):
        env = {**os.environ, "INCIDENT_MAP_DB": str(db)}
        processes.append(subprocess.Popen([sys.executable, "-m", "geo", "import", str(csv)],
                                          cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True))
        time.sleep(0.05)
    outputs = [p.communicate(timeout=240)[0] for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    assert state(db)["incidents"] == 17 + 28
    added = sorted(int(out.split(": ")[1].split(" ")[0]) for out in outputs)
    assert added == [0, 28]
