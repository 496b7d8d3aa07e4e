"""Checks on the basemap, boundary and pipeline files committed under data/.

These tests read only this repository's data/ folder, never the shared source folder:
a user's clone has nothing else. Regenerate the files with
data/build/prepare_basemap.py (see data/SOURCES.md).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BASEMAP_DIR = DATA_DIR / "basemap"

SHIPPED_FILES = {
    "countries": BASEMAP_DIR / "countries.geojson",
    "land_beyond": BASEMAP_DIR / "land_beyond.geojson",
    "coastline": BASEMAP_DIR / "coastline.geojson",
    "rivers": BASEMAP_DIR / "rivers.geojson",
    "lakes": BASEMAP_DIR / "lakes.geojson",
    "oblasts": DATA_DIR / "boundaries" / "ukraine_admin1.geojson",
    "pipelines": DATA_DIR / "pipelines.geojson",
}

EXPECTED_PROPERTIES = {
    "countries": ["name", "iso_a2", "iso_a3"],
    "land_beyond": ["name"],
    "coastline": ["scalerank"],
    "rivers": ["name", "scalerank"],
    "lakes": ["name", "scalerank"],
    "oblasts": ["name", "name_en", "iso"],
    "pipelines": [
        "name",
        "segment",
        "commodity",
        "operator",
        "status",
        "route_accuracy",
        "schematic",
        "schematic_reason",
        "length_km",
        "source_name",
        "source_id",
        "source_url",
    ],
}

POLYGONAL = {"Polygon", "MultiPolygon"}
LINEAR = {"LineString", "MultiLineString"}
EXPECTED_GEOMETRY_TYPES = {
    "countries": POLYGONAL,
    "land_beyond": POLYGONAL,
    "coastline": LINEAR,
    "rivers": LINEAR,
    "lakes": POLYGONAL,
    "oblasts": POLYGONAL,
    "pipelines": LINEAR,
}

SIZE_BUDGET_BYTES = {
    "countries": 600_000,
    "oblasts": 500_000,
    "pipelines": 150_000,
}
BASEMAP_TOTAL_BUDGET_BYTES = 1_500_000

REGION_BBOX = (12.0, 34.0, 62.0, 60.0)
CLIPPED_LAYERS = ("countries", "coastline", "rivers", "lakes")

# lon, lat
SIMFEROPOL = Point(34.10, 44.95)
SEVASTOPOL = Point(33.5254, 44.6167)
KYIV = Point(30.5234, 50.4501)
BAKU = Point(49.8671, 40.4093)

REQUIRED_CORRIDORS = (
    "Trans-Balkan",
    "Odesa–Brody",
    "Baku–Tbilisi–Ceyhan (BTC)",
    "South Caucasus Pipeline (SCP)",
    "TANAP",
    "TAP",
    "Baku–Novorossiysk",
    "Baku–Supsa",
    "Soyuz",
    "Urengoy–Pomary–Uzhhorod (Brotherhood)",
    "Dolyna–Drohobych",
    "Mala Pavlivka–Kremenchuk",
    "Lysychansk–Kremenchuk",
    "Kremenchuk–Kherson",
)
REQUIRED_RIVERS = ("Dnipro", "Danube", "Dniester", "Volga", "Don", "Kura")
REQUIRED_LAKES = ("Kremenchuk Reservoir", "Kyiv Reservoir", "Mingachevir Reservoir")
KNOWN_ROUTE_ACCURACIES = {"high", "medium", "low", "not stated"}


@cache
def load(layer: str) -> gpd.GeoDataFrame:
    return gpd.read_file(SHIPPED_FILES[layer], engine="pyogrio")


def country(name: str) -> shapely.Geometry:
    countries = load("countries")
    matches = countries[countries["name"] == name]
    assert len(matches) == 1, f"expected exactly one {name!r} in countries.geojson"
    return matches.geometry.iloc[0]


# --------------------------------------------------------------------------- every file


@pytest.mark.parametrize("layer", SHIPPED_FILES)
def test_file_exists(layer):
    assert SHIPPED_FILES[layer].is_file(), f"{SHIPPED_FILES[layer]} is missing"


@pytest.mark.parametrize("layer", SHIPPED_FILES)
def test_file_loads_in_wgs84(layer):
    frame = load(layer)
    assert len(frame) > 0
    assert frame.crs is not None and frame.crs.to_epsg() == 4326


@pytest.mark.parametrize("layer", SHIPPED_FILES)
def test_properties_are_exactly_the_documented_ones(layer):
    properties = [column for column in load(layer).columns if column != "geometry"]
    assert properties == EXPECTED_PROPERTIES[layer]


@pytest.mark.parametrize("layer", SHIPPED_FILES)
def test_geometries_are_present_valid_and_of_the_right_type(layer):
    geometries = load(layer).geometry
    assert geometries.notna().all() and not geometries.is_empty.any()
    assert set(geometries.geom_type) <= EXPECTED_GEOMETRY_TYPES[layer]
    assert geometries.is_valid.all()


@pytest.mark.parametrize("layer", CLIPPED_LAYERS)
def test_basemap_layers_are_clipped_to_the_region(layer):
    min_lon, min_lat, max_lon, max_lat = load(layer).total_bounds
    region_min_lon, region_min_lat, region_max_lon, region_max_lat = REGION_BBOX
    assert min_lon >= region_min_lon and min_lat >= region_min_lat
    assert max_lon <= region_max_lon and max_lat <= region_max_lat


@pytest.mark.parametrize("layer", SIZE_BUDGET_BYTES)
def test_file_size_within_budget(layer):
    assert SHIPPED_FILES[layer].stat().st_size < SIZE_BUDGET_BYTES[layer]


def test_basemap_folder_within_budget():
    total = sum(path.stat().st_size for path in BASEMAP_DIR.iterdir() if path.is_file())
    assert total < BASEMAP_TOTAL_BUDGET_BYTES


# --------------------------------------------------------------------------- countries


@pytest.mark.parametrize("place", [SIMFEROPOL, SEVASTOPOL], ids=["Simferopol", "Sevastopol"])
def test_crimea_is_shown_in_ukraine_not_russia(place):
    assert country("Ukraine").contains(place)
    assert not country("Russia").contains(place)


def test_kyiv_is_in_ukraine():
    assert country("Ukraine").contains(KYIV)


def test_baku_is_in_azerbaijan():
    assert country("Azerbaijan").contains(BAKU)


def test_countries_do_not_overlap():
    geometries = load("countries").geometry.values
    assert shapely.coverage_is_valid(geometries)


def test_country_codes_have_no_natural_earth_placeholders():
    countries = load("countries")
    assert not countries["iso_a2"].eq("-99").any()
    assert not countries["iso_a3"].eq("-99").any()
    assert countries["iso_a3"].str.len().eq(3).all()
    assert countries.set_index("name").loc["Norway", "iso_a2"] == "NO"


# --------------------------------------------------------------------------- rivers, lakes


def test_major_rivers_are_kept():
    missing = set(REQUIRED_RIVERS) - set(load("rivers")["name"])
    assert not missing


def test_dnipro_reservoirs_and_other_key_lakes_are_kept():
    missing = set(REQUIRED_LAKES) - set(load("lakes")["name"])
    assert not missing


# --------------------------------------------------------------------------- oblasts


def test_there_are_27_oblast_level_units_with_unique_codes():
    oblasts = load("oblasts")
    assert len(oblasts) == 27
    assert oblasts["iso"].is_unique


def test_odesa_oblast_has_current_romanisation_and_iso_code():
    oblasts = load("oblasts").set_index("iso")
    assert oblasts.loc["UA-51", "name_en"] == "Odesa Oblast"
    assert oblasts.loc["UA-51", "name"] == "Odessa Oblast"


@pytest.mark.parametrize(
    ("place", "iso"),
    [(SIMFEROPOL, "UA-43"), (SEVASTOPOL, "UA-40")],
    ids=["Simferopol", "Sevastopol"],
)
def test_crimean_cities_fall_in_their_oblast_level_unit(place, iso):
    oblasts = load("oblasts")
    assert oblasts[oblasts.geometry.contains(place)]["iso"].tolist() == [iso]


# --------------------------------------------------------------------------- pipelines


def pipeline(name: str) -> gpd.GeoDataFrame:
    pipelines = load("pipelines")
    return pipelines[pipelines["name"] == name]


@pytest.mark.parametrize("name", REQUIRED_CORRIDORS)
def test_required_corridor_is_present_as_a_line(name):
    rows = pipeline(name)
    assert len(rows) >= 1, f"{name} missing from pipelines.geojson"
    assert set(rows.geom_type) <= LINEAR


def test_trans_balkan_is_flagged_schematic():
    rows = pipeline("Trans-Balkan")
    assert len(rows) == 1
    assert bool(rows["schematic"].iloc[0]) is True
    assert "vertices" in rows["schematic_reason"].iloc[0]


def test_schematic_flag_and_reason_agree():
    pipelines = load("pipelines")
    assert pipelines["schematic"].dtype == bool
    assert (pipelines["schematic"] == pipelines["schematic_reason"].ne("")).all()


def test_low_accuracy_routes_are_schematic():
    pipelines = load("pipelines")
    low = pipelines[pipelines["route_accuracy"] == "low"]
    assert len(low) > 0
    assert low["schematic"].all()


def test_every_pipeline_credits_global_energy_monitor():
    assert load("pipelines")["source_name"].str.contains("Global Energy Monitor").all()


def test_pipeline_status_and_accuracy_use_the_documented_values():
    pipelines = load("pipelines")
    assert (pipelines["status"] == pipelines["status"].str.lower()).all()
    assert not pipelines["status"].str.contains("_plus").any()
    assert set(pipelines["route_accuracy"]) <= KNOWN_ROUTE_ACCURACIES
    assert set(pipelines["commodity"]) <= {"gas", "oil"}


def test_pipeline_lengths_are_positive_kilometres():
    lengths = load("pipelines")["length_km"]
    assert (lengths > 0).all()
    # GEM's Soyuz route runs from near Orenburg to Uzhhorod, about 2,400 km.
    assert 2000 < pipeline("Soyuz")["length_km"].iloc[0] < 3000


# --------------------------------------------------------------------------- land beyond


def test_land_beyond_fills_the_basemaps_surroundings_and_not_the_region():
    """No false sea: the land around the region is shipped up to the box the basemap
    layer paints as sea (layers.basemap.SURROUNDINGS), and none of it inside the region,
    where the detailed countries are."""
    from layers.basemap import SURROUNDINGS

    beyond = load("land_beyond")
    west, south, east, north = beyond.total_bounds
    assert west >= SURROUNDINGS[0] and south >= SURROUNDINGS[1]
    assert east <= SURROUNDINGS[2] and north <= SURROUNDINGS[3]
    region = shapely.box(*REGION_BBOX)
    assert shapely.union_all(beyond.geometry.values).intersection(region).area < 1e-6
    names = set(beyond["name"])
    # east of 62 E (Russia, Kazakhstan) and north of 60 N (Finland, Russia) are land
    assert {"Russia", "Kazakhstan", "Finland"} <= names
    assert beyond.loc[beyond["name"] == "Russia"].geometry.iloc[0].contains(Point(65.0, 57.0))
