"""What every view of one store revision is derived from (ViewSources), with the columns
every incident carries whatever the view: its linked site's name and operator, and who last
reviewed its claim status and when. geo.store.sources reads them from a store; the app keeps
one per revision (geo.ui.cached), the command line reads one per command."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.analysis.memo import Memo
from geo.analysis.site_history import sites_with_history, with_site_columns
from geo.schema import DETECTION_COLUMNS, THERMAL_CATEGORY


@dataclass(frozen=True, eq=False)
class ViewSources:
    incidents: pd.DataFrame  # every stored incident (index = position), see make_sources
    sites: pd.DataFrame      # the register with the claim history its popups show
    routes: gpd.GeoDataFrame  # pipeline routes (shipped)
    detections: pd.DataFrame  # stored FIRMS detections with their points (geo.store.thermal)
    coverage: pd.DataFrame    # what each FIRMS import covered
    register: pd.DataFrame | None = None  # the sites as stored (before their history)
    memo: Memo = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "memo", Memo(len(self.incidents)))

    @functools.cached_property
    def has_thermal_data(self) -> bool:
        return not (self.detections.empty and self.coverage.empty)

    @functools.cached_property
    def typed_detections(self) -> pd.DataFrame:
        """The typed FIRMS values by incident id (thermal rows' popups and exports)."""
        return self.detections.set_index("incident_id")[list(DETECTION_COLUMNS)]

    @functools.cached_property
    def thermal_stored(self) -> int:
        """Thermal detections stored: counted apart from the claims."""
        return int((self.incidents["category"] == THERMAL_CATEGORY).sum())


def with_last_review(incidents: pd.DataFrame, reviews: pd.DataFrame) -> pd.DataFrame:
    """`incidents` with last_reviewed_by ('' when never reviewed) and last_reviewed_at (UTC,
    NaT when never reviewed); `reviews` by incident id (geo.store.reviews.latest_reviews).
    Each id's review is found with Arrow's hash lookup: pandas' isin and reindex of
    1,000,000 text ids cost about a second on every new revision."""
    by = np.full(len(incidents), "", dtype=object)
    at = np.full(len(incidents), np.datetime64("NaT"), dtype="datetime64[us]")
    if len(reviews):
        ids = pa.array(incidents["incident_id"].to_numpy(dtype=object), type=pa.string())
        known = pa.array(reviews.index.to_numpy(dtype=object), type=pa.string())
        found = pc.fill_null(pc.index_in(ids, value_set=known), -1).to_numpy()
        reviewed = found >= 0
        rows = found[reviewed]
        by[reviewed] = reviews["last_reviewed_by"].fillna("").astype(str).to_numpy(
            dtype=object)[rows]
        at[reviewed] = (pd.to_datetime(reviews["last_reviewed_at"], utc=True)
                        .dt.tz_convert(None).to_numpy(dtype="datetime64[us]")[rows])
    return incidents.assign(last_reviewed_by=by,
                            last_reviewed_at=pd.DatetimeIndex(at).tz_localize("UTC"))


def make_sources(*, incidents: pd.DataFrame | None, sites: pd.DataFrame,
                 reviews: pd.DataFrame, routes: gpd.GeoDataFrame, detections: pd.DataFrame,
                 coverage: pd.DataFrame,
                 extending: tuple[ViewSources, pd.DataFrame] | None = None) -> ViewSources:
    """The sources of one revision from what the store holds: `incidents` and `sites` as
    stored, `reviews` the latest review per incident id. `extending`: (older sources, rows)
    instead of `incidents` when they are the older sources' incidents with `rows` after
    them, the writes between having changed nothing else (imports of new incidents only,
    geo.store.frame_memory) and the sites being the same (`extendable`): only the rows
    added are prepared (at 1,000,000 incidents 0.25 s less)."""
    if extending is not None:
        older, added = extending
        prepared = pd.concat([older.incidents, with_last_review(
            with_site_columns(added, sites), reviews)], ignore_index=True)
    else:
        prepared = with_last_review(with_site_columns(incidents, sites),
                                    reviews).reset_index(drop=True)
    return ViewSources(incidents=prepared, sites=sites_with_history(sites, prepared),
                       routes=routes, detections=detections, coverage=coverage,
                       register=sites)


def extendable(older: ViewSources, sites: pd.DataFrame) -> bool:
    """Whether `older` may be extended with rows added since (make_sources), the sites
    being `sites` now."""
    return older.register is not None and sites.equals(older.register)
