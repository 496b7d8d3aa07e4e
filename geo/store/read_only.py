"""A SQLite store this account may read but not write: a file of mode 0444, a folder it may
not write, a read-only disk. It opens to read; a write raises ReadOnlyStoreError
(geo.store.database_errors), which says so and that nothing was written.

The store's open writes only what is due (an upgrade, the map index of rows another
program added); when it cannot, a store at this program's schema is read as it is: the
map index's readers take what it does not hold from the incidents table
(geo.store.map_query). An upgrade cannot be skipped: a store of an older schema is refused.

A store in a folder that cannot be written is not readable the usual way: SQLite makes
its WAL files (-wal, -shm) beside it first. It is opened `immutable` then, when no -wal
file holds changes not yet in the file: no one can be writing it, since a writer would
need that file.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa

from geo.errors import ReadOnlyStoreError, StoreError
from geo.store import tables
from geo.store.database_errors import NOTHING_WRITTEN, READ_ONLY, described, sqlite_file
from geo.store.engine import create_engine
from geo.store.meta_keys import META_VERSION


def reading_engine(engine: sa.Engine, error: StoreError) -> sa.Engine | None:
    """An engine that reads the store `engine` could not open because of `error`, when
    the error is that it may not be written; None otherwise (the caller raises `error`)."""
    if engine.dialect.name != "sqlite":
        return None
    if _version(engine) is not None:
        return engine if isinstance(error, ReadOnlyStoreError) else None
    path = _file(engine.url)
    if path is None or not _unwritable(path):
        return None
    wal = path.with_name(path.name + "-wal")
    if wal.is_file() and wal.stat().st_size:
        raise ReadOnlyStoreError(
            f"The database {described(engine.url)} cannot be read: its last changes are in "
            f"'{wal.name}', which SQLite cannot use in a folder it may not write; open it "
            f"once where it can be written (copy the file and '{wal.name}' to a writable "
            f"folder and point INCIDENT_MAP_DB there); {NOTHING_WRITTEN}") from error
    immutable = create_engine(_immutable_url(path))
    return immutable if _version(immutable) is not None else None


def check_schema(engine: sa.Engine, error: StoreError) -> None:
    """A store read without its open's writes must be at this program's schema."""
    version = _version(engine)
    if str(version) != str(tables.SCHEMA_VERSION):
        raise ReadOnlyStoreError(
            f"The database {described(engine.url)} {READ_ONLY[0]} and this program must "
            f"upgrade it (schema version {str(version)[:40]} to {tables.SCHEMA_VERSION}) "
            f"before reading it: make the file and its folder writable, or copy it to a "
            f"writable folder and point INCIDENT_MAP_DB there; {NOTHING_WRITTEN}") from error


def _version(engine: sa.Engine) -> str | None:
    """The store's schema version; None when it cannot be read (or is no store). Read
    without waiting for another process's write: the open asks it after a refusal."""
    try:
        with engine.connect() as conn:
            return conn.execute(sa.select(tables.meta.c.value).where(
                tables.meta.c.key == META_VERSION)).scalar()
    except (StoreError, sa.exc.OperationalError):
        return None


def _file(url: sa.URL) -> Path | None:
    """The file of a SQLite URL, if it names one that exists."""
    database = sqlite_file(url)
    if not database or database == ":memory:" or url.query.get("mode") == "memory":
        return None
    path = Path(database)
    return path if path.is_file() else None


def _unwritable(path: Path) -> bool:
    """The file can be read, but it or its folder cannot be written (by this account, or
    at all: a read-only disk)."""
    return os.access(path, os.R_OK) and not (
        os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _immutable_url(path: Path) -> str:
    return f"sqlite:///file:{quote(str(path.resolve()))}?mode=ro&immutable=1&uri=true"
