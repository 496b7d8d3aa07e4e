"""Reading a store's database from outside the store, as another program would: plain
SQLAlchemy on its URL (SQLite file or PostgreSQL database alike), none of the store's
connection set-up or error translation; and holding its writers back, as another writer
would (`write_in_progress`, through the store's own engine) or from outside."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from geo.store import engine as store_engine


@contextmanager
def outside(url: str) -> Iterator[sa.Connection]:
    """A connection of its own to the database at `url`, in one transaction committed at
    the end of the block."""
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()


def scalar(url: str, sql: str, **params):
    """The first column of the first row `sql` returns."""
    with outside(url) as conn:
        return conn.execute(sa.text(sql), params).scalar()


def refuse_inserts(conn: sa.Connection, table: str) -> None:
    """A trigger that makes `table` refuse every new row with an integrity error, as a
    write that fails half-way would (SQLite's RAISE, or a PL/pgSQL function)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"CREATE TRIGGER refuse BEFORE INSERT ON {table} "
                             "BEGIN SELECT RAISE(ABORT, 'refused'); END")
        return
    conn.exec_driver_sql("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                         "$$BEGIN RAISE EXCEPTION 'refused' USING ERRCODE = "
                         "'integrity_constraint_violation'; END$$")
    conn.exec_driver_sql(f"CREATE TRIGGER refuse BEFORE INSERT ON {table} "
                         "FOR EACH ROW EXECUTE FUNCTION refuse()")


@contextmanager
def writers_held(url: str) -> Iterator[None]:
    """While the block runs, readers read but no write can go on: writers that came
    meanwhile wait, and go when the block ends. On PostgreSQL a SHARE lock on the
    incidents (the writers themselves take the advisory lock, then wait at their write);
    on SQLite the write lock (`write_in_progress`: they wait at their BEGIN IMMEDIATE, for
    as long as SQLite's busy timeout, geo.store.engine)."""
    if sa.make_url(url).get_backend_name() == "sqlite":
        with write_in_progress(url):
            yield
        return
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn, conn.begin():
            conn.exec_driver_sql("LOCK TABLE incidents IN SHARE MODE")
            yield
    finally:
        engine.dispose()


@contextmanager
def write_in_progress(url: str) -> Iterator[sa.Connection]:
    """While the block runs, another process's write to the store is under way: a
    connection of its own holds the writers' lock the store's writes take
    (geo.store.engine.writing: PostgreSQL's advisory lock, SQLite's BEGIN IMMEDIATE), as a
    long import would, and gives it up when the block ends. The block gets that
    connection: what it writes through it is committed then (nothing, if it writes
    nothing), unseen by others until then."""
    engine = store_engine.create_engine(url)
    try:
        with store_engine.writing(engine) as conn:
            yield conn
    finally:
        engine.dispose()


def storage_order(url: str) -> list[str]:
    """The batch of every incident in the order the database stores the rows (SQLite's
    rowid, PostgreSQL's ctid: where each row landed when it was written)."""
    with outside(url) as conn:
        position = "rowid" if conn.dialect.name == "sqlite" else "ctid"
        return list(conn.exec_driver_sql(
            f"SELECT batch_id FROM incidents ORDER BY {position}").scalars())


def everything(url: str) -> dict:
    """Every table's rows (sorted) and the definition of every index and trigger: what a
    write that changed nothing leaves as it found it, on SQLite and PostgreSQL alike."""
    with outside(url) as conn:
        names = sa.inspect(conn).get_table_names()
        found = {name: sorted(conn.exec_driver_sql(f'SELECT * FROM "{name}"').all(), key=repr)
                 for name in names}
        if conn.dialect.name == "sqlite":
            found["schema"] = sorted(conn.exec_driver_sql(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type != 'table'"
            ).all())
        else:
            found["schema"] = sorted(conn.exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = "
                "current_schema()").all()) + sorted(conn.exec_driver_sql(
                    "SELECT tgname, tgrelid::regclass::text FROM pg_trigger "
                    "WHERE NOT tgisinternal").all())
        return found
