"""Drawing a cached folium map through streamlit-folium without remaking its script.

st_folium renders the whole map and rewrites its script on every call: Jinja, the JSON of
every GeoJSON layer, regular expressions and textwrap.dedent over megabytes, about 0.3 s
per rerun at 100,000 incidents, for a script that never changes while the map is cached.
So the first draw of a cached map records the arguments st_folium gives its component
(streamlit-folium's own code makes them), and each later draw sends those again with only
what changes per run: the position and the sidebar window's feature group.

A cached map is shared by every rerun and session and must come out of each draw as it
went in: streamlit-folium renames the map's elements (`_id`) while making the script, and
folium's render replaces some children, so names and children are restored after the
recording draw.
"""

from __future__ import annotations

import threading
import weakref

import folium
import streamlit_folium
from streamlit_folium import st_folium

# what st_folium makes per run, outside the recorded script
PER_RUN = ("center", "zoom", "feature_group")

_LOCK = threading.Lock()
_recorded: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # map -> {options: args}


def _elements(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _elements(child)


def _saved_state(fmap) -> list:
    root = fmap.get_root()
    elements = [*_elements(root), root.header, root.html, root.script]
    return [(element, element._id, dict(element._children)) for element in elements]


def _restore(saved: list) -> None:
    for element, name, children in saved:
        element._id = name
        element._children.clear()
        element._children.update(children)


def _record(fmap: folium.Map, options: dict) -> dict:
    """The keyword arguments st_folium(fmap, **options) gives its component."""
    captured = {}

    def capture(**arguments):
        captured.update(arguments)

    saved = _saved_state(fmap)
    real = streamlit_folium._component_func
    streamlit_folium._component_func = capture
    try:
        st_folium(fmap, **options)
    finally:
        streamlit_folium._component_func = real
        _restore(saved)
    return {name: value for name, value in captured.items() if name not in PER_RUN}


def feature_group_script(group: folium.FeatureGroup) -> str:
    """What st_folium sends for `feature_group_to_add=group`, made on a map of its own (the
    group's script does not refer to the map it joins; streamlit-folium names it map_div)."""
    return streamlit_folium._get_feature_group_string(group, map=folium.Map(tiles=None), idx=0)


def draw_cached_map(fmap: folium.Map, *, center=None, zoom=None,
                    feature_group_to_add: folium.FeatureGroup | None = None,
                    **options) -> dict:
    """st_folium(fmap, center=..., zoom=..., feature_group_to_add=..., **options) for a map
    that is never changed once drawn (a cached one); what the map sent back, or {}."""
    key = tuple(sorted((name, repr(value)) for name, value in options.items()))
    with _LOCK:
        by_options = _recorded.setdefault(fmap, {})
        if key not in by_options:
            by_options[key] = _record(fmap, {**options, "render": False})
        arguments = by_options[key]
    group = None if feature_group_to_add is None else feature_group_script(feature_group_to_add)
    return streamlit_folium._component_func(
        **arguments, center=center, zoom=zoom, feature_group=group) or {}
