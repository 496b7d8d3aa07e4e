"""What the sidebar offers for one store revision (geo.ui.sidebar.Choices), worked out from
every incident: sets over every incident and the default window, once per revision."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.analysis.default_window import default_window
from geo.analysis.filters import date_extent
from geo.analysis.operators import NOT_STATED, operator_options
from geo.schema import CATEGORIES, CLAIM_STATUSES
from geo.ui import site_data
from geo.ui.sidebar import Choices


def choices(incidents: pd.DataFrame, sites: pd.DataFrame | None = None) -> Choices:
    extent = date_extent(incidents)
    return Choices(extent, default_window(incidents, extent),
                   _options(incidents, "category", CATEGORIES),
                   operator_options(incidents, sites),
                   _options(incidents, "claim_status", CLAIM_STATUSES))


@st.cache_resource(show_spinner=False, max_entries=4)
def revision_choices(database_url: str, data_dir: str, revision: int) -> Choices:
    """The choices for the store's revision (incidents with their linked sites' operators)."""
    return choices(site_data.incidents(database_url, data_dir, revision),
                   site_data.sites_with_history(database_url, data_dir, revision))


def _options(frame: pd.DataFrame, column: str, vocabulary=None) -> list[str]:
    present = set(frame[column])
    if vocabulary is not None:
        return [v for v in vocabulary if v in present]
    return sorted(present, key=lambda v: (v == NOT_STATED, v.lower()))


def route_names(routes) -> list[str]:
    """The pipeline routes the "near pipeline" filter offers, by name."""
    return sorted(set(routes["name"]), key=str.lower)
