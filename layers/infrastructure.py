"""Energy infrastructure layer: the site register (refineries, depots, stations, plants...).

Squares coloured by kind; fill tells precision as for incidents. Sites named in the story
carry a text label; context sites (power plant database) do not, to keep the map legible.

Optional columns of the sites frame (see geo.ui.site_data): `in_view` (False hides a site,
e.g. another operator's under the operator filter), `history_count` and `history_1..3`
(the claimed incidents linked to the site, shown in its popup) and `site_page_url` (then
the popup links to the site's page instead of the coordinate source).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from geo import names
from geo.schema import GEO_PRECISION_LABELS, SITE_KIND_LABELS, SITE_KINDS
from layers.base import LegendEntry, PointLayer, PointStyle, PopupSpec
from layers.style import PRECISION_SYMBOLS, SITE_KIND_COLORS

KEY = names.INFRASTRUCTURE
TITLE = names.LAYER_TITLES[KEY]
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
        ("Claimed here", "history_count"),
        ("Latest", "history_1"),
        ("Earlier", "history_2"),
        ("Earlier", "history_3"),
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
PAGE_LINK = {"link_column": "site_page_url",
             "link_label": "Site page: full history of claims, edit links", "own_link": True}


def _popup(records: pd.DataFrame) -> PopupSpec:
    if "site_page_url" in records and (records["site_page_url"] != "").any():
        return replace(POPUP, **PAGE_LINK)
    return POPUP


def build(sites: pd.DataFrame) -> PointLayer:
    drawable = sites.loc[sites["latitude"].notna() & sites["longitude"].notna()]
    if "in_view" in drawable:
        drawable = drawable.loc[drawable["in_view"].astype(bool)]
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
        popup=_popup(records),
        label_column="label",
        legend=legend,
        attribution="Sites: GEM, WRI GPPD (CC BY 4.0), GeoNames (CC BY 4.0)",
        ids=records["site_id"].to_numpy(),
    )
