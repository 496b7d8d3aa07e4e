"""How a distance to a pipeline route is worded, and why a near-pipeline filter can come
back empty: GEM draws some routes schematically (only a few points known, or its own route
accuracy low), so a station that sits on a corridor can be ~20 km from GEM's line. Every
distance to such a line says so, in the popup, the table and the empty filter's note."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.analysis.sources import ViewSources
from geo.viewstate import ViewState

LOW_ACCURACY = "GEM marks the route approximate"
FEW_POINTS = "GEM gives only a few points of the route"


def schematic_reasons(routes: gpd.GeoDataFrame) -> dict[str, str]:
    """Route name -> why its distances are approximate, for the routes drawn schematic (a
    name whose every segment is schematic; a partly schematic name says 'in part')."""
    reasons = {}
    for name, group in routes.groupby("name", sort=False):
        schematic = group["schematic"].astype(bool)
        if not schematic.any():
            continue
        accuracy = group["route_accuracy"].fillna("").str.lower()
        reason = LOW_ACCURACY if (accuracy == "low").any() else FEW_POINTS
        reasons[str(name)] = reason if schematic.all() else f"{reason} in part"
    return reasons


def distance_text(name: str, km: float, reasons: dict[str, str]) -> str:
    if not name or pd.isna(km):
        return ""
    if name in reasons:
        return f"~{km:,.0f} km to GEM's schematic {name} line; {reasons[name]}"
    return f"{km:,.1f} km to {name}"


def distance_texts(names: pd.Series, km: pd.Series, routes: gpd.GeoDataFrame) -> np.ndarray:
    """The wording of each row's nearest-pipeline distance ("" without a point)."""
    reasons = schematic_reasons(routes)
    return np.array([distance_text(n, k, reasons) for n, k in zip(names, km, strict=True)],
                    dtype=object)


def empty_filter_note(state: ViewState, sources: ViewSources, distances: np.ndarray,
                      others: np.ndarray) -> str:
    """Why 'within N km of route' found nothing: the nearest incident that passes the other
    filters and the window, how far it is, and whether the line is schematic. `distances`:
    every incident's km to the route; `others`: the mask of the other filters."""
    reasons = schematic_reasons(sources.routes)
    route = state.pipeline
    line = (f"GEM's schematic {route} line ({reasons[route]})" if route in reasons
            else f"the {route} route")
    candidates = np.flatnonzero(others & ~np.isnan(distances))
    if not len(candidates):
        return f"No incident in this window and these filters has a point to measure to {line}."
    nearest = candidates[np.argmin(distances[candidates])]
    row = sources.incidents.iloc[nearest]
    place = row["place"] or row["incident_id"]
    approx = "~" if route in reasons else ""
    return (f"No incident lies within {state.pipeline_km:g} km of {line}. The nearest in this "
            f"window is {place}, {approx}{distances[nearest]:,.1f} km from it: widen the "
            "distance to include it"
            + (", or read the distance as approximate: the real pipe may run nearer."
               if route in reasons else "."))
