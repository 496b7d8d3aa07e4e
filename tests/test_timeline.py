"""geo.analysis.timeline: incidents per day, week or month by category, each counted once inside the
window."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.analysis import timeline


def frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["date_start", "category", "date_precision"]).assign(
        date_start=lambda f: pd.to_datetime(f["date_start"]))


def test_counts_by_day_category_and_precision():
    view = frame([("2025-08-01", "strike", "day"), ("2025-08-01", "strike", "day"),
                  ("2025-08-01", "strike", "approximate"), ("2025-08-02", "diplomatic", "day")])
    counts = timeline.counts(view, "day").set_index(["period", "category", "precise"])
    assert counts.loc[(pd.Timestamp("2025-08-01"), "Strike", "day known"), "incidents"] == 2
    assert counts.loc[(pd.Timestamp("2025-08-01"), "Strike", "day not known"),
                      "incidents"] == 1
    assert counts["incidents"].sum() == len(view)


def test_an_interval_begun_before_the_window_is_counted_at_the_window_start():
    view = frame([("2022-02-24", "strike", "approximate"), ("2025-07-01", "strike", "day")])
    counts = timeline.counts(view, "week", window_start=dt.date(2025, 6, 1))
    assert counts["period"].min() >= pd.Timestamp("2025-05-26")  # the week of 1 Jun 2025
    assert counts["incidents"].sum() == 2
    assert timeline.bin_size(dt.date(2025, 6, 1), dt.date(2025, 8, 8)) == "day"
    assert timeline.bin_size(dt.date(2024, 1, 1), dt.date(2025, 8, 8)) == "week"
    assert timeline.bin_size(dt.date(2020, 1, 1), dt.date(2025, 8, 8)) == "month"


def test_weeks_start_on_monday_and_months_on_the_first():
    view = frame([("2025-08-03", "strike", "day"),  # a Sunday: the week of Mon 28 Jul
                  ("2025-08-04", "strike", "day"),  # a Monday
                  ("2025-08-31", "strike", "month"), ("2025-09-01", "strike", "day")])
    weeks = timeline.counts(view, "week").set_index("period")["incidents"]
    assert weeks.to_dict() == {pd.Timestamp("2025-07-28"): 1, pd.Timestamp("2025-08-04"): 1,
                               pd.Timestamp("2025-08-25"): 1, pd.Timestamp("2025-09-01"): 1}
    months = timeline.counts(view, "month").groupby("period")["incidents"].sum()
    assert months.to_dict() == {pd.Timestamp("2025-08-01"): 3, pd.Timestamp("2025-09-01"): 1}
