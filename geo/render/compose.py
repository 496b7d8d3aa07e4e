"""Compose the layers one view shows: basemap + the enabled overlays, from filtered data."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import FilterError
from geo.names import LAYER_KEYS, LAYER_TITLES
from layers import basemap, infrastructure, pipelines, settlements, strikes, thermal
from layers.base import MapLayers

# lines first so points stay clickable on top of them
DRAW_ORDER = (pipelines.KEY, infrastructure.KEY, thermal.KEY, strikes.KEY)


def check_layer_keys(keys) -> tuple[str, ...]:
    unknown = [k for k in keys if k not in LAYER_TITLES]
    if unknown:
        raise FilterError(
            f"Unknown layer(s): {', '.join(unknown)}; choose from {', '.join(LAYER_KEYS)}"
        )
    return tuple(keys)


def build_layers(*, mapped_incidents: pd.DataFrame, sites: pd.DataFrame,
                 pipeline_routes: gpd.GeoDataFrame, basemap_parts: dict,
                 enabled=LAYER_KEYS, chosen_route: str = "",
                 places: pd.DataFrame | None = None) -> MapLayers:
    """`chosen_route`: the near-pipeline filter's route, highlighted; `places`: the
    gazetteer's settlements to draw at site zooms (geo.geocoding.settlements), first, so
    under everything else."""
    enabled = check_layer_keys(enabled)
    builders = {
        pipelines.KEY: lambda: pipelines.build(pipeline_routes, chosen_route),
        infrastructure.KEY: lambda: infrastructure.build(sites),
        strikes.KEY: lambda: strikes.build(mapped_incidents, sites),
        thermal.KEY: lambda: thermal.build(mapped_incidents),
    }
    overlays = [builders[key]() for key in DRAW_ORDER if key in enabled]
    # no FIRMS data in view: no empty thermal section in the legend
    overlays = [o for o in overlays if o.key != thermal.KEY or len(o)]
    if places is not None and len(places):
        overlays.insert(0, settlements.build(places))
    return MapLayers(basemap=basemap.build(basemap_parts), overlays=overlays)


def zoom_of(extent, width_px: float) -> float:
    """The zoom at which a web map `width_px` wide shows `extent` across."""
    west, _, east, _ = extent
    return float(np.log2(width_px * 360.0 / (256.0 * max(east - west, 1e-6))))


def at_scale(layers: MapLayers, extent, width_px: float) -> MapLayers:
    """Without the layers a live map would not draw at this scale (a layer's min_zoom
    above zoom_of): a static snapshot of a whole region shows no settlements, one of a
    site's surroundings does."""
    zoom = zoom_of(extent, width_px)
    kept = [o for o in layers.overlays if getattr(o, "min_zoom", 0) <= zoom]
    return MapLayers(basemap=layers.basemap, overlays=kept)
