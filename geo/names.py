"""The map's overlays as the sidebar offers them (key -> title), without the libraries that
draw them: the map page's first draw uses them before those are imported."""

from __future__ import annotations

INFRASTRUCTURE = "infrastructure"
STRIKES = "strikes"
PIPELINES = "pipelines"
THERMAL = "thermal"
LAYER_TITLES = {
    INFRASTRUCTURE: "Energy infrastructure and named sites",
    STRIKES: "Strikes and other incidents",
    PIPELINES: "Pipeline routes (GEM)",
    THERMAL: "Thermal detections (FIRMS)",
}
LAYER_KEYS = tuple(LAYER_TITLES)

# The gazetteer's settlements: not an overlay the sidebar offers, drawn from this zoom on
# (the app's map page knows it before any data library is imported)
SETTLEMENTS = "settlements"
SITE_ZOOM = 9
