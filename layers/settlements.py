"""Settlements layer: the gazetteer's places (GeoNames), small dots with their names, shown
from SITE_ZOOM on, where an analyst checks a placement against the villages around it.
Not a claim and not clickable; drawn under the incidents and sites."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo import names
from layers.base import LegendEntry, PointLayer, PointStyle

KEY = names.SETTLEMENTS
SITE_ZOOM = names.SITE_ZOOM
TITLE = f"Settlements (GeoNames, from zoom {SITE_ZOOM})"
COLOR = "#4D4D4D"
STYLES = (PointStyle(label="Settlement (GeoNames)", color=COLOR, radius=2.5),)
LEGEND = (LegendEntry("Settlement (GeoNames gazetteer)", COLOR, "circle"),)


def build(settlements: pd.DataFrame) -> PointLayer:
    """`settlements`: name, latitude, longitude (geo.geocoding.settlements), most
    important first (labels are placed in that order)."""
    records = settlements.reset_index(drop=True).assign(label=settlements["name"].to_numpy())
    return PointLayer(
        key=KEY,
        title=TITLE,
        latitude=records["latitude"].to_numpy(np.float64),
        longitude=records["longitude"].to_numpy(np.float64),
        style_index=np.zeros(len(records), np.uint8),
        styles=STYLES,
        records=records,
        label_column="label",
        legend=LEGEND,
        attribution="Settlements: GeoNames (CC BY 4.0)",
        min_zoom=SITE_ZOOM,
        clickable=False,
    )
