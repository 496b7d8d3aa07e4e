"""Many rows into one table, given column by column, inside the caller's transaction.

On SQLite the DB-API driver binds the values to the statement SQLAlchemy compiled for the
dialect (SQLAlchemy's own executemany builds and converts a parameter dict per row: about
0.1 s per 50,000 history rows); a value the same in every row goes through its column
type's conversion once. Elsewhere, SQLAlchemy's executemany.
"""

from __future__ import annotations

import sqlalchemy as sa


def insert_columns(conn: sa.Connection, table: sa.Table, columns: dict[str, list],
                   same: dict[str, object] | None = None) -> None:
    """Insert one row per position of the equally long lists in `columns`, each row with
    the values of `same` (Python values of the columns' types, converted here). The lists
    hold values as the driver binds them on SQLite (text, numbers, dates as ISO text), as
    SQLAlchemy takes them elsewhere."""
    same = same or {}
    if conn.dialect.name != "sqlite":
        conn.execute(sa.insert(table), [dict(zip(columns, row, strict=True)) | same
                                        for row in zip(*columns.values(), strict=True)])
        return
    count = len(next(iter(columns.values())))
    compiled = sa.insert(table).compile(dialect=conn.dialect, column_keys=[*columns, *same])
    values = {**columns, **{name: [_bound(table.c[name], value, conn.dialect)] * count
                            for name, value in same.items()}}
    rows = list(zip(*(values[name] for name in compiled.positiontup), strict=True))
    if rows:
        conn.exec_driver_sql(compiled.string, rows)


def _bound(column: sa.Column, value, dialect):
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return process(value) if process is not None else value
