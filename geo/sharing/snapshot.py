"""Citable static snapshots (PNG, SVG) of one view, drawn offline with matplotlib.

Page: title and window on top; the map (geo.render.static_map, the same layer objects as
the interactive map) with a scale bar; a side panel with the legend, the filters and the
counts; a footer naming the sources, the data version and when the snapshot was made.

Every text on it (a title, a name, a filter) is drawn as written: never as matplotlib's
mathtext ('$x^2$', or '$\\foo$' that it cannot parse), and with hidden and control characters
as visible marks (geo.visible), which an SVG could not even hold as XML.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from dataclasses import dataclass, replace

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from geo.analysis.filters import split_mapped
from geo.errors import ExportError
from geo.geocoding.settlements import settlements_in
from geo.render.compose import at_scale, build_layers, zoom_of
from geo.render.extents import Extent, describe_projection
from geo.render.static_legend import INK, MUTED, TextPanel, draw_scale_bar
from geo.render.static_map import MapFrame, draw_layers
from geo.sharing.citation import Citation, citation_for, count_sentence
from geo.sharing.formats import IMAGE_FORMATS, SIZE_PATTERN, SIZES, SnapshotSize
from geo.viewstate import ViewState
from geo.visible import visible
from layers import settlements, strikes
from layers.base import MapLayers

MARGIN_IN = 0.16
# the live map a static snapshot stands for: its layers drawn at that map's zoom
STATIC_MAP_WIDTH_PX = 1200
SIDE_PX = (400, 6000)  # of a snapshot of a size given in pixels
READING_NOTE = ("Each point is a claim with its source, not a settled fact. Symbol fill "
                "shows how precisely the place is known.")


def parse_size(text: str | None) -> SnapshotSize:
    """'default', 'print' (or 'a4'), or 'WIDTHxHEIGHT' in pixels (SIDE_PX)."""
    key = (text or "default").strip().lower()
    if key in ("a4", "a4-landscape"):
        key = "print"
    if key in SIZES:
        return SIZES[key]
    if key == "1600x1000":
        return SIZES["default"]
    match = SIZE_PATTERN.match(key)
    if match:
        width, height = int(match.group(1)), int(match.group(2))
        if all(SIDE_PX[0] <= side <= SIDE_PX[1] for side in (width, height)):
            return SnapshotSize(f"{width} x {height} px", width, height, 150)
        raise ExportError(f"Snapshot size {width:,} x {height:,} pixels is outside "
                          f"{SIDE_PX[0]:,} to {SIDE_PX[1]:,} pixels each way; give a size "
                          "within it, e.g. 1200x800, or 'print' (A4 landscape at 300 dpi)")
    shown = text if len(str(text)) <= 40 else f"{str(text)[:40]}… ({len(str(text)):,} characters)"
    raise ExportError(f"Unknown snapshot size '{shown}'; use 'default' (1600x1000), 'print' "
                      "(A4 landscape at 300 dpi) or WIDTHxHEIGHT in pixels, e.g. 1200x800")


@dataclass(frozen=True)
class SnapshotView:
    """Everything one snapshot shows: the view state, its incidents, layers and extent."""

    state: ViewState
    view: pd.DataFrame  # incidents in the window and filters, drawn or not
    layers: MapLayers
    extent: Extent
    title: str = ""
    made_at: dt.datetime | None = None

    def citation(self) -> Citation:
        return citation_for(self.state, self.view, self.layers, title=self.title,
                            made_at=self.made_at)


def places_for(extent: Extent, fmt: str, gazetteer) -> pd.DataFrame | None:
    """The settlements a snapshot in `fmt` of `extent` draws: an HTML snapshot carries
    those of its extent (shown from zoom 9, as in the app), a PNG or SVG those of a site's
    surroundings only. `gazetteer()` gives the index, loaded only when needed."""
    reaches_site_zoom = (fmt == "html"
                         or zoom_of(extent, STATIC_MAP_WIDTH_PX) >= settlements.SITE_ZOOM)
    return settlements_in(gazetteer(), extent) if reaches_site_zoom else None


def prepare_view(*, state: ViewState, view: pd.DataFrame, sites: pd.DataFrame,
                 pipeline_routes, basemap_parts: dict, extent: Extent, title: str = "",
                 made_at: dt.datetime | None = None,
                 places: pd.DataFrame | None = None) -> SnapshotView:
    """`places`: the gazetteer's settlements in `extent` (geo.geocoding.settlements),
    drawn where the snapshot is at a site's scale."""
    mapped, _ = split_mapped(view)
    layers = build_layers(mapped_incidents=mapped, sites=sites, pipeline_routes=pipeline_routes,
                          basemap_parts=basemap_parts, enabled=state.layers,
                          chosen_route=state.pipeline, places=places)
    return SnapshotView(state, view, layers, extent, title, made_at)


@dataclass
class StaticSnapshot:
    figure: Figure
    map_ax: object
    frame: MapFrame
    size: SnapshotSize
    citation: Citation

    def pixel_of(self, lon: float, lat: float) -> tuple[int, int]:
        """(column, row) of a lon/lat in the PNG, row 0 at the top."""
        x, y = self.frame.project(lon, lat)
        px, py = self.map_ax.transData.transform((float(x), float(y)))
        return round(px), round(self.size.height_px - py)

    def to_bytes(self, fmt: str, metadata: dict | None = None) -> bytes:
        fmt = fmt.lower()
        if fmt not in IMAGE_FORMATS:
            raise ExportError(f"Unknown image format '{fmt}'; use one of "
                              f"{', '.join(IMAGE_FORMATS)}")
        buffer = io.BytesIO()
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "incident-map"}):
            self.figure.savefig(buffer, format=fmt, dpi=self.size.dpi, metadata=metadata)
        return buffer.getvalue()


def _drawn_and_outside(layers: MapLayers, frame: MapFrame) -> tuple[int | None, int]:
    layer = next((o for o in layers.overlays if o.key == strikes.KEY), None)
    if layer is None or len(layer) == 0:
        return (None if layer is None else 0), 0
    x, y = frame.project(layer.longitude, layer.latitude)
    xmin, ymin, xmax, ymax = frame.bounds
    inside = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
    return int(inside.sum()), int((~inside).sum())


def _header(figure: Figure, citation: Citation, width_in: float) -> None:
    height_in = figure.get_figheight()
    title_size = 15 if len(citation.title) <= 70 else 12
    # whole (a title of one long word is kept), and measured as it will be drawn
    title = " ".join(visible(citation.title, one_line=True).split())
    drawn = figure.text(MARGIN_IN / width_in, 1 - MARGIN_IN / height_in, title,
                        fontsize=title_size, fontweight="bold", color=INK, va="top")
    room = (width_in - 2 * MARGIN_IN) * figure.dpi
    width = drawn.get_window_extent(renderer=figure.canvas.get_renderer()).width
    if width > room:  # wide letters (W, CJK) at the 140 characters allowed: smaller type
        drawn.set_fontsize(title_size * room / width)
    subtitle = f"Incidents dated {citation.window_text}  ·  " + count_sentence(citation)
    figure.text(MARGIN_IN / width_in, 1 - (MARGIN_IN + 0.32) / height_in, subtitle,
                fontsize=8.5, color=MUTED, va="top")


def _footer(figure: Figure, citation: Citation, projection: str, width_in: float) -> None:
    height_in = figure.get_figheight()
    chars = int((width_in - 2 * MARGIN_IN) * 72 / (6.2 * 0.55))
    sources = "Sources: incident claims from " + citation.incident_sources + "."
    credits = " · ".join(citation.attributions) + "."
    stamp = (f"Data version {citation.data_version} (SHA-256 of the {citation.incident_count:,} "
             f"incidents shown) · made {citation.made_text} with incident-map · {projection}.")
    # the layers' credits on lines of their own: many long source names cannot push them out
    lines = (_capped(sources, chars, 2, " … (the export lists every source)")
             + textwrap.wrap(credits, chars)[:2] + textwrap.wrap(stamp, chars)[:1])
    y = MARGIN_IN + (len(lines) - 1) * 6.2 * 1.3 / 72
    for line in lines:
        figure.text(MARGIN_IN / width_in, y / height_in, line, fontsize=6.2, color=MUTED,
                    va="bottom")
        y -= 6.2 * 1.3 / 72


def _capped(text: str, chars: int, most: int, more: str) -> list[str]:
    """`text` wrapped to at most `most` lines; the last ending in `more` when cut."""
    lines = textwrap.wrap(text, chars)
    if len(lines) <= most:
        return lines
    return [*lines[:most - 1], lines[most - 1][:chars - len(more)] + more]


def _side_panel(ax, layers: MapLayers, citation: Citation, drawn, outside) -> None:
    for font_size in (7.5, 6.8, 6.0, 5.4):
        ax.clear()
        panel = TextPanel(ax, font_size)
        panel.heading("Legend", size_step=1.5)
        for layer in layers.overlays:
            if layer.legend:
                panel.heading(layer.title, size_step=0.3)
                for entry in layer.legend:
                    panel.legend_row(entry)
        panel.gap(0.6)
        panel.heading("This view", size_step=1.5)
        panel.paragraph("Window: " + citation.window_text)
        for line in citation.filter_lines:
            panel.paragraph(line)
        panel.paragraph(count_sentence(citation, drawn, outside))
        panel.gap(0.6)
        panel.paragraph(READING_NOTE, color=MUTED)
        if panel.fits():
            return


def _empty_notice(ax, citation: Citation, drawn) -> None:
    if citation.incident_count and drawn != 0:
        return
    text = ("No incidents match this window and these filters" if not citation.incident_count
            else "None of the incidents in view can be drawn on this map")
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=11,
            color=INK, zorder=40,
            bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": "#888888",
                  "alpha": 0.92})


# text is text: no mathtext, no TeX, whatever a stored name or a typed title holds
PLAIN_TEXT = {"text.parse_math": False, "text.usetex": False}


def render_static(snapshot: SnapshotView, size: SnapshotSize = SIZES["default"]) -> StaticSnapshot:
    with matplotlib.rc_context(PLAIN_TEXT):
        rendered = _render_static(snapshot, size)
    for text in rendered.figure.findobj(Text):
        shown = visible(text.get_text())
        if shown != text.get_text():
            text.set_text(shown)
    return rendered


def _render_static(snapshot: SnapshotView, size: SnapshotSize) -> StaticSnapshot:
    snapshot = replace(snapshot, layers=at_scale(snapshot.layers, snapshot.extent,
                                                 STATIC_MAP_WIDTH_PX))
    citation = snapshot.citation()
    width_in, height_in = size.inches
    figure = Figure(figsize=(width_in, height_in), dpi=size.dpi, facecolor="white")
    FigureCanvasAgg(figure)
    header_in, footer_in = 0.72, 0.62
    panel_in = float(np.clip(width_in * 0.26, 2.5, 3.6))
    map_ax = figure.add_axes([
        MARGIN_IN / width_in, footer_in / height_in,
        (width_in - panel_in - 3 * MARGIN_IN) / width_in,
        (height_in - header_in - footer_in) / height_in,
    ])
    frame = draw_layers(map_ax, snapshot.layers, snapshot.extent)
    for spine in map_ax.spines.values():
        spine.set_color("#444444")
        spine.set_linewidth(0.8)
    draw_scale_bar(map_ax, frame.bounds)
    drawn, outside = _drawn_and_outside(snapshot.layers, frame)
    _empty_notice(map_ax, citation, drawn)
    map_box = map_ax.get_position()
    panel_ax = figure.add_axes([
        map_box.x1 + MARGIN_IN / width_in, map_box.y0,
        1 - map_box.x1 - 2 * MARGIN_IN / width_in, map_box.height,
    ])
    _side_panel(panel_ax, snapshot.layers, citation, drawn, outside)
    _header(figure, citation, width_in)
    _footer(figure, citation, describe_projection(frame.crs), width_in)
    return StaticSnapshot(figure, map_ax, frame, size, citation)


def image_metadata(citation: Citation, fmt: str) -> dict:
    description = visible(f"Incidents dated {citation.window_text}; data version "
                          f"{citation.data_version}; " + "; ".join(citation.filter_lines),
                          one_line=True)
    title = visible(citation.title, one_line=True)
    if fmt == "svg":
        return {"Title": title, "Description": description,
                "Date": citation.made_at.isoformat(timespec="seconds")}
    return {"Title": title, "Description": description, "Software": "incident-map",
            "Source": "incident-map snapshot " + citation.data_version}


def snapshot_image(snapshot: SnapshotView, fmt: str = "png",
                   size: SnapshotSize = SIZES["default"]) -> bytes:
    rendered = render_static(snapshot, size)
    return rendered.to_bytes(fmt, image_metadata(rendered.citation, fmt.lower()))
