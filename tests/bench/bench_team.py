"""A team's day on one store: `python -m tests.bench team`. Two app processes (Streamlit)
are open on the store while two `python -m geo import` processes write 100,000 rows each at
the same moment; on SQLite, and on PostgreSQL when INCIDENT_MAP_BENCH_PG names a server (a
database of its own, dropped after). Prints the wall time until both imports ended and
whether every row is accounted for: each file's rows stored, skipped or rejected in its own
batch, the store holding the seed plus every stored row, both apps still answering.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.request import urlopen

import sqlalchemy as sa

from geo.settings import DATA_DIR, PROJECT_ROOT
from geo.store.incident_store import IncidentStore
from tests.bench.bench_import import coordinate_rows
from tests.support.app_server import StreamlitApp

N = 100_000
SHIFT_DEG = 0.05  # the second file's points 5 km north: other incidents, not duplicates


def run(table) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-team-") as folder:
        folder = Path(folder)
        rows = coordinate_rows(N)
        files = [folder / "first.csv", folder / "second.csv"]
        rows.to_csv(files[0], index=False)
        rows.assign(latitude=rows["latitude"] + SHIFT_DEG).to_csv(files[1], index=False)
        _measure(table, "SQLite", f"sqlite:///{folder / 'team.sqlite'}", files, folder)
        admin_url = os.environ.get("INCIDENT_MAP_BENCH_PG", "").strip()
        if not admin_url:
            print("PostgreSQL skipped: set INCIDENT_MAP_BENCH_PG to a superuser's URL")
            return
        admin = sa.create_engine(sa.make_url(admin_url).set(drivername="postgresql+psycopg"),
                                 isolation_level="AUTOCOMMIT")
        name = "bench_team"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            url = admin.url.set(database=name).render_as_string(hide_password=False)
            _measure(table, "PostgreSQL", url, files, folder)
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.dispose()


def _measure(table, backend: str, url: str, files: list[Path], folder: Path) -> None:
    store = IncidentStore.open(url, DATA_DIR)
    seed_count = len(store.incidents_frame())
    with ExitStack() as stack:
        apps = [StreamlitApp(url, folder / f"{backend}-{i}.log") for i in range(2)]
        for app in apps:
            stack.callback(app.stop)
        start = time.perf_counter()
        imports = [subprocess.Popen([sys.executable, "-m", "geo", "import", str(path),
                                     "--db", url, "--country", "UA"], cwd=PROJECT_ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                   for path in files]
        codes = [process.wait() for process in imports]
        seconds = time.perf_counter() - start
        answering = all(_healthy(app.url) for app in apps)
    batches = store.batches_frame()
    batches = batches[batches["batch_id"] != "seed"]
    stored = len(store.incidents_frame())
    store.engine.dispose()
    accounted = (codes == [0, 0] and len(batches) == 2
                 and all(batches[column].notna().all()
                         for column in ("row_count", "skipped_count", "rejected_count"))
                 and int((batches["row_count"] + batches["skipped_count"]
                          + batches["rejected_count"]).sum()) == 2 * N
                 and stored == seed_count + int(batches["row_count"].sum()))
    table.add(f"two apps open, two {N:,}-row imports at once ({backend})", 2 * N, [seconds],
              target=f"every row accounted for: {accounted}; stored "
                     f"{int(batches['row_count'].sum()):,}, skipped "
                     f"{int(batches['skipped_count'].sum()):,}; apps answering: {answering}")


def _healthy(url: str) -> bool:
    with urlopen(url + "/_stcore/health", timeout=10) as response:
        return response.status == 200
