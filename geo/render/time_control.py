"""The time control inside the map: a from/to day range and playback (assets/time_control.js).

It narrows the map within the window the server already applied (the sidebar window,
which stays the source of truth for the table and the counts), by calling setWindow on
the time-bound canvas layers in the page: no round trip, nothing rebuilt.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import folium
import numpy as np
from jinja2 import Template

from geo.dates import day_number
from geo.render.assets import ASSETS
from geo.render.js import script_json
from geo.render.verbatim import VerbatimMacroElement
from layers.base import PointLayer

TOOLTIP = ("Narrows the map, in this page only, within the date window the map was made "
           "for (in the app: the sidebar window, which stays the source of truth for the "
           "table and the counts), and plays it through time. Arrow keys move a date by a "
           "day, Shift+arrow by a week.")

CSS = """
<style>
.im-time { font-size: 12px; min-width: 300px; }
.im-time-head { margin-bottom: 3px; }
.im-time-count { color: #333; }
.im-time-row { display: flex; align-items: center; gap: 6px; }
.im-time-name { width: 34px; color: #555; font-weight: 600; }
.im-time-range { flex: 1; min-width: 140px; }
.im-time-date { width: 82px; text-align: right; font-variant-numeric: tabular-nums; }
.im-time-buttons { display: flex; gap: 3px; margin-top: 4px; align-items: center; }
.im-time-button { min-width: 30px; padding: 2px 5px; font: inherit; cursor: pointer; }
.im-time-speed { font: inherit; }
.im-time-button:focus-visible, .im-time-range:focus-visible, .im-time-speed:focus-visible {
  outline: 2px solid #0072B2; outline-offset: 1px; }
</style>
"""


@cache
def time_control_js() -> str:
    return (ASSETS / "time_control.js").read_text(encoding="utf-8")


def time_bound(layers) -> list[PointLayer]:
    return [layer for layer in layers
            if isinstance(layer, PointLayer) and layer.day_start is not None and len(layer)]


def day_range(layers: list[PointLayer], window: tuple[dt.date, dt.date] | None = None):
    """(first, last) day the control spans: the server-side window when given, else the
    days the points cover."""
    if window is not None:
        return day_number(window[0]), day_number(window[1])
    first = min(int(np.min(layer.day_start)) for layer in layers)
    last = max(int(np.max(layer.day_end)) for layer in layers)
    return first, last


class TimeControl(VerbatimMacroElement):
    _template = Template("""
        {% macro header(this, kwargs) %}{{ this.css }}{% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.library }}
        L.incidentTimeControl({{ this.options_json }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, first_day: int, last_day: int, position: str = "bottomleft"):
        super().__init__()
        self._name = "IncidentTimeControl"
        self.css = CSS
        self.library = time_control_js()
        self.options_json = script_json({"position": position, "fromDay": first_day,
                                         "toDay": last_day, "title": TOOLTIP})


class SidebarWindowGroup(folium.FeatureGroup):
    """An empty layer whose script applies the sidebar window inside an existing map.

    For st_folium(..., feature_group_to_add=sidebar_window_group(a, b)) with a map built
    from every date: streamlit-folium runs a changed feature group's script in the mounted
    map instead of remounting it, so a sidebar window change neither rebuilds nor reloads
    the map. streamlit-folium also adds the group to the map object: remove it after
    drawing a cached map, or the next run's map script differs (docs/performance.md).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup({});
        if (window.incidentTimeControl) {
            window.incidentTimeControl.setBounds({{ this.first_day }}, {{ this.last_day }});
        }
        {% endmacro %}
    """)

    def __init__(self, first_day: int, last_day: int):
        super().__init__(name="Sidebar window", control=False)
        self.first_day, self.last_day = int(first_day), int(last_day)


def sidebar_window_group(date_from: dt.date, date_to: dt.date) -> SidebarWindowGroup:
    return SidebarWindowGroup(day_number(date_from), day_number(date_to))
