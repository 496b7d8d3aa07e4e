"""Static renderer: MapLayers -> a matplotlib Axes, in a projected CRS.

The twin of geo.render.folium_map: it reads the same PointStyle / ShapeStyle objects, so
colours, symbols (solid / hollow / dashed rings, squares), dashes and labels match the
interactive map. Sizes given in CSS pixels by the styles are drawn at 0.75 pt each, the
same physical size a browser uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import shapely
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.path import Path
from pyproj import CRS, Transformer

from geo.render.extents import Extent, projection_for
from geo.render.static_labels import marker_boxes, place_labels
from geo.render.static_points import PT_PER_PX, draw_point_layer
from layers.base import MapLayers, PointLayer, ShapeLayer, ShapeStyle
from layers.style import BASEMAP

ZORDER = {"basemap": 1, "shape": 2, "point": 3}
OBSTACLE_LIMIT = 3_000


@dataclass(frozen=True)
class MapFrame:
    """The projected window an Axes shows, and how to get there from lon/lat."""

    crs: CRS
    bounds: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in metres

    def project(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        transformer = Transformer.from_crs(4326, self.crs, always_xy=True)
        return transformer.transform(np.asarray(lon, float), np.asarray(lat, float))

    def geographic_box(self) -> Extent:
        """The lon/lat rectangle that contains the whole projected window."""
        xmin, ymin, xmax, ymax = self.bounds
        t = np.linspace(0, 1, 64)
        xs = np.concatenate([xmin + (xmax - xmin) * t, np.full(64, xmax),
                             xmax - (xmax - xmin) * t, np.full(64, xmin)])
        ys = np.concatenate([np.full(64, ymin), ymin + (ymax - ymin) * t,
                             np.full(64, ymax), ymax - (ymax - ymin) * t])
        inverse = Transformer.from_crs(self.crs, 4326, always_xy=True)
        lon, lat = inverse.transform(xs, ys)
        return (float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max()))


def frame_for(extent: Extent, aspect: float, crs: CRS | None = None) -> MapFrame:
    """Projected bounds that contain `extent`, widened to `aspect` (width / height)."""
    frame = MapFrame(crs or projection_for(extent), (0, 0, 0, 0))
    west, south, east, north = extent
    t = np.linspace(0, 1, 64)
    lon = np.concatenate([west + (east - west) * t, np.full(64, east),
                          west + (east - west) * t, np.full(64, west)])
    lat = np.concatenate([np.full(64, south), south + (north - south) * t,
                          np.full(64, north), south + (north - south) * t])
    x, y = frame.project(lon, lat)
    xmin, xmax, ymin, ymax = x.min(), x.max(), y.min(), y.max()
    width, height = xmax - xmin, ymax - ymin
    if width / height < aspect:
        grow = (height * aspect - width) / 2
        xmin, xmax = xmin - grow, xmax + grow
    else:
        grow = (width / aspect - height) / 2
        ymin, ymax = ymin - grow, ymax + grow
    return MapFrame(frame.crs, (float(xmin), float(ymin), float(xmax), float(ymax)))


def _dashes(dash: str | None, linewidth_pt: float):
    if not dash:
        return "solid"
    lengths = [float(v) * PT_PER_PX / max(linewidth_pt, 0.1) for v in dash.split()]
    return (0, tuple(lengths))


def _polygon_path(geometry) -> Path:
    vertices, codes = [], []
    for polygon in shapely.get_parts(geometry):
        for ring in (polygon.exterior, *polygon.interiors):
            coords = shapely.get_coordinates(ring)
            if len(coords) < 3:
                continue
            ring_codes = np.full(len(coords), Path.LINETO, dtype=np.uint8)
            ring_codes[0], ring_codes[-1] = Path.MOVETO, Path.CLOSEPOLY
            vertices.append(coords)
            codes.append(ring_codes)
    if not vertices:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate(vertices), np.concatenate(codes))


def _line_parts(geometry) -> list[np.ndarray]:
    return [shapely.get_coordinates(part) for part in shapely.get_parts(geometry)
            if not part.is_empty]


def _rgba(color: str, alpha: float):
    return mcolors.to_rgba(color, alpha)


def _draw_polygons(ax, geometries, style: ShapeStyle, zorder: float) -> None:
    paths = [_polygon_path(g) for g in geometries]
    face = _rgba(style.fill_color, style.fill_opacity) if style.fill_color else "none"
    ax.add_collection(PathCollection(
        paths, facecolors=[face], edgecolors=[_rgba(style.color, style.opacity)],
        linewidths=style.weight * PT_PER_PX, zorder=zorder, joinstyle="round",
    ), autolim=False)


def _draw_lines(ax, geometries, style: ShapeStyle, zorder: float) -> None:
    segments = [part for g in geometries for part in _line_parts(g)]
    width = style.weight * PT_PER_PX
    ax.add_collection(LineCollection(
        segments, colors=[_rgba(style.color, style.opacity)], linewidths=width,
        linestyles=_dashes(style.dash, width), zorder=zorder, capstyle="round",
        joinstyle="round",
    ), autolim=False)


def draw_shape_layer(ax, layer: ShapeLayer, frame: MapFrame, zorder: float) -> None:
    clip = frame.geographic_box()
    pad = 0.5
    shapes = layer.frame.clip_by_rect(clip[0] - pad, clip[1] - pad, clip[2] + pad, clip[3] + pad)
    visible = ~(shapes.is_empty | shapes.isna())
    projected = shapes[visible].to_crs(frame.crs)
    styles = layer.frame["style"].to_numpy()[visible.to_numpy()]
    polygonal = projected.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy()
    # styles in the frame's order (what comes first lies under: the sea, a chosen route's
    # band); fills below every line
    for rank, index in enumerate(pd.unique(styles)):
        style = layer.styles[int(index)]
        chosen = styles == index
        if (chosen & polygonal).any():
            _draw_polygons(ax, projected[chosen & polygonal], style, zorder + rank * 0.01)
        if (chosen & ~polygonal).any():
            _draw_lines(ax, projected[chosen & ~polygonal], style, zorder + 0.5 + rank * 0.01)


def draw_layers(ax, layers: MapLayers, extent: Extent, *, crs: CRS | None = None,
                labels: bool = True) -> MapFrame:
    """Draw every layer of `layers` on `ax` over `extent` (W, S, E, N degrees).

    The extent is widened to the Axes' aspect ratio; the returned MapFrame tells the CRS and
    the projected bounds (ax.transData then maps MapFrame.project(lon, lat) to pixels).
    """
    figure = ax.figure
    box = ax.get_position()
    aspect = (box.width * figure.get_figwidth()) / (box.height * figure.get_figheight())
    frame = frame_for(extent, aspect, crs)
    xmin, ymin, xmax, ymax = frame.bounds
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor(BASEMAP["water"])
    draw_shape_layer(ax, layers.basemap, frame, ZORDER["basemap"])
    requests, context_requests = [], []
    for position, layer in enumerate(layers.overlays):
        zorder = (ZORDER["shape"] if isinstance(layer, ShapeLayer) else ZORDER["point"]) + position
        if isinstance(layer, ShapeLayer):
            draw_shape_layer(ax, layer, frame, zorder)
        elif layer.clickable:
            requests += draw_point_layer(ax, layer, frame, zorder)
        else:  # settlements: labelled where the sites' and incidents' labels leave room
            context_requests += draw_point_layer(ax, layer, frame, zorder)
    requests += context_requests
    if labels and requests:
        ax.apply_aspect()
        place_labels(ax, requests, zorder=20, obstacles=_marker_obstacles(ax, layers, frame))
    return frame


def _marker_obstacles(ax, layers: MapLayers, frame: MapFrame) -> list:
    """Every drawn marker, so labels avoid covering other points (skipped when very many)."""
    boxes = []
    point_layers = [o for o in layers.overlays if isinstance(o, PointLayer)]
    if sum(len(o) for o in point_layers) > OBSTACLE_LIMIT:
        return boxes
    for layer in point_layers:
        x, y = frame.project(layer.longitude, layer.latitude)
        for index in np.unique(layer.style_index):
            chosen = layer.style_index == index
            radius = min(layer.styles[int(index)].radius, 8.0) * PT_PER_PX
            boxes += marker_boxes(ax, x[chosen], y[chosen], radius)
    return boxes
