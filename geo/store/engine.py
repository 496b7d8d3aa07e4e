"""The store's connection to its database, its write transactions and its bulk insert:
the parts chosen by dialect.

SQLite gets WAL, a busy timeout and a bigger page cache; every transaction begins
deferred, so a read (engine.connect()) never waits for another process's write: it reads
the last commit. Only `writing` begins IMMEDIATE, taking the write lock at once, so two
writers queue instead of failing. PostgreSQL (postgresql://, postgres:// or
postgresql+psycopg:// URLs, through the psycopg 3 driver) gets the same queue from a
transaction-level advisory lock that every write transaction takes first (`writing`): two
processes' imports, undos and reviews never interleave, and each sees what the one before
it committed. Incidents are inserted in chunks inside the caller's transaction: on
PostgreSQL through COPY, on SQLite through the DB-API driver with the statement SQLAlchemy
compiled (geo.store.bulk).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event

from geo.allocation import paused_gc
from geo.errors import StoreError
from geo.schema import INCIDENT_COLUMNS
from geo.store import (
    database_errors,
    deferred_indexes,
    map_index,
    migrations,
    revision_log,
    tables,
)
from geo.store.bulk import insert_columns
from geo.store.meta_keys import META_REVISION, META_TABLE

INSERT_CHUNK = 20_000
SQLITE_CACHE_KIB = 64 * 1024  # index upkeep of a 100,000-row batch needs more than 2 MB
Progress = Callable[[int, int], None]
POSTGRESQL_DRIVER = "postgresql+psycopg"
POSTGRESQL_SCHEMES = ("postgresql", "postgres", POSTGRESQL_DRIVER)
# pg_advisory_xact_lock key of the store's writers (any constant; the lock is per database)
WRITE_LOCK_KEY = 0x1C1DE47
CONNECT_TIMEOUT_S = 10  # an unreachable server is reported instead of hanging the page
WRITING_OPTION = "incident_store_writing"  # execution option of `writing`'s connections


def _sqlite_engine(url: str) -> sa.Engine:
    engine = sa.create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let BEGIN below control transactions
        cursor = dbapi_connection.cursor()
        # WAL is kept in the file: only a store, or an empty file about to become one, is
        # switched (another program's database is refused untouched: IncidentStore.open)
        tables_found = cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                      ).fetchall()
        if not tables_found or (META_TABLE,) in tables_found:
            _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # IMMEDIATE takes the write lock at BEGIN: two writers queue (busy timeout)
        # instead of the second failing with SQLITE_BUSY when it upgrades a read to a write.
        # Reads take none: in WAL they never wait for a writer.
        if connection.get_execution_options().get(WRITING_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as error:
        # a file this account may not write stays as it is: it is read in any journal mode
        if not (getattr(error, "sqlite_errorname", "") or "").startswith("SQLITE_READONLY"):
            raise


def driver_url(url: str) -> str:
    """The URL with the driver this program uses: psycopg 3 for PostgreSQL (SQLAlchemy
    would pick psycopg2 for postgresql://, and knows no postgres://)."""
    scheme, separator, rest = url.partition("://")
    if separator and scheme.lower() in POSTGRESQL_SCHEMES:
        return f"{POSTGRESQL_DRIVER}://{rest}"
    return url


def without_password(url: str) -> str:
    """The URL as a message may show it."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):
        return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url)


def _postgresql_engine(url: str) -> sa.Engine:
    parsed = sa.make_url(url)
    connect_args = {} if "connect_timeout" in parsed.query else {
        "connect_timeout": CONNECT_TIMEOUT_S}
    # a pooled connection the server dropped (a restart) is replaced, not handed out
    return sa.create_engine(parsed, connect_args=connect_args, pool_pre_ping=True)


def create_engine(url: str) -> sa.Engine:
    url = driver_url(url)
    try:
        if url.startswith("sqlite"):
            engine = _sqlite_engine(url)
        elif url.startswith(POSTGRESQL_DRIVER):
            engine = _postgresql_engine(url)
        else:
            engine = sa.create_engine(url)
    except (sa.exc.ArgumentError, ModuleNotFoundError, ValueError) as error:
        raise StoreError(
            f"Cannot use database URL '{without_password(url)}': {error}. Use a file path, "
            "'sqlite:///path/to/file.sqlite' or 'postgresql://user:password@host/database'"
        ) from error
    database_errors.install(engine)
    return engine


@contextmanager
def writing(engine: sa.Engine) -> Iterator[sa.Connection]:
    """The one way the store is written: a transaction that waits for every other writer
    (of any process) to finish first, committed at the end of the block or rolled back by
    an error. SQLite's BEGIN IMMEDIATE (above) does it there; PostgreSQL takes the
    writers' advisory lock, held until the transaction ends. Every other transaction
    (engine.connect()) only reads, and waits for no writer."""
    with engine.connect().execution_options(**{WRITING_OPTION: True}) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITE_LOCK_KEY)))
        yield conn


def records(frame: pd.DataFrame, columns) -> list[dict]:
    out = frame.loc[:, list(columns)].astype(object)
    out = out.where(pd.notna(out), None)
    for name in ("date_start", "date_end"):
        if name in out:
            out[name] = [v.date() if v is not None else None for v in frame[name]]
    return out.to_dict("records")


def _column_values(frame: pd.DataFrame, name: str, iso_dates: bool) -> list:
    column = frame[name]
    if name in tables.DATE_COLUMNS:
        days = column.to_numpy("datetime64[D]")
        if iso_dates:
            return _iso_days(days)
        boxed = days.astype(object)
        boxed[np.isnat(days)] = None  # NOT NULL refuses it, instead of storing 'NaT'
        return boxed.tolist()
    if name in tables.NUMERIC_COLUMNS:
        values = column.to_numpy(np.float64)
        boxed = values.astype(object)
        boxed[~np.isfinite(values)] = None
        return boxed.tolist()
    return column.astype(object).tolist()


def _iso_days(days: np.ndarray) -> list:
    """'YYYY-MM-DD' per day, None for NaT; each distinct day written once (a file repeats
    a few thousand days over its rows: 9 ms instead of 29 ms per 100,000)."""
    known = ~np.isnat(days)
    distinct, inverse = np.unique(days[known], return_inverse=True)
    boxed = np.full(len(days), None, dtype=object)
    boxed[known] = distinct.astype(str).astype(object)[inverse]
    return boxed.tolist()


def site_links(frame: pd.DataFrame) -> list[str]:
    """How each row's site_id was set: the frame's `site_link` column when it has one
    (e.g. "auto" from geo.analysis.site_matching), else "source" for a site_id given by the data."""
    if "site_link" in frame:
        return frame["site_link"].fillna("").astype(str).tolist()
    return np.where(frame["site_id"].fillna("") != "", "source", "").tolist()


def bump_revision(conn: sa.Connection, change: revision_log.Change | None = None) -> None:
    """Every write bumps the store's revision, so readers can cache on it, and brings the
    map index (geo.store.map_index) in step with what it wrote, in the same transaction;
    `change` (what it wrote) goes to the revision log (geo.store.revision_log)."""
    map_index.refresh(conn)
    conn.execute(
        sa.update(tables.meta).where(tables.meta.c.key == META_REVISION)
        .values(value=sa.cast(sa.cast(tables.meta.c.value, sa.Integer) + 1, sa.Text))
    )
    revision_log.record(conn, change)


def insert_incidents(conn: sa.Connection, frame: pd.DataFrame, progress: Progress | None):
    # Rows written in date order sit together on disk: a date window then reads a few
    # pages instead of one page per row (3x faster window queries at 1,000,000 rows).
    frame = frame.sort_values("date_start", kind="stable")
    classes = migrations.span_classes_of(frame)
    batches = frame["batch_id"].unique()
    with paused_gc(), map_index.suspended(conn, "map_index_insert"):
        with deferred_indexes.deferred(conn, tables.incidents, len(frame)):
            _insert_rows(conn, frame, classes, progress)
        if len(batches) == 1:  # the rows are at hand: index them without reading them back
            map_index.build_rows(conn, str(batches[0]), frame)
        else:
            map_index.mark_dirty(conn, batches)
    migrations.add_span_classes(conn, set(classes.tolist()))


def _blank_text(values: list) -> bool:
    """A text column empty in every row of the batch: left to its default ''."""
    return values.count("") == len(values)


def _copy_rows(conn: sa.Connection, values: dict[str, list]) -> None:
    """PostgreSQL's COPY of the rows, on the connection of the caller's transaction (the
    driver turns dates, None and text into COPY's own format: values arrive as stored)."""
    preparer = conn.dialect.identifier_preparer
    names = ", ".join(preparer.quote(name) for name in values)
    statement = f"COPY {preparer.format_table(tables.incidents)} ({names}) FROM STDIN"
    driver = conn.connection.driver_connection
    import psycopg  # PostgreSQL's driver: loaded already, this connection is its own

    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in zip(*values.values(), strict=True):
                copy.write_row(row)
    except psycopg.Error as error:
        raise database_errors.driver_error(error, conn.engine.url, statement) from error


def _insert_rows(conn: sa.Connection, frame: pd.DataFrame, classes, progress) -> None:
    sqlite = conn.dialect.name == "sqlite"
    # each column's values made once, then cut into chunks (a pandas call per column and
    # chunk cost 0.03 s more); on SQLite, dates as the ISO text SQLAlchemy would store
    # (geo.store.bulk)
    columns = {name: _column_values(frame, name, sqlite) for name in INCIDENT_COLUMNS}
    columns["span_class"] = classes.tolist()
    columns["site_link"] = site_links(frame)
    if sqlite:
        # Text columns empty in every row are left out: their default is '' (binding ten
        # empty columns of 100,000 rows costs 0.2 s).
        columns = {name: values for name, values in columns.items()
                   if name in tables.NUMERIC_COLUMNS or name in tables.DATE_COLUMNS
                   or name == "span_class" or not _blank_text(values)}
    for start in range(0, len(frame), INSERT_CHUNK):
        values = {name: column[start:start + INSERT_CHUNK] for name, column in columns.items()}
        if conn.dialect.name == "postgresql":
            _copy_rows(conn, values)
        else:
            insert_columns(conn, tables.incidents, values)
        if progress is not None:
            progress(min(start + INSERT_CHUNK, len(frame)), len(frame))
