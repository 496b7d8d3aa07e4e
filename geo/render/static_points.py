"""Point symbols of the static map, as the canvas layer draws them in the browser: solid
(site located), hollow ring (town centre only), pale disc in a dashed ring (region only),
dotted ring round a dot (coordinates as given, precision unknown);
circles for incidents, squares for sites.

Each symbol is one scatter of one marker path with one face and one edge colour, which
matplotlib stamps with its fast marker routine: a dashed outline is a marker path made of
dash segments, not a dashed line style, and "no fill" is a transparent colour, not "none"
(either would fall back to drawing every marker as its own path, ~10x slower).
"""

from __future__ import annotations

from functools import cache

import matplotlib.colors as mcolors
import numpy as np
from matplotlib.path import Path

from geo.render.static_labels import LabelRequest
from layers.base import PointLayer, PointStyle
from layers.style import HALO_GAP_PX, HALO_WIDTH_PX

PT_PER_PX = 0.75  # a CSS pixel is 0.75 pt: the same physical size as in a browser
SOLID_EDGE = "#222222"
DASH_PX, GAP_PX = 4.0, 3.0  # the canvas layer's setLineDash([4, 3])
DOT_PX, DOT_CENTRE_PX = (0.8, 3.0), 1.6  # the dotted ring (precision unknown) and its dot
# transparent rather than "none": matplotlib's fast path needs one face and one edge colour
CLEAR = (0.0, 0.0, 0.0, 0.0)


def _outline(shape: str) -> np.ndarray:
    """Closed outline of the unit marker (radius 1), densely sampled."""
    if shape == "square":
        side = np.linspace(-1, 1, 17)[:-1]
        ones = np.ones_like(side)
        return np.concatenate([np.column_stack([side, -ones]), np.column_stack([ones, side]),
                               np.column_stack([-side, ones]), np.column_stack([-ones, -side]),
                               [[-1.0, -1.0]]])
    angles = np.linspace(0, 2 * np.pi, 97)
    return np.column_stack([np.cos(angles), np.sin(angles)])


@cache
def dashed_outline(shape: str, radius_px: float, dash_px: float = DASH_PX,
                   gap_px: float = GAP_PX) -> Path:
    """The outline cut into dashes of `dash_px` with gaps of `gap_px` at this marker size."""
    points = _outline(shape)
    steps = np.hypot(*np.diff(points, axis=0).T) * radius_px
    distance = np.concatenate([[0.0], np.cumsum(steps)])
    period = dash_px + gap_px
    count = max(4, round(distance[-1] / period))
    scale = distance[-1] / (count * period)  # whole dashes all round
    vertices, codes = [], []
    for k in range(count):
        start, end = k * period * scale, (k * period + dash_px) * scale
        inner = distance[(distance > start) & (distance < end)]
        along = np.concatenate([[start], inner, [end]])
        dash = np.column_stack([np.interp(along, distance, points[:, 0]),
                                np.interp(along, distance, points[:, 1])])
        vertices.append(dash)
        codes += [Path.MOVETO] + [Path.LINETO] * (len(dash) - 1)
    return Path(np.concatenate(vertices), codes)


def _scatter(ax, x, y, style: PointStyle, zorder: float) -> None:
    marker = "s" if style.shape == "square" else "o"
    size = (2 * style.radius * PT_PER_PX) ** 2
    color = mcolors.to_rgba(style.color, style.opacity)
    common = {"s": size, "zorder": zorder, "plotnonfinite": False}
    if style.halo:
        _halo(ax, x, y, style, marker, zorder)
    if style.fill == "solid":
        ax.scatter(x, y, marker=marker,
                   facecolors=[mcolors.to_rgba(style.color, 0.9 * style.opacity)],
                   edgecolors=[mcolors.to_rgba(SOLID_EDGE, style.opacity)], linewidths=0.75,
                   **common)
    elif style.fill == "dashed":
        ax.scatter(x, y, marker=marker,
                   facecolors=[mcolors.to_rgba(style.color, 0.15 * style.opacity)],
                   edgecolors=[CLEAR], linewidths=0, **common)
        ax.scatter(x, y, marker=dashed_outline(style.shape, style.radius), facecolors=[CLEAR],
                   edgecolors=[color], linewidths=2 * PT_PER_PX, **common)
    elif style.fill == "dotted":  # precision unknown: dotted ring, centre dot
        ax.scatter(x, y, marker=dashed_outline(style.shape, style.radius, *DOT_PX),
                   facecolors=[CLEAR], edgecolors=[color], linewidths=2.5 * PT_PER_PX, **common)
        ax.scatter(x, y, marker=marker, facecolors=[color], edgecolors=[CLEAR], linewidths=0,
                   **{**common, "s": (2 * DOT_CENTRE_PX * PT_PER_PX) ** 2})
    else:
        ax.scatter(x, y, marker=marker, facecolors=[CLEAR], edgecolors=[color],
                   linewidths=2.5 * PT_PER_PX, **common)


def _halo(ax, x, y, style: PointStyle, marker: str, zorder: float) -> None:
    """The claim-status ring just outside the symbol, as the canvas layer draws it."""
    diameter_px = 2 * (style.radius + HALO_GAP_PX)
    ax.scatter(x, y, marker=marker, s=(diameter_px * PT_PER_PX) ** 2, facecolors=[CLEAR],
               edgecolors=[style.halo], linewidths=HALO_WIDTH_PX * PT_PER_PX, zorder=zorder,
               plotnonfinite=False)


def draw_point_layer(ax, layer: PointLayer, frame, zorder: float) -> list[LabelRequest]:
    """Draw the points; return the label requests for points that carry a label."""
    if len(layer) == 0:
        return []
    x, y = frame.project(layer.longitude, layer.latitude)
    xmin, ymin, xmax, ymax = frame.bounds
    inside = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
    # big rings under small dots; among equal sizes lower indices on top, as in the canvas
    order = sorted({int(s) for s in np.unique(layer.style_index[inside])},
                   key=lambda s: (-layer.styles[s].radius, -s))
    for rank, index in enumerate(order):
        chosen = inside & (layer.style_index == index)
        _scatter(ax, x[chosen], y[chosen], layer.styles[index], zorder + rank * 0.01)
    if not layer.label_column:
        return []
    texts = layer.records[layer.label_column].to_numpy()
    radii = np.array([s.radius for s in layer.styles])[layer.style_index]
    return [LabelRequest(float(x[i]), float(y[i]), str(texts[i]), float(radii[i] * PT_PER_PX))
            for i in np.flatnonzero(inside & (texts != ""))]
