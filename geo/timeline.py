"""Incidents per day or week by category: the tempo of a campaign in the window.

An incident with an interval date (approximate, month) is counted once, at the start of its
interval (or of the window, when the interval began before it), and flagged as imprecise so
the chart can show it apart from day-precise ones.
"""

from __future__ import annotations

import pandas as pd

from geo.schema import CATEGORY_LABELS

MAX_DAILY_SPAN_DAYS = 120


def bin_size(date_from, date_to) -> str:
    return "day" if (date_to - date_from).days <= MAX_DAILY_SPAN_DAYS else "week"


def counts(view: pd.DataFrame, unit: str, window_start=None) -> pd.DataFrame:
    """Columns: period (timestamp), category (label), precise (bool), incidents (count)."""
    if view.empty:
        return pd.DataFrame(columns=["period", "category", "precise", "incidents"])
    start = view["date_start"]
    if window_start is not None:
        start = start.clip(lower=pd.Timestamp(window_start))
    period = start.dt.to_period("W-SUN").dt.start_time if unit == "week" else start.dt.floor("D")
    frame = pd.DataFrame({
        "period": period,
        "category": view["category"].map(CATEGORY_LABELS).fillna(view["category"]),
        "precise": view["date_precision"].eq("day").map({True: "day known",
                                                         False: "day not known"}),
    })
    return (frame.groupby(["period", "category", "precise"], observed=True).size()
            .rename("incidents").reset_index())
