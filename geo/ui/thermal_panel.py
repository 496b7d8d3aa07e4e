"""Under the map: thermal corroboration (NASA FIRMS) of the strikes in view.

A table per strike (status, count, strongest FRP, confidence, satellite, overpass time)
with the search window adjustable (VIIRS defaults, geo.analysis.corroboration), the plain
caption that it is evidence and not proof, and a helpful empty state when no FIRMS data is
imported. The window chosen here is the view's (geo.analysis.view), so exports match.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from geo.analysis.corroboration import (
    DETECTED,
    NONE_DETECTED,
    STATUS_LABELS,
    VIIRS_DEFAULT,
    Window,
)
from geo.analysis.view import View
from geo.dates import describe_dates
from geo.ui import persisted, safe_text

TITLE = "Thermal corroboration (NASA FIRMS)"
CAPTION = ("Evidence, not proof: a fire seen by a satellite near the place and time of a "
           "claimed strike supports the claim; no detection proves nothing, and is only "
           "stated where FIRMS data for that day and area were imported.")
EMPTY = ("Import a FIRMS export on the Import page: download VIIRS 375 m active fires as "
         "CSV for the area and days you need (firms.modaps.eosdis.nasa.gov, *Archive "
         "Download* or *Area* API), then import it with the *NASA FIRMS fire detections* "
         "preset. The detections become the *Thermal detections (FIRMS)* layer and are "
         "matched here with every strike in view.")
DEFAULT = VIIRS_DEFAULT
TABLE_COLUMNS = {
    "place": "Strike (place as written)",
    "status_label": "Thermal status",
    "thermal_count": "Detections",
    "best_frp": "Strongest FRP (MW)",
    "best_confidence": "Confidence",
    "best_satellite": "Satellite",
    "overpass": "Overpass (UTC)",
    "when": "Date",
    "thermal_radius_km": "Searched within (km)",
    "incident_id": "Id",
}


def chosen_window() -> Window:
    return Window(radius_km=float(persisted.value("thermal_radius_km", DEFAULT.radius_km)),
                  hours_before=float(persisted.value("thermal_hours_before",
                                                     DEFAULT.hours_before)),
                  hours_after=float(persisted.value("thermal_hours_after", DEFAULT.hours_after)))


def _window_inputs() -> None:
    left, middle, right = st.columns(3)
    left.number_input("Search radius (km)", min_value=0.1, max_value=50.0, step=0.5,
                      **persisted.widget("thermal_radius_km", DEFAULT.radius_km),
                      help="Around a point placed at the site. A point placed at a town "
                           "centre adds the town's 12 km of uncertainty; region-level "
                           "points are not searched. Default 2 km suits VIIRS 375 m pixels "
                           "on a 1-3 km wide refinery or depot.")
    middle.number_input("Hours before the strike's day", min_value=0.0, max_value=168.0,
                        step=6.0,
                        **persisted.widget("thermal_hours_before", DEFAULT.hours_before),
                        help="Before 00:00 UTC of the first possible day: a claim dated 8 "
                             "Aug is often the night of 7 to 8 Aug.")
    right.number_input("Hours after the strike's day", min_value=0.0, max_value=336.0,
                       step=6.0, **persisted.widget("thermal_hours_after", DEFAULT.hours_after),
                       help="After the end of the last possible day: depots and "
                            "refineries burn for a day or more, and clouds hide passes.")


def table_frame(strikes: pd.DataFrame, result: pd.DataFrame) -> pd.DataFrame:
    rows = strikes[["incident_id", "place", "date_start", "date_end", "date_precision"]] \
        .join(result)
    detected = rows["thermal_status"] == DETECTED
    out = rows.assign(
        when=describe_dates(rows),
        status_label=rows["thermal_status"].map(STATUS_LABELS),
        overpass=pd.to_datetime(rows["best_detected_at"]).dt.strftime("%d %b %Y %H:%M")
        .fillna(""),
        # text, so that "no data" is an empty cell and not a count of none
        thermal_count=np.where(detected | (rows["thermal_status"] == NONE_DETECTED),
                               rows["thermal_count"].astype("Int64").astype(str), ""),
        best_frp=[f"{v:g}" if np.isfinite(v) else "" for v in rows["best_frp"]],
        order=np.where(detected, 0, 1),
    )
    out = out.sort_values(["order", "date_start", "incident_id"])
    return out.reindex(columns=list(TABLE_COLUMNS)).rename(columns=TABLE_COLUMNS)


def expander_label(result: pd.DataFrame | None, strike_count: int) -> str:
    if result is None or not strike_count:
        return TITLE
    found = int((result["thermal_status"] == DETECTED).sum())
    return f"{TITLE}: {found} of {strike_count} strikes in view with detections"


def render(view: View) -> None:
    """The panel for the strikes of `view`, whose search window is the one chosen here
    (chosen_window, read before the view is made), so the exports carry the same counts."""
    result = view.corroboration()
    strike_count = len(view.strikes)
    # keyed: the label carries the count, and a changed label must not close the panel
    with st.expander(expander_label(result, strike_count), key="thermal_panel"):
        st.caption(CAPTION)
        if result is None:
            st.info(EMPTY)
            return
        _window_inputs()
        if not strike_count:
            st.info("No strikes in this window and these filters; widen the date window or "
                    "clear a filter in the sidebar.")
            return
        st.dataframe(safe_text.table(table_frame(view.strikes, result)), hide_index=True,
                     width="stretch")
        window = view.thermal_window
        default = safe_text.text(DEFAULT.describe())
        st.caption(f"{view.thermal_in_view:,} thermal detection(s) in this window. Detections "
                   f"are matched {safe_text.text(window.describe())} each strike's date, in "
                   "UTC. Exports carry these counts; popups on the map use the VIIRS defaults "
                   f"({DEFAULT.radius_km:g} km, {default}).")
