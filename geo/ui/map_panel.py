"""The map: layers for the current view, drawn through streamlit-folium."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo.mapview import build_layers
from geo.render.folium_map import build_map
from geo.viewstate import ViewState

MAP_HEIGHT = 620


@st.cache_resource(max_entries=16, show_spinner="Drawing the map…")
def _cached_map(revision: int, view_key: tuple, center, zoom, _inputs: dict):
    """Built once per (data revision, view); `_inputs` are fully determined by those keys."""
    return build_map(build_layers(**_inputs), center=center, zoom=zoom)


def render(state: ViewState, *, revision: int, mapped, sites, pipeline_routes, basemap_parts):
    inputs = dict(mapped_incidents=mapped, sites=sites, pipeline_routes=pipeline_routes,
                  basemap_parts=basemap_parts, enabled=state.layers)
    view_key = (state.date_from, state.date_to, state.layers, state.categories,
                state.operators, state.claim_statuses)
    fmap = _cached_map(revision, view_key, state.center, state.zoom, inputs)
    return st_folium(fmap, key="incident_map", height=MAP_HEIGHT, use_container_width=True,
                     returned_objects=["last_clicked"])
