"""Synthetic incidents for the tests: the schema's columns, a fixed seed, vectorised.

The benchmarks have their own generator (tests/bench/synthetic.py); this one is the tests'
and promises only what they rely on:
- dates from 2022-02-24 to 2025-12-31, more of them in later years (the density grows
  linearly), about a quarter spanning a week, a month or an approximate interval;
- a mix of categories led by strikes (58%), with FIRMS-like thermal detections (12%);
- points around real towns of Ukraine, placed at a site, a town or a region; 6% of the
  claims (never a thermal detection) known only to the country, with no coordinates;
- every claim status, and operators that are mostly not stated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.records import coerce_incidents

SEED = 24022022
BATCH_ID = "synthetic"
FIRST_DAY, LAST_DAY = np.datetime64("2022-02-24"), np.datetime64("2025-12-31")
# admin1: {town: (latitude, longitude)}; front-line towns mostly (Orikhiv and Huliaipole are
# inside the tests' box 35.5-37.0 E, 47.5-48.5 N)
TOWNS = {
    "Kharkiv Oblast": {"Kharkiv": (49.9935, 36.2304), "Kupiansk": (49.7106, 37.6156)},
    "Donetsk Oblast": {"Kramatorsk": (48.7389, 37.5848), "Pokrovsk": (48.2826, 37.1813)},
    "Zaporizhzhia Oblast": {"Orikhiv": (47.5675, 35.7850), "Huliaipole": (47.6622, 36.2563),
                            "Zaporizhzhia": (47.8388, 35.1396)},
    "Dnipropetrovsk Oblast": {"Nikopol": (47.5714, 34.3964), "Dnipro": (48.4647, 35.0462)},
    "Kherson Oblast": {"Kherson": (46.6354, 32.6169)},
    "Mykolaiv Oblast": {"Mykolaiv": (46.9750, 31.9946)},
    "Odesa Oblast": {"Odesa": (46.4825, 30.7233), "Izmail": (45.3500, 28.8375)},
    "Poltava Oblast": {"Kremenchuk": (49.0625, 33.4048)},
    "Sumy Oblast": {"Sumy": (50.9077, 34.7981)},
    "Kyiv City": {"Kyiv": (50.4501, 30.5234)}, "Lviv Oblast": {"Lviv": (49.8397, 24.0297)},
}
CATEGORIES = {"strike": 0.58, "infrastructure_event": 0.12, "thermal_detection": 0.12,
              "security": 0.06, "diplomatic": 0.04, "aviation": 0.03, "other": 0.05}
# how far from the town a row of each precision lands (degrees, one standard deviation);
# a country-level row gets no point (nan)
SPREAD = {"site": 0.02, "town": 0.05, "admin1": 0.5, "country": np.nan}
GEO_PRECISIONS = {"site": 0.3, "town": 0.5, "admin1": 0.14, "country": 0.06}
DATE_DAYS = {"day": 0, "week": 6, "month": 30}  # and "approximate": 2-44 days
DATE_PRECISIONS = {"day": 0.75, "week": 0.1, "month": 0.08, "approximate": 0.07}
CLAIM_STATUSES = {"claimed": 0.35, "reported": 0.4, "geolocated": 0.15, "confirmed": 0.1}
OPERATORS = ("", "", "", "", "SOCAR", "Naftogaz", "Ukrenergo", "DTEK", "Ukrtatnafta")
PLACES = pd.DataFrame([(town, *point, admin1) for admin1, towns in TOWNS.items()
                       for town, point in towns.items()],
                      columns=["place", "latitude", "longitude", "admin1"])


def synthetic_incidents(n: int, seed: int = SEED) -> pd.DataFrame:
    """`n` coerced incidents with ids syn-0000000 on; the same `n` and `seed`, the same rows."""
    rng = np.random.default_rng(seed)

    def drawn(mix: dict) -> np.ndarray:
        return rng.choice(list(mix), size=n, p=list(mix.values()))

    days = int((LAST_DAY - FIRST_DAY) / np.timedelta64(1, "D"))
    start = FIRST_DAY + rng.triangular(0, days, days, n).astype(int).astype("timedelta64[D]")
    date_precision = drawn(DATE_PRECISIONS)
    length = pd.Series(date_precision).map(DATE_DAYS).fillna(pd.Series(rng.integers(2, 45, n)))
    category = drawn(CATEGORIES)
    thermal = category == "thermal_detection"
    geo_precision = np.where(thermal, "site", drawn(GEO_PRECISIONS))
    rows = PLACES.iloc[rng.integers(0, len(PLACES), n)].reset_index(drop=True)
    north, east = pd.Series(geo_precision).map(SPREAD).to_numpy() * rng.normal(size=(2, n))
    rows["latitude"] = (rows["latitude"] + north).round(5)
    rows["longitude"] = (rows["longitude"] + east / np.cos(np.radians(rows["latitude"]))).round(5)
    return coerce_incidents(rows.assign(
        incident_id=[f"syn-{i:07d}" for i in range(n)], date_start=start,
        date_end=np.minimum(start + length.to_numpy(int).astype("timedelta64[D]"), LAST_DAY),
        date_precision=date_precision, category=category, geo_precision=geo_precision,
        subtype=np.where(thermal, "firms_viirs", ""), country="UA",
        geo_method="synthetic: around a town's point", operator=rng.choice(OPERATORS, n),
        description="Synthetic " + pd.Series(category) + " near " + rows["place"],
        source_name=np.where(thermal, "Synthetic FIRMS", "Synthetic test source"),
        claim_status=drawn(CLAIM_STATUSES), batch_id=BATCH_ID))


def store_synthetic(store, n: int, seed: int = SEED) -> pd.DataFrame:
    """Add `n` synthetic incidents to an open IncidentStore as one batch; returns them."""
    incidents = synthetic_incidents(n, seed)
    store.add_batch(BATCH_ID, incidents, file_name=f"synthetic-{n}.csv", preset="synthetic")
    return incidents
