"""The map index (SQLite): the map columns of every incident, in chunks (geo.store.map_chunks)
with the dates and box each covers, kept in step with the incidents table.

Kept in step inside the writer's own transaction, so a reader never sees it half-written:
- triggers on incidents record what changed: an inserted row marks its batch dirty (rows
  not in any chunk yet); an updated or deleted row marks stale the chunks that could hold
  it (same batch, dates and box covering its old values), and a changed id or batch marks
  the new batch dirty. An import (or undo) of this program marks its batch dirty (or drops
  its chunks) itself, with the trigger suspended for that transaction: a trigger costs
  3-5 us per row, 0.4 s per 100,000 imported rows. A bulk update of map columns (a future
  migration, say) should do the same: the update trigger searches the chunks of the row's
  batch, 0.17 ms per row in a batch of 1,000,000;
- refresh() rebuilds dirty batches and stale chunks from the incidents table. It runs at
  the end of every write of this program (store_engine.bump_revision), and at the store's
  open when up_to_date() finds something to rebuild (geo.store.opening), so between
  writes nothing is stale;
- a reader (geo.store.map_query) takes whatever is still dirty or stale (a write by another
  program) from the incidents table instead, so it is exact whatever happened.

Codes of the coded columns are the store's own vocabulary (map_vocabulary), never
renumbered. Other databases have no map index: they answer every query in SQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd
import sqlalchemy as sa

from geo.store import map_chunks, tables
from geo.store.query import MAP_COLUMNS, fetch_columns, off_index, select_columns, typed_columns

metadata = sa.MetaData()

chunks = sa.Table(
    "map_chunks", metadata,
    sa.Column("chunk_id", sa.Integer, primary_key=True),
    sa.Column("batch_id", sa.Text, nullable=False),
    sa.Column("stale", sa.Integer, nullable=False, server_default="0"),
    sa.Column("row_count", sa.Integer, nullable=False),
    sa.Column("first_date", sa.Text, nullable=False),  # ISO: the first date_start
    sa.Column("last_date", sa.Text, nullable=False),  # the last date_end
    *(sa.Column(side, sa.Float, nullable=True) for side in ("west", "south", "east", "north")),
    sa.Column("id_width", sa.Integer, nullable=False),
    sa.Column("incident_id", sa.LargeBinary, nullable=False),  # see geo.store.map_chunks
    *(sa.Column(name, sa.LargeBinary, nullable=False) for name in map_chunks.STORED_AS),
    sa.Index("ix_map_chunks_batch", "batch_id", "first_date"),
)

vocabulary = sa.Table(
    "map_vocabulary", metadata,
    sa.Column("column_name", sa.Text, primary_key=True),
    sa.Column("code", sa.Integer, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

dirty_batches = sa.Table(
    "map_dirty_batches", metadata,
    sa.Column("batch_id", sa.Text, primary_key=True),
)

# The chunk that holds a row covers its old values: same batch, dates and box (or no box).
_HOLDS_OLD = """batch_id = old.batch_id AND first_date <= old.date_start
    AND last_date >= old.date_end AND CASE WHEN old.latitude IS NULL OR old.longitude IS NULL
    THEN west IS NULL ELSE west <= old.longitude AND east >= old.longitude
    AND south <= old.latitude AND north >= old.latitude END"""
TRIGGERS = {
    "map_index_insert": """AFTER INSERT ON incidents BEGIN
        INSERT OR IGNORE INTO map_dirty_batches (batch_id) VALUES (new.batch_id); END""",
    "map_index_update": f"""AFTER UPDATE OF {", ".join(MAP_COLUMNS)}, batch_id ON incidents
        BEGIN UPDATE map_chunks SET stale = 1 WHERE {_HOLDS_OLD};
        INSERT OR IGNORE INTO map_dirty_batches (batch_id) SELECT new.batch_id
        WHERE new.batch_id IS NOT old.batch_id OR new.incident_id IS NOT old.incident_id;
        END""",
    "map_index_delete": f"""AFTER DELETE ON incidents BEGIN
        UPDATE map_chunks SET stale = 1 WHERE {_HOLDS_OLD}; END""",
}


def kept(conn: sa.Connection) -> bool:
    return conn.dialect.name == "sqlite"


def create(conn: sa.Connection) -> None:
    """The index's tables and triggers (SQLite only), every existing row marked dirty."""
    if not kept(conn):
        return
    metadata.create_all(conn)
    for name, body in TRIGGERS.items():
        conn.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    conn.execute(sa.insert(dirty_batches).from_select(
        ["batch_id"], sa.select(tables.incidents.c.batch_id).distinct()).prefix_with("OR IGNORE"))


@contextmanager
def suspended(conn: sa.Connection, trigger: str) -> Iterator[None]:
    """`trigger` dropped for the rest of this transaction's body, created again after it
    (a rollback restores it too); the caller marks what it changes itself."""
    if not kept(conn):
        yield
        return
    conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    yield
    conn.exec_driver_sql(f"CREATE TRIGGER {trigger} {TRIGGERS[trigger]}")


def mark_dirty(conn: sa.Connection, batch_ids) -> None:
    """Batches whose rows refresh() must (re)index."""
    if kept(conn) and len(batch_ids):
        conn.execute(sa.insert(dirty_batches).prefix_with("OR IGNORE"),
                     [{"batch_id": str(batch_id)} for batch_id in batch_ids])


def forget_batch(conn: sa.Connection, batch_id: str) -> None:
    """Drop a batch's chunks (its rows are being deleted)."""
    if kept(conn):
        conn.execute(sa.delete(chunks).where(chunks.c.batch_id == batch_id))


def up_to_date(conn: sa.Connection) -> bool:
    """Nothing dirty or stale: `refresh` has nothing to rebuild (always so where no map
    index is kept). Reads only."""
    if not kept(conn):
        return True
    dirty = sa.select(dirty_batches.c.batch_id).limit(1)
    stale = sa.select(chunks.c.chunk_id).where(chunks.c.stale != 0).limit(1)
    return conn.execute(dirty).first() is None and conn.execute(stale).first() is None


def refresh(conn: sa.Connection) -> None:
    """Rebuild what the triggers marked: dirty batches whole, stale chunks' rows."""
    if not kept(conn):
        return
    dirty = conn.execute(sa.select(dirty_batches.c.batch_id)).scalars().all()
    for batch_id in dirty:
        conn.execute(sa.delete(chunks).where(chunks.c.batch_id == batch_id))
        _build(conn, batch_id, [tables.incidents.c.batch_id == batch_id])
    if dirty:  # nothing written when nothing changed: a read-only store opens to read
        conn.execute(sa.delete(dirty_batches))
    for chunk_id, batch_id, ids in stale_chunks(conn):
        conn.execute(sa.delete(chunks).where(chunks.c.chunk_id == chunk_id))
        _build(conn, batch_id, [listed_ids(batch_id, ids)])


def stale_chunks(conn: sa.Connection, *conditions) -> list[tuple[int, str, list]]:
    """(chunk_id, batch_id, incident ids) of each stale chunk meeting `conditions`."""
    c = chunks.c
    found = conn.execute(sa.select(c.chunk_id, c.batch_id, c.row_count, c.id_width,
                                   c.incident_id, c.id_length)
                         .where(c.stale != 0, *conditions)).all()
    return [(chunk_id, batch_id, map_chunks.chunk_ids(*stored))
            for chunk_id, batch_id, *stored in found]


def listed_ids(batch_id: str, ids: list) -> sa.ColumnElement:
    """The incidents of `batch_id` whose ids are among `ids` (bound as one JSON array):
    looked up by id, not by scanning the batch (SQLite would take the batch index)."""
    c = tables.incidents.c
    return sa.and_(off_index(c.batch_id) == batch_id, c.incident_id.in_(
        sa.select(sa.column("value")).select_from(sa.func.json_each(json.dumps(ids)))))


def _build(conn: sa.Connection, batch_id: str, conditions) -> None:
    names, columns = fetch_columns(conn, select_columns(MAP_COLUMNS, conditions))
    _store_chunks(conn, batch_id, typed_columns(names, columns))


def build_rows(conn: sa.Connection, batch_id: str, frame: pd.DataFrame) -> None:
    """Chunks of rows just inserted, from their frame (typed as geo.records types them)."""
    if kept(conn):
        _store_chunks(conn, batch_id, {
            name: frame[name].to_numpy("datetime64[s]") if name in tables.DATE_COLUMNS
            else frame[name].to_numpy(np.float64) if name in tables.NUMERIC_COLUMNS
            else frame[name].to_numpy(dtype=object) for name in MAP_COLUMNS})


def _store_chunks(conn: sa.Connection, batch_id: str, rows: dict[str, np.ndarray]) -> None:
    if not len(rows["incident_id"]):
        return
    codes = {name: _codes(conn, name, rows[name]) for name in map_chunks.CODED}
    conn.execute(sa.insert(chunks), [
        {"batch_id": batch_id, **map_chunks.encode(rows, codes, positions)}
        for positions in map_chunks.partition(rows)])


def _codes(conn: sa.Connection, name: str, values: np.ndarray) -> np.ndarray:
    """The vocabulary code of each value; new values get the next free codes."""
    positions, distinct = pd.factorize(values)
    known = dict(conn.execute(sa.select(vocabulary.c.value, vocabulary.c.code)
                              .where(vocabulary.c.column_name == name)).all())
    new = [value for value in distinct.tolist() if value not in known]
    if new:
        start = max(known.values(), default=-1) + 1
        added = {value: start + i for i, value in enumerate(new)}
        conn.execute(sa.insert(vocabulary), [{"column_name": name, "code": code, "value": value}
                                             for value, code in added.items()])
        known |= added
    return np.array([known[value] for value in distinct.tolist()], dtype=np.int64)[positions]


def load_vocabulary(conn: sa.Connection) -> dict[str, np.ndarray]:
    """Per coded column, its values indexed by code."""
    found = {name: {} for name in map_chunks.CODED}
    for name, code, value in conn.execute(sa.select(vocabulary)).all():
        found.setdefault(name, {})[code] = value
    out = {}
    for name, values in found.items():
        table = np.full(max(values, default=-1) + 1, None, dtype=object)
        table[list(values)] = list(values.values())
        out[name] = table
    return out
