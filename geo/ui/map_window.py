"""Which incidents the map holds, and where the sidebar date window is applied.

In the page (the usual case): the map holds the drawable incidents of every date that pass
the other filters, cached without the window; a window change sends only a tiny script
(geo.render.time_control.sidebar_window_group) that narrows the mounted map to it, so the
map is neither rebuilt nor reloaded (about 1.5 s instead of 6 s at 100,000 incidents).
Points outside the window are not drawn, not counted and not clickable.

On the server (as before): the map holds only the window's incidents and is rebuilt for
each window. Used when every date's incidents are too many to send at once
(> WINDOW_IN_PAGE_LIMIT drawable), or when the window's points are few enough for their
popups to be embedded (<= DEFAULT_POPUP_LIMIT) but every date's are not: a map of every
date would then show summaries instead of the full popups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from geo.filters import filter_mask
from geo.render.canvas_points import DEFAULT_POPUP_LIMIT
from geo.render.folium_map import DEFAULT_CENTER, DEFAULT_ZOOM
from geo.ui import cached
from geo.viewstate import ViewState

WINDOW_IN_PAGE_LIMIT = 250_000  # drawable incidents of every date: about 8 MB of map
EVERY_DATE = "every date"


@dataclass(frozen=True)
class MapPlan:
    key: tuple  # what the cached map depends on besides the data revision
    window_in_page: bool
    time_window: tuple[dt.date, dt.date] | None  # the span of the in-map time control
    incidents: Callable[[], pd.DataFrame]  # the drawable incidents the map holds


def drawable_mask(incidents: pd.DataFrame) -> np.ndarray:
    """As geo.filters.split_mapped: rows with a point to draw."""
    return (incidents["latitude"].notna() & incidents["longitude"].notna()).to_numpy()


def plan_map(state: ViewState, *, revision: int, mapped: pd.DataFrame,
             incidents: pd.DataFrame | None, pipeline_routes,
             every_date: np.ndarray | None = None,
             annotate: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> MapPlan:
    """`incidents`: every stored incident; `every_date`: the mask of those passing every
    filter but the window (computed from the view's filter when not given, but only the
    caller knows filters such as the pipeline distance); `annotate` adds the popup columns
    (reviews, thermal evidence) to the ones the map will hold."""
    # every field of the view but the window, where the map looks and what is selected
    filters = replace(state, date_from=None, date_to=None, center=DEFAULT_CENTER,
                      zoom=DEFAULT_ZOOM, selected="")
    if incidents is not None:
        if every_date is None:
            every_date = filter_mask(incidents, replace(state.view_filter(), date_from=None,
                                                        date_to=None))
        mask = every_date & drawable_mask(incidents)
        count = int(mask.sum())
        keeps_popups = count <= DEFAULT_POPUP_LIMIT or len(mapped) > DEFAULT_POPUP_LIMIT
        if count <= WINDOW_IN_PAGE_LIMIT and keeps_popups:
            def every_date_incidents() -> pd.DataFrame:
                frame = incidents.loc[mask]
                if annotate is not None:
                    frame = annotate(frame)
                if count <= DEFAULT_POPUP_LIMIT:  # popups embedded: they name the pipeline
                    frame = frame.join(cached.pipeline_context(
                        revision, (EVERY_DATE, filters), frame, pipeline_routes))
                return frame

            return MapPlan((EVERY_DATE, filters), True, None, every_date_incidents)
    window = (state.date_from, state.date_to)
    return MapPlan((*window, filters), False, window, lambda: mapped)
