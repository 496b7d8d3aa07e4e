"""Standalone HTML snapshot: the interactive map of one view in a single file.

It is the app's own folium map (geo.render.folium_map.build_map, Leaflet inlined, points
on one canvas) with every popup embedded, fitted to the snapshot's extent, and a caption
that states title, window, filters, counts, sources, data version and when it was made.
Every piece of text is escaped, its hidden and control characters shown as marks: titles
and sources are user data.
"""

from __future__ import annotations

from html import escape

from branca.element import Element

from geo.render.folium_map import build_map
from geo.render.verbatim import VerbatimText
from geo.sharing.citation import Citation, count_sentence
from geo.sharing.snapshot import SnapshotView
from geo.visible import visible
from layers.base import MapLayers, PointLayer

TITLE_CSS = """
<style>
.im-caption .im-snapshot-title { font-size: 15px; font-weight: 700; margin-bottom: 2px; }
.im-caption .im-snapshot-meta { color: #444; font-size: 11px; margin-top: 4px; }
html, body { height: 100%; margin: 0; }
/* beyond the basemap (which draws its sea): a neutral "no map here"; doubled class so it
   wins over leaflet.css, which this page loads later */
.leaflet-container.leaflet-container { background: #DCDCDC; }
</style>
"""


def _text(value: str, *, quote: bool = False) -> str:
    """User text as HTML: escaped, with hidden and control characters as visible marks."""
    return escape(visible(value, one_line=True), quote=quote)


def caption_html(citation: Citation) -> str:
    parts = [
        f"<div class='im-snapshot-title'>{_text(citation.title)}</div>",
        f"<div>Incidents dated <b>{_text(citation.window_text)}</b></div>",
        *(f"<div>{_text(line)}</div>" for line in citation.filter_lines),
        f"<div>{_text(count_sentence(citation))}</div>",
        "<div class='im-snapshot-meta'>Each point is a claim with its source, not a "
        "settled fact: click a point for who says so.</div>",
        "<div class='im-snapshot-meta'>Sources: incident claims from "
        f"{_text(citation.incident_sources)}. {_text(' · '.join(citation.attributions))}."
        "</div>",
        f"<div class='im-snapshot-meta'>Data version <code>{_text(citation.data_version)}"
        f"</code> · made {_text(citation.made_text)}</div>",
    ]
    return "".join(parts)


def drawable_layers(layers: MapLayers) -> MapLayers:
    """Without empty point layers: the canvas script cannot decode an empty array (it
    stops the page's script), and an empty layer has nothing to show anyway."""
    kept = [o for o in layers.overlays if not (isinstance(o, PointLayer) and len(o) == 0)]
    return MapLayers(basemap=layers.basemap, overlays=kept)


def snapshot_html(snapshot: SnapshotView) -> str:
    citation = snapshot.citation()
    west, south, east, north = snapshot.extent
    fmap = build_map(drawable_layers(snapshot.layers), caption_html=caption_html(citation),
                     popup_limit=None, center=((south + north) / 2, (west + east) / 2))
    fmap.fit_bounds([[south, west], [north, east]])
    root = fmap.get_root()
    root.title = _text(f"{citation.title} · {citation.window_text}")
    root.header.add_child(Element(TITLE_CSS))
    root.header.add_child(VerbatimText(
        f"<meta name='description' content='{_text(citation.title, quote=True)}; data "
        f"version {_text(citation.data_version, quote=True)}'>"
    ))
    return root.render()
