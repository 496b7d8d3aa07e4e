"""Views for tests: the incidents in view (geo.analysis.view) over a store or a frame."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.analysis.filters import date_extent
from geo.analysis.sources import ViewSources, make_sources
from geo.analysis.view import View, incidents_in_view
from geo.schema import DETECTION_COLUMNS, SITE_COLUMNS
from geo.store.sources import read_sources
from geo.viewstate import ViewState


def whole_state(incidents: pd.DataFrame, **fields) -> ViewState:
    """Every date of `incidents`, with the given fields."""
    low, high = date_extent(incidents)
    return ViewState(date_from=low, date_to=high, **fields)


def store_view(store, state: ViewState | None = None, **options) -> View:
    """The view of `state` (every date by default) over the store, as the CLI makes it."""
    sources = read_sources(store, store.data_dir)
    return incidents_in_view(state or whole_state(sources.incidents), sources, **options)


def frame_sources(incidents: pd.DataFrame, *, sites: pd.DataFrame | None = None,
                  routes: gpd.GeoDataFrame | None = None) -> ViewSources:
    """Sources of a frame of incidents with no store: no reviews, no FIRMS data; no sites or
    routes unless given."""
    return make_sources(
        incidents=incidents,
        sites=pd.DataFrame(columns=list(SITE_COLUMNS)) if sites is None else sites,
        reviews=pd.DataFrame(columns=["last_reviewed_by", "last_reviewed_at"],
                             index=pd.Index([], name="incident_id")),
        routes=gpd.GeoDataFrame({"name": []}, geometry=[], crs=4326) if routes is None
        else routes,
        detections=pd.DataFrame(columns=["incident_id", "latitude", "longitude", "batch_id",
                                         *DETECTION_COLUMNS]),
        coverage=pd.DataFrame(columns=["batch_id", "date_from", "date_to", "west", "south",
                                       "east", "north"]))
