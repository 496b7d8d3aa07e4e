"""Incidents layer ("strikes"): one point per incident with a known point.

Colour = category; symbol = location precision; opacity and a dark ring = claim status
(faint = one side's claim, full colour = geolocated, ringed = confirmed); popup = the claim
with its source and its last review.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import numpy as np
import pandas as pd

from geo import names
from geo.dates import describe_dates, review_text
from geo.schema import (
    CATEGORIES,
    CATEGORY_LABELS,
    CLAIM_LABELS,
    CLAIM_STATUSES,
    GEO_PRECISION_LABELS,
    THERMAL_CATEGORY,
)
from layers.base import LegendEntry, PointLayer, PointStyle, PopupSpec, days_since_epoch
from layers.style import CATEGORY_COLORS, CLAIM_STATUS_SYMBOLS, PRECISION_SYMBOLS

KEY = names.STRIKES
TITLE = names.LAYER_TITLES[KEY]
PRECISIONS = tuple(PRECISION_SYMBOLS)  # site, town, admin1, unknown: the drawable ones
# a precision outside the vocabulary is drawn as what it is: not known
UNKNOWN_PRECISION_SYMBOL = "unknown"
# Strongest first: among symbols of one size the canvas draws lower style indices on top.
STATUSES = tuple(reversed(CLAIM_STATUSES))
UNKNOWN_STATUS = "claimed"  # a status outside the vocabulary is drawn as the weakest

STYLES = tuple(
    PointStyle(
        label=f"{CATEGORY_LABELS[category]} ({precision}, {status})",
        color=CATEGORY_COLORS[category],
        fill=PRECISION_SYMBOLS[precision][0],
        radius=PRECISION_SYMBOLS[precision][1],
        opacity=CLAIM_STATUS_SYMBOLS[status][0],
        halo=CLAIM_STATUS_SYMBOLS[status][1],
    )
    for category in CATEGORIES
    for precision in PRECISIONS
    for status in STATUSES
)

# What, when, how sure and who says so first; the rest behind "More".
POPUP = PopupSpec(
    title_column="place",
    fields=(
        ("What", "what"),
        ("When", "when"),
        ("Claim status", "claim_label"),
        ("Location", "precision_text"),
        ("Source", "source_name"),
        ("Whose claim", "claimant"),
    ),
    more=(
        ("Date as written", "date_text"),
        ("Description", "description"),
        ("Site", "site_name"),
        ("Operator", "operator"),
        ("Munitions", "munitions"),
        ("Casualties", "casualties"),
        ("Status last set by", "review_text"),
        ("How placed", "placement"),
        ("Nearest pipeline", "pipeline_text"),
        ("Chosen route", "route_text"),
        ("Thermal evidence (FIRMS)", "thermal_summary"),
        ("Incident id", "incident_id"),
    ),
    link_column="source_url",
)

PRECISION_LEGEND = {
    "site": LegendEntry("Located at the site", "#333333", "circle"),
    "town": LegendEntry("Town centre only (site not located)", "#333333", "ring"),
    "admin1": LegendEntry("Region only (oblast)", "#333333", "dashed_ring"),
}
UNKNOWN_PRECISION_LEGEND = LegendEntry("Precision unknown: coordinates as given", "#333333",
                                       "dotted_ring")

STATUS_LEGEND = {
    "confirmed": LegendEntry("Confirmed: dark ring", "#333333", "halo_circle"),
    "geolocated": LegendEntry("Geolocated from imagery: full colour", "#333333", "circle"),
    "reported": LegendEntry("Reported, not verified: lighter", "#333333", "circle",
                            opacity=CLAIM_STATUS_SYMBOLS["reported"][0]),
    "claimed": LegendEntry("Claimed by one side only: faint", "#333333", "circle",
                           opacity=CLAIM_STATUS_SYMBOLS["claimed"][0]),
}


def style_indices(categories: pd.Series, precisions: pd.Series,
                  statuses: pd.Series | None = None) -> np.ndarray:
    """Index into STYLES: category, then precision, then claim status (weakest when absent)."""
    category_index = pd.Categorical(categories, categories=CATEGORIES).codes
    precision_index = pd.Categorical(precisions, categories=PRECISIONS).codes
    category_index = np.where(category_index < 0, CATEGORIES.index("other"), category_index)
    precision_index = np.where(precision_index < 0, PRECISIONS.index(UNKNOWN_PRECISION_SYMBOL),
                               precision_index)
    weakest = STATUSES.index(UNKNOWN_STATUS)
    if statuses is None:
        status_index = np.full(len(category_index), weakest)
    else:
        status_index = pd.Index(STATUSES).get_indexer(statuses)
        status_index = np.where(status_index < 0, weakest, status_index)
    combined = (category_index * len(PRECISIONS) + precision_index) * len(STATUSES)
    return (combined + status_index).astype(np.uint8)


def popup_records(incidents: pd.DataFrame, site_names: pd.Series) -> pd.DataFrame:
    what = incidents["category"].map(CATEGORY_LABELS).fillna(incidents["category"])
    subtype = incidents["subtype"].str.replace("_", " ")
    # worded where measured (geo.analysis.view): a schematic line says so
    return incidents.assign(
        pipeline_text=incidents.get("pipeline_text", ""),
        when=describe_dates(incidents),
        what=np.where(subtype != "", what + ": " + subtype, what),
        site_name=incidents["site_id"].map(site_names).fillna(""),
        claim_label=incidents["claim_status"].map(CLAIM_LABELS).fillna(incidents["claim_status"]),
        review_text=(review_text(incidents["last_reviewed_by"], incidents["last_reviewed_at"])
                     if "last_reviewed_by" in incidents else ""),
        precision_text=incidents["geo_precision"].map(GEO_PRECISION_LABELS)
        .fillna(incidents["geo_precision"]),
        placement=incidents["geo_method"],
    )


def build(incidents: pd.DataFrame, sites: pd.DataFrame) -> PointLayer:
    """`incidents` are the filtered rows with coordinates (see geo.analysis.filters.split_mapped);
    thermal detections are not claims and are drawn by layers.thermal instead."""
    records = incidents.loc[incidents["category"] != THERMAL_CATEGORY].reset_index(drop=True)
    site_names = sites.set_index("site_id")["name"]
    present = [c for c in CATEGORIES if c in set(records["category"])]
    statuses = set(records["claim_status"])
    drawn_as_unknown = ~records["geo_precision"].isin(PRECISIONS[:-1])
    unknown = (UNKNOWN_PRECISION_LEGEND,) if drawn_as_unknown.any() else ()
    legend = tuple(
        LegendEntry(CATEGORY_LABELS[c], CATEGORY_COLORS[c], "circle") for c in present
    ) + tuple(  # only what is drawn
        PRECISION_LEGEND[p] for p in PRECISIONS[:-1] if p in set(records["geo_precision"])
    ) + unknown + tuple(
        STATUS_LEGEND[s] for s in STATUSES if s in statuses
    )
    return PointLayer(
        key=KEY,
        title=TITLE,
        latitude=records["latitude"].to_numpy(np.float64),
        longitude=records["longitude"].to_numpy(np.float64),
        style_index=style_indices(records["category"], records["geo_precision"],
                                  records["claim_status"]),
        styles=STYLES,
        records=records,
        popup=replace(POPUP, prepare=partial(popup_records, site_names=site_names)),
        legend=legend,
        attribution="Incident claims: see each popup's source",
        day_start=days_since_epoch(records["date_start"]),
        day_end=days_since_epoch(records["date_end"]),
        ids=records["incident_id"].to_numpy(),
    )
