"""The window a session opens on: everything, or a large store's latest period."""

from __future__ import annotations

import datetime as dt

from geo.analysis.default_window import LARGE_STORE, WINDOW_CAP, default_window, notice
from geo.analysis.filters import apply_filter, date_extent
from geo.viewstate import ViewFilter
from tests.support.synthetic import synthetic_incidents


def in_window(frame, window) -> int:
    return len(apply_filter(frame, ViewFilter(*window)))


def test_a_store_up_to_the_threshold_opens_on_everything():
    frame = synthetic_incidents(5_000)
    extent = date_extent(frame)
    assert default_window(frame, extent, large=5_000, cap=1_000) == extent
    assert notice(len(frame), extent, extent, extent, len(frame)) is None
    assert LARGE_STORE > WINDOW_CAP


def test_a_large_store_opens_on_the_latest_period_under_the_cap():
    frame = synthetic_incidents(20_000)
    extent = date_extent(frame)
    for cap in (1_000, 7_777, 19_999):
        window = default_window(frame, extent, large=10_000, cap=cap)
        assert window[1] == extent[1]  # the latest dates
        assert in_window(frame, window) <= cap
        one_day_more = (window[0] - dt.timedelta(days=1), window[1])
        assert in_window(frame, one_day_more) > cap  # the longest such period
    # more than `cap` on the last day alone: that day, rather than nothing
    last_day = (extent[1], extent[1])
    assert in_window(frame, last_day) > 1
    assert default_window(frame, extent, large=10_000, cap=1) == last_day


def test_the_page_says_which_part_it_shows():
    frame = synthetic_incidents(20_000)
    extent = date_extent(frame)
    limits = {"large": 10_000, "cap": 5_000}
    window = default_window(frame, extent, **limits)
    days = (window[1] - window[0]).days + 1
    assert notice(len(frame), extent, window, window, in_window(frame, window)) == (
        f"Showing the latest {days:,} days ({in_window(frame, window):,} of 20,000 "
        "incidents); widen the window to see more.")
    assert notice(len(frame), extent, window, extent, len(frame)) is None  # widened
