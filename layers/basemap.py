"""Offline basemap: Natural Earth land, lakes, rivers and coastline for the region.

Ukraine is drawn within its internationally recognised border (Crimea included), as
prepared in data/basemap (see data/SOURCES.md).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from layers.base import ShapeLayer, ShapeStyle
from layers.style import BASEMAP

KEY = "basemap"
TITLE = "Basemap (offline, Natural Earth)"
FOCUS_COUNTRIES = ("UA",)

STYLES = (
    ShapeStyle("land", BASEMAP["land_edge"], weight=0.8, fill_color=BASEMAP["land"],
               fill_opacity=1.0),
    ShapeStyle("focus land", "#555555", weight=1.4, fill_color=BASEMAP["focus_land"],
               fill_opacity=1.0),
    ShapeStyle("lake", BASEMAP["coast"], weight=0.5, fill_color=BASEMAP["water"],
               fill_opacity=1.0),
    ShapeStyle("river", BASEMAP["river"], weight=1.0),
    ShapeStyle("coastline", BASEMAP["coast"], weight=0.8),
)

def build(parts: dict[str, gpd.GeoDataFrame]) -> ShapeLayer:
    countries = parts["countries"].assign(
        style=lambda f: f["iso_a2"].isin(FOCUS_COUNTRIES).astype(int),
        label=lambda f: f["name"],
    )
    pieces = [
        countries[["label", "style", "geometry"]],
        parts["lakes"].assign(style=2, label=parts["lakes"]["name"].fillna("")),
        parts["rivers"].assign(style=3, label=parts["rivers"]["name"].fillna("")),
        parts["coastline"].assign(style=4, label=""),
    ]
    frame = gpd.GeoDataFrame(
        pd.concat([p[["label", "style", "geometry"]] for p in pieces], ignore_index=True),
        crs=4326,
    )
    return ShapeLayer(
        key=KEY,
        title=TITLE,
        frame=frame,
        styles=STYLES,
        popup=None,
        tooltip_column=None,
        attribution="Basemap: Natural Earth (public domain); Ukraine border: geoBoundaries",
        interactive=False,
    )
