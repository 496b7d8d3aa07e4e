"""The map of a view: its component arguments, made once per (data revision, view), and
which incident a click on it selects. Builds with folium and the layers; the drawing and the
position are in geo.ui.map_panel, which imports neither."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from geo.analysis.view import View
from geo.geocoding.settlements import settlements_in
from geo.render.compose import build_layers
from geo.render.folium_map import build_map
from geo.render.map_updates import MapUpdates
from geo.ui import cached, folium_component
from geo.ui.map_panel import MAP_KEY, MAP_OPTIONS, DrawnMap, sync_url
from geo.ui.map_window import MapPlan, plan_map
from geo.ui.sidebar import WINDOW_LABELS
from geo.viewstate import DEFAULT_CENTER, DEFAULT_ZOOM, ViewState
from layers import settlements

CLICK_TOLERANCE_PX = 12


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
                     time_window=_plan.time_window,
                     sidebar_labels=WINDOW_LABELS if _plan.window_in_page else None)
    return folium_component.component_arguments(fmap, key=MAP_KEY, **MAP_OPTIONS)


def prepare(view: View, *, revision: int, app_root: str, sites, basemap_parts,
            kept: DrawnMap | None = None) -> DrawnMap:
    """The map of `view` (which incidents it holds: geo.ui.map_window); `sites`: the
    register with the links of their popups to their pages at `app_root`; `kept`: the
    opening map from its file, if any."""
    plan = plan_map(view)
    inputs = dict(sites=sites, pipeline_routes=view.sources.routes,
                  basemap_parts=basemap_parts, enabled=view.state.layers,
                  chosen_route=view.state.pipeline)
    view_key = repr((plan.key, app_root))
    return DrawnMap(view_key, plan.window_in_page,
                    _map_arguments(revision, view_key, plan, inputs, kept))


# the part of the world a map of this size shows around its centre, in pixels (a wide
# screen's map, and a margin): the settlements sent cover it
SETTLEMENT_SPAN_PX = (2000, 1200)


def updates_script(state: ViewState, drawn: DrawnMap, position=None,
                   select: dict | None = None) -> str | None:
    """The script that updates the mounted map (geo.render.map_updates): the sidebar
    window for a map of every date, the settlements around `position` (center, zoom) at
    site zooms, the incident chosen in the table; None when there is nothing to do."""
    window = (state.date_from, state.date_to) if drawn.window_in_page else None
    places = settlements_around(*position) if position else None
    if window is None and places is None and select is None:
        return None
    return folium_component.feature_group_script(MapUpdates(window, places, select))


def settlements_around(center, zoom: int):
    """The settlements layer around `center` at site zooms (None below them)."""
    if zoom < settlements.SITE_ZOOM:
        return None
    lat, lon = float(center[0]), float(center[1])
    degrees_per_px = 360.0 / (256 * 2 ** zoom)
    half_lon = SETTLEMENT_SPAN_PX[0] / 2 * degrees_per_px
    half_lat = SETTLEMENT_SPAN_PX[1] / 2 * degrees_per_px * np.cos(np.radians(lat))
    bbox = (lon - half_lon, lat - half_lat, lon + half_lon, lat + half_lat)
    return settlements.build(settlements_in(cached.gazetteer(), bbox))


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


def follow(state: ViewState, result: dict, mapped) -> dict:
    """After a draw: a click selects the nearest incident of `mapped`, and the URL follows
    the view; the result, with the selection from a link reported as a click."""
    center, zoom = st.session_state["map_position"]
    selected = track_selection(result, mapped, zoom)
    sync_url(replace(state, center=center, zoom=zoom, selected=selected))
    return with_selection(result, mapped, selected)
