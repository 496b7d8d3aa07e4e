"""What the sidebar offers for one store revision (geo.ui.sidebar.Choices), worked out from
every incident: sets over every incident and the default window, once per revision."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.analysis.default_window import default_window
from geo.analysis.filters import date_extent
from geo.analysis.operators import NOT_STATED, operator_options
from geo.schema import CATEGORIES, CLAIM_STATUSES
from geo.ui import cached, site_data
from geo.ui.newest import NewestPerStore, store_key
from geo.ui.sidebar import Choices


def choices(incidents: pd.DataFrame, sites: pd.DataFrame | None = None) -> Choices:
    extent = date_extent(incidents)
    return Choices(extent, default_window(incidents, extent),
                   _options(incidents, "category", CATEGORIES),
                   operator_options(incidents, sites),
                   _options(incidents, "claim_status", CLAIM_STATUSES))


def with_added(older: Choices, incidents: pd.DataFrame, added: pd.DataFrame) -> Choices:
    """`older`, the choices of `incidents` without the rows `added` after them (at least
    one), with those rows' (the sites' operators are in `older` already)."""
    extent = date_extent(added)
    extent = min(older.extent[0], extent[0]), max(older.extent[1], extent[1])
    return Choices(extent, default_window(incidents, extent),
                   _options(added, "category", CATEGORIES, older.categories),
                   _options(added, "operator", kept=older.operators),
                   _options(added, "claim_status", CLAIM_STATUSES, older.claim_statuses))


# the newest choices made per store: after an import, extended with the rows it added
_NEWEST: NewestPerStore[Choices] = NewestPerStore()


@st.cache_resource(show_spinner=False, max_entries=4)
def revision_choices(database_url: str, data_dir: str, revision: int) -> Choices:
    """The choices for the store's revision (incidents with their linked sites' operators)."""
    held = cached.held_incidents(database_url, data_dir, revision)
    incidents = site_data.incidents(database_url, data_dir, revision)

    def extend(older: Choices) -> Choices | None:  # not from no rows: their extent is today
        return with_added(older, incidents, held.added) if len(held.added) < held.rows \
            else None

    return _NEWEST.made_for(
        store_key(database_url, cached.store(database_url, data_dir).store_id()), held,
        extend, lambda: choices(incidents, site_data.sites_with_history(
            database_url, data_dir, revision)))


def _options(frame: pd.DataFrame, column: str, vocabulary=None, kept=()) -> list[str]:
    """The values of `column` in `frame`, and those `kept`, in the vocabulary's order or
    sorted ("not stated" last)."""
    present = set(frame[column]) | set(kept)
    if vocabulary is not None:
        return [v for v in vocabulary if v in present]
    return sorted(present, key=lambda v: (v == NOT_STATED, v.lower()))


def route_names(routes) -> list[str]:
    """The pipeline routes the "near pipeline" filter offers, by name."""
    return sorted(set(routes["name"]), key=str.lower)
