"""A store's id and revision, read without SQLAlchemy or pandas: with the standard
library on SQLite, with the psycopg driver alone on PostgreSQL (0.15 s to import).

The map page asks before it imports SQLAlchemy and pandas (about 1 s), to find the opening
map kept for this very revision of this very store (geo.ui.opening_map), and the open page
asks every second whether another process wrote (geo.ui.revision_watch), on PostgreSQL
over one connection kept per database and process. Read-only; None
for other databases, a file or database that is not there yet, or anything unreadable: the
caller then opens the store the usual way (geo.store.incident_store), which also creates
and upgrades it and says what is wrong.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path
from urllib.parse import unquote

from geo.store.meta_keys import META_REVISION, META_STORE_ID, META_TABLE

SQLITE_PREFIX = "sqlite:///"
# SQLAlchemy's spellings of a PostgreSQL URL -> the libpq URI psycopg takes
POSTGRESQL_PREFIXES = {"postgresql+psycopg://": "postgresql://",
                       "postgresql://": "postgresql://", "postgres://": "postgresql://"}
CONNECT_TIMEOUT_S = 5
QUERY = f"SELECT key, value FROM {META_TABLE} WHERE key IN (%s, %s)"


def read(database_url: str) -> tuple[str, int] | None:
    for prefix, libpq in POSTGRESQL_PREFIXES.items():
        if database_url.startswith(prefix):
            return _read_postgresql(libpq + database_url.removeprefix(prefix))
    if not database_url.startswith(SQLITE_PREFIX):
        return None
    return _read_sqlite(database_url)


# one open connection per database: the watch asks every second in every open page
_CONNECTIONS: dict[str, object] = {}
_CONNECTIONS_LOCK = threading.Lock()


def _read_postgresql(uri: str) -> tuple[str, int] | None:
    import psycopg  # only for a PostgreSQL store

    with _CONNECTIONS_LOCK:
        conn = _CONNECTIONS.pop(uri, None)
        try:
            if conn is None or conn.closed:
                conn = psycopg.connect(uri, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True)
            values = dict(conn.execute(QUERY, (META_STORE_ID, META_REVISION)).fetchall())
        except psycopg.Error:
            if conn is not None:
                conn.close()
            return None
        _CONNECTIONS[uri] = conn
    return _identity(values)


def _read_sqlite(database_url: str) -> tuple[str, int] | None:
    path = Path(unquote(database_url.removeprefix(SQLITE_PREFIX)))
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            values = dict(conn.execute(QUERY.replace("%s", "?"),
                                       (META_STORE_ID, META_REVISION)).fetchall())
    except sqlite3.Error:
        return None
    return _identity(values)


def _identity(values: dict) -> tuple[str, int] | None:
    if set(values) != {META_STORE_ID, META_REVISION} or not str(values[META_REVISION]).isdigit():
        return None
    return str(values[META_STORE_ID]), int(values[META_REVISION])
