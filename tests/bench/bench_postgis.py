"""The store on PostgreSQL + PostGIS at 300,000 incidents: `python -m tests.bench postgis`.

Runs only with INCIDENT_MAP_BENCH_PG set to a superuser's URL on a server with PostGIS
(e.g. postgresql://postgres@127.0.0.1:55432/postgres); it makes the database
INCIDENT_MAP_BENCH_PG_DB (default "a1_bench_postgis"), drops it after, and prints:
- the import of 300,000 synthetic incidents as one batch (COPY, geo.store.engine), against
  the same import into a SQLite file;
- each query of bench_import.QUERIES and a city-sized view (a 0.2 degree box, 30 days),
  every column through IncidentStore.query, against the same query on the SQLite file,
  with the indexes PostgreSQL's plan uses (EXPLAIN).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import sqlalchemy as sa

from geo.settings import DATA_DIR
from geo.store import migrations
from geo.store.incident_store import IncidentStore
from geo.store.query import window_query
from geo.viewstate import ViewFilter
from tests.bench import bench_map
from tests.bench.bench_import import QUERIES
from tests.bench.harness import timed
from tests.bench.synthetic import synthetic_incidents

N = 300_000
CITY = (dt.date(2025, 6, 1), dt.date(2025, 6, 30), (36.13, 49.89, 36.33, 50.09))


def plan_indexes(store: IncidentStore, view: ViewFilter) -> str:
    with store.engine.connect() as conn:
        statement = window_query(conn, view, span_classes=migrations.get_span_classes(conn))
        compiled = statement.compile(conn, compile_kwargs={"literal_binds": True})
        plan = " ".join(conn.exec_driver_sql(f"EXPLAIN {compiled}").scalars())
    return ", ".join(sorted({word for word in plan.replace("(", " ").split()
                             if word.startswith("ix_")})) or "no index"


def run(table) -> None:
    admin_url = os.environ.get("INCIDENT_MAP_BENCH_PG", "").strip()
    if not admin_url:
        print("skipped: set INCIDENT_MAP_BENCH_PG to a PostgreSQL superuser's URL")
        return
    name = os.environ.get("INCIDENT_MAP_BENCH_PG_DB", "a1_bench_postgis")
    admin = sa.create_engine(sa.make_url(admin_url).set(drivername="postgresql+psycopg"),
                             isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as folder:
            _measure(table, sa.make_url(admin_url).set(database=name).render_as_string(
                hide_password=False), Path(folder) / "bench.sqlite")
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _measure(table, url: str, sqlite_path: Path) -> None:
    rows = synthetic_incidents(N)
    stores = {"PostgreSQL": IncidentStore.open(url, DATA_DIR),
              "SQLite": IncidentStore.open(f"sqlite:///{sqlite_path}", DATA_DIR)}
    seconds = {kind: bench_map.timed_once(store.add_batch, "synthetic", rows)[0]
               for kind, store in stores.items()}
    table.add("PostgreSQL import, one batch (COPY)", N, [seconds["PostgreSQL"]],
              baseline=seconds["SQLite"], baseline_note="baseline: the same import, SQLite")
    postgresql, sqlite = stores["PostgreSQL"], stores["SQLite"]
    with postgresql.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    queries = {**QUERIES, "30 days x one city (Kharkiv, 0.2 deg box)": CITY}
    for label, (date_from, date_to, bbox) in queries.items():
        view = ViewFilter(date_from=date_from, date_to=date_to, bbox=bbox)
        found = len(postgresql.query(view))
        assert found == len(sqlite.query(view))
        table.add(f"PostgreSQL query: {label}", N,
                  timed(lambda v=view: postgresql.query(v), 10),
                  baseline=min(timed(lambda v=view: sqlite.query(v), 10)),
                  target=f"{found:,} rows; plan: {plan_indexes(postgresql, view)}",
                  baseline_note="baseline: SQLite, fastest of 10")
    for store in stores.values():
        store.engine.dispose()
