"""Human wording of an incident's date with its precision ("between 1 and 7 Aug 2025") and
of who last reviewed it when, and the day numbers the map and its index count dates in."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    """Days since EPOCH (as numpy's datetime64[D] counts them)."""
    return (day - EPOCH).days


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
    """describe_date for every row; each distinct (start, end, precision) is worded once,
    since large frames repeat the same dates many times."""
    if frame.empty:
        return np.array([], dtype=object)
    precision_codes, precisions = pd.factorize(frame["date_precision"])
    start = frame["date_start"].to_numpy().astype("datetime64[D]").astype(np.int64)
    span = frame["date_end"].to_numpy().astype("datetime64[D]").astype(np.int64) - start
    # one int64 per (start, span, precision): days fit in 2**24, spans in 2**20, codes in 2**4
    keys = ((start + 2**23) * 2**20 + span) * 2**4 + precision_codes
    unique_keys, inverse = np.unique(keys, return_inverse=True)
    words = []
    for key in unique_keys.tolist():
        day, code = divmod(key, 2**4)
        first, length = divmod(day, 2**20)
        first_day = pd.Timestamp(first - 2**23, unit="D")
        words.append(describe_date(first_day, first_day + pd.Timedelta(days=length),
                                   precisions[code]))
    return np.array(words, dtype=object)[inverse]


def review_text(by: pd.Series, at: pd.Series) -> pd.Series:
    """'Anna K., 2026-11-21 09:30 UTC' per row, '' where never reviewed."""
    stamp = pd.to_datetime(at, utc=True).dt.strftime("%Y-%m-%d %H:%M UTC").fillna("")
    return (by.fillna("") + ", " + stamp).where(by.fillna("") != "", "")
