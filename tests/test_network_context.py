"""Nearest pipeline distances (metric, checked against known distances) and site linking."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import LineString

from geo.analysis.network import nearest_pipeline, within_km_of
from geo.analysis.site_matching import link_to_sites
from geo.errors import FilterError
from geo.records import coerce_sites
from geo.settings import DATA_DIR
from geo.shipped import read_pipelines

GEOD = Geod(ellps="WGS84")


@pytest.fixture
def meridian_routes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["east", "west"]},
        geometry=[LineString([(30.0, 44.0), (30.0, 50.0)]),
                  LineString([(24.0, 44.0), (24.0, 50.0)])], crs=4326)


def test_distance_to_a_meridian_line_matches_the_geodesic(meridian_routes):
    lon, _, _ = GEOD.fwd(30.0, 47.0, 90, 25_000)  # 25 km due east of the east line
    result = nearest_pipeline([47.0, np.nan], [lon, 30.0], meridian_routes)
    assert result.loc[0, "nearest_pipeline"] == "east"
    assert result.loc[0, "pipeline_distance_km"] == pytest.approx(25.0, abs=0.1)
    assert result.loc[1, "nearest_pipeline"] == "" and np.isnan(result.loc[1,
                                                                            "pipeline_distance_km"])


def test_far_east_distance_is_still_right(meridian_routes):
    # Degrees would say 0.5 of longitude; at 40 N that is ~42.7 km, not 55.6 km.
    routes = gpd.GeoDataFrame({"name": ["baku"]},
                              geometry=[LineString([(49.5, 38.0), (49.5, 42.0)])], crs=4326)
    distance = nearest_pipeline([40.0], [50.0], routes).loc[0, "pipeline_distance_km"]
    _, _, expected = GEOD.inv(49.5, 40.0, 50.0, 40.0)
    assert distance == pytest.approx(expected / 1000, rel=0.005)


def test_within_km_filter(meridian_routes):
    lons = [GEOD.fwd(30.0, 47.0, 90, km * 1000)[0] for km in (5, 15, 40)]
    mask = within_km_of(meridian_routes, "east", [47.0] * 3, lons, 20)
    assert mask.tolist() == [True, True, False]
    with pytest.raises(FilterError, match="No pipeline route named 'nope'"):
        within_km_of(meridian_routes, "nope", [47.0], [30.0], 20)


def test_orlivka_is_near_the_trans_balkan_corridor_in_the_shipped_data():
    routes = read_pipelines(DATA_DIR)
    result = nearest_pipeline([45.31659], [28.44046], routes)
    assert result.loc[0, "pipeline_distance_km"] < 30


def sites_frame(rows) -> pd.DataFrame:
    return coerce_sites(pd.DataFrame(rows, columns=[
        "site_id", "latitude", "longitude", "geo_precision"]))


def test_linking_depends_on_both_precisions_and_refuses_to_guess():
    sites = sites_frame([("tpp", 49.171, 33.447, "site"), ("refinery", 49.0625, 33.4048, "town"),
                         ("far", 46.0, 30.0, "site"), ("region", 46.6, 30.5, "admin1")])
    incidents = pd.DataFrame({
        "latitude": [49.172, 49.10, 46.05, 46.6, 49.1700],
        "longitude": [33.446, 33.42, 30.0, 30.5, 33.4470],
        "geo_precision": ["site", "town", "site", "admin1", "country"],
    })
    links = link_to_sites(incidents, sites)
    assert links.loc[0, "linked_site_id"] == "tpp" and links.loc[0, "site_distance_km"] < 0.2
    # a town point between the refinery (town) and the TPP: both within tolerance, no clear winner
    assert links.loc[1, "linked_site_id"] == ""
    assert set(links.loc[1, "site_candidates"].split("|")) == {"tpp", "refinery"}
    assert links.loc[2, "linked_site_id"] == ""  # 5.6 km from a facility point: too far
    assert links.loc[3, "linked_site_id"] == "" and links.loc[3, "site_candidates"] == ""
    assert links.loc[4, "linked_site_id"] == ""  # country-level: never linked
