"""Thermal corroboration: NASA FIRMS detections near a strike in space and time.

Evidence, not proof: a fire seen by a satellite near a refinery on the day of a claimed
strike supports the claim; no detection proves nothing, and "none detected" is said only
where an imported FIRMS batch covered every day of the strike and the strike's point
(geo.store.thermal.thermal_coverage), otherwise the status is "no_data".

Defaults suit VIIRS 375 m pixels (S-NPP, NOAA-20, NOAA-21):
- space: 2 km around a point placed at the site. A VIIRS I-band pixel is 375 m at nadir
  and ~800 m at the scan edge, and FIRMS gives the pixel's centre, so the fire itself can
  be ~0.5 km away; a refinery or depot is 1-3 km across and the point names the site, not
  the tank that burned. A point placed at a town centre adds the town's uncertainty
  (12 km, as site linking does); region- or country-level points are too vague to search.
- time: from 12 h before the strike's first possible day (claims dated 8 Aug are often
  "the night of 7 to 8 Aug", and local midnight is 21:00 UTC in Ukraine in summer) to
  48 h after its last (depots and refineries burn for a day or more; the three VIIRS
  satellites pass about six times a day, with gaps of up to ~12 h and cloud in between).
Detection times are UTC; a strike's days are taken as UTC days (the 12 h margin covers the
offset).

Vectorised: detections sorted once by (grid cell, time); each strike's time window in its
own and the neighbouring cells is found with `searchsorted`, and exact distances are
measured for those candidates only, in chunks. Near the 180th meridian, cells across it
are not compared.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.analysis.site_matching import PRECISION_RADIUS_KM, haversine_km

CORROBORATED_CATEGORIES = ("strike",)
DETECTED, NONE_DETECTED, NO_DATA, TOO_VAGUE = ("detected", "none_detected", "no_data",
                                                "location_too_vague")
STATUS_LABELS = {
    DETECTED: "detected",
    NONE_DETECTED: "none detected (data imported)",
    NO_DATA: "no FIRMS data for these days and area",
    TOO_VAGUE: "location too vague to search",
}
# km added to the search radius by how loosely the strike's point is known
PRECISION_WIDENING_KM = {"site": 0.0, "town": PRECISION_RADIUS_KM["town"]}
EVIDENCE_NOTE = "Evidence, not proof."
NONE_TEXT = ("No FIRMS detection near the strike's place and time in the imported data, "
             "which covered those days and this area. Absence is not proof either way.")
MAX_PAIRS = 2_000_000  # candidate (strike, detection) pairs measured at once
KM_PER_DEGREE = 111.0
_TIME_BITS, _LON_CELLS = 34, 1 << 14
RESULT_COLUMNS = ("thermal_status", "thermal_count", "best_frp", "best_confidence",
                  "best_satellite", "best_detected_at", "thermal_radius_km", "thermal_summary")


@dataclass(frozen=True)
class Window:
    radius_km: float = 2.0     # around a point placed at the site itself
    hours_before: float = 12.0  # before the first possible day of the strike (00:00 UTC)
    hours_after: float = 48.0   # after the end of its last possible day

    def describe(self) -> str:
        return f"{self.hours_before:g} h before to {self.hours_after:g} h after"


VIIRS_DEFAULT = Window()


def _seconds(values) -> np.ndarray:
    return pd.to_datetime(pd.Series(values)).to_numpy().astype("datetime64[s]").astype(np.int64)


def _empty_result(index) -> pd.DataFrame:
    return pd.DataFrame({
        "thermal_status": pd.Series(NO_DATA, index=index, dtype=object),
        "thermal_count": np.zeros(len(index), dtype=np.int64),
        "best_frp": np.full(len(index), np.nan),
        "best_confidence": pd.Series("", index=index, dtype=object),
        "best_satellite": pd.Series("", index=index, dtype=object),
        "best_detected_at": pd.Series(pd.NaT, index=index, dtype="datetime64[s]"),
        "thermal_radius_km": np.full(len(index), np.nan),
        "thermal_summary": pd.Series("", index=index, dtype=object),
    }, index=index)


def _pairs(lo: np.ndarray, hi: np.ndarray, rows: np.ndarray):
    """(strike row, sorted detection position) for every detection in each key range."""
    counts = hi - lo
    strike = np.repeat(rows, counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return strike, np.repeat(lo, counts) + offsets


def _chunks(counts: np.ndarray):
    """Consecutive slices of strikes whose candidate pairs stay near MAX_PAIRS."""
    start, total = 0, 0
    for i, count in enumerate(counts.tolist()):
        if total and total + count > MAX_PAIRS:
            yield slice(start, i)
            start, total = i, 0
        total += count
    if start < len(counts):
        yield slice(start, len(counts))


def _grid(radius_km: float, latitudes: np.ndarray) -> tuple[float, float]:
    """(lon, lat) cell size in degrees: at least the largest radius everywhere, so every
    detection in reach lies in a strike's own cell or one of its eight neighbours."""
    height = max(radius_km / KM_PER_DEGREE, 0.05)
    highest = min(float(np.max(np.abs(latitudes))) if len(latitudes) else 0.0, 89.0)
    return height / max(np.cos(np.radians(highest)), 0.02), height


def _cells(lat, lon, size) -> tuple[np.ndarray, np.ndarray]:
    return (np.floor((lon + 180.0) / size[0]).astype(np.int64),
            np.floor((lat + 90.0) / size[1]).astype(np.int64))


def _key(cell_x, cell_y, seconds) -> np.ndarray:
    """One sortable int64 per (cell, time): cells below 2**29, seconds within +-2**33."""
    return ((cell_y * _LON_CELLS + cell_x) << _TIME_BITS) + (seconds + 2 ** (_TIME_BITS - 1))


def _matches(lat, lon, radius, start_s, end_s, detections: pd.DataFrame):
    """Every (strike row, detection row) within the radius and the time window.

    Detections are sorted by (grid cell, time); each strike asks its own and the eight
    neighbouring cells for its time window with `searchsorted`, then measures distances
    for those candidates only (a strike's date interval may span months)."""
    det_lat = detections["latitude"].to_numpy(np.float64)
    det_lon = detections["longitude"].to_numpy(np.float64)
    size = _grid(float(radius.max()), np.r_[lat, det_lat])
    keys = _key(*_cells(det_lat, det_lon, size), _seconds(detections["detected_at"]))
    order = np.argsort(keys, kind="stable")
    keys, det_lat, det_lon = keys[order], det_lat[order], det_lon[order]
    cell_x, cell_y = _cells(lat, lon, size)
    rows = np.arange(len(lat))
    found_strike, found_detection = [], []
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            lo = np.searchsorted(keys, _key(cell_x + dx, cell_y + dy, start_s), side="left")
            hi = np.searchsorted(keys, _key(cell_x + dx, cell_y + dy, end_s), side="right")
            for part in _chunks(hi - lo):
                strike, position = _pairs(lo[part], hi[part], rows[part])
                distance = haversine_km(lat[strike], lon[strike], det_lat[position],
                                        det_lon[position])
                keep = distance <= radius[strike]
                found_strike.append(strike[keep])
                found_detection.append(order[position[keep]])
    return np.concatenate(found_strike), np.concatenate(found_detection)


def covered(lat, lon, first_day, last_day, coverage: pd.DataFrame) -> np.ndarray:
    """Mask: every day first_day..last_day lies in imported batches whose area holds the
    point (batches may join end to end: 1-7 Aug and 8-14 Aug cover 6-9 Aug)."""
    reach = np.asarray(first_day, dtype="datetime64[D]") - np.timedelta64(1, "D")
    if coverage.empty:
        return np.zeros(len(reach), dtype=bool)
    for row in coverage.sort_values("date_from").itertuples():  # a few rows: one per batch
        inside = ((lat >= row.south) & (lat <= row.north)
                  & (lon >= row.west) & (lon <= row.east))
        begins = np.datetime64(row.date_from, "D")
        joins = inside & (begins <= reach + np.timedelta64(1, "D"))
        reach = np.where(joins, np.maximum(reach, np.datetime64(row.date_to, "D")), reach)
    return reach >= np.asarray(last_day, dtype="datetime64[D]")


def _summary(count: int, radius: float, window: Window, best) -> str:
    found = (f"{count} FIRMS detection{'s' if count != 1 else ''} within {radius:g} km, "
             f"{window.describe()} the strike's date")
    if pd.notna(best.frp):
        found += f"; strongest {best.frp:g} MW"
    return (f"{found} ({best.satellite} {best.instrument}, confidence {best.confidence}, "
            f"{pd.Timestamp(best.detected_at):%d %b %Y %H:%M} UTC). {EVIDENCE_NOTE}")


def corroborate(strikes: pd.DataFrame, detections: pd.DataFrame, coverage: pd.DataFrame,
                window: Window = VIIRS_DEFAULT) -> pd.DataFrame:
    """Per strike (index kept): the RESULT_COLUMNS.

    `strikes` need latitude, longitude, geo_precision, date_start, date_end; `detections`
    latitude, longitude, detected_at (UTC), frp, confidence, satellite, instrument;
    `coverage` date_from, date_to, west, south, east, north (geo.store.thermal)."""
    out = _empty_result(strikes.index)
    widening = strikes["geo_precision"].map(PRECISION_WIDENING_KM).to_numpy(np.float64)
    lat = strikes["latitude"].to_numpy(np.float64)
    lon = strikes["longitude"].to_numpy(np.float64)
    usable = ~(np.isnan(widening) | np.isnan(lat) | np.isnan(lon))
    out.loc[~usable, "thermal_status"] = TOO_VAGUE
    radius = window.radius_km + np.nan_to_num(widening)
    out["thermal_radius_km"] = np.where(usable, radius, np.nan)
    first_day = strikes["date_start"].to_numpy().astype("datetime64[D]")
    last_day = strikes["date_end"].to_numpy().astype("datetime64[D]")
    start_s = (first_day.astype("datetime64[s]").astype(np.int64)
               - round(window.hours_before * 3600))
    end_s = ((last_day + np.timedelta64(1, "D")).astype("datetime64[s]").astype(np.int64)
             + round(window.hours_after * 3600))
    is_covered = covered(lat, lon, first_day, last_day, coverage) & usable
    out.loc[is_covered, "thermal_status"] = NONE_DETECTED
    out.loc[is_covered, "thermal_summary"] = NONE_TEXT
    if detections.empty or not usable.any():
        return out
    rows = np.flatnonzero(usable)
    strike, detection = _matches(lat[rows], lon[rows], radius[rows], start_s[rows],
                                 end_s[rows], detections)
    if len(strike) == 0:
        return out
    strike = rows[strike]
    frp = detections["frp"].to_numpy(np.float64)[detection]
    counts = np.bincount(strike, minlength=len(strikes))
    best_order = np.lexsort((np.nan_to_num(frp, nan=-np.inf), strike))
    last_of_strike = np.r_[strike[best_order][1:] != strike[best_order][:-1], True]
    best_strike = strike[best_order][last_of_strike]
    best = detections.iloc[detection[best_order][last_of_strike]]
    found = strikes.index[best_strike]
    out.loc[found, "thermal_status"] = DETECTED
    out.loc[found, "thermal_count"] = counts[best_strike]
    out.loc[found, "best_frp"] = best["frp"].to_numpy(np.float64)
    out.loc[found, "best_confidence"] = best["confidence"].to_numpy(dtype=object)
    out.loc[found, "best_satellite"] = (best["satellite"] + " " + best["instrument"]) \
        .str.strip().to_numpy(dtype=object)
    out.loc[found, "best_detected_at"] = pd.to_datetime(best["detected_at"]).to_numpy()
    out.loc[found, "thermal_summary"] = [
        _summary(int(counts[s]), float(radius[s]), window, b)
        for s, b in zip(best_strike, best.itertuples(), strict=True)]
    return out
