"""A large insert into a small table, with its secondary indexes dropped first and created
again after (SQLite): CREATE INDEX sorts the rows once, where keeping the index up to date
puts each row at a random place in its B-tree.

Measured with 100,000 rows into the incidents table and its three secondary indexes (bare
sqlite3, docs/performance.md): into the seeded store 0.65-0.68 s instead of 0.75-0.83 s,
into 50,000 rows 0.78 instead of 0.87, even at 100,000, and slower beyond (200,000: 1.24
instead of 0.96; 1,000,000: 5.7 instead of 2.5), so only a store of at most half the
batch's size has them dropped. The drop and the creation are part of the caller's
transaction: a rollback puts the indexes back as they were, with the rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

MIN_ROWS = 10_000  # below it the saving is a few milliseconds; the DDL is not worth it
MAX_STORED_SHARE = 0.5  # stored rows per row coming, at most


@contextmanager
def deferred(conn: sa.Connection, table: sa.Table, incoming: int) -> Iterator[None]:
    """Run the block with `table`'s secondary indexes dropped when `incoming` rows are many
    beside the rows stored; they are created again, as they were, at its end."""
    created = _secondary_indexes(conn, table) if _worth_it(conn, table, incoming) else []
    for name, _ in created:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _, statement in created:
        conn.exec_driver_sql(statement)


def _worth_it(conn: sa.Connection, table: sa.Table, incoming: int) -> bool:
    if conn.dialect.name != "sqlite" or incoming < MIN_ROWS:
        return False
    # the largest rowid: at least the rows stored, found without counting them
    stored = conn.exec_driver_sql(f'SELECT max(rowid) FROM "{table.name}"').scalar() or 0
    return stored <= incoming * MAX_STORED_SHARE


def _secondary_indexes(conn: sa.Connection, table: sa.Table) -> list[tuple[str, str]]:
    """(name, CREATE statement) of each index made by a statement (a primary key's or a
    unique constraint's own index has none, and stays)."""
    return [tuple(row) for row in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL ORDER BY name", (table.name,))]
