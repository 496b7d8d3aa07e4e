"""The map: layers for the current view, drawn through streamlit-folium, and the URL kept
in step with it (window, layers, filters, centre, zoom, selected incident).

The map's component arguments are cached per (data revision, view), made from a folium map
built at the default position; the position travels as st_folium's `center`/`zoom`
arguments, which move the map without remounting it. Panning therefore reruns the script
but never rebuilds the map. The opening view's arguments are also kept in a file
(geo/ui/opening_map.py), so a new server process draws them before reading the incidents.

The sidebar date window is applied inside the mounted map when it can be (see
geo/ui/map_window.py): the map then holds the incidents of every date that pass the other
filters, and a window change sends only a tiny script that narrows it, so the map is
neither rebuilt nor reloaded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import streamlit as st

from geo.mapview import build_layers
from geo.render.folium_map import DEFAULT_CENTER, DEFAULT_ZOOM, build_map
from geo.render.time_control import sidebar_window_group
from geo.ui import folium_component
from geo.ui.map_window import MapPlan, plan_map
from geo.viewstate import ViewState, to_query

MAP_HEIGHT = 620
MAP_KEY = "incident_map"
RETURNED = ["last_clicked", "center", "zoom", "bounds"]
BUILT_IN_POSITION = ((float(DEFAULT_CENTER[0]), float(DEFAULT_CENTER[1])), DEFAULT_ZOOM)
CLICK_TOLERANCE_PX = 12
MAP_OPTIONS = dict(height=MAP_HEIGHT, use_container_width=True, returned_objects=RETURNED)


@dataclass(frozen=True)
class DrawnMap:
    """A map ready to draw: the view it shows (the text of its MapPlan key: any field of
    the view it depends on, besides the data revision and the app's address), whether the
    sidebar window is applied inside it, and its component arguments (plain JSON values)."""
    view_key: str
    window_in_page: bool
    arguments: dict


@st.cache_resource(max_entries=16, show_spinner="Drawing the map…")
def _map_arguments(revision: int, view_key: str, _plan: MapPlan, _inputs: dict,
                   _kept: DrawnMap | None) -> dict:
    """Made once per (data revision, view, app address, which `view_key` includes);
    `_plan` and `_inputs` are fully determined by those keys (the window is in the view key
    exactly when the map holds only its incidents). `_kept`: a map of this revision from
    the opening-map file, used instead of building when it shows this view."""
    if _kept is not None and _kept.view_key == view_key:
        return _kept.arguments
    layers = build_layers(mapped_incidents=_plan.incidents(), **_inputs)
    fmap = build_map(layers, center=DEFAULT_CENTER, zoom=DEFAULT_ZOOM,
                     time_window=_plan.time_window)
    return folium_component.component_arguments(fmap, key=MAP_KEY, **MAP_OPTIONS)


def _returned_position(returned: dict) -> tuple | None:
    center, zoom = returned.get("center"), returned.get("zoom")
    if not center or zoom is None:
        return None
    return (float(center["lat"]), float(center["lng"])), int(zoom)


def track_position(view_key: tuple, default_position) -> tuple:
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


def nearest_id(mapped, lat: float, lng: float, zoom: int) -> str:
    if mapped.empty:
        return ""
    max_km = CLICK_TOLERANCE_PX * 156.5 * np.cos(np.radians(lat)) / 2 ** zoom
    dy = (mapped["latitude"].to_numpy() - lat) * 111.2
    dx = (mapped["longitude"].to_numpy() - lng) * 111.2 * np.cos(np.radians(lat))
    distance = np.hypot(dx, dy)
    best = int(np.argmin(distance))
    return str(mapped["incident_id"].iat[best]) if distance[best] <= max_km else ""


def track_selection(result: dict, mapped, zoom: int) -> str:
    """A new click selects the nearest incident (or clears the selection)."""
    session = st.session_state
    clicked = result.get("last_clicked")
    if clicked and clicked != session.get("map_last_click"):
        session["map_last_click"] = clicked
        session["selected_incident"] = nearest_id(mapped, clicked["lat"], clicked["lng"], zoom)
    return session.get("selected_incident", "")


def with_selection(result: dict, mapped, selected: str) -> dict:
    """A selection from the link (no click yet) is reported like a click on it."""
    if result.get("last_clicked") or not selected:
        return result
    row = mapped.loc[mapped["incident_id"] == selected]
    if row.empty:
        return result
    point = {"lat": float(row["latitude"].iat[0]), "lng": float(row["longitude"].iat[0])}
    return {**result, "last_clicked": point}


def sync_url(state: ViewState) -> None:
    query = to_query(state)
    if dict(st.query_params) != query:
        st.query_params.from_dict(query)


def prepare(state: ViewState, *, revision: int, app_root: str, mapped, sites,
            pipeline_routes, basemap_parts, incidents=None, every_date=None, annotate=None,
            kept: DrawnMap | None = None) -> DrawnMap:
    """`mapped`: the drawable incidents in view (window and filters applied); `incidents`
    with the `every_date` mask (every filter but the window): what a map of every date is
    made of when the window can be applied inside the map (geo.ui.map_window); `annotate`
    adds their popup columns; `app_root`: the address the sites' popups link to (their
    pages); `kept`: the opening map from its file, if any."""
    plan = plan_map(state, revision=revision, mapped=mapped, incidents=incidents,
                    pipeline_routes=pipeline_routes, every_date=every_date,
                    annotate=annotate)
    inputs = dict(sites=sites, pipeline_routes=pipeline_routes, basemap_parts=basemap_parts,
                  enabled=state.layers)
    view_key = repr((plan.key, app_root))
    return DrawnMap(view_key, plan.window_in_page,
                    _map_arguments(revision, view_key, plan, inputs, kept))


def draw(state: ViewState, drawn: DrawnMap) -> dict:
    """The map at the view's position, narrowed to its window; what the map sent back."""
    center, zoom = track_position(drawn.view_key, (state.center, state.zoom))
    if ((float(center[0]), float(center[1])), zoom) == BUILT_IN_POSITION:
        # where the map is built: asking a new map to go there would redraw every point
        center = zoom = None
    window_group = (sidebar_window_group(state.date_from, state.date_to)
                    if drawn.window_in_page else None)
    return folium_component.draw(drawn.arguments, key=MAP_KEY, center=center, zoom=zoom,
                                 feature_group_to_add=window_group)


def follow(state: ViewState, result: dict, mapped) -> dict:
    """After a draw: a click selects the nearest incident of `mapped`, and the URL follows
    the view; the result, with the selection from a link reported as a click."""
    center, zoom = st.session_state["map_position"]
    selected = track_selection(result, mapped, zoom)
    sync_url(replace(state, center=center, zoom=zoom, selected=selected))
    return with_selection(result, mapped, selected)
