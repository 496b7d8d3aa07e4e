"""The window + box query of map columns through the map index (geo.store.map_index).

The chunks whose dates and box overlap the view are read (a few hundred rows of the
chunk table), decoded into one numpy array per column and filtered exactly, as the SQL
would; only then are the incident ids of the matches decoded. Rows the index does not
hold in step yet (another program's write since this program's last one) come from the
incidents table, in SQL: dirty batches whole, stale chunks by their ids.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pandas as pd
import sqlalchemy as sa

from geo.store import map_chunks, map_index, tables
from geo.store.query import (
    MAP_COLUMNS,
    fetch_columns,
    frame_of,
    select_columns,
    typed_columns,
    view_conditions,
)
from geo.viewstate import ViewFilter

# the view fields geo.store.map_chunks.view_mask applies; any other (operators: it needs the
# sites table, or a field added later) sends the query to SQL
INDEXED_FILTERS = {"date_from", "date_to", "categories", "claim_statuses", "bbox"}


def answers(conn: sa.Connection, view: ViewFilter, columns) -> bool:
    """Whether the map index can answer: SQLite, map columns only, no filter it lacks."""
    return (map_index.kept(conn) and set(columns) <= set(MAP_COLUMNS)
            and all(getattr(view, field.name) is None for field in fields(view)
                    if field.name not in INDEXED_FILTERS))


def map_frame(conn: sa.Connection, view: ViewFilter, columns=MAP_COLUMNS) -> pd.DataFrame:
    """The incidents in `view`, `columns` of them, typed as geo.store.query.incident_frame
    types them."""
    columns = list(columns)
    frames = [_from_chunks(conn, view, columns)]
    dirty = sa.select(map_index.dirty_batches.c.batch_id)
    stale = map_index.stale_chunks(conn, map_index.chunks.c.batch_id.not_in(dirty))
    late = [map_index.listed_ids(batch_id, ids) for _, batch_id, ids in stale]
    if conn.execute(sa.select(sa.exists(dirty))).scalar():
        late.append(tables.incidents.c.batch_id.in_(dirty))
    if late:
        statement = select_columns(columns, [*view_conditions(view), sa.or_(*late)])
        names, found = fetch_columns(conn, statement)
        frames.append(frame_of(names, typed_columns(names, found)))
    frames = [frame for frame in frames if len(frame)] or frames[:1]
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def _candidates(view: ViewFilter) -> sa.Select:
    c = map_index.chunks.c
    where = [c.stale == 0,
             c.batch_id.not_in(sa.select(map_index.dirty_batches.c.batch_id))]
    if view.date_to is not None:
        where.append(c.first_date <= view.date_to.isoformat())
    if view.date_from is not None:
        where.append(c.last_date >= view.date_from.isoformat())
    if view.bbox is not None:
        west, south, east, north = view.bbox
        where += [c.west <= east, c.east >= west, c.south <= north, c.north >= south]
    return sa.select(c.row_count, c.id_width, c.incident_id,
                     *(c[name] for name in map_chunks.STORED_AS)).where(*where)


def _from_chunks(conn: sa.Connection, view: ViewFilter, columns: list[str]) -> pd.DataFrame:
    names, stored = fetch_columns(conn, _candidates(view))
    stored = dict(zip(names, (column.tolist() for column in stored), strict=True))
    arrays = map_chunks.decode(stored)
    vocabulary = map_index.load_vocabulary(conn)
    mask = map_chunks.view_mask(arrays, view, vocabulary)
    out = {}
    for name in columns:
        if name == "incident_id":
            out[name] = map_chunks.selected_ids(stored, arrays["id_length"], mask)
        elif name in tables.DATE_COLUMNS:
            out[name] = arrays[name][mask].astype("datetime64[D]").astype("datetime64[s]")
        elif name in tables.NUMERIC_COLUMNS:
            out[name] = arrays[name][mask].astype(np.float64)
        else:
            out[name] = vocabulary[name][arrays[name][mask]]
    return frame_of(columns, out)
