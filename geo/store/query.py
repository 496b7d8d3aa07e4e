"""The window + bounding-box query in SQL, and the typed frame it reads.

An incident is in a window when its interval overlaps it: date_start <= to and
date_end >= from. The second condition alone cannot use an index led by date_start, so
each row carries the length class of its interval (tables.span_classes) and the query asks
each class k present for date_start >= from - (2**k - 1): one tight index range per class,
even though one seed claim spans three years.

SQLite's planner sees two range conditions (dates, latitude) and no histogram to tell
which is narrower, and picks the latitude index even for a one-day window over the whole
country (350 ms at 1,000,000 rows instead of 10 ms). So, on SQLite, the narrower of the two
is chosen from the data's extent and the other column is written as `+column`, SQLite's
documented way to keep a condition off an index. PostgreSQL plans it itself, from its
statistics: the box is also given as `geom && ST_MakeEnvelope(...)` (geo.store.postgis),
so the PostGIS point's GiST index is there for it to take, beside the same per-class
date ranges. At 300,000 rows (tests/bench/bench_postgis.py) it reads a short window from
the date index alone (its entries hold the box's columns too; a city over 30 days: 626
rows, 2-3 ms in the server); for a year or more over a small area its plan uses the GiST
and latitude indexes as well.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import sqlalchemy as sa
from pandas._libs.lib import to_object_array_tuples  # DataFrame.from_records' own helper
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from geo.analysis.operators import sql_condition
from geo.schema import INCIDENT_COLUMNS
from geo.store import postgis, tables
from geo.store.database_errors import raw_reads
from geo.store.stored_values import (
    NotStoredKind,
    not_stored_error,
    stored_days,
    stored_numbers,
    stored_text,
)
from geo.viewstate import ViewFilter

# What a map of the results needs: where, when, what and how sure (style and time
# filter), and the id to look the rest up by. A fraction of the cost of every column.
MAP_COLUMNS = ("incident_id", "date_start", "date_end", "category", "latitude", "longitude",
               "geo_precision", "claim_status")


def off_index(column: sa.Column):
    """`+column`: SQLite's documented way to keep a condition off an index."""
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def _extent(conn: sa.Connection, span_classes):
    """First and last date_start, south- and northmost latitude: each one index lookup
    (min/max over an index prefix), so the choice costs well under a millisecond."""
    c = tables.incidents.c
    scalars = [sa.select(aggregate(c.latitude)).scalar_subquery()
               for aggregate in (sa.func.min, sa.func.max)]
    for span_class in sorted(span_classes):
        scalars += [sa.select(aggregate(c.date_start)).where(c.span_class == span_class)
                    .scalar_subquery() for aggregate in (sa.func.min, sa.func.max)]
    values = conn.execute(sa.select(*scalars)).one()
    days = [_as_date(v) for v in values[2:] if v is not None]
    if not days or values[0] is None:
        return None
    return min(days), max(days), values[0], values[1]


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def preferred_index(conn: sa.Connection, view: ViewFilter, span_classes) -> str:
    """WINDOW_INDEX or AREA_INDEX: whichever range covers the smaller share of the rows."""
    extent = _extent(conn, span_classes)
    if extent is None:
        return tables.WINDOW_INDEX
    first_day, last_day, south_most, north_most = extent
    date_from = max(view.date_from or first_day, first_day)
    date_to = min(view.date_to or last_day, last_day)
    days = max((date_to - date_from).days + 1, 0)
    time_share = days / ((last_day - first_day).days + 1)
    _, south, _, north = view.bbox
    height = max(north_most - south_most, 1e-9)
    area_share = max(min(north, north_most) - max(south, south_most), 0) / height
    return tables.WINDOW_INDEX if time_share <= area_share else tables.AREA_INDEX


def _output_column(name: str):
    column = tables.incidents.c[name]
    if name in tables.DATE_COLUMNS:
        return sa.type_coerce(column, sa.String).label(name)
    if name in tables.NUMERIC_COLUMNS:
        return column
    return sa.func.coalesce(column, "").label(name)  # text: "" for NULL, as records have


def select_columns(names, conditions) -> sa.Select:
    """SELECT of the incident columns `names` (text "" for NULL, dates as stored) WHERE
    every one of `conditions`."""
    return sa.select(*(_output_column(name) for name in names)).where(*conditions)


# what the app's incident frame holds: the record, and how its site_id was set
FRAME_COLUMNS = (*INCIDENT_COLUMNS, "site_link")


def view_conditions(view: ViewFilter, *, date_start=None, latitude=None,
                    geometry: bool = False) -> list:
    """The view as SQL conditions on incidents; `date_start`, `latitude`: the column
    expressions to use (window_query keeps one of them off its index); `geometry`: the box
    is asked of the PostGIS point too (PostgreSQL), its index's way in, with the exact
    latitude/longitude conditions kept beside it."""
    c = tables.incidents.c
    date_start = c.date_start if date_start is None else date_start
    latitude = c.latitude if latitude is None else latitude
    conditions = []
    if view.date_to is not None:
        conditions.append(date_start <= view.date_to)
    if view.date_from is not None:
        conditions.append(c.date_end >= view.date_from)
    if view.bbox is not None:
        west, south, east, north = view.bbox
        if geometry:
            conditions.append(postgis.in_box(view.bbox))
        conditions += [latitude.between(south, north), c.longitude.between(west, east)]
    for column, allowed in ((c.category, view.categories),
                            (c.claim_status, view.claim_statuses)):
        if allowed is not None:
            conditions.append(column.in_(list(allowed)))
    if view.operators is not None:
        conditions.append(sql_condition(tables.incidents, tables.sites, view.operators))
    return conditions


def window_query(conn: sa.Connection, view: ViewFilter, *, span_classes,
                 columns=FRAME_COLUMNS):
    """SELECT of `columns` of the incidents in `view`; `span_classes` are those stored.

    Led by the date: one SELECT per length class, joined by UNION ALL (the classes are
    disjoint), each one index range with the box checked inside the index. Led by the
    area: one SELECT on the latitude index with the dates checked inside it.
    """
    c = tables.incidents.c
    dated = view.date_from is not None or view.date_to is not None
    sqlite = conn.dialect.name == "sqlite"
    by_date = dated and (view.bbox is None or not sqlite
                         or preferred_index(conn, view, span_classes) == tables.WINDOW_INDEX)
    date_start, latitude = c.date_start, c.latitude
    if sqlite and dated and view.bbox is not None:
        if by_date:
            latitude = off_index(c.latitude)
        else:
            date_start = off_index(c.date_start)
    common = view_conditions(view, date_start=date_start, latitude=latitude,
                             geometry=postgis.used(conn))
    if not by_date:
        return select_columns(columns, common)
    selects = []
    for span_class in sorted(span_classes):
        bounds = [c.span_class == span_class]
        if view.date_from is not None:
            bounds.append(date_start >= earliest_start(view.date_from, span_class))
        selects.append(select_columns(columns, bounds + common))
    if not selects:
        return select_columns(columns, [sa.false()])
    return selects[0] if len(selects) == 1 else sa.union_all(*selects)


def earliest_start(date_from: dt.date, span_class: int) -> dt.date:
    """The earliest date_start of a record of `span_class` that can reach `date_from`;
    the first day there is for a window starting in the first centuries."""
    reach = (date_from - dt.date.min).days
    return date_from - dt.timedelta(days=min(tables.longest_span(span_class), reach))


def _columns(rows: list, width: int) -> list[np.ndarray]:
    """Row tuples -> one object array per column, in C (a Python loop over a million rows
    of 24 columns takes seconds)."""
    if not rows:
        return [np.empty(0, dtype=object) for _ in range(width)]
    table = to_object_array_tuples(rows)
    return [table[:, j] for j in range(width)]


def fetch_columns(conn: sa.Connection, statement) -> tuple[list[str], list[np.ndarray]]:
    """The column names of `statement` and one object array per column. On SQLite the
    driver's rows are taken as they are: SQLAlchemy's per-row processing (ISO text to
    date objects, parsed again below) would cost more than the query itself."""
    result = conn.execute(statement)
    names = list(result.keys())
    with raw_reads(conn.engine.url):
        rows = result.cursor.fetchall() if conn.dialect.name == "sqlite" else result.all()
    result.close()
    return names, _columns(rows, len(names))


def typed_columns(names, columns) -> dict[str, np.ndarray]:
    """Object arrays -> the types geo.records.coerce_incidents gives: datetime64[s] dates,
    float64 coordinates (NULL becomes NaN), text as object arrays ("" for NULL comes from
    the SQL)."""
    out = {}
    for name, column in zip(names, columns, strict=True):
        try:
            if name in tables.DATE_COLUMNS:
                out[name] = stored_days(column).astype("datetime64[s]")
            elif name in tables.NUMERIC_COLUMNS:
                out[name] = stored_numbers(column)
            else:
                out[name] = stored_text(column)
        except NotStoredKind as bad:
            raise not_stored_error(name, bad.value, names, columns) from None
    return out


def frame_of(names, arrays: dict[str, np.ndarray]) -> pd.DataFrame:
    """The incident frame of typed arrays (taken over, not copied: 5 ms at 30,000 rows),
    text kept as object (not pandas' str dtype)."""
    return pd.DataFrame({name: pd.Series(arrays[name], dtype=object, copy=False)
                         if arrays[name].dtype == object else arrays[name]
                         for name in names}, columns=list(names), copy=False)


def incident_frame(conn: sa.Connection, statement) -> pd.DataFrame:
    """Rows of `statement` typed as geo.records.coerce_incidents types them."""
    names, columns = fetch_columns(conn, statement)
    return frame_of(names, typed_columns(names, columns))
