"""The shipped records in data/: sites register and seed incidents, read and validated."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.errors import DataError
from geo.records import coerce_incidents, coerce_sites, validate_incidents, validate_sites

SITE_FILES = ("sites.csv", "context_power_plants.csv")
INCIDENT_FILE = "incidents.csv"
SEED_BATCH_ID = "seed"


def _read_csv(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise DataError(f"Shipped data file is missing: '{path}'; restore it from git")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _checked(frame: pd.DataFrame, problems: list[str], path: Path) -> pd.DataFrame:
    if problems:
        raise DataError(f"Shipped data file '{path.name}' is invalid: " + "; ".join(problems))
    return frame


def read_seed_sites(data_dir: Path) -> pd.DataFrame:
    frames = []
    for name in SITE_FILES:
        path = data_dir / name
        frame = coerce_sites(_read_csv(path))
        frames.append(_checked(frame, validate_sites(frame), path))
    sites = pd.concat(frames, ignore_index=True)
    repeated = sites.loc[sites["site_id"].duplicated(), "site_id"].tolist()
    if repeated:
        raise DataError(f"site_id repeated across {', '.join(SITE_FILES)}: {', '.join(repeated)}")
    return sites


def read_seed_incidents(data_dir: Path) -> pd.DataFrame:
    path = data_dir / INCIDENT_FILE
    frame = coerce_incidents(_read_csv(path))
    return _checked(frame, validate_incidents(frame), path)
