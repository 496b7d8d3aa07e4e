"""Energy infrastructure layer: the site register (refineries, depots, stations, plants...).

Squares coloured by kind; fill tells precision as for incidents. Sites named in the story
carry a text label; context sites (power plant database) do not, to keep the map legible.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.schema import GEO_PRECISION_LABELS, SITE_KIND_LABELS, SITE_KINDS
from layers.base import LegendEntry, PointLayer, PointStyle, PopupSpec
from layers.style import PRECISION_SYMBOLS, SITE_KIND_COLORS

KEY = "infrastructure"
TITLE = "Energy infrastructure and named sites"
PRECISIONS = tuple(PRECISION_SYMBOLS)
CONTEXT_PREFIX = "gppd_"

CONTEXT_POINT = PointStyle(label="Power plant (WRI database, context)", color="#B0B0B0",
                           shape="square", radius=3.0)
STYLES = (
    *(
        PointStyle(
            label=f"{SITE_KIND_LABELS[kind]} ({precision})",
            color=SITE_KIND_COLORS[kind],
            shape="square",
            fill=PRECISION_SYMBOLS[precision][0],
            radius=5.0 if precision == "site" else PRECISION_SYMBOLS[precision][1],
        )
        for kind in SITE_KINDS
        for precision in PRECISIONS
    ),
    CONTEXT_POINT,
)
CONTEXT_STYLE = len(STYLES) - 1

POPUP = PopupSpec(
    title_column="name",
    fields=(
        ("Kind", "kind_label"),
        ("Operator", "operator"),
        ("Also known as", "aliases_text"),
        ("Location", "placement"),
        ("Notes", "notes"),
        ("Coordinate source", "source_name"),
        ("Site id", "site_id"),
    ),
    link_column="source_url",
    link_label="Coordinate source link",
)


def build(sites: pd.DataFrame) -> PointLayer:
    drawable = sites.loc[sites["latitude"].notna() & sites["longitude"].notna()]
    records = drawable.assign(
        kind_label=drawable["kind"].map(SITE_KIND_LABELS).fillna(drawable["kind"]),
        aliases_text=drawable["aliases"].str.replace("|", ", ", regex=False),
        placement=drawable["geo_precision"].map(GEO_PRECISION_LABELS).fillna("")
        + ". " + drawable["geo_method"],
        label=np.where(drawable["site_id"].str.startswith(CONTEXT_PREFIX), "", drawable["name"]),
    ).reset_index(drop=True)
    kind_index = pd.Categorical(records["kind"], categories=SITE_KINDS).codes
    precision_index = pd.Categorical(records["geo_precision"], categories=PRECISIONS).codes
    precision_index = np.where(precision_index < 0, PRECISIONS.index("admin1"), precision_index)
    style_index = kind_index * len(PRECISIONS) + precision_index
    is_context = records["site_id"].str.startswith(CONTEXT_PREFIX).to_numpy()
    style_index = np.where(is_context, CONTEXT_STYLE, style_index)
    named = records.loc[~is_context]
    present = [k for k in SITE_KINDS if k in set(named["kind"])]
    legend = tuple(
        LegendEntry(SITE_KIND_LABELS[k], SITE_KIND_COLORS[k], "square") for k in present
    )
    if is_context.any():
        legend += (LegendEntry(STYLES[CONTEXT_STYLE].label, STYLES[CONTEXT_STYLE].color,
                               "square"),)
    return PointLayer(
        key=KEY,
        title=TITLE,
        latitude=records["latitude"].to_numpy(np.float64),
        longitude=records["longitude"].to_numpy(np.float64),
        style_index=style_index.astype(np.uint8),
        styles=STYLES,
        records=records,
        popup=POPUP,
        label_column="label",
        legend=legend,
        attribution="Sites: GEM, WRI GPPD (CC BY 4.0), GeoNames (CC BY 4.0)",
        ids=records["site_id"].to_numpy(),
    )
