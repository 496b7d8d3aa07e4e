"""A store this account may read but not write (a file of mode 0444, a folder it may not
write, a read-only disk) opens to read: `query`, `export` and the pages show it, and a
write says the store is read-only and changes nothing.

Tests run as root, which permissions do not stop: a file of mode 0444 is a `mode=ro` URL
here (what SQLite does with a file it may not write), and a read-only folder is a
read-only bind mount in a mount namespace of its own (skipped where `unshare` may not)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from geo.errors import StoreError
from geo.review.claims import set_claim_status
from geo.settings import DATA_DIR, PROJECT_ROOT
from geo.store.incident_store import IncidentStore
from geo.viewstate import ViewFilter
from tests.support.cli import geo
from tests.support.old_database import make_v1_database

READ_ONLY = "is read-only"
CLAIM = ("claim", "seed-002-01", "confirmed", "--by", "Ana")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def good_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("good") / "store.sqlite"
    IncidentStore.open(f"sqlite:///{path}", DATA_DIR).engine.dispose()
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def read_only_url(path: Path) -> str:
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def written_elsewhere(good: Path, path: Path) -> None:
    """A copy of the store with one incident another program added (its map index not
    brought up to date: the store's open would do it, if it could write)."""
    shutil.copy(good, path)
    with closing(sqlite3.connect(path)) as db, db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(incidents)")]
        row = dict(zip(columns, db.execute("SELECT * FROM incidents WHERE incident_id = "
                                           "'seed-002-01'").fetchone(), strict=True))
        row.update(incident_id="elsewhere-1", batch_id="elsewhere")
        db.execute(f"INSERT INTO incidents ({', '.join(row)}) VALUES "
                   f"({', '.join('?' * len(row))})", list(row.values()))
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_store_that_may_not_be_written_is_read(good_store, tmp_path):
    path = tmp_path / "read-only.sqlite"
    shutil.copy(good_store, path)
    before = digest(path)
    store = IncidentStore.open(read_only_url(path), DATA_DIR)
    assert len(store.query(ViewFilter())) == 17
    with pytest.raises(StoreError, match=r"is read-only .*make the file and its folder "
                                         r"writable.*nothing was written"):
        set_claim_status(store, "seed-002-01", "confirmed", changed_by="Ana")
    store.engine.dispose()
    assert digest(path) == before


def test_a_read_only_store_of_an_older_schema_says_it_must_be_upgraded(tmp_path):
    path = tmp_path / "old.sqlite"
    make_v1_database(path)
    before = digest(path)
    with pytest.raises(StoreError, match=r"is read-only and this program must upgrade it "
                                         r"\(schema version 1 to \d+\) before reading it"):
        IncidentStore.open(read_only_url(path), DATA_DIR)
    assert digest(path) == before


def test_commands_read_a_read_only_store_and_refuse_to_write_it(good_store, tmp_path):
    path = tmp_path / "read-only.sqlite"
    shutil.copy(good_store, path)
    before = digest(path)
    url = read_only_url(path)
    listed = geo("query", db=url)
    assert listed.returncode == 0 and "17 incident(s)" in listed.stdout, listed.stderr
    exported = geo("export", "-o", tmp_path / "out.csv", db=url)
    assert exported.returncode == 0, exported.stderr
    assert len((tmp_path / "out.csv").read_text().splitlines()) == 18
    refused = geo(*CLAIM, db=url)
    lines = refused.stderr.strip().splitlines()
    assert refused.returncode == 2 and len(lines) == 1, refused.stderr
    assert lines[0].startswith(f"error: The database file '{path}' is read-only"), lines
    assert "nothing was written" in lines[0], lines
    assert digest(path) == before


def test_a_read_only_store_another_program_wrote_is_read_whole(good_store, tmp_path):
    path = tmp_path / "elsewhere.sqlite"
    written_elsewhere(good_store, path)
    store = IncidentStore.open(read_only_url(path), DATA_DIR)
    found = store.query(ViewFilter())
    assert len(found) == 18 and "elsewhere-1" in set(found["incident_id"])
    store.engine.dispose()


def test_the_pages_show_a_read_only_store(good_store, tmp_path, monkeypatch, new_app):
    path = tmp_path / "read-only.sqlite"
    shutil.copy(good_store, path)
    monkeypatch.setenv("INCIDENT_MAP_DB", read_only_url(path))
    for page in (None, "site_page"):
        app = new_app(page)
        app.run()
        assert not app.exception, page
        assert not app.error, (page, [e.value for e in app.error])


def _in_a_read_only_folder(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m geo ARGS` with `folder` mounted read-only (as a read-only disk, or a
    folder this account may not write, would be)."""
    mounted = folder.parent / "mounted"
    mounted.mkdir(exist_ok=True)
    command = (f"mount --bind '{folder}' '{mounted}' && mount -o remount,bind,ro '{mounted}' "
               f"&& exec '{sys.executable}' -m geo \"$@\"")
    return subprocess.run(["unshare", "-m", "sh", "-c", command, "geo",
                           *(a.replace(str(folder), str(mounted)) for a in args)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=240)


@pytest.fixture
def read_only_folder(tmp_path):
    if shutil.which("unshare") is None or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("needs unshare -m (root) to mount a folder read-only")
    folder = tmp_path / "folder"
    folder.mkdir()
    return folder


def test_a_store_in_a_read_only_folder_is_read(good_store, tmp_path, read_only_folder):
    path = read_only_folder / "store.sqlite"
    written_elsewhere(good_store, path)
    before = digest(path)
    listed = _in_a_read_only_folder(read_only_folder, "query", "--db", str(path))
    assert listed.returncode == 0 and "18 incident(s)" in listed.stdout, listed.stderr
    exported = _in_a_read_only_folder(read_only_folder, "export", "-o",
                                      str(tmp_path / "out.geojson"), "--db", str(path))
    assert exported.returncode == 0, exported.stderr
    refused = _in_a_read_only_folder(read_only_folder, *CLAIM, "--db", str(path))
    lines = refused.stderr.strip().splitlines()
    assert refused.returncode == 2 and len(lines) == 1, refused.stderr
    assert READ_ONLY in lines[0] and "nothing was written" in lines[0], lines
    mounted = path.parent.parent / "mounted" / "store.sqlite"
    assert lines[0].startswith(f"error: The database file '{mounted}' is read-only"), lines
    assert digest(path) == before and sorted(p.name for p in read_only_folder.iterdir()) \
        == ["store.sqlite"]
