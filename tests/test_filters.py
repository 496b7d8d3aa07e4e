"""The view filter: date-interval overlap, attribute filters, bounding box, bad input."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo.analysis.filters import apply_filter, date_extent, split_mapped
from geo.errors import FilterError
from geo.records import coerce_incidents
from geo.viewstate import ViewFilter


@pytest.fixture
def frame() -> pd.DataFrame:
    rows = [
        ("day", "2025-08-08", "2025-08-08", "strike", "SOCAR", "reported", 46.6, 30.6),
        ("interval", "2025-08-01", "2025-08-07", "strike", "", "reported", 45.3, 28.4),
        ("month", "2020-11-01", "2020-11-30", "diplomatic", "", "claimed", 39.8, 46.8),
        ("unplaced", "2025-06-13", "2025-07-15", "strike", "SOCAR", "claimed", None, None),
    ]
    return coerce_incidents(pd.DataFrame(rows, columns=[
        "incident_id", "date_start", "date_end", "category", "operator", "claim_status",
        "latitude", "longitude"]))


def ids(frame) -> list[str]:
    return sorted(frame["incident_id"])


def test_window_keeps_intervals_that_overlap(frame):
    first_week = ViewFilter(dt.date(2025, 7, 20), dt.date(2025, 8, 2))
    assert ids(apply_filter(frame, first_week)) == ["interval"]
    assert ids(apply_filter(frame, ViewFilter(dt.date(2025, 8, 7), dt.date(2025, 8, 8)))) == [
        "day", "interval"]
    before_august = ViewFilter(None, dt.date(2025, 7, 31))
    assert ids(apply_filter(frame, before_august)) == ["month", "unplaced"]


def test_attribute_filters_combine(frame):
    view = ViewFilter(categories=("strike",), operators=("SOCAR",))
    assert ids(apply_filter(frame, view)) == ["day", "unplaced"]
    assert ids(apply_filter(frame, ViewFilter(claim_statuses=("claimed",)))) == [
        "month", "unplaced"]
    assert ids(apply_filter(frame, ViewFilter(operators=("",)))) == ["interval", "month"]


def test_bbox_drops_points_outside_and_points_without_coordinates(frame):
    ukraine_south = ViewFilter(bbox=(28.0, 45.0, 31.0, 47.0))
    assert ids(apply_filter(frame, ukraine_south)) == ["day", "interval"]


def test_split_mapped_and_extent(frame):
    mapped, unmapped = split_mapped(frame)
    assert ids(unmapped) == ["unplaced"] and len(mapped) == 3
    assert date_extent(frame) == (dt.date(2020, 11, 1), dt.date(2025, 8, 8))


def test_bad_filters_are_named():
    with pytest.raises(FilterError, match=r"ends .2025-01-01. before it starts .2025-02-01."):
        ViewFilter(dt.date(2025, 2, 1), dt.date(2025, 1, 1))
    with pytest.raises(FilterError, match="W,S,E,N"):
        ViewFilter(bbox=(40.0, 50.0, 30.0, 45.0))
