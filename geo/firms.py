"""Thermal corroboration: NASA FIRMS detections near a strike in space and time.

Evidence, not proof: a fire seen by VIIRS near a refinery on the day of a claimed strike
supports the claim; no detection proves nothing unless detections for that day and area were
imported at all, which is why `covered_days` must be given to state "no detection".

Defaults suit VIIRS 375 m pixels: a detection may sit ~1 km from the fire; a strike placed
at a town centre widens the search by the town's uncertainty. Fires burn for hours to
days, so the time window runs from `hours_before` before the strike's first possible day to
`hours_after` after its last.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.linking import PRECISION_RADIUS_KM, haversine_km

DETECTION_RADIUS_KM = 1.0


@dataclass(frozen=True)
class Window:
    hours_before: float = 12.0
    hours_after: float = 48.0
    extra_km: float = DETECTION_RADIUS_KM


def corroborate(strikes: pd.DataFrame, detections: pd.DataFrame, covered_days: set,
                window: Window = Window()) -> pd.DataFrame:
    """Per strike: thermal_status (detected / none_detected / no_data / location_too_vague),
    thermal_count, best_frp, thermal_summary. `detections` need latitude, longitude,
    detected_at (datetime), frp, confidence, satellite."""
    out = pd.DataFrame({"thermal_status": "no_data", "thermal_count": 0, "best_frp": np.nan,
                        "thermal_summary": ""}, index=strikes.index)
    det_time = pd.to_datetime(detections["detected_at"]).to_numpy() if len(detections) else None
    for index, strike in strikes.iterrows():
        radius = PRECISION_RADIUS_KM.get(strike["geo_precision"])
        if radius is None or pd.isna(strike["latitude"]):
            out.loc[index, "thermal_status"] = "location_too_vague"
            continue
        start = strike["date_start"] - pd.Timedelta(hours=window.hours_before)
        end = strike["date_end"] + pd.Timedelta(days=1, hours=window.hours_after)
        days = pd.date_range(strike["date_start"], strike["date_end"], freq="D").date
        if det_time is not None:
            near = haversine_km(strike["latitude"], strike["longitude"],
                                detections["latitude"].to_numpy(),
                                detections["longitude"].to_numpy()) <= radius + window.extra_km
            hits = detections.loc[near & (det_time >= start) & (det_time <= end)]
        else:
            hits = detections.iloc[0:0]
        if len(hits):
            best = hits.loc[hits["frp"].idxmax()]
            out.loc[index, ["thermal_status", "thermal_count", "best_frp"]] = (
                "detected", len(hits), float(best["frp"]))
            out.loc[index, "thermal_summary"] = (
                f"{len(hits)} FIRMS detection(s) within {radius + window.extra_km:g} km; "
                f"strongest FRP {best['frp']:g} MW ({best['satellite']}, confidence "
                f"{best['confidence']}, {pd.Timestamp(best['detected_at']):%d %b %Y %H:%M} UTC)"
                ". Evidence, not proof.")
        elif all(day in covered_days for day in days):
            out.loc[index, "thermal_status"] = "none_detected"
            out.loc[index, "thermal_summary"] = ("No FIRMS detection in the imported data for "
                                                 "these days. Absence is not proof.")
    return out
