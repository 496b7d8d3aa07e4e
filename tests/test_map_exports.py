"""Other map tools' own exports: a uMap map (`.umap`) and a kepler.gl map (`keplergl.json`)
are read as their data layers' rows, never as the map's settings or view.

The files here are constructed in the structure of real exports (uMap's test fixture
`umap/tests/fixtures/test_upload_data.umap` and kepler.gl's saved-state fixtures, see
tests/data/README.md); their values are made up."""

from __future__ import annotations

import json

import pytest

from geo.errors import InputFileError
from geo.importing.columns import auto_mapping
from geo.importing.readers.dispatch import read_file
from tests.support.imports import UMAP, preview_bytes


def kepler_map(*datasets) -> bytes:
    return json.dumps({"datasets": [{"version": "v1", "data": d} for d in datasets],
                       "config": {"version": "v1", "config": {"mapState": {
                           "latitude": 47.0, "longitude": 31.0, "zoom": 6}}},
                       "info": {"app": "kepler.gl"}}).encode()


def kepler_dataset(label: str, rows: list) -> dict:
    return {"id": label, "label": label, "color": [143, 47, 191], "allData": rows,
            "fields": [{"name": "event_date", "type": "timestamp", "format": "x"},
                       {"name": "lat", "type": "real", "format": ""},
                       {"name": "lng", "type": "real", "format": ""},
                       {"name": "place", "type": "string", "format": ""}]}


def test_umap_export_is_read_as_its_layers_features_not_the_map_centre():
    table = read_file(json.dumps(UMAP).encode(), "strikes.umap")
    assert table.file_format == "uMap" and len(table.frame) == 2
    assert list(table.frame["name"]) == ["Depot fire", "Refinery"]
    assert list(table.frame["layer"]) == ["Odesa", "Kremenchuk"]
    assert list(table.frame["latitude"]) == ["46.70118", "49.07"]
    assert "_umap_options" not in table.frame
    assert any("2 layer(s) of the uMap map 'Strikes'" in note for note in table.notes)


def test_umap_export_imports_with_its_dates(store):
    preview = preview_bytes(store, json.dumps(UMAP).encode(), "strikes.umap")
    incidents = preview.incidents
    assert list(incidents["date_start"].dt.strftime("%Y-%m-%d")) == ["2025-08-08",
                                                                     "2025-07-02"]
    assert set(incidents["geo_precision"]) == {"unknown"}


def test_umap_export_without_features_says_so():
    empty = {**UMAP, "layers": [{"type": "FeatureCollection", "features": []}]}
    with pytest.raises(InputFileError, match=r"layer\(s\) hold no features"):
        read_file(json.dumps(empty).encode(), "empty.umap")


def test_umap_feature_styling_is_left_out_of_a_geojson_layer_export():
    layer = {"type": "FeatureCollection", "features": UMAP["layers"][0]["features"]}
    table = read_file(json.dumps(layer).encode(), "odesa.geojson")
    assert "_umap_options" not in table.frame and list(table.frame["name"]) == ["Depot fire"]


def test_kepler_map_export_is_read_as_its_datasets_rows(store):
    data = kepler_map(
        kepler_dataset("strikes.csv", [[1754611200000, 46.70118, 30.61204, "Odesa"]]),
        kepler_dataset("fires.csv", [[1751414400000, 49.07, 33.42, "Kremenchuk"]]))
    table = read_file(data, "keplergl.json")
    assert table.file_format == "kepler.gl map" and len(table.frame) == 2
    assert list(table.frame["event_date"]) == ["2025-08-08T00:00:00Z", "2025-07-02T00:00:00Z"]
    assert list(table.frame["dataset"]) == ["strikes.csv", "fires.csv"]
    preview = preview_bytes(store, data, "keplergl.json")
    assert list(preview.incidents["date_start"].dt.strftime("%Y-%m-%d")) == ["2025-08-08",
                                                                             "2025-07-02"]
    assert list(preview.incidents["latitude"]) == [46.70118, 49.07]


def test_kepler_dataset_without_rows_names_what_to_do():
    broken = kepler_map({"id": "a", "label": "a.csv", "allData": [[1]]})
    with pytest.raises(InputFileError, match=r"'a\.csv' has no 'fields' and 'allData'"):
        read_file(broken, "keplergl.json")


def test_kepler_style_column_names_are_found_by_their_suffix(store):
    # the column names of kepler.gl's sample trip data set, with made-up values
    data = (b"gps_data.utc_timestamp,gps_data.lat,gps_data.lng,gps_data.types\n"
            b"2025-08-08 00:09:55,46.70118,30.61204,driver_analytics\n")
    incident = preview_bytes(store, data, "kepler_export.csv").incidents.iloc[0]
    assert (incident["latitude"], incident["longitude"]) == (46.70118, 30.61204)
    assert incident["date_start"].strftime("%Y-%m-%d") == "2025-08-08"


def test_two_columns_ending_in_date_are_no_guess():
    mapping = auto_mapping(["start_date_x", "report_date", "update_date", "lat", "lon"])
    assert mapping["date_start"] is None
    assert (mapping["latitude"], mapping["longitude"]) == ("lat", "lon")
