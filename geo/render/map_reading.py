"""How the live map reads (assets/map_reading.js): popups placed to fit without moving the
map, the legend folded on a small map and following the layers shown, the credits of every
layer in Leaflet's attribution, and a title for the map's frame (screen readers announce
it)."""

from __future__ import annotations

from functools import cache
from html import escape

from jinja2 import Template

from geo.render.assets import ASSETS
from geo.render.js import script_json
from geo.render.verbatim import VerbatimMacroElement

MAP_TITLE = "Incident map: claimed strikes on energy infrastructure (interactive map)"
# a map smaller than this opens with its legend folded (the app's map is 620 px high)
FOLD_LEGEND_BELOW = {"height": 760, "width": 900}
LEAFLET_CREDIT = "<a href='https://leafletjs.com'>Leaflet</a>"

CSS = """
<style>
.im-popup-below .leaflet-popup-tip-container { top: -19px; transform: rotate(180deg); }
.leaflet-popup-content { margin: 10px 14px 10px 12px; }
.im-more summary { cursor: pointer; color: #0B4F8A; margin-top: 4px; }
.leaflet-container a:focus-visible, .leaflet-container summary:focus-visible,
.leaflet-container button:focus-visible, .leaflet-control-layers-toggle:focus-visible,
.leaflet-container:focus-visible { outline: 3px solid #0072B2; outline-offset: 1px; }
.leaflet-control-attribution { font-size: 11px; max-width: 70%; }
</style>
"""


@cache
def map_reading_js() -> str:
    return (ASSETS / "map_reading.js").read_text(encoding="utf-8")


def credits(layers) -> list[str]:
    """Each layer's attribution once, in drawing order, as escaped HTML."""
    seen = []
    for layer in layers:
        if layer.attribution and layer.attribution not in seen:
            seen.append(layer.attribution)
    return [escape(text) for text in seen]


class MapReading(VerbatimMacroElement):
    _template = Template("""
        {% macro header(this, kwargs) %}{{ this.css }}{% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.library }}
        L.incidentMapReading({{ this._parent.get_name() }}, {{ this.options_json }});
        {% endmacro %}
    """)

    def __init__(self, layers, title: str = MAP_TITLE):
        super().__init__()
        self._name = "IncidentMapReading"
        self.css = CSS
        self.library = map_reading_js()
        self.options_json = script_json({
            "title": title, "credits": credits(layers), "prefix": LEAFLET_CREDIT,
            "foldBelowHeight": FOLD_LEGEND_BELOW["height"],
            "foldBelowWidth": FOLD_LEGEND_BELOW["width"],
        })
