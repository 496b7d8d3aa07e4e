"""Sidebar filter "within N km of pipeline X", and the distances it needs.

The distance from every incident to the chosen route is measured once per data revision
and route (geodesic, see geo.network), so moving the window or the km value is instant.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from geo.network import distance_to_route
from geo.viewstate import DEFAULT_PIPELINE_KM, MAX_PIPELINE_KM

NO_PIPELINE = ""


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


def controls(names: list[str]) -> tuple[str, float]:
    """The pipeline picker and distance; ("", km) when no pipeline is chosen."""
    session = st.session_state
    if session.get("filter_pipeline") not in (None, NO_PIPELINE, *names):
        session["filter_pipeline"] = NO_PIPELINE
    name = st.selectbox(
        "Near pipeline", [NO_PIPELINE, *names], key="filter_pipeline",
        format_func=lambda v: v or "Any (no pipeline filter)",
        help="Only incidents within the distance of this route: geodesic distance from the "
             "placed point to the nearest point of the route. Dashed (schematic) routes are "
             "approximate, and so are distances to them.")
    km = st.number_input("Within km of the pipeline", min_value=0.1,
                         max_value=MAX_PIPELINE_KM, step=1.0, key="filter_pipeline_km",
                         disabled=not name)
    return name, float(km if km else DEFAULT_PIPELINE_KM)
