"""The live map following the app's sidebar date window without a page rerun
(assets/sidebar_link.js): the map's frame shares the page's origin, watches the sidebar's
date widgets and narrows itself as they change; the rerun that the same change starts
brings the table, the counts and the timeline. Only for a map holding every date (the
window applied in the page, geo.ui.map_window)."""

from __future__ import annotations

from functools import cache

from jinja2 import Template

from geo.render.assets import ASSETS
from geo.render.js import script_json
from geo.render.verbatim import VerbatimMacroElement


@cache
def sidebar_link_js() -> str:
    return (ASSETS / "sidebar_link.js").read_text(encoding="utf-8")


class SidebarLink(VerbatimMacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.library }}
        L.incidentSidebarLink({{ this.options_json }});
        {% endmacro %}
    """)

    def __init__(self, slider: str, date_from: str, date_to: str):
        """The accessible names of the sidebar's date window slider and date fields."""
        super().__init__()
        self._name = "IncidentSidebarLink"
        self.library = sidebar_link_js()
        self.options_json = script_json({"slider": slider, "from": date_from, "to": date_to})
