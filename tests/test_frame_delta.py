"""A frame file brought forward from an older revision with the revision log equals a full
read of the store, after every kind of write; whatever the log cannot vouch for is read
again in full."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.review.claims import set_claim_status
from geo.review.site_links import set_site_link
from geo.store import frame_cache, frame_delta, frame_memory, revision_log, tables
from geo.store.engine import bump_revision
from tests.support.synthetic import synthetic_incidents

SYNTHETIC = 2_000


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """How each frame not in a file of its own revision was made: "full" or "delta"."""
    made: list[str] = []
    real = frame_delta.store_rows

    def recorded(conn, conditions):
        made.append("full" if not conditions else "delta")
        return real(conn, conditions)

    monkeypatch.setattr(frame_delta, "store_rows", recorded)
    return made


def url_of(store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def load(store, tmp_path) -> pd.DataFrame:
    return frame_cache.incidents_frame(store, url_of(store), tmp_path)


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("incident_id", kind="stable").reset_index(drop=True)


def assert_equal_to_a_full_read(store, frame: pd.DataFrame) -> None:
    full = store.incidents_frame()
    assert list(frame.dtypes) == list(full.dtypes)
    pd.testing.assert_frame_equal(by_id(frame), by_id(full), check_exact=True)
    if store.engine.dialect.name == "sqlite":  # the store's own order, row for row
        pd.testing.assert_frame_equal(frame, full, check_exact=True)


def files(tmp_path) -> list[str]:
    return sorted(path.name for path in (tmp_path / frame_cache.FOLDER).iterdir())


def started(store, tmp_path) -> None:
    store.add_batch("first", synthetic_incidents(SYNTHETIC))
    load(store, tmp_path)


def review(store, incident_id: str) -> str:
    """Moves the incident's claim status to one it does not have; returns it."""
    now = store.incidents_frame().set_index("incident_id").at[incident_id, "claim_status"]
    status = "confirmed" if now != "confirmed" else "geolocated"
    set_claim_status(store, incident_id, status, changed_by="Ana", note="checked")
    return status


def updated_rows(store, ids, text: str) -> pd.DataFrame:
    rows = store.incidents_frame().set_index("incident_id", drop=False).loc[ids]
    return rows.assign(description=text).reset_index(drop=True)


def test_an_import_is_added_to_the_file_of_the_revision_before(store, tmp_path, reads):
    started(store, tmp_path)
    store.add_batch("more", synthetic_incidents(300, seed=7).assign(
        incident_id=lambda f: "more-" + f.index.astype(str)))
    frame = load(store, tmp_path)
    assert reads == ["full", "delta"]
    assert_equal_to_a_full_read(store, frame)
    current = frame_cache.cache_path(tmp_path, url_of(store), store.store_id(),
                                     store.revision())
    assert files(tmp_path) == [current.name]  # the older file is gone, no partial file
    pd.testing.assert_frame_equal(frame_cache.read(current), frame)


def test_an_update_import_and_its_undo(store, tmp_path, reads):
    started(store, tmp_path)
    ids = [f"syn-{i:07d}" for i in (3, 400, 1999)]
    news = synthetic_incidents(50, seed=9).assign(
        incident_id=lambda f: "new-" + f.index.astype(str))
    store.add_batch("update", news, updates=updated_rows(store, ids, "Changed by a newer export"))
    frame = load(store, tmp_path)
    assert set(frame.set_index("incident_id").loc[ids, "batch_id"]) == {"update"}
    assert_equal_to_a_full_read(store, frame)
    store.undo_batch("update")
    frame = load(store, tmp_path)
    assert set(frame.set_index("incident_id").loc[ids, "batch_id"]) == {"first"}
    assert_equal_to_a_full_read(store, frame)
    assert reads == ["full", "delta", "delta"]


def test_reviews_and_site_links_change_their_rows_in_place(store, tmp_path, reads):
    started(store, tmp_path)
    review(store, "syn-0000010")
    set_site_link(store, "syn-0000011", "kremenchuk_refinery", changed_by="Bo", note="same site")
    frame = load(store, tmp_path)
    assert reads == ["full", "delta"]
    assert frame.set_index("incident_id").at["syn-0000011", "site_link"] == "manual"
    assert_equal_to_a_full_read(store, frame)


def test_many_writes_in_one_gap(store, tmp_path, reads):
    """An import, a review of one of its rows, an update of it and the undo of the first
    batch, all between two loads."""
    started(store, tmp_path)
    store.add_batch("second", synthetic_incidents(200, seed=3).assign(
        incident_id=lambda f: "second-" + f.index.astype(str)))
    review(store, "second-5")
    store.add_batch("third", synthetic_incidents(1).assign(incident_id="third-0"),
                    updates=updated_rows(store, ["second-5", "syn-0000001"], "newer"))
    store.undo_batch("first")
    frame = load(store, tmp_path)
    assert reads == ["full", "delta"]
    assert "syn-0000001" in set(frame["incident_id"])  # updated by "third": not undone
    assert_equal_to_a_full_read(store, frame)


def test_an_id_imported_again_after_its_undo(store, tmp_path, reads):
    started(store, tmp_path)
    store.undo_batch("first")
    store.add_batch("again", synthetic_incidents(SYNTHETIC)[::-1].reset_index(drop=True))
    frame = load(store, tmp_path)
    assert reads == ["full", "delta"]
    assert_equal_to_a_full_read(store, frame)


def test_a_write_the_log_does_not_describe_is_read_in_full(store, tmp_path, reads):
    started(store, tmp_path)
    with store.engine.begin() as conn:
        conn.execute(sa.update(tables.incidents).where(
            tables.incidents.c.incident_id == "syn-0000002").values(place="Elsewhere"))
        bump_revision(conn)  # says nothing of what it changed
    frame = load(store, tmp_path)
    assert reads == ["full", "full"]
    assert frame.set_index("incident_id").at["syn-0000002", "place"] == "Elsewhere"
    assert_equal_to_a_full_read(store, frame)


@pytest.mark.parametrize("damage", ["missing row", "not a list", "not JSON"])
def test_a_gap_in_the_log_is_read_in_full(store, tmp_path, reads, damage):
    started(store, tmp_path)
    statuses = [review(store, "syn-0000012"), review(store, "syn-0000013")]
    log = tables.revision_log
    with store.engine.begin() as conn:
        first = sa.select(sa.func.min(log.c.revision)).where(log.c.kind == revision_log.EDIT)
        row = log.c.revision == first.scalar_subquery()
        if damage == "missing row":
            conn.execute(sa.delete(log).where(row))
        else:
            text = json.dumps("syn-0000012") if damage == "not a list" else "[syn"
            conn.execute(sa.update(log).where(row).values(incident_ids=text))
    frame = load(store, tmp_path)
    assert reads == ["full", "full"]
    assert list(frame.set_index("incident_id").loc[["syn-0000012", "syn-0000013"],
                                                   "claim_status"]) == statuses
    assert_equal_to_a_full_read(store, frame)


def test_an_edit_of_more_ids_than_the_log_keeps_is_read_in_full(store, tmp_path, reads,
                                                                 monkeypatch):
    started(store, tmp_path)
    monkeypatch.setattr(revision_log, "MAX_IDS", 1)
    with store.engine.begin() as conn:
        conn.execute(sa.update(tables.incidents).where(tables.incidents.c.incident_id.in_(
            ["syn-0000001", "syn-0000002"])).values(claim_status="geolocated"))
        bump_revision(conn, revision_log.edited(["syn-0000001", "syn-0000002"]))
    assert_equal_to_a_full_read(store, load(store, tmp_path))
    assert reads == ["full", "full"]


@pytest.mark.parametrize("damage", [b"ARROW1 cut short", b""])
def test_a_damaged_older_file_is_read_in_full(store, tmp_path, reads, damage):
    started(store, tmp_path)
    [older] = (tmp_path / frame_cache.FOLDER).iterdir()
    older.write_bytes(damage)
    review(store, "syn-0000014")
    frame = load(store, tmp_path)
    assert reads == ["full", "full"]
    assert_equal_to_a_full_read(store, frame)
    assert files(tmp_path) == [frame_cache.cache_path(tmp_path, url_of(store), store.store_id(),
                                                      store.revision()).name]


def test_an_older_file_without_the_store_order_is_read_in_full(store, tmp_path, reads):
    """As written by the program before the revision log: no row keys to merge on."""
    store.add_batch("first", synthetic_incidents(100))
    older = frame_cache.cache_path(tmp_path, url_of(store), store.store_id(), store.revision())
    frame_cache.write(older, store.incidents_frame())
    review(store, "syn-0000015")
    assert_equal_to_a_full_read(store, load(store, tmp_path))
    assert reads == ["full"]


def test_the_newest_older_file_is_brought_forward(store, tmp_path, reads):
    started(store, tmp_path)
    first = frame_cache.cache_path(tmp_path, url_of(store), store.store_id(), store.revision())
    kept = first.read_bytes()
    review(store, "syn-0000016")
    load(store, tmp_path)
    first.write_bytes(kept)  # a file of an even older revision, left by another process
    review(store, "syn-0000017")
    frame = load(store, tmp_path)
    assert reads == ["full", "delta", "delta"]
    assert_equal_to_a_full_read(store, frame)
    assert len(files(tmp_path)) == 1


def test_every_write_logs_its_revision(store):
    store.add_batch("logged", synthetic_incidents(10))
    review(store, "syn-0000001")
    store.undo_batch("logged")
    log = tables.revision_log.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(log.revision, log.kind, log.batch_id, log.incident_ids)
                            .order_by(log.revision)).all()
    assert [tuple(row) for row in rows] == [
        (2, "import", "logged", None), (3, "edit", "", '["syn-0000001"]'),
        (4, "undo", "logged", None)]


@pytest.fixture
def in_memory(monkeypatch) -> list[bool]:
    """Whether each frame brought forward from a held one was made in memory."""
    made: list[bool] = []
    real = frame_memory.appended

    def recorded(held, delta, revision):
        brought = real(held, delta, revision)
        made.append(brought is not None)
        return brought

    monkeypatch.setattr(frame_memory, "appended", recorded)
    return made


def held(store, tmp_path, older=None) -> frame_memory.Held:
    return frame_cache.held_frame(store, url_of(store), tmp_path, older=older)


def test_a_held_frame_takes_imports_in_memory(store, tmp_path, reads, in_memory):
    store.add_batch("first", synthetic_incidents(SYNTHETIC))
    first = held(store, tmp_path)
    for number in range(2):
        store.add_batch(f"more{number}", synthetic_incidents(300, seed=7 + number).assign(
            incident_id=lambda f, n=number: f"more{n}-" + f.index.astype(str)))
    second = held(store, tmp_path, older=first)
    assert in_memory == [True] and reads == ["full", "delta"]
    assert second.revision == store.revision()
    assert_equal_to_a_full_read(store, second.frame)
    current = frame_cache.cache_path(tmp_path, url_of(store), store.store_id(),
                                     store.revision())
    assert files(tmp_path) == [current.name]  # made from the held revision's file
    pd.testing.assert_frame_equal(frame_cache.read(current), second.frame)
    store.add_batch("last", synthetic_incidents(5, seed=3).assign(
        incident_id=lambda f: "last-" + f.index.astype(str)))
    current.unlink()  # the next is brought forward from the one held, file or not
    third = held(store, tmp_path, older=second)
    assert in_memory == [True, True]
    assert_equal_to_a_full_read(store, third.frame)


def test_the_file_of_a_frame_brought_forward_in_memory_waits_for_the_last_write(
        store, tmp_path, monkeypatch):
    """Written later by a thread (frame_cache.APPENDED_FILE_DELAY_S), and not at all when
    another write came meanwhile: a burst of imports writes the last one's file."""
    store.add_batch("first", synthetic_incidents(SYNTHETIC))
    first = held(store, tmp_path)
    store.add_batch("more", synthetic_incidents(20, seed=3).assign(
        incident_id=lambda f: "more-" + f.index.astype(str)))
    later = []
    monkeypatch.setattr(frame_cache.threading, "Timer",
                        lambda delay, keep, args: later.append((delay, keep, args)) or
                        type("Started", (), {"start": lambda self: None})())
    second = frame_cache.held_frame(store, url_of(store), tmp_path, older=first,
                                    write_behind=True)
    assert second.added_to == first.revision and len(later) == 1
    delay, keep, args = later[0]
    assert delay == frame_cache.APPENDED_FILE_DELAY_S
    store.add_batch("last", synthetic_incidents(5, seed=4).assign(
        incident_id=lambda f: "last-" + f.index.astype(str)))
    keep(*args)  # the store moved on: nothing written
    current = frame_cache.cache_path(tmp_path, url_of(store), store.store_id(),
                                     second.revision)
    assert not current.exists()


@pytest.mark.parametrize("write", ["update", "undo", "review", "site link"])
def test_a_held_frame_is_not_brought_forward_in_memory_across_other_writes(
        store, tmp_path, reads, in_memory, write):
    store.add_batch("first", synthetic_incidents(SYNTHETIC))
    store.add_batch("second", synthetic_incidents(100, seed=5).assign(
        incident_id=lambda f: "second-" + f.index.astype(str)))
    first = held(store, tmp_path)
    if write == "update":
        store.add_batch("update", synthetic_incidents(3, seed=9).assign(
            incident_id=lambda f: "new-" + f.index.astype(str)),
            updates=updated_rows(store, ["syn-0000004"], "Changed by a newer export"))
    elif write == "undo":
        store.undo_batch("second")
    elif write == "review":
        review(store, "syn-0000012")
    else:
        set_site_link(store, "syn-0000013", "kremenchuk_refinery", changed_by="Bo",
                      note="same site")
    brought = held(store, tmp_path, older=first)
    assert in_memory == [False] and reads == ["full", "delta"]
    assert_equal_to_a_full_read(store, brought.frame)
