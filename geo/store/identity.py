"""A SQLite store's id and revision, read with the standard library alone.

The map page asks before it imports SQLAlchemy and pandas (about 1 s), to find the opening
map kept for this very revision of this very store (geo.ui.opening_map). Read-only; None for
other databases, a file that is not there yet, or anything unreadable: the caller then opens
the store the usual way (geo.store.incident_store), which also creates and upgrades it.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import unquote

from geo.store.meta_keys import META_REVISION, META_STORE_ID, META_TABLE

SQLITE_PREFIX = "sqlite:///"


def read(database_url: str) -> tuple[str, int] | None:
    if not database_url.startswith(SQLITE_PREFIX):
        return None
    path = Path(unquote(database_url.removeprefix(SQLITE_PREFIX)))
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            values = dict(conn.execute(f"SELECT key, value FROM {META_TABLE} WHERE key IN "
                                       "(?, ?)", (META_STORE_ID, META_REVISION)).fetchall())
    except sqlite3.Error:
        return None
    if set(values) != {META_STORE_ID, META_REVISION}:
        return None
    return str(values[META_STORE_ID]), int(values[META_REVISION])
