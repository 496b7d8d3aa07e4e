"""What opening a store must do before it is used, and doing it.

Most opens find nothing to do: the schema is current, PostGIS's column and index are there
(PostgreSQL: geo.store.postgis) and the map index has nothing to rebuild (SQLite:
geo.store.map_index). That is found in a read transaction (engine.connect(): it waits for
no writer, geo.store.engine), so opening a store never waits behind another process's long
write (an import of 100,000 rows), as a page load or a command would if every open took
the writers' lock.

Only when something is due (a new database to create and seed, an older schema to
migrate, a missing PostGIS column or index, a map index to rebuild) does the open take the
writers' lock (geo.store.engine.writing) and do it; every step checks again inside the
lock what it finds there, since another process may have done it meanwhile. A step added
to `_bring_up_to_date` needs its check in `nothing_due`, or the open would never run it.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from geo.errors import StoreError
from geo.store import history, map_index, migrations, postgis, tables
from geo.store.database_errors import described, refuse_foreign
from geo.store.engine import writing

Seed = Callable[[sa.Connection], None]  # writes the shipped records into a new store


def prepare(engine: sa.Engine, seed: Seed) -> None:
    """Bring the store at `engine` to what this program uses, taking the writers' lock only
    when something must be written. Raises StoreError for a damaged, newer or foreign
    database (nothing written)."""
    with engine.connect() as conn:
        if nothing_due(conn):
            return
    with writing(engine) as conn:
        _bring_up_to_date(conn, seed)


def nothing_due(conn: sa.Connection) -> bool:
    """The store is current: its schema version is this program's, PostGIS's part is
    complete and the map index has nothing to rebuild. Reads only."""
    return (stored_version(conn) == tables.SCHEMA_VERSION and postgis.complete(conn)
            and map_index.up_to_date(conn))


def stored_version(conn: sa.Connection) -> int | None:
    """The store's schema version; None when the database holds no store yet. A version
    that is not a number (damaged) or newer than this program raises StoreError."""
    version = None
    if tables.meta.name in sa.inspect(conn).get_table_names():
        version = conn.execute(sa.select(tables.meta.c.value).where(
            tables.meta.c.key == migrations.META_VERSION)).scalar()
    if version is None:
        return None
    if not str(version).isdigit():
        raise StoreError(f"The database {described(conn.engine.url)} is damaged: its "
                         f"schema version reads {str(version)[:40]!r}; restore it "
                         "from a backup; nothing was written")
    if int(version) > tables.SCHEMA_VERSION:
        raise StoreError(
            f"The database has schema version {version}, newer than this program "
            f"({tables.SCHEMA_VERSION}); update the program"
        )
    return int(version)


def _bring_up_to_date(conn: sa.Connection, seed: Seed) -> None:
    """Inside the writers' lock: create and seed a new store, or migrate an older one;
    then whatever of PostGIS's part and the map index is missing or stale."""
    version = stored_version(conn)
    if version is None:
        refuse_foreign(conn.engine.url, set(sa.inspect(conn).get_table_names()))
        tables.metadata.create_all(conn)
        postgis.ensure(conn)
        map_index.create(conn)
        history.create_guards(conn)
        seed(conn)
    else:
        migrations.upgrade(conn, version)
        postgis.ensure(conn)
    map_index.refresh(conn)
