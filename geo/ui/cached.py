"""Cached loaders: the store and shipped data once per process, reads once per revision."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo import frame_cache
from geo.network import nearest_pipeline
from geo.settings import Settings
from geo.shipped import read_basemap, read_pipelines
from geo.store import IncidentStore


def settings() -> Settings:
    """Read from the environment on every run (cheap), so a changed INCIDENT_MAP_DB is seen."""
    return Settings.from_env()


@st.cache_resource(show_spinner="Opening the incident store…")
def store(database_url: str, data_dir: str) -> IncidentStore:
    return IncidentStore.open(database_url, Path(data_dir))


# cache_resource, not cache_data: the frames are read-only here, and cache_data would hand
# every rerun a fresh copy (~0.2 s at 100,000 incidents).
@st.cache_resource(show_spinner="Loading incidents…", max_entries=4)
def incidents(database_url: str, data_dir: str, revision: int):
    """From the columnar copy of this revision (geo.frame_cache) when there is one."""
    return frame_cache.incidents_frame(store(database_url, data_dir), database_url,
                                       settings().cache_dir)


@st.cache_resource(show_spinner=False, max_entries=4)
def sites(database_url: str, data_dir: str, revision: int):
    return store(database_url, data_dir).sites_frame()


@st.cache_resource(show_spinner="Loading basemap and pipelines…")
def shipped_layers(data_dir: str):
    """Basemap parts and pipeline routes: read-only, shared by every session."""
    return read_basemap(Path(data_dir)), read_pipelines(Path(data_dir))


@st.cache_data(show_spinner="Measuring distances to pipelines…", max_entries=8)
def pipeline_context(revision: int, view_key, _view, _routes):
    """Nearest pipeline and distance for the incidents of one view (keyed by revision+view)."""
    return nearest_pipeline(_view["latitude"], _view["longitude"], _routes).set_index(
        _view.index)
