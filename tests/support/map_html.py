"""Reading a rendered folium map's HTML: the specs of its incident canvas layers."""

from __future__ import annotations

import json
import re


def canvas_specs(html: str) -> dict[str, dict]:
    """Each `new L.IncidentCanvas({...})` of the page, by its layer key."""
    specs = re.findall(r"new L\.IncidentCanvas\((\{.*?\})\);", html)
    return {spec["key"]: spec for spec in map(json.loads, specs)}
