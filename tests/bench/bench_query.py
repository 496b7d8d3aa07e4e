"""Date window + bounding box at 1,000,000 stored incidents: `python -m tests.bench query`.

Each query of bench_import.QUERIES (a week of one city .. all time of one city), median of
20 runs, for every column (IncidentStore.query) and for the columns a map needs
(geo.store_query.MAP_COLUMNS), with the number of rows found: the target (<= 50 ms) is met
by the SQL part at every size; above a few thousand rows the time is the rows themselves
(turned into a pandas frame), so it is printed per result size. Baseline: read every row
and filter in pandas (once), as a store without an indexed query would. Uses the store of
bench_browser (built once into /tmp).
"""

from __future__ import annotations

from geo.filters import ViewFilter, apply_filter
from geo.settings import DATA_DIR
from geo.store import IncidentStore
from geo.store_query import MAP_COLUMNS
from tests.bench import bench_map
from tests.bench.bench_browser import database
from tests.bench.bench_import import QUERIES
from tests.bench.harness import timed

N = 1_000_000


def run(table) -> None:
    store = IncidentStore.open(f"sqlite:///{database(N)}", DATA_DIR)
    read_seconds, everything = bench_map.timed_once(store.incidents_frame)
    for label, (date_from, date_to, bbox) in QUERIES.items():
        view = ViewFilter(date_from=date_from, date_to=date_to, bbox=bbox)
        filter_seconds, expected = bench_map.timed_once(apply_filter, everything, view)
        assert len(store.query(view, MAP_COLUMNS)) == len(expected)
        for columns, what in ((tuple(everything.columns), "every column"),
                              (MAP_COLUMNS, "map columns")):
            samples = timed(lambda v=view, c=columns: store.query(v, c), 20)
            table.add(f"query ({what}): {label}", N, samples,
                      baseline=read_seconds + filter_seconds,
                      target=f"target <= 50 ms; {len(expected):,} rows",
                      baseline_note="baseline: read every row + pandas filter, once")
    store.engine.dispose()
