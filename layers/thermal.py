"""Thermal detections layer (NASA FIRMS): fires seen from orbit, drawn apart from the claims.

Small squares coloured by fire radiative power (FRP). Each point is a satellite pixel with
a fire in it, not a claim of a strike: the popup says so. Time-bound like the incidents,
so the in-map time control narrows it too. The typed values (frp, confidence, satellite,
instrument, detected_at, daynight: geo.store.thermal) are joined to the incident rows by
the caller; rows without them (a thermal_detection imported without the FIRMS preset) are
drawn as "FRP not recorded".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo import names
from geo.schema import DETECTION_COLUMNS, THERMAL_CATEGORY
from layers.base import LegendEntry, PointLayer, PointStyle, PopupSpec, days_since_epoch
from layers.style import FRP_CLASSES, FRP_UNKNOWN_COLOR

KEY = names.THERMAL
TITLE = names.LAYER_TITLES[KEY]
CATEGORY = THERMAL_CATEGORY
NOT_A_CLAIM = "A fire seen from orbit: evidence, not a claim of a strike"
UNKNOWN_LABEL = "FRP not recorded"
TYPED_COLUMNS = DETECTION_COLUMNS

STYLES = (
    *(PointStyle(label=f"Fire radiative power {label}", color=color, shape="square",
                 radius=4.0) for _, label, color in FRP_CLASSES),
    PointStyle(label=UNKNOWN_LABEL, color=FRP_UNKNOWN_COLOR, shape="square", fill="hollow",
               radius=4.0),
)
UNKNOWN_STYLE = len(STYLES) - 1

def thermal_rows(incidents: pd.DataFrame) -> pd.DataFrame:
    return incidents.loc[incidents["category"] == CATEGORY]


def frp_classes(frp: pd.Series) -> np.ndarray:
    """Style index per detection: FRP class by its lower bound, UNKNOWN_STYLE when absent."""
    values = frp.to_numpy(np.float64)
    bounds = np.array([low for low, _, _ in FRP_CLASSES])
    index = np.searchsorted(bounds, values, side="right") - 1
    return np.where(np.isnan(values), UNKNOWN_STYLE, np.clip(index, 0, None)).astype(np.uint8)


def _with_typed_columns(records: pd.DataFrame) -> pd.DataFrame:
    missing = {name: (np.nan if name == "frp" else pd.NaT if name == "detected_at" else "")
               for name in TYPED_COLUMNS if name not in records}
    return records.assign(**missing) if missing else records


def popup_records(records: pd.DataFrame) -> pd.DataFrame:
    records = _with_typed_columns(records)
    timed = pd.to_datetime(records["detected_at"])
    overpass = timed.dt.strftime("%d %b %Y %H:%M").fillna("")
    frp = records["frp"].to_numpy(np.float64)
    sensor = (records["satellite"].fillna("") + " " + records["instrument"].fillna("")).str.strip()
    return records.assign(
        popup_title=np.where(overpass != "", "Thermal detection, " + overpass + " UTC",
                             "Thermal detection"),
        meaning=NOT_A_CLAIM,
        frp_text=[f"{v:g} MW" if np.isfinite(v) else "" for v in frp],
        confidence_text=records["confidence"].fillna(""),
        sensor=sensor,
        overpass=np.where(overpass != "", overpass + " UTC", ""),
        daynight_text=records["daynight"].fillna(""),
        placement=records["geo_method"],
        # the FIRMS preset's text repeats the typed values; keep it only where they are absent
        description=np.where(np.isfinite(frp), "", records["description"]),
    )


POPUP = PopupSpec(
    title_column="popup_title",
    fields=(
        ("What this is", "meaning"),
        ("Fire radiative power", "frp_text"),
        ("Confidence", "confidence_text"),
        ("Satellite", "sensor"),
        ("Overpass (UTC)", "overpass"),
        ("Day or night pass", "daynight_text"),
        ("Location", "placement"),
        ("Recorded as", "description"),
        ("Detection id", "incident_id"),
    ),
    link_column="source_url",
    link_label="NASA FIRMS",
    prepare=popup_records,
)


def build(incidents: pd.DataFrame) -> PointLayer:
    """`incidents`: the filtered rows with coordinates; only thermal detections are drawn."""
    records = _with_typed_columns(thermal_rows(incidents)).reset_index(drop=True)
    style_index = frp_classes(records["frp"])
    present = sorted(set(style_index.tolist()))
    legend = tuple(LegendEntry(STYLES[i].label.replace("Fire radiative power ", "FRP "),
                               STYLES[i].color,
                               "hollow_square" if STYLES[i].fill == "hollow" else "square")
                   for i in present)
    return PointLayer(
        key=KEY,
        title=TITLE,
        latitude=records["latitude"].to_numpy(np.float64),
        longitude=records["longitude"].to_numpy(np.float64),
        style_index=style_index,
        styles=STYLES,
        records=records,
        popup=POPUP,
        legend=legend,
        attribution="Thermal detections: NASA FIRMS (evidence of fire, not of a strike)",
        day_start=days_since_epoch(records["date_start"]),
        day_end=days_since_epoch(records["date_end"]),
        ids=records["incident_id"].to_numpy(),
    )
