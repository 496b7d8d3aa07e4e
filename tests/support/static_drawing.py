"""A point layer drawn by the static (matplotlib) renderer over the basemap, for tests that
look at the marks it made."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from geo.render.static_map import draw_layers
from layers import basemap
from layers.base import MapLayers

REGION = (22.0, 44.0, 41.0, 53.0)


def drawn_axes(layer, basemap_parts):
    """The axes the static renderer drew `layer` on (8 x 5 in at 100 dpi, the region)."""
    figure = Figure(figsize=(8, 5), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes([0, 0, 1, 1])
    draw_layers(ax, MapLayers(basemap.build(basemap_parts), [layer]), REGION)
    return ax
