"""The incidents in view: the one place that turns a view state and the sources of one
store revision (geo.analysis.sources) into the incidents a view shows, with every derived
column.

The app, the command line, exports and snapshots all call `incidents_in_view`, so a view
exported from the page and from `python -m geo export` holds the same rows with the same
columns. Derived columns of an incident row:
- site_name, site_operator (the linked site), last_reviewed_by, last_reviewed_at (sources);
- nearest_pipeline, pipeline_distance_km (geo.analysis.network), for every row with a point,
  and pipeline_text, their wording (geo.analysis.pipeline_notes: a schematic line says so);
- on thermal detections, their typed FIRMS values; on strikes, the corroboration columns
  (geo.analysis.corroboration) under the view's search window, whenever FIRMS data are
  stored, whatever the number of strikes.
The costly ones are computed once per revision and row (geo.analysis.memo).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from geo.analysis.corroboration import (
    CORROBORATED_CATEGORIES,
    RESULT_COLUMNS,
    VIIRS_DEFAULT,
    Window,
    corroborate,
)
from geo.analysis.filters import filter_mask, window_mask
from geo.analysis.network import NEAREST_COLUMNS, distance_to_route, nearest_pipeline
from geo.analysis.operators import family_mask
from geo.analysis.pipeline_notes import distance_texts, empty_filter_note
from geo.analysis.sources import ViewSources
from geo.errors import FilterError
from geo.schema import DETECTION_COLUMNS, THERMAL_CATEGORY
from geo.viewstate import MAX_PIPELINE_KM, Extent, ViewState


@dataclass(frozen=True, eq=False)
class View:
    state: ViewState
    sources: ViewSources
    every_date: np.ndarray  # rows of sources.incidents passing every filter but the window
    in_view: np.ndarray     # ... and the window (and the clip box, when one was given)
    thermal_window: Window = VIIRS_DEFAULT
    # with a near-pipeline filter: the rows in view but for that filter
    before_route: np.ndarray | None = None

    @functools.cached_property
    def incidents(self) -> pd.DataFrame:
        """The incidents in view with every derived column."""
        return self.annotate(self.sources.incidents.loc[self.in_view], self.thermal_window)

    @functools.cached_property
    def plain(self) -> pd.DataFrame:
        """The incidents in view with the columns every incident carries, without the
        measured ones (what counts, the map and the timeline need)."""
        return self.sources.incidents.loc[self.in_view]

    @property
    def mapped(self) -> pd.DataFrame:
        """The incidents in view with a point to draw."""
        return self.incidents.loc[drawable(self.incidents)]

    @property
    def unmapped(self) -> pd.DataFrame:
        """The incidents in view known only to country level (no point)."""
        return self.incidents.loc[~drawable(self.incidents)]

    @functools.cached_property
    def sites(self) -> pd.DataFrame:
        """The register with `in_view`: False hides a site the operator filter leaves out."""
        sites, operators = self.sources.sites, self.state.operators
        keep = (np.ones(len(sites), dtype=bool) if operators is None
                else family_mask(sites["operator"], [name for name in operators if name]))
        return sites.assign(in_view=keep)

    @functools.cached_property
    def thermal_in_view(self) -> int:
        return int((self.plain["category"] == THERMAL_CATEGORY).sum())

    @functools.cached_property
    def strikes(self) -> pd.DataFrame:
        """The incidents in view that thermal detections can corroborate."""
        return self.plain.loc[self.plain["category"].isin(CORROBORATED_CATEGORIES)]

    def corroboration(self) -> pd.DataFrame | None:
        """RESULT_COLUMNS for the strikes in view under the view's search window (None while
        no FIRMS data are stored)."""
        if not self.sources.has_thermal_data:
            return None
        return _corroboration(self.sources, self.strikes, self.thermal_window)

    def annotate(self, frame: pd.DataFrame, window: Window | None = None, *,
                 measured: bool = True) -> pd.DataFrame:
        """`frame` (rows of sources.incidents) with the typed FIRMS values on thermal rows
        and, when `measured`, the nearest pipeline and the corroboration of strikes under
        `window` (the view's by default), and with a near-pipeline filter the distance to
        its route worded (route_text: the nearest line may be another one)."""
        frame = annotate(self.sources, frame, window or self.thermal_window, measured=measured)
        route = self.state.pipeline
        if measured and route:
            km = route_distances(self.sources, route)[frame.index.to_numpy()]
            frame["route_text"] = distance_texts(pd.Series([route] * len(frame)), km,
                                                 self.sources.routes)
        return frame


def drawable(frame: pd.DataFrame) -> np.ndarray:
    return (frame["latitude"].notna() & frame["longitude"].notna()).to_numpy()


def incidents_in_view(state: ViewState, sources: ViewSources, *, bbox: Extent | None = None,
                      thermal_window: Window = VIIRS_DEFAULT) -> View:
    """The view of `state` over `sources`; `bbox` also keeps only the incidents inside it
    (exports of a region), `thermal_window` the search window of the corroboration."""
    incidents = sources.incidents
    every_date = filter_mask(incidents, replace(state.view_filter(), date_from=None,
                                                date_to=None, bbox=bbox))
    window = window_mask(incidents, state.date_from, state.date_to)
    before_route = None
    if state.pipeline:
        before_route = every_date & window
        every_date = every_date & near_route_mask(sources, state.pipeline, state.pipeline_km)
    in_view = every_date & window
    return View(state, sources, every_date, in_view, thermal_window, before_route)


def empty_route_note(view: View) -> str:
    """Why the near-pipeline filter kept no incident (the nearest one and how far, and
    whether the line is schematic); "" when it kept some or no route is chosen."""
    if view.before_route is None or view.in_view.any():
        return ""
    return empty_filter_note(view.state, view.sources,
                             route_distances(view.sources, view.state.pipeline),
                             view.before_route)


def route_distances(sources: ViewSources, route: str) -> np.ndarray:
    """Every incident's km to the named route, measured once per revision."""
    incidents = sources.incidents

    def measure() -> np.ndarray:
        return distance_to_route(sources.routes, route, incidents["latitude"],
                                 incidents["longitude"])

    return sources.memo.column(("route distance", route), measure)


def near_route_mask(sources: ViewSources, route: str, km: float) -> np.ndarray:
    """Incidents within `km` of the named route: every incident's distance to it is measured
    once per revision, so moving the window or the distance costs nothing."""
    if not 0 < km <= MAX_PIPELINE_KM:
        raise FilterError(f"Within {km:g} km of a pipeline is not a distance between 0 and "
                          f"{MAX_PIPELINE_KM:g} km")
    return route_distances(sources, route) <= km


def annotate(sources: ViewSources, frame: pd.DataFrame, window: Window, *,
             measured: bool = True) -> pd.DataFrame:
    frame = frame.drop(columns=[c for c in (*NEAREST_COLUMNS, "pipeline_text", "route_text",
                                            *DETECTION_COLUMNS, *RESULT_COLUMNS)
                                if c in frame])
    if measured:
        frame = frame.join(_nearest(sources, frame))
        frame["pipeline_text"] = distance_texts(frame["nearest_pipeline"],
                                                frame["pipeline_distance_km"], sources.routes)
    if not sources.has_thermal_data:
        return frame
    if (frame["category"] == THERMAL_CATEGORY).any() and not sources.typed_detections.empty:
        frame = frame.join(sources.typed_detections, on="incident_id")
    if not measured:
        return frame
    strikes = frame.loc[frame["category"].isin(CORROBORATED_CATEGORIES)]
    return frame.join(_corroboration(sources, strikes, window))


def _nearest(sources: ViewSources, frame: pd.DataFrame) -> pd.DataFrame:
    def measure(rows: pd.DataFrame) -> pd.DataFrame:
        return nearest_pipeline(rows["latitude"], rows["longitude"],
                                sources.routes).set_index(rows.index)

    return sources.memo.row_memo("nearest pipeline", measure, NEAREST_COLUMNS).rows(frame)


def _corroboration(sources: ViewSources, strikes: pd.DataFrame, window: Window) -> pd.DataFrame:
    def match(rows: pd.DataFrame) -> pd.DataFrame:
        return corroborate(rows, sources.detections, sources.coverage, window)

    memo = sources.memo.row_memo(("corroboration", window), match, RESULT_COLUMNS)
    return memo.rows(strikes)
