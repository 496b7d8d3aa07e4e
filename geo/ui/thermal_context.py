"""Thermal context for the map page: FIRMS values and corroboration joined to the view.

Detections and coverage are read once per store revision; corroboration is computed once
per (revision, view, window) for views of up to THERMAL_CONTEXT_LIMIT strikes (~0.3 s for
10,000 strikes against 100,000 detections). Popups on the map always use the VIIRS
defaults (the map is cached per view), and their text names the window they used.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.firms import (
    CORROBORATED_CATEGORIES,
    RESULT_COLUMNS,
    VIIRS_DEFAULT,
    Window,
    corroborate,
)
from geo.thermal_store import thermal_coverage, thermal_detections_frame
from geo.ui import cached
from layers.thermal import CATEGORY, TYPED_COLUMNS

THERMAL_CONTEXT_LIMIT = 20_000  # strikes per view


@st.cache_resource(show_spinner=False, max_entries=4)
def detections(database_url: str, data_dir: str, revision: int) -> pd.DataFrame:
    return thermal_detections_frame(cached.store(database_url, data_dir))


@st.cache_resource(show_spinner=False, max_entries=4)
def coverage(database_url: str, data_dir: str, revision: int) -> pd.DataFrame:
    return thermal_coverage(cached.store(database_url, data_dir))


@st.cache_resource(show_spinner=False, max_entries=4)
def typed_values(database_url: str, data_dir: str, revision: int) -> pd.DataFrame:
    """The typed FIRMS values by incident id, for the thermal layer's popups."""
    return detections(database_url, data_dir, revision).set_index("incident_id")[
        list(TYPED_COLUMNS)]


@st.cache_data(show_spinner="Matching strikes with thermal detections…", max_entries=8)
def corroboration(revision: int, view_key, window: Window, _strikes, _detections, _coverage):
    """geo.firms.corroborate for the strikes of one view (keyed by revision+view+window)."""
    return corroborate(_strikes, _detections, _coverage, window)


def strike_mask(view: pd.DataFrame) -> pd.Series:
    return view["category"].isin(CORROBORATED_CATEGORIES)


def strikes_of(view: pd.DataFrame) -> pd.DataFrame:
    return view.loc[strike_mask(view)]


def has_thermal_data(database_url: str, data_dir: str, revision: int) -> bool:
    return not (detections(database_url, data_dir, revision).empty
                and coverage(database_url, data_dir, revision).empty)


def corroborated(view: pd.DataFrame, *, database_url: str, data_dir: str, revision: int,
                 view_key, window: Window = VIIRS_DEFAULT) -> pd.DataFrame | None:
    """RESULT_COLUMNS for the strikes in view (None when there are too many to match)."""
    strikes = strikes_of(view)
    if len(strikes) > THERMAL_CONTEXT_LIMIT:
        return None
    return corroboration(revision, view_key, window, strikes,
                         detections(database_url, data_dir, revision),
                         coverage(database_url, data_dir, revision))


def annotate(view: pd.DataFrame, *, database_url: str, data_dir: str, revision: int,
             view_key, window: Window = VIIRS_DEFAULT) -> pd.DataFrame:
    """The view with the typed FIRMS values on thermal rows and corroboration on strikes
    (nothing added while no FIRMS data is stored)."""
    if not has_thermal_data(database_url, data_dir, revision):
        return view
    values = typed_values(database_url, data_dir, revision)
    if (view["category"] == CATEGORY).any() and not values.empty:
        view = view.join(values, on="incident_id")
    result = corroborated(view, database_url=database_url, data_dir=data_dir,
                          revision=revision, view_key=view_key, window=window)
    if result is None:
        return view
    return view.join(result.reindex(columns=list(RESULT_COLUMNS)))


@st.cache_resource(show_spinner=False, max_entries=4)
def _stored_detections(database_url: str, data_dir: str, revision: int, _incidents) -> int:
    return int((_incidents["category"] == CATEGORY).sum())


def thermal_counts(view: pd.DataFrame, incidents: pd.DataFrame, *, database_url: str,
                   data_dir: str, revision: int) -> tuple[int, int]:
    """(thermal detections in view, stored): they are counted apart from the claims; the
    stored ones once per revision (a text comparison over a million rows costs 0.2 s)."""
    return (int((view["category"] == CATEGORY).sum()),
            _stored_detections(database_url, data_dir, revision, incidents))
