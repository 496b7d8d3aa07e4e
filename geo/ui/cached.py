"""Cached loaders: the store and shipped data once per process, reads once per revision."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from geo.analysis.corroboration import VIIRS_DEFAULT, Window
from geo.analysis.sources import ViewSources, extendable
from geo.analysis.view import View, incidents_in_view
from geo.geocoding.gazetteer import GazetteerIndex
from geo.geocoding.geocoder import load_geocoder
from geo.settings import Settings
from geo.shipped import read_basemap, read_pipelines
from geo.store import frame_cache
from geo.store.frame_memory import Held
from geo.store.incident_store import IncidentStore
from geo.store.reviews import reviews_at
from geo.store.sources import read_sources
from geo.ui.newest import NewestPerStore, store_key
from geo.viewstate import Extent, ViewState


def settings() -> Settings:
    """Read from the environment on every run (cheap), so a changed INCIDENT_MAP_DB is seen."""
    return Settings.from_env()


@st.cache_resource(show_spinner="Opening the incident store…")
def store(database_url: str, data_dir: str) -> IncidentStore:
    return IncidentStore.open(database_url, Path(data_dir))


# the newest of each made per store, brought forward to the next revision after a write
_NEWEST_FRAMES: NewestPerStore[Held] = NewestPerStore()
_NEWEST_REVIEWS: NewestPerStore[pd.DataFrame] = NewestPerStore()
_NEWEST_SOURCES: NewestPerStore[ViewSources] = NewestPerStore()


def incidents(database_url: str, data_dir: str, revision: int) -> pd.DataFrame:
    return held_incidents(database_url, data_dir, revision).frame


# cache_resource, not cache_data: the frames are read-only here, and cache_data would hand
# every rerun a fresh copy (~0.2 s at 100,000 incidents).
@st.cache_resource(show_spinner="Loading incidents…", max_entries=4)
def held_incidents(database_url: str, data_dir: str, revision: int) -> Held:
    """From the columnar copy of this revision (geo.store.frame_cache) when there is one,
    or this process's newest frame with the rows imported since (geo.store.frame_memory)."""
    incident_store = store(database_url, data_dir)
    key = _store_key(database_url, incident_store)
    older = _NEWEST_FRAMES.get(key)
    held = frame_cache.held_frame(incident_store, database_url, settings().cache_dir,
                                  write_behind=True, older=older[1] if older else None)
    _NEWEST_FRAMES.offer(key, held.kept_revision, held)
    return held


def _store_key(database_url: str, incident_store: IncidentStore) -> str:
    return store_key(database_url, incident_store.store_id())


@st.cache_resource(show_spinner=False, max_entries=4)
def sites(database_url: str, data_dir: str, revision: int):
    return store(database_url, data_dir).sites_frame()


@st.cache_resource(show_spinner="Loading the gazetteer…")
def gazetteer() -> GazetteerIndex:
    """The geocoder's gazetteer index (built once per machine, then memory-mapped)."""
    return load_geocoder(settings()).index


@st.cache_resource(show_spinner="Loading basemap and pipelines…")
def shipped_layers(data_dir: str):
    """Basemap parts and pipeline routes: read-only, shared by every session."""
    return read_basemap(Path(data_dir)), read_pipelines(Path(data_dir))


@st.cache_resource(show_spinner=False, max_entries=4)
def reviews(database_url: str, data_dir: str, revision: int) -> pd.DataFrame:
    """The latest reviews (geo.store.reviews), from the newest read of this process brought
    forward when the revision log allows: after a write, only what it touched is read."""
    incident_store = store(database_url, data_dir)
    key = _store_key(database_url, incident_store)
    read_at, frame = reviews_at(incident_store, _NEWEST_REVIEWS.get(key))
    _NEWEST_REVIEWS.offer(key, read_at, frame)
    return frame


@st.cache_resource(show_spinner="Loading incidents…", max_entries=4)
def sources(database_url: str, data_dir: str, revision: int) -> ViewSources:
    """What every view of this revision is derived from (geo.analysis.sources), shared by
    every session: its memo keeps the measured columns once per revision. After an import
    only, this process's newest sources extended with the rows it added."""
    incident_store = store(database_url, data_dir)
    held = held_incidents(database_url, data_dir, revision)
    stored_sites = sites(database_url, data_dir, revision)
    common = dict(routes=shipped_layers(data_dir)[1], sites=stored_sites,
                  reviews=reviews(database_url, data_dir, revision))

    def extend(older: ViewSources) -> ViewSources | None:
        if not extendable(older, stored_sites):
            return None
        return read_sources(incident_store, Path(data_dir), extending=(older, held.added),
                            **common)

    return _NEWEST_SOURCES.made_for(
        _store_key(database_url, incident_store), held, extend,
        lambda: read_sources(incident_store, Path(data_dir), incidents=held.frame, **common))


def view(state: ViewState, database_url: str, data_dir: str, revision: int,
         thermal_window: Window = VIIRS_DEFAULT, bbox: Extent | None = None) -> View:
    """The incidents in view (geo.analysis.view), inside `bbox` when given (the map's
    visible area): cheap to make again on every rerun, since what it measures is kept in
    the sources' memo."""
    return incidents_in_view(state, sources(database_url, data_dir, revision), bbox=bbox,
                             thermal_window=thermal_window)
