"""A database that cannot be used (damaged, truncated, another program's, locked,
read-only) is the project's StoreError everywhere: one line and exit status 2 from every
command, a message on every page, and the file is left as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3

import pytest
import sqlalchemy as sa

from geo.errors import StoreError
from geo.settings import DATA_DIR
from geo.store.database_errors import sqlite_error
from geo.store.incident_store import IncidentStore
from geo.viewstate import ViewFilter
from tests.support.cli import geo, side_by_side

DAMAGED = "is damaged (SQLite says: {}): restore it from a backup; nothing was written"
VERBS = (["batches"], ["query"], ["undo", "seed"], ["claim", "seed-002-01", "confirmed",
                                                     "--by", "Ana"],
         ["claim", "--history"], ["export", "-o", "{tmp}/x.csv"])


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def good_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("good") / "store.sqlite"
    IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def damaged_copies(good, folder) -> dict:
    """Damaged databases as they come: not a database, a store cut short, pages
    overwritten, and another program's SQLite file."""
    made = {}
    made["not a database"] = folder / "notes.sqlite"
    made["not a database"].write_bytes(b"These are my notes, not a database.\n" * 40)
    size = good.stat().st_size
    made["truncated"] = folder / "truncated.sqlite"
    made["truncated"].write_bytes(good.read_bytes()[: size // 3])
    made["overwritten pages"] = folder / "overwritten.sqlite"
    data = bytearray(good.read_bytes())
    data[size // 2: size // 2 + 8192] = b"\xff" * 8192
    with sqlite3.connect(good) as db:  # and the first page of the tables every command reads
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        roots = [root for (root,) in db.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name IN "
            "('batches', 'incidents', 'sites', 'meta')")]
    for root in roots:
        data[(root - 1) * page_size: root * page_size] = b"\xff" * page_size
    made["overwritten pages"].write_bytes(bytes(data))
    made["another program's"] = folder / "places.sqlite"
    with sqlite3.connect(made["another program's"]) as db:
        db.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    return made


def test_every_command_says_one_line_and_exits_2_on_a_damaged_database(good_store, tmp_path):
    copies = damaged_copies(good_store, tmp_path)
    before = {kind: digest(path) for kind, path in copies.items()}

    def every_verb(path) -> list:
        return [geo(*(a.format(tmp=tmp_path) for a in verb), db=path) for verb in VERBS]

    # the files side by side; each file's commands one after another, as a person runs them
    runs = dict(zip(copies, side_by_side(every_verb, list(copies.values())), strict=True))
    for kind, path in copies.items():
        for verb, done in zip(VERBS, runs[kind], strict=True):
            lines = done.stderr.strip().splitlines()
            assert done.returncode == 2, (kind, verb, done.stderr)
            assert len(lines) == 1 and "Traceback" not in done.stderr, (kind, verb, lines)
            assert lines[0].startswith(f"error: The database file '{path}'"), lines
            if kind == "another program's":
                assert "is not an incident map store (it holds other tables: moz_places)" \
                    in lines[0]
            else:
                assert "is damaged (SQLite says: " in lines[0] and \
                    lines[0].endswith("restore it from a backup; nothing was written"), lines
        assert digest(path) == before[kind], kind  # nothing written
    assert "file is not a database" in geo("batches", db=tmp_path / "notes.sqlite").stderr


def test_a_store_damaged_after_it_was_opened_is_reported_on_the_next_read(good_store,
                                                                        tmp_path):
    path = tmp_path / "store.sqlite"
    shutil.copy(good_store, path)
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    store.engine.dispose()
    data = bytearray(path.read_bytes())
    data[100: 100 + 4000] = b"\x00" * 4000  # the first page's b-tree: every table root
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="is damaged"):
        store.query(ViewFilter())


def test_a_locked_database_says_so(tmp_path):
    path = tmp_path / "locked.sqlite"
    holder = sqlite3.connect(path)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    waiter = sqlite3.connect(path, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as raised:
        waiter.execute("INSERT INTO t VALUES (1)")
    holder.rollback()
    error = sqlite_error(raised.value, sa.make_url(f"sqlite:///{path}"))
    assert f"The database file '{path}' is locked by another program (SQLite says: " \
           "database is locked): close the other program" in str(error)


def test_a_read_only_database_that_is_no_store_yet_says_so(tmp_path):
    path = tmp_path / "read-only.sqlite"
    path.write_bytes(b"")
    url = f"sqlite:///file:{path}?mode=ro&uri=true"  # read-only whoever runs the tests
    with pytest.raises(StoreError, match="is read-only \\(SQLite says: attempt to write a "
                                         "readonly database\\): it can be read but not "
                                         "changed; to change it, make the file and its folder"):
        IncidentStore.open(url, DATA_DIR)


def test_an_empty_file_becomes_a_new_store(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    assert len(IncidentStore.open(f"sqlite:///{path}", DATA_DIR).incidents_frame()) == 17


def test_windows_in_the_first_centuries_are_answered(store, database_url):
    for date_from, date_to in (("0001-01-01", "0004-12-31"), ("0001-01-02", "9999-12-31")):
        found = store.query(ViewFilter(dt.date.fromisoformat(date_from),
                                       dt.date.fromisoformat(date_to)))
        assert len(found) == (0 if date_to.startswith("0004") else 17)
    done = geo("query", "--from", "0001-01-02", "--to", "0004-01-01", db=database_url)
    assert done.returncode == 0 and "0 incident(s) in view" in done.stdout, done.stderr


def test_the_pages_show_the_damage_instead_of_a_traceback(good_store, tmp_path, monkeypatch,
                                                         new_app):
    path = damaged_copies(good_store, tmp_path)["overwritten pages"]
    monkeypatch.setenv("INCIDENT_MAP_DB", str(path))
    for page in (None, "import_page", "site_page"):
        app = new_app(page)
        app.run()
        assert not app.exception, page
        shown = " ".join(e.value for e in app.error).replace("\\", "")
        assert f"The database file '{path}' " + DAMAGED.format(
            "database disk image is malformed") in shown, (page, shown)


@pytest.mark.parametrize("name", ["a b.sqlite", "ü ñ.sqlite", "q?x.sqlite", "h#x.sqlite",
                                  "p%20x.sqlite", "semi;x=1&y.sqlite"])
def test_the_database_is_the_file_named_whatever_its_name_holds(tmp_path, name):
    folder = tmp_path / "folder with spaces ü"
    folder.mkdir()
    done = geo("batches", db=folder / name)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in folder.iterdir() if p.suffix == ".sqlite"] == [name]
