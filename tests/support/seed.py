"""Seed-data views shared by the snapshot, export and share tests."""

from __future__ import annotations

import datetime as dt
from functools import cache

from geo.analysis.filters import apply_filter, date_extent
from geo.render.extents import resolve_extent
from geo.settings import DATA_DIR
from geo.sharing.snapshot import prepare_view
from geo.shipped import read_basemap, read_pipelines
from geo.store.seed import read_seed_incidents, read_seed_sites
from geo.viewstate import ViewState

MADE_AT = dt.datetime(2025, 9, 1, 12, 0, tzinfo=dt.UTC)
KREMENCHUK_TPP = (33.447, 49.171)  # lon, lat: the strike there is placed at the site itself
STRIKE_COLOR = (0xD5, 0x5E, 0x00)


@cache
def seed_data():
    return (read_seed_incidents(DATA_DIR), read_seed_sites(DATA_DIR),
            read_pipelines(DATA_DIR), read_basemap(DATA_DIR))


def seed_state(**changes) -> ViewState:
    incidents = seed_data()[0]
    low, high = date_extent(incidents)
    return ViewState(date_from=changes.pop("date_from", low),
                     date_to=changes.pop("date_to", high), **changes)


def seed_snapshot(state: ViewState | None = None, *, region: str = "ukraine", title: str = "",
                  view=None):
    incidents, sites, pipelines, basemap_parts = seed_data()
    state = state or seed_state()
    if view is None:
        view = apply_filter(incidents, state.view_filter())
    return prepare_view(state=state, view=view, sites=sites, pipeline_routes=pipelines,
                        basemap_parts=basemap_parts,
                        extent=resolve_extent(region=region, sites=sites), title=title,
                        made_at=MADE_AT)
