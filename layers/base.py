"""The layer abstraction both renderers draw.

A PointLayer holds coordinates, a style index per point into a small tuple of PointStyle,
optional per-point dates (for time-bound layers) and popup fields. A ShapeLayer holds a
GeoDataFrame of lines/polygons with a style index per feature. Legends are data too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd


@dataclass(frozen=True)
class PointStyle:
    label: str
    color: str
    shape: str = "circle"  # circle | square
    fill: str = "solid"  # solid | hollow | dashed | dotted (a dotted ring and a centre dot)
    radius: float = 6.0
    opacity: float = 1.0  # of the whole symbol (the halo excepted)
    halo: str = ""  # colour of a ring drawn just outside the symbol; "" for none


@dataclass(frozen=True)
class ShapeStyle:
    label: str
    color: str
    weight: float = 1.0
    dash: str | None = None  # Leaflet dashArray, e.g. "8 6"
    opacity: float = 1.0
    fill_color: str | None = None
    fill_opacity: float = 0.0


@dataclass(frozen=True)
class LegendEntry:
    label: str
    color: str
    symbol: str  # circle | ring | dashed_ring | square | hollow_square | line | dashed_line
    #              | wide_line (a wide pale band: the chosen route)
    #              | halo_circle (a circle inside a dark ring) | dotted_ring (with a centre dot)
    opacity: float = 1.0


@dataclass(frozen=True)
class PopupSpec:
    """How to build a popup from a row: a title column and (label, column) pairs.

    `fields` are shown at once and `more` behind a "More" toggle, so a popup stays short
    enough to read in the map; `link_column` names a column holding a URL shown as a link
    next to `link_label`, under `fields`.
    """

    title_column: str
    fields: tuple[tuple[str, str], ...]
    more: tuple[tuple[str, str], ...] = ()
    link_column: str | None = None
    link_label: str = "Source link"
    # the link is to this app's own page, built by it at the address it is served from
    # (http://localhost:8501/ on one computer): no stored address, so it may be local
    own_link: bool = False
    # Derives the display columns from the layer's records. Run only when popups are
    # actually built (small maps, HTML snapshots): wording 100,000 popups costs ~0.5 s.
    prepare: Callable[[pd.DataFrame], pd.DataFrame] | None = None


@dataclass
class PointLayer:
    key: str
    title: str
    latitude: np.ndarray
    longitude: np.ndarray
    style_index: np.ndarray
    styles: tuple[PointStyle, ...]
    records: pd.DataFrame  # one row per point, for popups and labels
    popup: PopupSpec | None = None
    label_column: str | None = None  # text label drawn next to points that have one
    legend: tuple[LegendEntry, ...] = ()
    attribution: str = ""
    day_start: np.ndarray | None = None  # days since 1970-01-01, for time-bound layers
    day_end: np.ndarray | None = None
    ids: np.ndarray | None = None
    min_zoom: int = 0  # the live map draws the layer from this zoom on
    clickable: bool = True

    def __len__(self) -> int:
        return len(self.latitude)


@dataclass
class ShapeLayer:
    key: str
    title: str
    frame: gpd.GeoDataFrame  # must have an integer column "style"
    styles: tuple[ShapeStyle, ...]
    popup: PopupSpec | None = None
    tooltip_column: str | None = None
    legend: tuple[LegendEntry, ...] = ()
    attribution: str = ""
    interactive: bool = True

    def __len__(self) -> int:
        return len(self.frame)


@dataclass
class MapLayers:
    """Everything one map shows, in drawing order (basemap first)."""

    basemap: ShapeLayer
    overlays: list = field(default_factory=list)

    def keys(self) -> list[str]:
        return [layer.key for layer in self.overlays]


def days_since_epoch(values: pd.Series) -> np.ndarray:
    return values.to_numpy().astype("datetime64[D]").astype(np.int32)
