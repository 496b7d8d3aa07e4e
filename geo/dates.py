"""Human wording of an incident's date with its precision ("between 1 and 7 Aug 2025")."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _day(value: pd.Timestamp) -> str:
    return f"{value.day} {value:%b %Y}"


def describe_date(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    if pd.isna(start):
        return "date unknown"
    if precision == "day" or (pd.notna(end) and start == end):
        return _day(start)
    if precision == "month":
        return f"{start:%B %Y} (day not known)"
    if precision == "week":
        return f"week of {_day(start)} (day not known)"
    return f"between {_day(start)} and {_day(end)} (approximate: day not known)"


def describe_dates(frame: pd.DataFrame) -> np.ndarray:
    return np.array([
        describe_date(start, end, precision)
        for start, end, precision in zip(
            frame["date_start"], frame["date_end"], frame["date_precision"], strict=True
        )
    ], dtype=object)
