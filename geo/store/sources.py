"""The sources of every view of a store's current revision (geo.analysis.sources), read
from the store and the shipped data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.analysis.sources import ViewSources, make_sources
from geo.shipped import read_pipelines
from geo.store.incident_store import IncidentStore
from geo.store.reviews import latest_reviews
from geo.store.thermal import thermal_coverage, thermal_detections_frame


def read_sources(store: IncidentStore, data_dir: Path, *,
                 incidents: pd.DataFrame | None = None, routes=None,
                 reviews: pd.DataFrame | None = None, sites: pd.DataFrame | None = None,
                 extending: tuple[ViewSources, pd.DataFrame] | None = None) -> ViewSources:
    """`incidents`: the store's incident frame when the caller has it already (the app
    reads it from its columnar cache); `routes`: the shipped pipeline routes, likewise;
    `reviews`: the latest reviews (geo.store.reviews), likewise; `sites`: the store's
    sites, likewise; `extending`: instead of `incidents`, see
    geo.analysis.sources.make_sources."""
    if incidents is None and extending is None:
        incidents = store.incidents_frame()
    return make_sources(
        incidents=incidents, sites=store.sites_frame() if sites is None else sites,
        reviews=latest_reviews(store) if reviews is None else reviews,
        routes=read_pipelines(Path(data_dir)) if routes is None else routes,
        detections=thermal_detections_frame(store), coverage=thermal_coverage(store),
        extending=extending)
