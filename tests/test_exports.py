"""Exports of the incidents in view, read back with pyogrio/pandas: same rows, same fields,
country-level incidents kept, and CSV safe to open in a spreadsheet."""

from __future__ import annotations

import io

import pandas as pd
import pyogrio
import pytest

from geo.analysis.network import nearest_pipeline
from geo.analysis.view import incidents_in_view
from geo.errors import ExportError
from geo.settings import DATA_DIR
from geo.sharing.exports import export_bytes, write_export
from geo.shipped import read_pipelines
from tests.support.seed import seed_data
from tests.support.views import frame_sources, whole_state

RECORD_FIELDS = ("incident_id", "date_start", "date_end", "date_precision", "source_name",
                 "source_url", "claimant", "claim_status", "geo_precision", "geo_method")
SPATIAL = ("geojson", "gpkg", "kml")


@pytest.fixture(scope="module")
def incidents() -> pd.DataFrame:
    return seed_data()[0]


def read_spatial(tmp_path, data: bytes, fmt: str):
    path = tmp_path / f"incidents.{fmt}"
    path.write_bytes(data)
    return pyogrio.read_dataframe(path)


@pytest.mark.parametrize("fmt", SPATIAL)
def test_spatial_exports_read_back_with_the_same_rows_and_fields(tmp_path, incidents, fmt):
    frame = read_spatial(tmp_path, export_bytes(incidents, fmt), fmt)
    assert sorted(frame["incident_id"]) == sorted(incidents["incident_id"])
    assert set(RECORD_FIELDS) <= set(frame.columns)
    by_id = frame.set_index("incident_id")
    unmapped = incidents.loc[incidents["latitude"].isna(), "incident_id"]
    assert len(unmapped) == 3
    assert by_id.loc[unmapped, "geometry"].isna().all()
    depot = by_id.loc["seed-002-01"]
    assert (depot.geometry.x, depot.geometry.y) == pytest.approx((30.56863, 46.64206))
    assert depot["claim_status"] == "reported" and depot["geo_precision"] == "admin1"
    assert str(depot["date_start"])[:10] == "2025-08-08"


def test_kml_has_placemark_names_descriptions_and_time_spans(tmp_path, incidents):
    data = export_bytes(incidents, "kml")
    text = data.decode("utf-8")
    assert text.count("<Placemark") == len(incidents)
    assert "<TimeSpan>" in text and "<begin>2025-08-08</begin>" in text
    frame = read_spatial(tmp_path, data, "kml")
    orlivka = frame.loc[frame["incident_id"] == "seed-002-02"].iloc[0]
    assert orlivka["Name"] == "Orlivka gas distribution station"
    assert "Claim status: Reported" in orlivka["description"]


def test_csv_keeps_country_level_incidents_with_empty_coordinates(incidents):
    frame = pd.read_csv(io.BytesIO(export_bytes(incidents, "csv")), encoding="utf-8-sig",
                        keep_default_na=False)
    assert sorted(frame["incident_id"]) == sorted(incidents["incident_id"])
    assert set(RECORD_FIELDS) <= set(frame.columns)
    office = frame.set_index("incident_id").loc["seed-003-04"]
    assert office["latitude"] == "" and office["longitude"] == ""
    assert office["geo_precision"] == "country"


def test_csv_cells_that_spreadsheets_would_run_are_neutralised(incidents):
    hostile = incidents.head(2).copy()
    hostile.loc[hostile.index[0], "description"] = "=HYPERLINK(\"http://x\",\"click\")"
    hostile.loc[hostile.index[1], "source_name"] = "@SUM(A1)"
    text = export_bytes(hostile, "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
    washington = export_bytes(incidents.loc[incidents["incident_id"] == "seed-002-04"], "csv")
    assert b",-77.03637," in washington  # a negative number stays a number


def test_write_export_names_format_problems(tmp_path, incidents):
    assert write_export(incidents, tmp_path / "out.geojson") == len(incidents)
    with pytest.raises(ExportError, match=r"Unknown export format '\.xlsx'"):
        write_export(incidents, tmp_path / "out.xlsx")
    with pytest.raises(ExportError, match="Cannot write"):
        write_export(incidents, tmp_path / "missing-folder" / "out.csv")


def test_an_empty_view_exports_an_empty_file(tmp_path, incidents):
    empty = incidents.iloc[0:0]
    assert pd.read_csv(io.BytesIO(export_bytes(empty, "csv")), encoding="utf-8-sig").empty
    assert len(read_spatial(tmp_path, export_bytes(empty, "geojson"), "geojson")) == 0


def seed_view(incidents, routes) -> pd.DataFrame:
    """The seed incidents as a view of every date carries them (geo.analysis.view)."""
    return incidents_in_view(whole_state(incidents),
                             frame_sources(incidents, routes=routes)).incidents


@pytest.mark.parametrize("fmt", ("csv", "geojson"))
def test_exports_carry_the_nearest_pipeline_and_its_distance(tmp_path, incidents, fmt):
    routes = read_pipelines(DATA_DIR)
    data = export_bytes(seed_view(incidents, routes), fmt)
    frame = (pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
             if fmt == "csv" else read_spatial(tmp_path, data, fmt))
    by_id = frame.set_index("incident_id")
    orlivka = by_id.loc["seed-002-02"]
    expected = nearest_pipeline([orlivka["latitude"]], [orlivka["longitude"]], routes).iloc[0]
    assert orlivka["nearest_pipeline"] == expected["nearest_pipeline"] != ""
    assert float(orlivka["pipeline_distance_km"]) == pytest.approx(
        expected["pipeline_distance_km"])
    unplaced = by_id.loc[incidents.loc[incidents["latitude"].isna(), "incident_id"]]
    assert (unplaced["nearest_pipeline"].fillna("") == "").all()


def test_an_export_keeps_the_distances_its_view_already_carries(incidents):
    """The view measures each incident's distances once per revision; an export never
    measures again (it writes what the view carries, as it is)."""
    routes = read_pipelines(DATA_DIR)
    view = seed_view(incidents, routes)
    view.loc[view.index[0], ["nearest_pipeline", "pipeline_distance_km"]] = ["Kept route", 1.5]
    frame = pd.read_csv(io.BytesIO(export_bytes(view, "csv")), encoding="utf-8-sig",
                        keep_default_na=False).set_index("incident_id")
    kept = frame.loc[view["incident_id"].iat[0]]
    assert (kept["nearest_pipeline"], float(kept["pipeline_distance_km"])) == ("Kept route", 1.5)
    # the other rows as measured, and the same columns as the export of a fresh view
    fresh = pd.read_csv(io.BytesIO(export_bytes(seed_view(incidents, routes), "csv")),
                        encoding="utf-8-sig", keep_default_na=False)
    assert list(fresh.columns) == list(frame.reset_index().columns)
    other = view["incident_id"].iat[1]
    assert frame.loc[other, "nearest_pipeline"] == \
        fresh.set_index("incident_id").loc[other, "nearest_pipeline"]
