"""Reverse geocoding: nearest GeoNames place (exact, checked against brute force), admin1 and
country from the shipped polygons, with Crimea in Ukraine."""

from __future__ import annotations

import numpy as np
import pytest

from geo.geocoding.reverse import PointGrid, ReverseGeocoder, haversine_km, nearest_places
from tests.support.geocoding import session_geocoder


@pytest.fixture(scope="session")
def reverse(tmp_path_factory) -> ReverseGeocoder:
    from geo.settings import DATA_DIR

    return ReverseGeocoder(session_geocoder(tmp_path_factory).index, DATA_DIR)


def test_haversine_matches_a_known_distance():
    assert haversine_km(50.4547, 30.5238, 46.4857, 30.7438) == pytest.approx(441.6, abs=1)
    assert haversine_km([0, 0], [0, 0], [0, 1], [0, 0]).tolist() == pytest.approx([0, 111.2],
                                                                                  abs=0.1)


def test_known_points_get_their_place_region_and_country(reverse):
    out = reverse.reverse_column([45.3166, 44.957, 40.3777, 46.4857], [28.4405, 34.11, 49.892,
                                                                       30.7438])
    assert list(out["reverse_place_id"]) == ["geonames:698379", "geonames:693805",
                                             "geonames:587084", "geonames:698740"]
    assert list(out["reverse_country"]) == ["UA", "UA", "AZ", "UA"]
    assert list(out["reverse_admin1"]) == ["Odesa Oblast", "Crimea", "Baku", "Odesa Oblast"]
    assert out["reverse_place"].iat[0] == "Orlivka, Odesa Oblast"
    assert (out["reverse_method"] == "polygon").all()
    assert out["reverse_distance_km"].iat[0] < 0.01


def test_crimea_is_in_ukraine_by_the_basemap_polygon(reverse):
    sevastopol = reverse.reverse_column([44.6], [33.52])
    assert sevastopol["reverse_country"].iat[0] == "UA"
    assert sevastopol["reverse_method"].iat[0] == "polygon"


def test_missing_or_invalid_coordinates_give_empty_rows(reverse):
    out = reverse.reverse_column([np.nan, 95.0, 50.45], [30.5, 30.5, np.nan])
    assert out["reverse_place"].eq("").all() and out["reverse_distance_km"].isna().all()
    assert out["reverse_country"].eq("").all()


def test_nearest_place_is_exact_against_brute_force(reverse):
    rng = np.random.default_rng(3)
    lat = np.concatenate([rng.uniform(43, 53, 150), rng.uniform(-60, 75, 50), [43.3, 0.0]])
    lon = np.concatenate([rng.uniform(22, 42, 150), rng.uniform(-180, 180, 50), [34.0, -150.0]])
    place, km = nearest_places(reverse.grid, lat, lon)
    index, settlements = reverse.index, reverse.places
    for i in range(len(lat)):
        truth = haversine_km(lat[i], lon[i], index.place_lat[settlements],
                             index.place_lon[settlements])
        assert km[i] == pytest.approx(truth.min(), abs=1e-6)
        assert truth[place[i]] == pytest.approx(truth.min(), abs=1e-6)


def test_without_polygons_the_country_comes_from_the_nearest_place(reverse, tmp_path):
    bare = ReverseGeocoder(reverse.index, tmp_path)
    out = bare.reverse_column([49.0625, 40.3777], [33.4048, 49.892])
    assert list(out["reverse_country"]) == ["UA", "AZ"]
    assert list(out["reverse_admin1"]) == ["Poltava Oblast", "Baku"]
    assert (out["reverse_method"] == "nearest place").all()


@pytest.mark.parametrize("km", [10.0, 25.0, 60.0])
def test_points_within_a_distance_are_counted_as_brute_force_does(km):
    """A 0.25-degree cell is 18 km wide east-west at 48 N: a wider radius scans more rings
    (it undercounted points 18-25 km east or west)."""
    rng = np.random.default_rng(5)
    lat, lon = rng.uniform(44, 53, 3000), rng.uniform(22, 41, 3000)
    grid = PointGrid(lat, lon, cell=0.25)
    ask_lat, ask_lon = rng.uniform(45, 52, 200), rng.uniform(23, 40, 200)
    truth = (haversine_km(ask_lat[:, None], ask_lon[:, None], lat[None, :], lon[None, :])
             <= km).sum(axis=1)
    assert list(grid.count_within(ask_lat, ask_lon, km)) == list(truth)


def test_nearest_within_a_distance_is_exact_there_and_not_looked_for_beyond():
    """The file's context needs the nearest row only up to 600 km: the search stops there,
    at every latitude (a fixed number of rings fell short of it in the far north)."""
    rng = np.random.default_rng(11)
    lat, lon = rng.uniform(40, 65, 400), rng.uniform(20, 170, 400)
    ask_lat, ask_lon = rng.uniform(35, 70, 300), rng.uniform(10, 180, 300)
    _, km = PointGrid(lat, lon, cell=0.5).nearest(ask_lat, ask_lon, max_ring=60, within_km=600)
    truth = haversine_km(ask_lat[:, None], ask_lon[:, None], lat[None, :], lon[None, :]).min(1)
    assert (truth > 600).any() and (truth <= 600).any()
    assert np.allclose(truth[truth <= 600], km[truth <= 600], rtol=0, atol=1e-6)
    beyond = km[truth > 600]
    assert np.isinf(beyond).any()
    assert (np.isinf(beyond) | np.isclose(beyond, truth[truth > 600], rtol=0, atol=1e-6)).all()
