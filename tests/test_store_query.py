"""The window + box query in SQL returns exactly the rows the in-memory filter keeps, for
every column and for the map's columns, whichever index the query is led by."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo.analysis.filters import apply_filter
from geo.schema import INCIDENT_COLUMNS
from geo.store.query import MAP_COLUMNS
from geo.viewstate import ViewFilter
from tests.support.synthetic import synthetic_incidents

VIEWS = [
    ViewFilter(dt.date(2025, 8, 4), dt.date(2025, 8, 10), bbox=(36.0, 49.8, 36.5, 50.2)),
    ViewFilter(dt.date(2025, 8, 8), dt.date(2025, 8, 8), bbox=(22.0, 44.0, 41.0, 53.0)),
    ViewFilter(dt.date(2022, 1, 1), dt.date(2025, 12, 31), bbox=(30.5, 46.3, 30.9, 46.7)),
    ViewFilter(dt.date(2024, 1, 1), dt.date(2024, 12, 31), bbox=(35.5, 47.5, 37.0, 48.5),
               categories=("strike", "thermal_detection")),
    ViewFilter(dt.date(2023, 3, 1), dt.date(2023, 3, 31)),
    ViewFilter(bbox=(30.0, 46.0, 33.0, 48.0), claim_statuses=("confirmed",)),
]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    from geo.settings import DATA_DIR
    from geo.store.incident_store import IncidentStore

    path = tmp_path_factory.mktemp("query") / "incidents.sqlite"
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    store.add_batch("synthetic", synthetic_incidents(20_000))
    return store, store.incidents_frame()


def same_rows(found: pd.DataFrame, expected: pd.DataFrame) -> None:
    key = "incident_id"
    pd.testing.assert_frame_equal(found.sort_values(key).reset_index(drop=True),
                                  expected.sort_values(key).reset_index(drop=True))


@pytest.mark.parametrize("view", VIEWS, ids=range(len(VIEWS)))
def test_the_query_returns_the_rows_of_the_in_memory_filter(filled, view):
    store, everything = filled
    expected = apply_filter(everything, view)
    assert len(expected) > 0
    same_rows(store.query(view), expected[list(INCIDENT_COLUMNS)])
    found = store.query(view, MAP_COLUMNS)
    assert list(found.columns) == list(MAP_COLUMNS)
    same_rows(found, expected[list(MAP_COLUMNS)])


def test_an_empty_result_keeps_the_columns_and_types(filled):
    store, everything = filled
    found = store.query(ViewFilter(dt.date(2030, 1, 1), dt.date(2030, 1, 2)))
    assert found.empty and list(found.columns) == list(INCIDENT_COLUMNS)
    assert list(found.dtypes) == list(everything[list(INCIDENT_COLUMNS)].dtypes)
