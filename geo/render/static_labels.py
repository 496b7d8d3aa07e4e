"""Point labels for the static map that do not overlap each other or the markers.

Greedy placement in priority order (the order given): each label tries eight positions
around its point, then the same eight farther out with a thin leader line; a label with
no free position is left out (and counted) rather than drawn over another.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.patheffects as patheffects
import numpy as np
from matplotlib.transforms import offset_copy

from geo.visible import visible

LABEL_FONT_SIZE = 7.5
LABEL_COLOR = "#111111"
HALO = [patheffects.Stroke(linewidth=2.6, foreground=(1, 1, 1, 0.92))]
GAP_PT = 2.5
LEADER_RINGS_PT = (0.0, 12.0, 24.0)
# (dx, dy, horizontal alignment, vertical alignment), right of the point first
DIRECTIONS = (
    (1, 0, "left", "center"), (1, 1, "left", "bottom"), (1, -1, "left", "top"),
    (-1, 0, "right", "center"), (-1, 1, "right", "bottom"), (-1, -1, "right", "top"),
    (0, 1, "center", "bottom"), (0, -1, "center", "top"),
)


@dataclass(frozen=True)
class LabelRequest:
    x: float  # projected map coordinates
    y: float
    text: str
    radius_pt: float  # the marker's radius, so the label clears it


def _overlaps(box: np.ndarray, taken: list[np.ndarray]) -> bool:
    if not taken:
        return False
    boxes = np.asarray(taken)
    return bool(np.any((boxes[:, 0] < box[2]) & (boxes[:, 2] > box[0])
                       & (boxes[:, 1] < box[3]) & (boxes[:, 3] > box[1])))


def marker_boxes(ax, xs, ys, radius_pt: float) -> list[np.ndarray]:
    """Display-space boxes of markers, as obstacles for labels."""
    radius_px = radius_pt * ax.figure.dpi / 72
    points = ax.transData.transform(np.column_stack([xs, ys]))
    return [np.array([px - radius_px, py - radius_px, px + radius_px, py + radius_px])
            for px, py in points]


def _try_place(ax, text, request: LabelRequest, hard: list, soft: list, frame_box,
               renderer):
    """Move `text` to the first free position; return (box, offset, leader) or None.

    Near positions come first: a label next to its point may cover an unlabelled marker
    (`soft`) rather than move out to a leader line; it never covers `hard` boxes."""
    for ring in LEADER_RINGS_PT:
        for blocked in (hard + soft, hard):
            for dx, dy, ha, va in DIRECTIONS:
                distance = request.radius_pt + GAP_PT + ring
                scale = 0.72 if dx and dy else 1.0  # diagonals: same distance from the point
                offset = (dx * distance * scale, dy * distance * scale)
                text.set_transform(offset_copy(ax.transData, fig=ax.figure, x=offset[0],
                                               y=offset[1], units="points"))
                text.set_horizontalalignment(ha)
                text.set_verticalalignment(va)
                box = text.get_window_extent(renderer).extents + np.array([-1, -1, 1, 1])
                inside = (box[0] >= frame_box[0] and box[1] >= frame_box[1]
                          and box[2] <= frame_box[2] and box[3] <= frame_box[3])
                if inside and not _overlaps(box, blocked):
                    return box, offset, ring > 0
    return None


def place_labels(ax, requests: list[LabelRequest], *, zorder: float = 20,
                 obstacles: list[np.ndarray] | None = None) -> int:
    """Draw as many labels as fit; return how many were left out.

    `obstacles` (other markers) are avoided when possible; labels never cover another
    label or a labelled point.
    """
    ax.apply_aspect()
    renderer = ax.figure.canvas.get_renderer()
    frame_box = ax.get_window_extent(renderer).extents
    hard: list[np.ndarray] = []
    for request in requests:
        hard += marker_boxes(ax, [request.x], [request.y], request.radius_pt)
    soft = list(obstacles or [])
    left_out = 0
    for request in requests:
        text = ax.text(request.x, request.y, visible(request.text), fontsize=LABEL_FONT_SIZE,
                       color=LABEL_COLOR, zorder=zorder, clip_on=False)
        found = _try_place(ax, text, request, hard, soft, frame_box, renderer)
        if found is None:
            text.remove()
            left_out += 1
            continue
        box, offset, leader = found
        hard.append(box)
        _halo(ax, text)
        if leader:
            _leader(ax, request, *offset, zorder)
    return left_out


def _halo(ax, text) -> None:
    """A white outline under the label, as a separate artist: the label itself stays plain
    text, so it is real, searchable text in an SVG (path effects would turn it to curves)."""
    ax.text(*text.get_position(), text.get_text(), fontsize=LABEL_FONT_SIZE, color="white",
            path_effects=HALO, zorder=text.get_zorder() - 0.1, clip_on=False,
            transform=text.get_transform(), ha=text.get_horizontalalignment(),
            va=text.get_verticalalignment())


def _leader(ax, request: LabelRequest, offset_x: float, offset_y: float, zorder: float):
    """A thin line from the marker's edge to the label moved away from it."""
    length = np.hypot(offset_x, offset_y)
    shrink = (length - GAP_PT) / length
    ax.annotate("", xy=(request.x, request.y), xytext=(offset_x * shrink, offset_y * shrink),
                textcoords="offset points", annotation_clip=False, zorder=zorder - 0.5,
                arrowprops={"arrowstyle": "-", "color": "#444444", "lw": 0.6, "shrinkA": 0,
                            "shrinkB": request.radius_pt + 0.5})
