"""A folium map's streamlit-folium arguments, made once and drawn many times.

st_folium renders the whole map and rewrites its script on every call: Jinja, the JSON of
every GeoJSON layer, regular expressions and textwrap.dedent over megabytes, about 0.3 s
per rerun at 100,000 incidents, for a script that never changes while the view's data does
not. So a map's component arguments (streamlit-folium's own code makes them) are recorded
once, and each draw sends them again with only what changes per run: the position and the
sidebar window's feature group (geo.ui.map_component draws them). Recorded arguments are
plain JSON values, so they can be kept in a file (geo.ui.opening_map) and drawn by another
process.
"""

from __future__ import annotations

import threading

import folium
import streamlit_folium
from streamlit_folium import st_folium

# what st_folium makes per run, outside the recorded arguments
PER_RUN = ("center", "zoom", "feature_group", "on_change")

# Recording swaps streamlit-folium's component function for a moment: one at a time.
_LOCK = threading.Lock()


def component_arguments(fmap: folium.Map, **options) -> dict:
    """The arguments st_folium(fmap, render=False, **options) gives its component, less
    PER_RUN. Making them renames the map's elements: record a map no one draws again."""
    captured = {}

    def capture(**arguments):
        captured.update(arguments)

    with _LOCK:
        real = streamlit_folium._component_func
        streamlit_folium._component_func = capture
        try:
            st_folium(fmap, render=False, **options)
        finally:
            streamlit_folium._component_func = real
    return {name: value for name, value in captured.items() if name not in PER_RUN}


def feature_group_script(group: folium.FeatureGroup) -> str:
    """What st_folium sends for `feature_group_to_add=group`, made on a map of its own (the
    group's script does not refer to the map it joins; streamlit-folium names it map_div)."""
    return streamlit_folium._get_feature_group_string(group, map=folium.Map(tiles=None), idx=0)
