"""Bringing a columnar copy of the incident frame forward from an older revision: the rows
the writes since then touched are dropped and read again, the rest is kept.

What the writes touched comes from the revision log (geo.store.revision_log): the incidents
of an imported or undone batch (those holding it in the copy, those holding it now), the ids
that batch updated or an undo put back (incident_versions), and the ids of edits. Reading
the touched rows as they are now gives their last state whatever happened in between
(an update then an undo, a review of a row since undone). A gap the log does not cover
gives None: the caller reads everything.

Each row carries its place in the store's order (ORDER_KEY): on SQLite its rowid, the order
a full read of the table gives, so the brought-forward frame equals a full read row for row;
elsewhere the copy's own position, new rows after it (a full read there has no defined order).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from geo.store import revision_log, tables
from geo.store.query import FRAME_COLUMNS, fetch_columns, frame_of, select_columns, typed_columns

ORDER_KEY = "row_order"


@dataclass(frozen=True)
class Delta:
    """The rows to drop from a copy (by batch or id) and those to put in, with their keys."""
    batch_ids: list[str]
    touched_ids: set[str]
    rows: pd.DataFrame
    keys: np.ndarray | None  # None: not from the store (placed after the copy's rows)


def store_rows(conn: sa.Connection, conditions) -> tuple[pd.DataFrame, np.ndarray | None]:
    """The incident frame's columns of the rows meeting every one of `conditions`, in the
    store's order, and on SQLite their rowids (None elsewhere)."""
    statement = select_columns(FRAME_COLUMNS, conditions)
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        rowid = sa.literal_column("rowid")
        statement = statement.add_columns(rowid.label(ORDER_KEY)).order_by(rowid)
    names, columns = fetch_columns(conn, statement)
    keys = columns.pop().astype(np.int64) if sqlite else None
    names = names[:len(FRAME_COLUMNS)]
    return frame_of(names, typed_columns(names, columns)), keys


def changes_since(conn: sa.Connection, old_revision: int, revision: int) -> Delta | None:
    """What to drop from a copy of `old_revision` and put in to make `revision`; None when
    the revision log does not say."""
    gap = revision_log.changes_between(conn, old_revision, revision)
    if gap is None:
        return None
    batch_ids = sorted(gap.batch_ids)
    v = tables.incident_versions.c
    replaced = sa.select(v.incident_id).where(v.batch_id.in_(batch_ids)).distinct()
    touched = set(gap.incident_ids) | set(conn.execute(replaced).scalars())
    rows, keys = store_rows(conn, [revision_log.touched(tables.incidents.c.incident_id, gap)])
    return Delta(batch_ids, touched, rows, keys)


def _members(column: pa.ChunkedArray, values) -> np.ndarray:
    """Whether each value of a text column (plain or dictionary-encoded) is in `values`."""
    value_set = pa.array(sorted(values), type=pa.string())
    found = []
    for chunk in column.chunks:
        if pa.types.is_dictionary(chunk.type):
            known = pc.is_in(chunk.dictionary, value_set=value_set).to_numpy(zero_copy_only=False)
            found.append(known[chunk.indices.to_numpy(zero_copy_only=False)])
        else:
            found.append(pc.is_in(chunk, value_set=value_set).to_numpy(zero_copy_only=False))
    return np.concatenate(found) if found else np.zeros(0, dtype=bool)


def _like(column: pa.ChunkedArray, wanted: pa.DataType) -> pa.ChunkedArray:
    """A text column in the copy's encoding (plain or dictionary), for concatenation."""
    if column.type == wanted:
        return column
    if pa.types.is_dictionary(wanted):
        return column.dictionary_encode()
    return column.cast(wanted)


def merged(old: pa.Table, delta: Delta, new: pa.Table) -> pa.Table:
    """`old` (a copy with ORDER_KEY) without the rows `delta` drops, with `new` (the
    delta's rows, without keys), in key order, one chunk per column."""
    drop = (_members(old["batch_id"], delta.batch_ids)
            | _members(old["incident_id"], delta.touched_ids))
    old_keys = old[ORDER_KEY].to_numpy()
    keys = delta.keys
    if keys is None:  # a row edited keeps its place; a new one comes after the copy's
        placed = dict(zip(old["incident_id"].filter(pa.array(drop)).to_pylist(),
                          old_keys[drop].tolist(), strict=True))
        after = int(old_keys.max(initial=-1)) + 1 + np.arange(len(new))
        keys = np.array([placed.get(i, a) for i, a in
                         zip(new["incident_id"].to_pylist(), after.tolist(), strict=True)],
                        dtype=np.int64)
    kept = old.filter(pa.array(~drop))
    new = pa.table([_like(new[name], kept.schema.field(name).type) for name in new.column_names]
                   + [pa.array(keys, type=pa.int64())],
                   names=[*new.column_names, ORDER_KEY])
    table = pa.concat_tables([kept, new]).unify_dictionaries().combine_chunks()
    all_keys = np.concatenate([old_keys[~drop], keys])
    if np.all(all_keys[1:] > all_keys[:-1]):  # only rows added after the rest: no reorder
        return table
    return table.take(pa.array(np.argsort(all_keys, kind="stable")))
