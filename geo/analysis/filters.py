"""The view: date window and attribute filters applied to an incident frame.

An incident is in the window when its date interval (date_start..date_end, which carries
its date precision) overlaps the window: an event known only as "early August" stays in
view for any window touching early August.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from geo.analysis.operators import incident_mask
from geo.viewstate import ViewFilter


def _day(value) -> np.datetime64:
    return np.datetime64(value, "s")


def window_mask(frame: pd.DataFrame, date_from, date_to) -> np.ndarray:
    mask = np.ones(len(frame), dtype=bool)
    if date_to is not None:
        mask &= frame["date_start"].to_numpy() <= _day(date_to)
    if date_from is not None:
        mask &= frame["date_end"].to_numpy() >= _day(date_from)
    return mask


def _membership(frame: pd.DataFrame, column: str, allowed) -> np.ndarray:
    if allowed is None:
        return np.ones(len(frame), dtype=bool)
    return frame[column].isin(allowed).to_numpy()


def filter_mask(frame: pd.DataFrame, view: ViewFilter) -> np.ndarray:
    mask = window_mask(frame, view.date_from, view.date_to)
    mask &= _membership(frame, "category", view.categories)
    mask &= incident_mask(frame, view.operators)  # by family, own or linked site's
    mask &= _membership(frame, "claim_status", view.claim_statuses)
    if view.bbox is not None:
        west, south, east, north = view.bbox
        lat = frame["latitude"].to_numpy()
        lon = frame["longitude"].to_numpy()
        mask &= (lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)
    return mask


def apply_filter(frame: pd.DataFrame, view: ViewFilter) -> pd.DataFrame:
    return frame.loc[filter_mask(frame, view)]


def date_extent(frame: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """The full date range of a frame (today when it is empty)."""
    if frame.empty:
        today = dt.date.today()
        return today, today
    return frame["date_start"].min().date(), frame["date_end"].max().date()


def split_mapped(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows with a point to draw, rows known only to country level or without a point)."""
    drawable = frame["latitude"].notna() & frame["longitude"].notna()
    return frame.loc[drawable], frame.loc[~drawable]
