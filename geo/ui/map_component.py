"""The map's Streamlit component: streamlit-folium's own frontend, declared here so that a
map can be drawn from its recorded arguments (geo.ui.folium_component) without importing
streamlit-folium, folium and pandas (about 1 s): the opening map of a new server process is
drawn before those are imported (geo.ui.map_page). Every map of the app is drawn through
this declaration, so the first draw and later ones are the same component and the browser
keeps the mounted map.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

# streamlit-folium's built frontend, found without importing the package
FRONTEND = Path(importlib.util.find_spec("streamlit_folium").origin).parent / "frontend" / "build"
# the name keeps "streamlit_folium" in the iframe's address, as st_folium's own has it
_component = components.declare_component("streamlit_folium", path=str(FRONTEND))


def _keep_returned_value(key: str, component_key: str):
    """st_folium's on_change: the map's last returned value under the caller's key."""
    def keep() -> None:
        st.session_state[key] = st.session_state.get(component_key, {})
    return keep


def draw(arguments: dict, *, key: str, center=None, zoom=None,
         feature_group: str | None = None) -> dict:
    """What st_folium(fmap, key=key, center=..., zoom=..., feature_group_to_add=group,
    **options) draws, for `arguments` = component_arguments(fmap, key=key, **options) and
    `feature_group` = feature_group_script(group); what the map sent back, or st_folium's
    default before it has sent anything."""
    # Streamlit imports pandas (about 0.3 s) to check whether a list or dict argument is a
    # dataframe: lists go as tuples (the same JSON), and st_folium's default return value
    # (a dict: nothing clicked, the map's bounds and zoom) is returned here instead of sent.
    sent = {name: tuple(value) if isinstance(value, list) else value
            for name, value in arguments.items() if name != "default"}
    returned = _component(**sent, center=center, zoom=zoom, feature_group=feature_group,
                          on_change=_keep_returned_value(key, arguments["key"]))
    return returned if returned is not None else dict(arguments.get("default") or {})
