"""What changes in a mounted map without remounting it: the sidebar date window, the
settlements around the view at site zooms, and the incident chosen in the table.

st_folium(..., feature_group_to_add=group) runs a changed group's script in the mounted
map (streamlit-folium does not rebuild the map for it), so these travel as one empty
feature group whose script applies them (geo.ui.map_arguments makes it per run). A
window change therefore sends a few hundred bytes, not the map.
"""

from __future__ import annotations

import datetime as dt

import folium
from jinja2 import Template

from geo.dates import day_number
from geo.render.canvas_points import layer_spec
from geo.render.js import script_json
from geo.render.verbatim import VerbatimMacroElement
from layers.base import PointLayer


class MapUpdates(folium.FeatureGroup, VerbatimMacroElement):
    """An empty layer whose script updates an existing map (see the module docstring).
    streamlit-folium also adds the group to the map object: remove it after drawing a
    cached map, or the next run's map script differs (docs/performance.md)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.featureGroup({});
        {% if this.window %}
        if (window.incidentTimeControl) {
            window.incidentTimeControl.setBounds({{ this.window[0] }}, {{ this.window[1] }});
        }
        {% endif %}
        (function (updates) {
            var map = window.incidentMap;
            if (!map || !L.IncidentCanvas) { return; }
            L.IncidentCanvas.replace(map, "settlements", updates.settlements);
            if (updates.select) {
                // after streamlit-folium has applied the centre sent in the same run: that
                // one can be where an earlier selection moved the map, and would undo this
                setTimeout(function () {
                    L.IncidentCanvas.select(map, updates.select.id, updates.select.lat,
                                            updates.select.lon);
                }, 0);
            }
        })({{ this.updates_json }});
        {% endmacro %}
    """)

    def __init__(self, window: tuple[dt.date, dt.date] | None = None,
                 settlements: PointLayer | None = None, select: dict | None = None):
        """`window`: the sidebar window for a map holding every date; `settlements`: the
        layer to show (none: the current one is removed); `select`: {id, lat, lon, turn}
        of the incident chosen in the table (`turn` makes a second choice of the same
        incident a change)."""
        super().__init__(name="Map updates", control=False)
        self.window = (int(day_number(window[0])), int(day_number(window[1]))) if window else None
        self.updates_json = script_json({
            "settlements": layer_spec(settlements, popup_limit=0) if settlements else None,
            "select": select,
        })
