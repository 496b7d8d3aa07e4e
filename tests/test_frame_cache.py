"""The columnar copy of the incident frame: equal to the store's read, per revision. On a
SQLite file: the tests name the database by its file (`db_path`), and make it again there."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.records import coerce_incidents
from geo.settings import DATA_DIR
from geo.store import frame_cache, tables
from geo.store.incident_store import IncidentStore
from tests.support.synthetic import synthetic_incidents


@pytest.fixture
def store(sqlite_store):
    """The store of these tests is the SQLite file `db_path`."""
    return sqlite_store


def url_of(db_path) -> str:
    return f"sqlite:///{db_path}"


def odd_rows() -> pd.DataFrame:
    """Text a cache could get wrong: empty, unicode, braces, one distinct value per row."""
    frame = synthetic_incidents(3_000).copy()
    frame.loc[frame.index[:5], "description"] = ["", "Удар по НПЗ", "{{ 7 * 7 }}",
                                                 "a\nb", "  spaces  "]
    frame["source_url"] = [f"https://example.org/{i}" for i in range(len(frame))]
    return coerce_incidents(frame)


def test_the_cached_frame_equals_the_store_read(store, db_path, tmp_path):
    store.add_batch("odd", odd_rows())
    stored = store.incidents_frame()
    first = frame_cache.incidents_frame(store, url_of(db_path), tmp_path)
    path = frame_cache.cache_path(tmp_path, url_of(db_path), store.store_id(),
                                  store.revision())
    assert path.exists()
    again = frame_cache.incidents_frame(store, url_of(db_path), tmp_path)
    for frame in (first, again):
        pd.testing.assert_frame_equal(frame, stored, check_exact=True)
        assert list(frame.dtypes) == list(stored.dtypes)
    assert isinstance(again["description"].iat[0], str)


def test_the_file_is_read_while_the_revision_stands(store, db_path, tmp_path):
    url = url_of(db_path)
    before = frame_cache.incidents_frame(store, url, tmp_path)
    with store.engine.begin() as conn:  # a change that bypasses the store's revision
        conn.execute(sa.delete(tables.incidents))
    pd.testing.assert_frame_equal(frame_cache.incidents_frame(store, url, tmp_path), before)


def test_a_new_revision_makes_a_new_file_and_removes_the_old(store, db_path, tmp_path):
    url = url_of(db_path)
    old_revision = store.revision()
    frame_cache.incidents_frame(store, url, tmp_path)
    store.add_batch("more", synthetic_incidents(500))
    fresh = frame_cache.incidents_frame(store, url, tmp_path)
    pd.testing.assert_frame_equal(fresh, store.incidents_frame())
    assert len(fresh) == 17 + 500
    assert not frame_cache.cache_path(tmp_path, url, store.store_id(), old_revision).exists()
    assert frame_cache.cache_path(tmp_path, url, store.store_id(), store.revision()).exists()
    store.undo_batch("more")
    pd.testing.assert_frame_equal(frame_cache.incidents_frame(store, url, tmp_path),
                                  store.incidents_frame())
    files = list((tmp_path / frame_cache.FOLDER).iterdir())
    current = frame_cache.cache_path(tmp_path, url, store.store_id(), store.revision())
    assert [f.name for f in files] == [current.name]  # no partial files


def test_a_damaged_file_is_rebuilt_from_the_store(store, db_path, tmp_path):
    url = url_of(db_path)
    path = frame_cache.cache_path(tmp_path, url, store.store_id(), store.revision())
    path.parent.mkdir(parents=True)
    path.write_bytes(b"ARROW1 cut short")
    pd.testing.assert_frame_equal(frame_cache.incidents_frame(store, url, tmp_path),
                                  store.incidents_frame())
    pd.testing.assert_frame_equal(frame_cache.read(path), store.incidents_frame())


def test_a_store_made_again_at_the_same_path_never_reads_the_old_file(store, db_path,
                                                                      tmp_path):
    """Its revisions count from 1 again: the file of the old store's revision 2 must not
    stand for the new store's revision 2."""
    url = url_of(db_path)
    store.add_batch("old", synthetic_incidents(300))
    old = frame_cache.incidents_frame(store, url, tmp_path)
    store.engine.dispose()
    db_path.unlink()
    again = IncidentStore.open(url, DATA_DIR)
    again.add_batch("new", synthetic_incidents(40))
    assert again.revision() == store.revision() and len(old) == 17 + 300
    pd.testing.assert_frame_equal(frame_cache.incidents_frame(again, url, tmp_path),
                                  again.incidents_frame())


def test_each_database_has_its_own_file(tmp_path):
    one = frame_cache.cache_path(tmp_path, "sqlite:////data/a.sqlite", "id", 3)
    two = frame_cache.cache_path(tmp_path, "sqlite:////data/b.sqlite", "id", 3)
    assert one != two and one.parent == two.parent


def test_a_file_with_other_columns_is_not_used(store, db_path, tmp_path):
    """As after an upgrade that reads another column: the file is rebuilt, not trusted."""
    url = url_of(db_path)
    path = frame_cache.cache_path(tmp_path, url, store.store_id(), store.revision())
    frame_cache.write(path, store.incidents_frame().drop(columns="claimant"))
    found = frame_cache.incidents_frame(store, url, tmp_path)
    pd.testing.assert_frame_equal(found, store.incidents_frame())
    assert "claimant" in frame_cache.read(path)
