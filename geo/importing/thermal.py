"""FIRMS rows -> typed thermal detections and the coverage of the file, checked per row.

The FIRMS preset (geo.importing.presets.firms) keeps every detection as an incident row of
category thermal_detection, with its values as text. Here the same rows get their typed
values for the thermal_detections table: detected_at (acq_date + acq_time, UTC), frp (MW),
confidence (VIIRS l/n/h -> low/nominal/high; MODIS 0-100 kept as the number), satellite,
instrument and day/night, and their identity as incident_id (satellite, overpass time and
pixel: a re-import of an overlapping file matches them). A value that cannot be read
rejects its row, with a message naming it.

The coverage is what the file shows FIRMS looked at: the days of its acq_date range and the
box around its detections, padded by COVERAGE_PAD_DEG (a FIRMS area request is a box or a
country that holds every detection it returned; the pad reaches past the outermost fires,
~25 km). A day in the range with no detection in the file is covered: FIRMS found none.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.importing.presets.firms import LANDSAT, hhmm
from geo.importing.problems import RowIssues
from geo.store.thermal import Coverage, ThermalRows

COVERAGE_PAD_DEG = 0.25
# VIIRS writes l/n/h, Landsat H/M/L
VIIRS_CONFIDENCE = {"l": "low", "n": "nominal", "h": "high", "m": "medium", "low": "low",
                    "nominal": "nominal", "high": "high", "medium": "medium"}
DAYNIGHT = {"d": "day", "n": "night", "day": "day", "night": "night"}


def _times(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Seconds after midnight of acq_time in any of its forms (45, 0045, 00:45, 00:45:00)."""
    when = hhmm(text)
    valid = (when != "").to_numpy(dtype=bool)
    hours = pd.to_numeric(when.str[:2], errors="coerce")
    minutes = pd.to_numeric(when.str[3:], errors="coerce")
    return (hours * 3600 + minutes * 60).where(valid), valid


def detection_ids(fields: pd.DataFrame, incidents: pd.DataFrame,
                  detected_at: pd.Series) -> pd.Series:
    """A detection's identity: satellite, overpass minute and pixel centre (5 decimals, ~1 m),
    e.g. 'firms-N20-20250808T0123-49.17100-33.44700'; '' where one part is missing."""
    satellite = fields["satellite"].str.strip().where(fields["satellite"].str.strip() != "",
                                                      fields["instrument"].str.strip())
    satellite = satellite.str.replace(r"[^0-9A-Za-z]+", "", regex=True).str[:12]
    lat, lon = incidents["latitude"].to_numpy(), incidents["longitude"].to_numpy()
    stamps = detected_at.dt.strftime("%Y%m%dT%H%M").to_numpy(dtype=object)
    ids = [f"firms-{s}-{t}-{a:.5f}-{o:.5f}" if s and isinstance(t, str) and np.isfinite(a)
           and np.isfinite(o) else "" for s, t, a, o in zip(satellite, stamps, lat, lon,
                                                             strict=True)]
    return pd.Series(ids, index=incidents.index, dtype=object)


def _confidence(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    lowered = text.str.lower()
    viirs = lowered.map(VIIRS_CONFIDENCE)
    number = pd.to_numeric(text, errors="coerce")
    modis = number.between(0, 100) & text.str.fullmatch(r"\d{1,3}")
    value = viirs.where(viirs.notna(), text.where(modis, ""))
    valid = (viirs.notna() | modis | (text == "")).to_numpy(dtype=bool)
    return value.fillna(""), valid


def parse_thermal(fields: pd.DataFrame, incidents: pd.DataFrame,
                  issues: RowIssues) -> ThermalRows:
    """Typed values for the rows of a FIRMS file (fields from its preset; incidents from
    geo.importing.rows), problems added to `issues` as rejections."""
    rows = fields.index.to_numpy()
    acq_time = fields["acq_time"] if "acq_time" in fields else fields["time"]
    seconds, time_ok = _times(acq_time)
    issues.add("rejected", rows[~time_ok], [
        f"acq_time '{v}' is not a time of day (FIRMS writes it 140, 0140 or 01:40, UTC); "
        "fix it" for v in acq_time.to_numpy()[~time_ok]])
    frp = pd.to_numeric(fields["frp"], errors="coerce")
    # Landsat gives no fire radiative power (its files have no frp column)
    unstated = fields["frp"].str.strip().eq("") & (
        fields["frp"].str.strip().eq("").all() | fields["instrument"].eq(LANDSAT))
    frp_ok = ((frp >= 0) | unstated).to_numpy(dtype=bool)
    issues.add("rejected", rows[~frp_ok], [
        f"frp '{v}' is not a fire radiative power in MW (a number, 0 or more); fix it"
        for v in fields["frp"].to_numpy()[~frp_ok]])
    confidence, confidence_ok = _confidence(fields["confidence"])
    issues.add("rejected", rows[~confidence_ok], [
        f"confidence '{v}' is neither l/n/h (VIIRS), h/m/l (Landsat) nor 0-100 (MODIS); "
        "fix it"
        for v in fields["confidence"].to_numpy()[~confidence_ok]])
    daynight_text = fields["daynight"] if "daynight" in fields else pd.Series(
        "", index=fields.index, dtype=object)
    detected_at = incidents["date_start"] + pd.to_timedelta(seconds, unit="s")
    incidents["incident_id"] = detection_ids(fields, incidents, detected_at)
    detections = pd.DataFrame({
        "detected_at": detected_at.astype("datetime64[s]"),
        "frp": frp.where(frp_ok),
        "confidence": confidence,
        "satellite": fields["satellite"],
        "instrument": fields["instrument"],
        "daynight": daynight_text.str.lower().map(DAYNIGHT).fillna(daynight_text),
    }, index=fields.index)
    return ThermalRows(detections, coverage_of(incidents))


def coverage_of(incidents: pd.DataFrame, pad: float = COVERAGE_PAD_DEG) -> Coverage | None:
    """The file's acq_date range and the padded box of its detections (None if no row has
    both a date and a point)."""
    placed = incidents.loc[incidents["date_start"].notna() & incidents["latitude"].notna()
                           & incidents["longitude"].notna()]
    if placed.empty:
        return None
    return Coverage(
        date_from=placed["date_start"].min().date(), date_to=placed["date_start"].max().date(),
        west=max(float(placed["longitude"].min()) - pad, -180.0),
        south=max(float(placed["latitude"].min()) - pad, -90.0),
        east=min(float(placed["longitude"].max()) + pad, 180.0),
        north=min(float(placed["latitude"].max()) + pad, 90.0),
    )
