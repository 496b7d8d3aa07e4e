"""Legend and caption controls for the folium map, drawn from the layers' LegendEntry data."""

from __future__ import annotations

from html import escape

from jinja2 import Template

from geo.render.js import script_json
from geo.render.verbatim import VerbatimMacroElement
from layers.base import LegendEntry

SYMBOL_SVG = {
    "circle": "<circle cx='9' cy='9' r='5' fill='{c}' stroke='#222' stroke-width='1'/>",
    "ring": "<circle cx='9' cy='9' r='6' fill='none' stroke='{c}' stroke-width='2.5'/>",
    "dashed_ring": "<circle cx='9' cy='9' r='7' fill='{c}' fill-opacity='0.15' stroke='{c}' "
                   "stroke-width='2' stroke-dasharray='3 2'/>",
    "halo_circle": "<circle cx='9' cy='9' r='4.5' fill='{c}' stroke='#222' stroke-width='1'/>"
                   "<circle cx='9' cy='9' r='7.2' fill='none' stroke='#111' stroke-width='2'/>",
    "dotted_ring": "<circle cx='9' cy='9' r='6.5' fill='none' stroke='{c}' stroke-width='2.2' "
                   "stroke-dasharray='0.1 3.3' stroke-linecap='round'/>"
                   "<circle cx='9' cy='9' r='1.6' fill='{c}'/>",
    "square": "<rect x='4' y='4' width='10' height='10' fill='{c}' stroke='#222'/>",
    "hollow_square": "<rect x='4' y='4' width='10' height='10' fill='none' stroke='{c}' "
                     "stroke-width='2'/>",
    "line": "<line x1='1' y1='9' x2='17' y2='9' stroke='{c}' stroke-width='3'/>",
    "wide_line": "<line x1='1' y1='9' x2='17' y2='9' stroke='{c}' stroke-width='8' "
                 "stroke-opacity='0.55'/>",
    "dashed_line": "<line x1='1' y1='9' x2='17' y2='9' stroke='{c}' stroke-width='3' "
                   "stroke-dasharray='5 3'/>",
}


def symbol_svg(entry: LegendEntry) -> str:
    shape = SYMBOL_SVG[entry.symbol].format(c=escape(entry.color, quote=True))
    if entry.opacity < 1:
        shape = f"<g opacity='{entry.opacity:g}'>{shape}</g>"
    return (f"<svg width='18' height='18' style='vertical-align:middle' "
            f"aria-hidden='true'>{shape}</svg>")


def legend_html(sections: list[tuple[str, tuple[LegendEntry, ...]]]) -> str:
    """Open by default; the map folds it when it is small (geo.render.map_reading). Each
    section names its layer, so the legend can hide the sections of layers switched off."""
    parts = ["<details open class='im-legend'><summary>Legend</summary>"]
    for title, entries in sections:
        if not entries:
            continue
        parts.append(f"<div class='im-legend-section' data-layer='{escape(title, quote=True)}'>"
                     f"<div class='im-legend-title'>{escape(title)}</div>")
        parts += [f"<div>{symbol_svg(e)} {escape(e.label)}</div>" for e in entries]
        parts.append("</div>")
    parts.append("</details>")
    return "".join(parts)


class HtmlControl(VerbatimMacroElement):
    """A Leaflet control holding fixed, already-escaped HTML (legend or caption)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function() {
            var control = L.control({position: {{ this.position_json }}});
            control.onAdd = function() {
                var div = L.DomUtil.create('div', 'im-control {{ this.css_class }}');
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableScrollPropagation(div);
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, html: str, position: str = "bottomright", css_class: str = ""):
        super().__init__()
        self._name = "HtmlControl"
        self.html_json = script_json(html)
        self.position_json = script_json(position)
        self.css_class = css_class
