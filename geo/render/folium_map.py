"""Interactive renderer: MapLayers -> folium.Map that works with no internet.

Leaflet is inlined (geo.render.assets); point layers are canvas elements; shapes are
GeoJSON with pre-escaped popups; the basemap is offline vector data. Online tiles are an
optional overlay, off by default. A time control inside the map narrows the time-bound
layers in the page and plays them through time (geo.render.time_control).

Every element that carries data is rendered verbatim (VerbatimMacroElement): text from the
data never passes through Jinja, so "{{ ... }}" in a description stays text.
"""

from __future__ import annotations

import datetime as dt

import folium
from branca.element import Element

from geo.render.assets import leaflet_css_url, leaflet_js_url
from geo.render.canvas_points import DEFAULT_POPUP_LIMIT, CanvasPoints
from geo.render.legend import HtmlControl, legend_html
from geo.render.map_reading import MapReading
from geo.render.popups import popups_for
from geo.render.sidebar_link import SidebarLink
from geo.render.time_control import TimeControl, day_range, time_bound
from geo.render.verbatim import VerbatimMacroElement
from geo.viewstate import DEFAULT_CENTER, DEFAULT_ZOOM
from layers.base import MapLayers, PointLayer, ShapeLayer

ONLINE_TILES = "OpenStreetMap"

CSS = """
<style>
/* beyond the shipped basemap: a neutral "no map here", never sea */
.leaflet-container { background: #DCDCDC; font: 13px/1.35 system-ui, sans-serif; }
.im-popup { font-size: 12.5px; line-height: 1.3; }
.im-popup table { border-collapse: collapse; margin-top: 4px; }
.im-popup th { text-align: left; vertical-align: top; padding: 1px 6px 1px 0; color: #444;
  font-weight: 600; white-space: nowrap; }
.im-popup td { padding: 1px 0; }
.im-control { background: rgba(255,255,255,0.93); padding: 4px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); max-height: 45vh; overflow-y: auto; }
.im-legend { font-size: 11.5px; line-height: 1.2; max-width: 260px; }
.im-legend summary { font-weight: 700; cursor: pointer; }
.im-legend-title { font-weight: 700; margin-top: 3px; }
.im-caption { font-size: 12px; max-width: 420px; }
</style>
"""


class OfflineMap(folium.Map):
    """A folium.Map whose Leaflet JS/CSS are inlined instead of fetched from a CDN."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_js = [("leaflet", leaflet_js_url())]
        self.default_css = [("leaflet_css", leaflet_css_url())]

    def get_bounds(self):
        """Not known: streamlit-folium returns this as the map's visible area until the
        map reports its own, and folium would give the extent of every shape instead (not
        what is visible), walking each coordinate of the basemap for it (0.3-0.7 s on every
        new map, after each write). The page says the area is not reported yet."""
        return [[None, None], [None, None]]


class VerbatimGeoJson(folium.GeoJson, VerbatimMacroElement):
    """folium.GeoJson whose data (popups, tooltips) is never read as a template."""


def _shape_geojson(layer: ShapeLayer) -> dict:
    frame = layer.frame.copy()
    if layer.popup is not None:
        frame["popup_html"] = popups_for(frame.drop(columns="geometry"), layer.popup)
    keep = ["style", "geometry"] + [c for c in ("popup_html", layer.tooltip_column)
                                    if c and c in frame]
    return frame[keep].__geo_interface__


def _shape_layer(layer: ShapeLayer, show: bool) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=layer.title, show=show, control=layer.interactive)
    styles = layer.styles

    def style(feature):
        s = styles[int(feature["properties"]["style"])]
        return {"color": s.color, "weight": s.weight, "dashArray": s.dash, "opacity": s.opacity,
                "fillColor": s.fill_color or s.color, "fillOpacity": s.fill_opacity,
                "fill": s.fill_color is not None}

    popup = (folium.GeoJsonPopup(fields=["popup_html"], labels=False, max_width=360)
             if layer.popup is not None else None)
    tooltip = (folium.GeoJsonTooltip(fields=[layer.tooltip_column], labels=False)
               if layer.tooltip_column else None)
    VerbatimGeoJson(
        _shape_geojson(layer), style_function=style, popup=popup, tooltip=tooltip,
        interactive=layer.interactive, smooth_factor=1.0,
    ).add_to(group)
    return group


def _point_layer(layer: PointLayer, popup_limit: int | None) -> CanvasPoints:
    return CanvasPoints(layer, popup_limit=popup_limit)


def build_map(layers: MapLayers, *, center=DEFAULT_CENTER, zoom=DEFAULT_ZOOM,
              caption_html: str = "", popup_limit: int | None = DEFAULT_POPUP_LIMIT,
              online_tiles: bool = False, time_control: bool = True,
              time_window: tuple[dt.date, dt.date] | None = None,
              sidebar_labels: tuple[str, str, str] | None = None) -> folium.Map:
    """`time_window` is the window the data was filtered to (the sidebar's): the time
    control spans it; without it, the control spans the days the points cover.
    `sidebar_labels`: the names of the app's date window slider and From / To fields, for
    a map of every date that follows them (geo.render.sidebar_link)."""
    fmap = OfflineMap(location=list(center), zoom_start=zoom, tiles=None, control_scale=True,
                      prefer_canvas=True)
    fmap.get_root().header.add_child(Element(CSS))
    _shape_layer(layers.basemap, show=True).add_to(fmap)
    folium.TileLayer(ONLINE_TILES, name="OpenStreetMap tiles (online only)", overlay=True,
                     show=online_tiles).add_to(fmap)
    sections = []
    for layer in layers.overlays:
        if isinstance(layer, ShapeLayer):
            _shape_layer(layer, show=True).add_to(fmap)
        else:
            _point_layer(layer, popup_limit).add_to(fmap)
        sections.append((layer.title, layer.legend))
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    HtmlControl(legend_html(sections), "bottomright", "im-legend-box").add_to(fmap)
    if caption_html:
        HtmlControl(caption_html, "bottomleft", "im-caption").add_to(fmap)
    timed = time_bound(layers.overlays)
    if time_control and timed:
        TimeControl(*day_range(timed, time_window)).add_to(fmap)
        if sidebar_labels:
            SidebarLink(*sidebar_labels).add_to(fmap)
    MapReading([layers.basemap, *layers.overlays]).add_to(fmap)
    return fmap
