"""Date window + bounding box at 1,000,000 stored incidents: `python -m tests.bench query`.

Each query of bench_import.QUERIES (a week of one city .. all time of one city), median of
20 runs, with the number of rows found, three ways:
- map columns (geo.store.query.MAP_COLUMNS) through IncidentStore.query: read from the map
  index (geo.store.map_index: the map columns in chunks of nearby incidents, decoded and filtered
  in numpy), 4-40 ms for up to 35,000 rows;
- the same columns through the SQL indexes only (geo.store.query.window_query, the path
  of other databases and of every query before the map index), for comparison in this run:
  its time is mostly the driver's Python tuple per row, over 50 ms from ~10,000 rows;
- every column through IncidentStore.query (SQL indexes): the same per-row cost for 25
  columns, about 10 us per row, so large results stay above the 50 ms target.
Baseline: read every row and filter in pandas (once), as a store without an indexed query
would. Uses the store of bench_browser (built once into /tmp, per schema version).
"""

from __future__ import annotations

from geo.analysis.filters import apply_filter
from geo.settings import DATA_DIR
from geo.store import migrations
from geo.store.incident_store import IncidentStore
from geo.store.query import MAP_COLUMNS, incident_frame, window_query
from geo.viewstate import ViewFilter
from tests.bench import bench_map
from tests.bench.bench_browser import database
from tests.bench.bench_import import QUERIES
from tests.bench.harness import timed

N = 1_000_000


def sql_only(store: IncidentStore, view: ViewFilter, columns):
    """The query through the SQL indexes, without the map index."""
    with store.engine.connect() as conn:
        classes = migrations.get_span_classes(conn)
        return incident_frame(conn, window_query(conn, view, span_classes=classes,
                                                 columns=columns))


def run(table) -> None:
    store = IncidentStore.open(f"sqlite:///{database(N)}", DATA_DIR)
    read_seconds, everything = bench_map.timed_once(store.incidents_frame)
    for label, (date_from, date_to, bbox) in QUERIES.items():
        view = ViewFilter(date_from=date_from, date_to=date_to, bbox=bbox)
        filter_seconds, expected = bench_map.timed_once(apply_filter, everything, view)
        assert len(store.query(view, MAP_COLUMNS)) == len(expected)
        assert len(sql_only(store, view, MAP_COLUMNS)) == len(expected)
        for what, query in (
                ("every column", lambda v=view: store.query(v, tuple(everything.columns))),
                ("map columns", lambda v=view: store.query(v, MAP_COLUMNS)),
                ("map columns, SQL only", lambda v=view: sql_only(store, v, MAP_COLUMNS))):
            table.add(f"query ({what}): {label}", N, timed(query, 20),
                      baseline=read_seconds + filter_seconds,
                      target=f"target <= 50 ms; {len(expected):,} rows",
                      baseline_note="baseline: read every row + pandas filter, once")
    store.engine.dispose()
