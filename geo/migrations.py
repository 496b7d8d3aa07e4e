"""Schema migrations: MIGRATIONS[v] brings a database from version v - 1 to version v.

A new database is created at the newest version directly (geo.tables). An older one gets
every later step, in order, inside the caller's one transaction: SQLite and PostgreSQL
both roll DDL back, so a failed upgrade leaves the database as it was. DDL is compiled by
SQLAlchemy for the connection's dialect; only our own table and column names go into it.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import sqlalchemy as sa

from geo import tables

META_VERSION = "schema_version"
META_MAX_SPAN = "max_span_days"


def _add_column(conn: sa.Connection, table: sa.Table, name: str) -> None:
    preparer = conn.dialect.identifier_preparer
    column_ddl = sa.schema.CreateColumn(table.c[name]).compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE {preparer.format_table(table)} ADD COLUMN {column_ddl}"))


def set_meta(conn: sa.Connection, key: str, value) -> None:
    updated = conn.execute(sa.update(tables.meta).where(tables.meta.c.key == key)
                           .values(value=str(value))).rowcount
    if not updated:
        conn.execute(sa.insert(tables.meta).values(key=key, value=str(value)))


def max_span_days(frame: pd.DataFrame) -> int:
    """The longest date interval in days (0 for single days, or when there are no rows)."""
    if frame.empty:
        return 0
    span = (pd.to_datetime(frame["date_end"]) - pd.to_datetime(frame["date_start"])).dt.days
    return int(max(span.max(), 0)) if span.notna().any() else 0


def _v2_batch_counts_and_window_indexes(conn: sa.Connection) -> None:
    """Batches record skipped/rejected rows, the file's hash and the import settings;
    date+area indexes replace the two single-purpose ones; the longest interval is kept."""
    for name in ("skipped_count", "rejected_count", "file_sha256", "settings"):
        _add_column(conn, tables.batches, name)
    for old in ("ix_incidents_dates", "ix_incidents_location"):
        conn.execute(sa.schema.DropIndex(sa.Index(old), if_exists=True))
    for index in tables.incidents.indexes:
        if index.name in (tables.WINDOW_INDEX, tables.AREA_INDEX):
            index.create(conn, checkfirst=True)
    dates = pd.DataFrame(conn.execute(sa.select(tables.incidents.c.date_start,
                                                tables.incidents.c.date_end)).all(),
                         columns=["date_start", "date_end"])
    set_meta(conn, META_MAX_SPAN, max_span_days(dates))


MIGRATIONS: dict[int, Callable[[sa.Connection], None]] = {
    2: _v2_batch_counts_and_window_indexes,
}


def upgrade(conn: sa.Connection, found_version: int) -> list[int]:
    """Apply every migration after `found_version`; returns the versions applied."""
    applied = []
    for version in range(found_version + 1, tables.SCHEMA_VERSION + 1):
        MIGRATIONS[version](conn)
        applied.append(version)
    if applied:
        set_meta(conn, META_VERSION, tables.SCHEMA_VERSION)
    return applied
