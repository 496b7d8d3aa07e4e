"""The same map drawn two ways, for AppTest scripts (tests/test_map_window.py): from its
recorded arguments as the app draws it, and by st_folium itself."""

from __future__ import annotations

from streamlit_folium import st_folium

from geo.analysis.filters import split_mapped
from geo.render.compose import build_layers
from geo.render.folium_map import build_map
from geo.render.time_control import sidebar_window_group
from geo.settings import DATA_DIR
from geo.shipped import read_basemap, read_pipelines
from geo.store.seed import read_seed_sites
from geo.ui.folium_component import component_arguments, feature_group_script
from geo.ui.map_component import draw
from tests.support.synthetic import synthetic_incidents

OPTIONS = dict(height=500, returned_objects=["last_clicked"])


def sample_map():
    incidents = split_mapped(synthetic_incidents(300))[0]
    shipped = {"sites": read_seed_sites(DATA_DIR), "pipeline_routes": read_pipelines(DATA_DIR),
               "basemap_parts": read_basemap(DATA_DIR)}
    return build_map(build_layers(mapped_incidents=incidents, **shipped))


def recorded_arguments() -> dict:
    return component_arguments(sample_map(), key="map", **OPTIONS)


def draw_recorded(recorded: dict, center, zoom, window) -> None:
    group = window and feature_group_script(sidebar_window_group(*window))
    draw(recorded, key="map", center=center, zoom=zoom, feature_group=group)


def draw_with_st_folium(center, zoom, window) -> None:
    st_folium(sample_map(), key="map", center=center, zoom=zoom, **OPTIONS,
              feature_group_to_add=window and sidebar_window_group(*window))
