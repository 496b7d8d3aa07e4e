"""Compose the layers one view shows: basemap + the enabled overlays, from filtered data."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.errors import FilterError
from geo.names import LAYER_KEYS, LAYER_TITLES
from layers import basemap, infrastructure, pipelines, strikes, thermal
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
                 enabled=LAYER_KEYS, chosen_route: str = "") -> MapLayers:
    """`chosen_route`: the near-pipeline filter's route, highlighted."""
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
    return MapLayers(basemap=basemap.build(basemap_parts), overlays=overlays)
