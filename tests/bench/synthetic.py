"""Synthetic incidents for benchmarks and scale tests: fixed seed, the schema's columns.

Points cluster around towns of Ukraine and the region (weighted towards the front line),
with a realistic mix of categories, location precisions (5% known only to country level,
not drawn), date precisions and claim statuses, dated 2022-02-24 .. 2025-12-31 with more
incidents in later years. Everything is vectorised: 1,000,000 rows take a few seconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.records import coerce_incidents

SIZES = (1_000, 10_000, 100_000, 1_000_000)
SEED = 20250808
FIRST_DAY = np.datetime64("2022-02-24")
LAST_DAY = np.datetime64("2025-12-31")
BATCH_ID = "synthetic"

# name, latitude, longitude, admin1, country, weight
TOWNS = (
    ("Kharkiv", 49.9935, 36.2304, "Kharkiv Oblast", "UA", 12),
    ("Donetsk", 48.0159, 37.8028, "Donetsk Oblast", "UA", 10),
    ("Bakhmut", 48.5947, 37.9997, "Donetsk Oblast", "UA", 8),
    ("Zaporizhzhia", 47.8388, 35.1396, "Zaporizhzhia Oblast", "UA", 9),
    ("Kherson", 46.6354, 32.6169, "Kherson Oblast", "UA", 9),
    ("Mykolaiv", 46.9750, 31.9946, "Mykolaiv Oblast", "UA", 6),
    ("Odesa", 46.4825, 30.7233, "Odesa Oblast", "UA", 7),
    ("Izmail", 45.3500, 28.8375, "Odesa Oblast", "UA", 3),
    ("Dnipro", 48.4647, 35.0462, "Dnipropetrovsk Oblast", "UA", 6),
    ("Kryvyi Rih", 47.9105, 33.3918, "Dnipropetrovsk Oblast", "UA", 4),
    ("Kremenchuk", 49.0625, 33.4048, "Poltava Oblast", "UA", 3),
    ("Poltava", 49.5883, 34.5514, "Poltava Oblast", "UA", 3),
    ("Sumy", 50.9077, 34.7981, "Sumy Oblast", "UA", 6),
    ("Chernihiv", 51.4982, 31.2893, "Chernihiv Oblast", "UA", 3),
    ("Kyiv", 50.4501, 30.5234, "Kyiv City", "UA", 7),
    ("Lviv", 49.8397, 24.0297, "Lviv Oblast", "UA", 2),
    ("Drohobych", 49.3520, 23.5112, "Lviv Oblast", "UA", 1),
    ("Vinnytsia", 49.2331, 28.4682, "Vinnytsia Oblast", "UA", 2),
    ("Kramatorsk", 48.7389, 37.5848, "Donetsk Oblast", "UA", 6),
    ("Belgorod", 50.5997, 36.5983, "Belgorod Oblast", "RU", 4),
    ("Kursk", 51.7373, 36.1874, "Kursk Oblast", "RU", 3),
    ("Novorossiysk", 44.7239, 37.7708, "Krasnodar Krai", "RU", 2),
    ("Sevastopol", 44.6166, 33.5254, "Sevastopol", "UA", 3),
    ("Chisinau", 47.0105, 28.8638, "Chisinau", "MD", 1),
    ("Baku", 40.4093, 49.8671, "Baku", "AZ", 1),
)
CATEGORY_MIX = {"strike": 0.55, "infrastructure_event": 0.14, "thermal_detection": 0.15,
                "security": 0.05, "diplomatic": 0.03, "aviation": 0.03, "other": 0.05}
SUBTYPES = {"strike": ("missile", "drone", "missile_and_drone", "artillery"),
            "infrastructure_event": ("outage", "fire", "repair"),
            "thermal_detection": ("firms_viirs", "firms_modis"),
            "security": ("detention", "sabotage"), "diplomatic": ("declaration", "protest"),
            "aviation": ("airspace_use", "crash"), "other": ("unspecified",)}
GEO_PRECISION_MIX = {"site": 0.30, "town": 0.50, "admin1": 0.15, "country": 0.05}
GEO_SPREAD_KM = {"site": 25.0, "town": 4.0, "admin1": 60.0}
DATE_PRECISION_MIX = {"day": 0.75, "week": 0.10, "month": 0.08, "approximate": 0.07}
CLAIM_MIX = {"claimed": 0.35, "reported": 0.40, "geolocated": 0.15, "confirmed": 0.10}
OPERATORS = ("", "", "", "Naftogaz", "Ukrenergo", "DTEK", "SOCAR", "Ukrtatnafta")
SOURCES = ("Synthetic wire A", "Synthetic wire B", "Synthetic ministry statement",
           "Synthetic OSINT channel", "Synthetic FIRMS export")


def _pick(rng: np.random.Generator, mix: dict, n: int) -> np.ndarray:
    keys = np.array(list(mix), dtype=object)
    weights = np.array(list(mix.values()), dtype=float)
    return keys[rng.choice(len(keys), size=n, p=weights / weights.sum())]


def _dates(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    span = int((LAST_DAY - FIRST_DAY).astype(int))
    # sqrt of a uniform number: density grows linearly over the years
    start = FIRST_DAY + (np.sqrt(rng.random(n)) * span).astype("timedelta64[D]")
    precision = _pick(rng, DATE_PRECISION_MIX, n)
    length = np.select([precision == "week", precision == "month",
                        precision == "approximate"],
                       [6, 30, rng.integers(2, 40, n)], 0).astype("timedelta64[D]")
    end = np.minimum(start + length, LAST_DAY)
    return start, end, precision


def _places(rng: np.random.Generator, n: int, geo_precision: np.ndarray) -> dict:
    weights = np.array([town[5] for town in TOWNS], dtype=float)
    town = rng.choice(len(TOWNS), size=n, p=weights / weights.sum())
    column = {name: np.array([t[i] for t in TOWNS], dtype=object)[town]
              for i, name in enumerate(("place", "lat", "lon", "admin1", "country"))}
    spread = np.zeros(n)
    for precision, km in GEO_SPREAD_KM.items():
        spread[geo_precision == precision] = km
    lat = column["lat"].astype(float) + rng.normal(0, 1, n) * spread / 111.2
    lon = column["lon"].astype(float) + rng.normal(0, 1, n) * spread / (
        111.2 * np.cos(np.radians(lat)))
    unplaced = geo_precision == "country"
    column["latitude"] = np.where(unplaced, np.nan, lat.round(5))
    column["longitude"] = np.where(unplaced, np.nan, lon.round(5))
    return column


def synthetic_incidents(n: int, seed: int = SEED) -> pd.DataFrame:
    """`n` coerced incident rows; the same `n` and `seed` always give the same rows."""
    rng = np.random.default_rng(seed)
    start, end, date_precision = _dates(rng, n)
    category = _pick(rng, CATEGORY_MIX, n)
    geo_precision = _pick(rng, GEO_PRECISION_MIX, n)
    subtype = np.empty(n, dtype=object)
    for name, options in SUBTYPES.items():
        rows = category == name
        subtype[rows] = np.array(options, dtype=object)[rng.integers(0, len(options), rows.sum())]
    place = _places(rng, n, geo_precision)
    frame = pd.DataFrame({
        "incident_id": [f"syn-{i:07d}" for i in range(n)],
        "date_start": start, "date_end": end, "date_precision": date_precision,
        "date_text": "", "category": category, "subtype": subtype,
        "place": place["place"], "site_id": "",
        "latitude": place["latitude"], "longitude": place["longitude"],
        "geo_precision": geo_precision, "geo_method": "Synthetic: jittered town point",
        "country": place["country"], "admin1": place["admin1"],
        "operator": np.array(OPERATORS, dtype=object)[rng.integers(0, len(OPERATORS), n)],
        "munitions": "", "casualties": "",
        "description": "Synthetic " + category + " near " + place["place"],
        "source_name": np.array(SOURCES, dtype=object)[rng.integers(0, len(SOURCES), n)],
        "source_url": "", "claimant": "", "claim_status": _pick(rng, CLAIM_MIX, n),
        "batch_id": BATCH_ID,
    })
    return coerce_incidents(frame)


def store_synthetic(store, n: int, seed: int = SEED) -> pd.DataFrame:
    """Add `n` synthetic incidents to an open IncidentStore as one batch; returns them."""
    frame = synthetic_incidents(n, seed)
    store.add_batch(BATCH_ID, frame, file_name=f"synthetic-{n}.csv", preset="synthetic")
    return frame
