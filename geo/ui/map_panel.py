"""The map drawn at the view's position, and the URL kept in step with it (window, layers,
filters, centre, zoom, selected incident). Imports no data or map library: the opening map
of a new server process is drawn from its file (geo/ui/opening_map.py) before those are.

The map's component arguments are made once per (data revision, view) by
geo/ui/map_arguments.py, from a folium map built at the default position; the position
travels as st_folium's `center`/`zoom` arguments, which move the map without remounting it.
Panning therefore reruns the script but never rebuilds the map. The map's place on the page
is held at its height before the map is drawn (geo.ui.map_space): what is under it stays put.

The sidebar date window is applied inside the mounted map when it can be (see
geo/ui/map_window.py): the map then holds the incidents of every date that pass the other
filters, and a window change sends only a tiny script that narrows it, so the map is
neither rebuilt nor reloaded.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from geo.ui import map_component, map_space
from geo.viewstate import DEFAULT_CENTER, DEFAULT_ZOOM, ViewState, to_query

MAP_HEIGHT = 620
MAP_KEY = "incident_map"
RETURNED = ["last_clicked", "center", "zoom", "bounds"]
BUILT_IN_POSITION = ((float(DEFAULT_CENTER[0]), float(DEFAULT_CENTER[1])), DEFAULT_ZOOM)
MAP_OPTIONS = dict(height=MAP_HEIGHT, use_container_width=True, returned_objects=RETURNED)


@dataclass(frozen=True)
class DrawnMap:
    """A map ready to draw: the view it shows (the text of its MapPlan key: any field of
    the view it depends on, besides the data revision and the app's address), whether the
    sidebar window is applied inside it, and its component arguments (plain JSON values)."""
    view_key: str
    window_in_page: bool
    arguments: dict


def _returned_position(returned: dict) -> tuple | None:
    center, zoom = returned.get("center"), returned.get("zoom")
    if not center or zoom is None:
        return None
    return (float(center["lat"]), float(center["lng"])), int(zoom)


def track_position(view_key: str, default_position) -> tuple:
    """The map position from the last value the map sent, ignoring the one value a freshly
    mounted map sends from its built-in position before it moves to the requested one."""
    session = st.session_state
    position = session.get("map_position", default_position)
    returned = _returned_position(session.get(MAP_KEY) or {})
    is_new = returned is not None and returned != session.get("map_last_returned")
    if is_new:
        session["map_last_returned"] = returned
        ignore = session.get("map_fresh_mount") and returned == BUILT_IN_POSITION
        if not ignore:
            position = returned
        session["map_fresh_mount"] = False
    if session.get("map_mounted_view") != view_key:
        session["map_mounted_view"] = view_key
        session["map_fresh_mount"] = True
    session["map_position"] = position
    return position


def sync_url(state: ViewState) -> None:
    query = to_query(state)
    if dict(st.query_params) != query:
        st.query_params.from_dict(query)


def draw(state: ViewState, drawn: DrawnMap, window_script: str | None,
         updates_for=None) -> dict:
    """The map at the view's position; `window_script` updates the mounted map (the
    sidebar window: geo.ui.map_arguments.updates_script), or `updates_for(center, zoom)`
    makes that script for the position the map is drawn at; what the map sent back."""
    center, zoom = track_position(drawn.view_key, (state.center, state.zoom))
    if updates_for is not None:
        window_script = updates_for(center, zoom)
    if ((float(center[0]), float(center[1])), zoom) == BUILT_IN_POSITION:
        # where the map is built: asking a new map to go there would redraw every point
        center = zoom = None
    with map_space.held(MAP_HEIGHT):
        return map_component.draw(drawn.arguments, key=MAP_KEY, center=center, zoom=zoom,
                                  feature_group=window_script)
