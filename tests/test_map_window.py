"""The sidebar window applied inside the mounted map: which incidents the map holds, what a
window change sends to the browser, and that a map drawn from its recorded arguments is the
map st_folium would draw."""

from __future__ import annotations

import datetime as dt
import json

from streamlit.testing.v1 import AppTest

from geo.analysis.filters import apply_filter, split_mapped
from geo.analysis.view import incidents_in_view
from geo.render.canvas_points import DEFAULT_POPUP_LIMIT
from geo.render.time_control import day_number
from geo.ui.map_window import WINDOW_IN_PAGE_LIMIT, plan_map
from geo.viewstate import ViewFilter, ViewState
from tests.support.apptest import map_args
from tests.support.map_drawing import recorded_arguments
from tests.support.synthetic import synthetic_incidents
from tests.support.views import frame_sources


def test_a_window_change_keeps_the_mounted_map_and_sends_only_the_window(new_app):
    app = new_app().run()
    first = map_args(app)
    window = (dt.date(2025, 6, 1), dt.date(2025, 7, 31))
    app.slider(key="window_slider").set_value(window).run()
    assert not app.exception
    second = map_args(app)
    # same map script and same component key: streamlit-folium keeps the mounted map
    assert second["script"] == first["script"] and second["key"] == first["key"]
    expected = f"setBounds({day_number(window[0])}, {day_number(window[1])})"
    assert expected in second["feature_group"] and expected not in first["feature_group"]
    app.slider(key="window_slider").set_value((dt.date(2025, 6, 15), dt.date(2025, 8, 31))).run()
    third = map_args(app)
    assert third["script"] == first["script"]  # no window group left inside the map
    assert third["feature_group"].count("setBounds(") == 1


def ours(recorded: dict, center, zoom, window) -> None:  # an AppTest script
    from tests.support.map_drawing import draw_recorded

    draw_recorded(recorded, center, zoom, window)


def theirs(center, zoom, window) -> None:  # an AppTest script
    from tests.support.map_drawing import draw_with_st_folium

    draw_with_st_folium(center, zoom, window)


def sent_by(script, **arguments) -> dict:
    """What `script` sends to the map component, as the browser would receive it."""
    app = AppTest.from_function(script, kwargs=arguments, default_timeout=60).run()
    assert not app.exception
    return map_args(app)


def test_a_draw_from_recorded_arguments_sends_what_st_folium_would_send():
    # as the opening map's file keeps them
    recorded = json.loads(json.dumps(recorded_arguments()))
    for center, zoom, window in ((None, None, None),
                                 ((48.5, 33.0), 7, (dt.date(2024, 1, 1), dt.date(2024, 2, 1))),
                                 ((46.0, 30.0), 9, (dt.date(2025, 1, 1), dt.date(2025, 3, 1)))):
        position = dict(center=center, zoom=zoom, window=window)
        sent = sent_by(ours, recorded=recorded, **position)
        expected = sent_by(theirs, **position)
        # the default return value is returned by the draw, not sent (geo.ui.map_component)
        assert sent.pop("default") is None and expected.pop("default") == recorded["default"]
        assert sent == expected
        assert (window is None) == (sent["feature_group"] is None)
    assert "incidentTimeControl.setBounds(" not in recorded["script"]


def state(date_from, date_to, **filters) -> ViewState:
    return ViewState(date_from=date_from, date_to=date_to, **filters)


def plan_for(incidents, view: ViewState):
    """The map plan of a view of `incidents`, and the drawable incidents in that view."""
    mapped = split_mapped(apply_filter(incidents, view.view_filter()))[0]
    return plan_map(incidents_in_view(view, frame_sources(incidents))), mapped


def test_the_map_holds_every_date_when_the_window_is_applied_in_the_page():
    incidents = synthetic_incidents(20_000)
    view = state(dt.date(2024, 1, 1), dt.date(2025, 6, 30), categories=("strike",))
    plan, mapped = plan_for(incidents, view)
    assert len(mapped) > DEFAULT_POPUP_LIMIT
    assert plan.window_in_page and plan.time_window is None
    held = plan.incidents()
    every_date = split_mapped(apply_filter(incidents, ViewFilter(categories=("strike",))))[0]
    assert held.index.equals(every_date.index)
    assert view.date_from not in plan.key and view.date_to not in plan.key
    other, _ = plan_for(incidents, state(dt.date(2023, 1, 1), dt.date(2025, 6, 30),
                                         categories=("strike",)))
    assert other.key == plan.key  # one cached map for every window


def test_a_window_with_embedded_popups_keeps_them():
    incidents = synthetic_incidents(20_000)
    view = state(dt.date(2025, 8, 1), dt.date(2025, 8, 20))
    plan, mapped = plan_for(incidents, view)
    assert 0 < len(mapped) <= DEFAULT_POPUP_LIMIT
    assert not plan.window_in_page
    assert plan.time_window == (view.date_from, view.date_to)
    assert plan.incidents().index.equals(mapped.index)


def test_too_many_incidents_of_every_date_are_filtered_on_the_server():
    incidents = synthetic_incidents(WINDOW_IN_PAGE_LIMIT + 20_000)
    plan, mapped = plan_for(incidents, state(dt.date(2022, 1, 1), dt.date(2025, 12, 31)))
    assert not plan.window_in_page and plan.incidents().index.equals(mapped.index)
    narrowed, _ = plan_for(incidents, state(dt.date(2022, 1, 1), dt.date(2025, 12, 31),
                                            categories=("strike", "security")))
    assert narrowed.window_in_page


def test_a_map_is_asked_to_move_only_away_from_where_it_is_built(new_app):
    opening = new_app().run()
    # asking a new map to go where it already is redraws every point for nothing
    assert (map_args(opening)["center"], map_args(opening)["zoom"]) == (None, None)
    linked = new_app(query={"from": "2025-06-01", "to": "2025-09-30", "lat": "46.5",
                            "lon": "30.7", "z": "9"})
    linked.run()
    assert (map_args(linked)["center"], map_args(linked)["zoom"]) == ([46.5, 30.7], 9)
