"""The distances the sidebar's "within N km of pipeline X" filter needs (its controls are
in geo.ui.sidebar).

The distance from every incident to the chosen route is measured once per data revision
and route (geodesic, see geo.network), so moving the window or the km value is instant.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from geo.network import distance_to_route


def route_names(routes) -> list[str]:
    return sorted(set(routes["name"]), key=str.lower)


@st.cache_data(show_spinner="Measuring distances to the pipeline…", max_entries=8)
def _distances(revision: int, route_name: str, _incidents: pd.DataFrame, _routes) -> np.ndarray:
    return distance_to_route(_routes, route_name, _incidents["latitude"],
                             _incidents["longitude"])


def near_route_mask(incidents: pd.DataFrame, revision: int, routes, route_name: str,
                    km: float) -> np.ndarray:
    """Rows of `incidents` (the whole cached frame) within `km` of the named route."""
    distances = _distances(revision, route_name, incidents, routes)
    return distances <= km
