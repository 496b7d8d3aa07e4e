"""Sidebar: date window (slider + exact date inputs), layers and filters -> ViewState.

Widgets start from the view in the URL (permalink) on a session's first run; afterwards
the widgets own the state and the URL follows them. What they offer (Choices) is worked out
from the incidents once per store revision (geo.ui.sidebar_choices), or read with the
opening map (geo.ui.opening_map): this module imports no data library, so a new server
process draws the sidebar and the opening map before those are imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import streamlit as st

from geo.names import LAYER_KEYS, LAYER_TITLES
from geo.schema import CATEGORIES, CATEGORY_LABELS, CLAIM_LABELS, CLAIM_STATUSES
from geo.ui import persisted, safe_text
from geo.ui.link_query import link_parameters
from geo.viewstate import (
    DEFAULT_PIPELINE_KM,
    MAX_PIPELINE_KM,
    ViewState,
    from_query,
    single_values,
)

NO_PIPELINE = ""
# the accessible names of the date window's widgets: the live map follows them as they
# change, without waiting for the rerun (geo.render.sidebar_link)
WINDOW_LABELS = ("Date window", "From", "To")
FAMILY_HELP = ("Choosing a name also matches the operators that start with it and go on "
               "with a space or '(' (\"SOCAR\" matches \"SOCAR Energy Ukraine\" and \"SOCAR "
               "(per seed article 000)\"). An incident matches by its own operator, as "
               "claimed, or by the operator of the site it is linked to; the infrastructure "
               "layer shows only the sites of the chosen operators.")


@dataclass(frozen=True)
class Choices:
    """What the sidebar offers for one store revision: worked out once per revision, not
    on every rerun (sets over every incident, the default window)."""
    extent: tuple[dt.date, dt.date]
    # geo.analysis.default_window: the latest period if the store is large
    default_window: tuple[dt.date, dt.date]
    categories: list[str]
    operators: list[str]
    claim_statuses: list[str]


def _window_problems(state: ViewState, query: dict, extent: tuple[dt.date, dt.date]) -> list[str]:
    """A link's window is shown clamped to the stored incidents' dates (a link to "August"
    while the data ends on the 8th shows 1-8 August); one that misses them entirely would
    show a single day it never named: said, with the window shown."""
    low, high = extent
    if not ({"from", "to"} & set(query)) or (state.date_to >= low and state.date_from <= high):
        return []
    shown = (_clamp(state.date_from, low, high), _clamp(state.date_to, low, high))
    return [f"Link window {state.date_from} to {state.date_to} lies outside the incidents' "
            f"dates ({low} to {high}); {shown[0]} to {shown[1]} shown"]


def _initial_state(default: ViewState, pipeline_names: list[str],
                   offered: Choices | None = None) -> ViewState:
    if "view_initialised" in st.session_state:
        return default
    given, undecoded = link_parameters()
    query, repeated = single_values(given)
    state, problems = from_query(
        query, default, categories=CATEGORIES, claim_statuses=CLAIM_STATUSES,
        operators=offered.operators if offered is not None else None,
        pipelines=pipeline_names,
    )
    problems = undecoded + repeated + problems
    if offered is not None:
        problems += _window_problems(state, query, offered.extent)
    st.session_state["view_initialised"] = True
    st.session_state["link_problems"] = problems
    st.session_state["link_selection"] = state.selected
    st.session_state["window"] = (state.date_from, state.date_to)
    st.session_state["window_slider"] = st.session_state["window"]
    st.session_state["window_from"], st.session_state["window_to"] = st.session_state["window"]
    for key in LAYER_KEYS:
        persisted.keep(f"layer_{key}", key in state.layers)
    persisted.keep("filter_confirmed_only", state.confirmed_only)
    for name, value in (("categories", state.categories), ("operators", state.operators),
                        ("claim_statuses", None if state.confirmed_only
                         else state.claim_statuses)):
        if value is not None:
            persisted.keep(f"filter_{name}", list(value))
    persisted.keep("filter_pipeline", state.pipeline)
    persisted.keep("filter_pipeline_km", state.pipeline_km)
    st.session_state["map_position"] = (state.center, state.zoom)
    st.session_state["selected_incident"] = state.selected
    return state


def _follow_extent(extent: tuple[dt.date, dt.date]) -> None:
    """When new data widens the date range, a window that showed everything keeps doing so."""
    previous = st.session_state.get("data_extent")
    if previous and previous != extent and st.session_state.get("window") == previous:
        st.session_state["window"] = extent
    st.session_state["data_extent"] = extent


def _clamp(day: dt.date, low: dt.date, high: dt.date) -> dt.date:
    return min(max(day, low), high)


def _sync_from_slider():
    st.session_state["window"] = st.session_state["window_slider"]
    st.session_state["window_from"], st.session_state["window_to"] = st.session_state["window"]


def _sync_from_inputs():
    start, end = st.session_state["window_from"], st.session_state["window_to"]
    if start and end and start > end:
        start, end = end, start
    st.session_state["window"] = (start, end)
    st.session_state["window_slider"] = (start, end)


def window_controls(low: dt.date, high: dt.date) -> tuple[dt.date, dt.date]:
    start, end = st.session_state.get("window", (low, high))
    start, end = _clamp(start, low, high), _clamp(end, low, high)
    st.session_state["window"] = (start, end)
    # every run, as persisted.widget does and for the same reason
    st.session_state["window_slider"] = (start, end)
    st.session_state["window_from"], st.session_state["window_to"] = start, end
    if low < high:
        st.slider(WINDOW_LABELS[0], min_value=low, max_value=high, key="window_slider",
                  format="D MMM YYYY", on_change=_sync_from_slider,
                  help="Incidents whose date interval overlaps the window are shown; an "
                       "event dated only 'early August' stays in view for any window "
                       "touching early August.")
    # one a row: side by side they were too narrow for their dates ("2020 - 11 - 0")
    st.date_input(WINDOW_LABELS[1], min_value=low, max_value=high, key="window_from",
                  on_change=_sync_from_inputs, format="YYYY-MM-DD",
                  help="Type the date or pick it; Enter or leaving the field applies it.")
    st.date_input(WINDOW_LABELS[2], min_value=low, max_value=high, key="window_to",
                  on_change=_sync_from_inputs, format="YYYY-MM-DD")
    return st.session_state["window_slider"]


def _multiselect(label: str, name: str, options: list[str], format_func,
                 help: str | None = None, disabled: bool = False) -> tuple | None:
    key = f"filter_{name}"
    kept = persisted.widget(key)
    if key in st.session_state:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    chosen = st.multiselect(label, options, format_func=format_func,
                            placeholder="All", help=help, disabled=disabled, **kept)
    return tuple(chosen) if chosen else None


def pipeline_controls(names: list[str]) -> tuple[str, float]:
    """The pipeline picker and distance; ("", km) when no pipeline is chosen."""
    session = st.session_state
    kept = persisted.widget("filter_pipeline")
    if session.get("filter_pipeline") not in (None, NO_PIPELINE, *names):
        session["filter_pipeline"] = NO_PIPELINE
    name = st.selectbox(
        "Near pipeline", [NO_PIPELINE, *names], **kept,
        format_func=lambda v: v or "Any (no pipeline filter)",
        help="Only incidents within the distance of this route: geodesic distance from the "
             "placed point to the nearest point of the route. Dashed (schematic) routes are "
             "approximate, and so are distances to them.")
    km = st.number_input("Within km of the pipeline", min_value=0.1,
                         max_value=MAX_PIPELINE_KM, step=1.0, disabled=not name,
                         **persisted.widget("filter_pipeline_km"))
    return name, float(km if km else DEFAULT_PIPELINE_KM)


def render(offered: Choices, pipeline_names: list[str] = ()) -> ViewState:
    extent = offered.extent
    default = ViewState(*offered.default_window)
    _initial_state(default, list(pipeline_names), offered)
    _follow_extent(extent)
    with st.sidebar:
        st.header("View")
        date_from, date_to = window_controls(*extent)
        st.subheader("Layers")
        layers = tuple(key for key in LAYER_KEYS
                       if st.toggle(LAYER_TITLES[key], **persisted.widget(f"layer_{key}")))
        st.subheader("Filters")
        st.caption("Empty = all.")
        categories = _multiselect("Category", "categories",
                                  offered.categories,
                                  lambda v: CATEGORY_LABELS.get(v, v))
        operators = _multiselect("Operator (as claimed)", "operators",
                                 offered.operators,
                                 lambda v: safe_text.plain(v) or "(not stated)",
                                 help=FAMILY_HELP)
        confirmed_only = st.toggle(
            "Only confirmed claims", **persisted.widget("filter_confirmed_only"),
            help="Show only incidents an analyst marked confirmed (multiple independent "
                 "sources). Off: every status, drawn fainter the weaker the claim. Review a "
                 "claim under the map after selecting its point.")
        claims = _multiselect("Claim status", "claim_statuses",
                              offered.claim_statuses,
                              lambda v: CLAIM_LABELS.get(v, v), disabled=confirmed_only)
        pipeline, pipeline_km = pipeline_controls(list(pipeline_names))
    center, zoom = st.session_state.get("map_position", (default.center, default.zoom))
    return replace(default, date_from=date_from, date_to=date_to, layers=layers,
                   categories=categories, operators=operators, claim_statuses=claims,
                   confirmed_only=confirmed_only,
                   center=center, zoom=zoom, pipeline=pipeline, pipeline_km=pipeline_km,
                   selected=st.session_state.get("selected_incident", ""))
