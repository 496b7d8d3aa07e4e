"""Offline basemap: Natural Earth land, lakes, rivers and coastline for the region, and
coarser land around it.

Ukraine is drawn within its internationally recognised border (Crimea included), as
prepared in data/basemap (see data/SOURCES.md). Sea is drawn only where the basemap
knows there is sea (SURROUNDINGS, the box the shipped land covers): beyond it the map's
background shows "no basemap", never land painted as sea.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from layers.base import ShapeLayer, ShapeStyle
from layers.style import BASEMAP

KEY = "basemap"
TITLE = "Basemap (offline, Natural Earth)"
FOCUS_COUNTRIES = ("UA",)
# the box data/build/prepare_basemap.py fills with land (SURROUNDINGS_BBOX there)
SURROUNDINGS = (-15.0, 25.0, 95.0, 72.0)

# the region data/build/prepare_basemap.py ships in detail (REGION_BBOX there): land is
# cut along it, a cut that is no border and is not drawn as one
REGION = (12.0, 34.0, 62.0, 60.0)

# style indices
SEA, LAND, FOCUS_LAND, LAKE, RIVER, COASTLINE, BORDER, FOCUS_BORDER = range(8)
STYLES = (
    ShapeStyle("sea", BASEMAP["water"], weight=0.0, fill_color=BASEMAP["water"],
               fill_opacity=1.0),
    ShapeStyle("land", BASEMAP["land"], weight=0.0, fill_color=BASEMAP["land"],
               fill_opacity=1.0),
    ShapeStyle("focus land", BASEMAP["focus_land"], weight=0.0,
               fill_color=BASEMAP["focus_land"], fill_opacity=1.0),
    ShapeStyle("lake", BASEMAP["coast"], weight=0.5, fill_color=BASEMAP["water"],
               fill_opacity=1.0),
    ShapeStyle("river", BASEMAP["river"], weight=1.0),
    ShapeStyle("coastline", BASEMAP["coast"], weight=0.8),
    ShapeStyle("border", BASEMAP["land_edge"], weight=0.8),
    ShapeStyle("focus border", "#555555", weight=1.4),
)


def sea() -> gpd.GeoDataFrame:
    """The box the shipped land covers, as sea under it (densified, so a conic projection
    bends its edges along the parallels)."""
    return gpd.GeoDataFrame({"label": [""], "style": [SEA]},
                            geometry=[shapely.segmentize(shapely.box(*SURROUNDINGS), 1.0)],
                            crs=4326)


def borders(land: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The outlines of the land polygons less the cuts along the region's and the
    surroundings' boxes."""
    cuts = shapely.union(shapely.box(*REGION).boundary, shapely.box(*SURROUNDINGS).boundary)
    lines = shapely.difference(shapely.boundary(land.geometry.to_numpy()),
                               shapely.buffer(cuts, 1e-4))
    focus = land["style"].to_numpy() == FOCUS_LAND
    return gpd.GeoDataFrame({"label": land["label"].to_numpy(),
                             "style": [FOCUS_BORDER if f else BORDER for f in focus]},
                            geometry=lines, crs=4326)


def build(parts: dict[str, gpd.GeoDataFrame]) -> ShapeLayer:
    countries = parts["countries"].assign(
        style=lambda f: f["iso_a2"].isin(FOCUS_COUNTRIES).map({True: FOCUS_LAND,
                                                               False: LAND}),
        label=lambda f: f["name"],
    )
    land = pd.concat([parts["land_beyond"].assign(style=LAND, label=parts["land_beyond"]["name"]),
                      countries], ignore_index=True)[["label", "style", "geometry"]]
    land = gpd.GeoDataFrame(land, crs=4326)
    outlines = borders(land)
    pieces = [
        sea(),
        land,
        parts["lakes"].assign(style=LAKE, label=parts["lakes"]["name"].fillna("")),
        parts["rivers"].assign(style=RIVER, label=parts["rivers"]["name"].fillna("")),
        parts["coastline"].assign(style=COASTLINE, label=""),
        outlines.loc[outlines["style"] == BORDER],
        outlines.loc[outlines["style"] == FOCUS_BORDER],  # on top of its neighbours'
    ]
    frame = gpd.GeoDataFrame(
        pd.concat([p[["label", "style", "geometry"]] for p in pieces], ignore_index=True),
        crs=4326,
    )
    frame = frame.loc[~frame.geometry.is_empty].reset_index(drop=True)
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
