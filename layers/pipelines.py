"""Pipeline routes (Global Energy Monitor): coloured by commodity, dashed where schematic.

A schematic route (GEM accuracy low, or only a few known points) is drawn dashed and its
popup says why: the line shows roughly where the pipe runs, not where it is.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import names
from layers.base import LegendEntry, PopupSpec, ShapeLayer, ShapeStyle
from layers.style import COMMODITY_COLORS, OTHER_COMMODITY_COLOR

KEY = names.PIPELINES
TITLE = names.LAYER_TITLES[KEY]
COMMODITIES = ("gas", "oil", "other")
INACTIVE = ("idle", "mothballed", "mothballed_plus", "shelved", "cancelled", "proposed",
            "construction")


CHOSEN_COLOR = "#FFB000"  # a wide band under the chosen route (near-pipeline filter)


def _color(commodity: str) -> str:
    return COMMODITY_COLORS.get(commodity, OTHER_COMMODITY_COLOR)


# style index = commodity * 4 + schematic * 2 + inactive; the last: the chosen route's band
STYLES = (*(
    ShapeStyle(
        label=f"{commodity}{' schematic' if schematic else ''}{' inactive' if inactive else ''}",
        color=_color(commodity),
        weight=2.0 if inactive else 3.0,
        dash="8 6" if schematic else None,
        opacity=0.55 if inactive else 0.9,
    )
    for commodity in COMMODITIES
    for schematic in (False, True)
    for inactive in (False, True)
), ShapeStyle(label="chosen route", color=CHOSEN_COLOR, weight=10.0, opacity=0.55))
CHOSEN_STYLE = len(STYLES) - 1

POPUP = PopupSpec(
    title_column="name",
    fields=(
        ("Segment", "segment"),
        ("Commodity", "commodity"),
        ("Operator", "operator"),
        ("Status", "status"),
        ("Route accuracy", "accuracy_text"),
        ("Length", "length_text"),
        ("Source", "source_name"),
        ("GEM project id", "source_id"),
    ),
    link_column="source_url",
)

LEGEND = (
    LegendEntry("Gas pipeline", COMMODITY_COLORS["gas"], "line"),
    LegendEntry("Oil pipeline", COMMODITY_COLORS["oil"], "line"),
    LegendEntry("Route schematic (approximate)", "#555555", "dashed_line"),
    LegendEntry("Not operating (idle, mothballed, proposed, cancelled): thinner, paler",
                "#A8A8A8", "line"),
)


def build(pipelines: gpd.GeoDataFrame, chosen: str = "") -> ShapeLayer:
    """`chosen`: the route of the near-pipeline filter, drawn over a wide band."""
    frame = pipelines.copy()
    schematic = frame["schematic"].astype(bool).to_numpy()
    commodity = np.array([COMMODITIES.index(c) if c in COMMODITIES else 2
                          for c in frame["commodity"]])
    inactive = frame["status"].str.lower().isin(INACTIVE).to_numpy()
    frame["style"] = commodity * 4 + schematic * 2 + inactive
    frame["accuracy_text"] = np.where(
        schematic,
        "SCHEMATIC, drawn dashed: " + frame["schematic_reason"].fillna(""),
        "GEM route accuracy: " + frame["route_accuracy"].fillna("not stated"),
    )
    frame["length_text"] = frame["length_km"].map("{:,.0f} km".format)
    frame["tooltip"] = (frame["name"] + np.where(schematic, " (schematic route)", "")
                        + np.where(inactive, " · status: " + frame["status"].str.lower(), ""))
    legend = LEGEND
    band = frame.loc[frame["name"] == chosen].assign(style=CHOSEN_STYLE) if chosen else None
    if band is not None and len(band):
        frame = pd.concat([band, frame], ignore_index=True)  # the band under the lines
        legend = (LegendEntry(f"Chosen route: {chosen}", CHOSEN_COLOR, "wide_line"),
                  *LEGEND)
    return ShapeLayer(
        key=KEY,
        title=TITLE,
        frame=frame,
        styles=STYLES,
        popup=POPUP,
        tooltip_column="tooltip",
        legend=legend,
        attribution="Pipelines: Global Energy Monitor (CC BY 4.0)",
    )
