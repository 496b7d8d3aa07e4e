"""The date window a session opens on: everything, or for a large store the latest period.

A store of a million incidents cannot be drawn at once in a useful time (17 MB of map,
seconds of work per change), and the most recent events are what an analyst opens the
tool for. So above LARGE_STORE incidents the first window is the latest period holding at
most WINDOW_CAP of them, and the page says so plainly (`notice`). A link with a window in
it (permalink) still opens that window.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

LARGE_STORE = 250_000
WINDOW_CAP = 100_000


def default_window(incidents: pd.DataFrame, extent: tuple[dt.date, dt.date],
                   *, large: int = LARGE_STORE, cap: int = WINDOW_CAP
                   ) -> tuple[dt.date, dt.date]:
    """`extent` for a store of up to `large` incidents; otherwise (first, last day of the
    data): the earliest `first` for which no more than `cap` incidents overlap the window.

    An incident overlaps [first, last] when it ends on or after `first` (none starts after
    the last day of the data), so the count falls as `first` moves later: `first` is the
    day after the (cap + 1)-th latest end. If more than `cap` incidents end on the last day
    itself, the window is that one day, holding more than `cap`.
    """
    if len(incidents) <= large or len(incidents) <= cap:
        return extent
    ends = incidents["date_end"].to_numpy().astype("datetime64[D]")
    position = len(ends) - cap - 1
    boundary = np.partition(ends, position)[position]  # the (cap + 1)-th latest end
    first = (boundary + np.timedelta64(1, "D")).item()
    return min(max(first, extent[0]), extent[1]), extent[1]


def notice(total: int, extent: tuple[dt.date, dt.date], default: tuple[dt.date, dt.date],
           window: tuple[dt.date, dt.date], in_window: int) -> str | None:
    """What the page says while it shows a large store's default window (`default`, from
    default_window) of its `total` incidents, else None."""
    if tuple(default) == tuple(extent) or tuple(window) != tuple(default):
        return None
    days = (default[1] - default[0]).days + 1
    return (f"Showing the latest {days:,} days ({in_window:,} of {total:,} "
            f"incidents); widen the window to see more.")
