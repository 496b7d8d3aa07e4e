"""Reading a store's database from outside the store, as another program would: plain
SQLAlchemy on its URL (SQLite file or PostgreSQL database alike), none of the store's
connection set-up or error translation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.pool import NullPool


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
