"""GeoParquet exports (issue 19), written by write_export and `python -m geo export` and
read back with pyarrow and geopandas: GeoParquet 1.1 metadata, every row and column of the
GeoJSON export of the same view with real types, country-level incidents with a null
geometry, and text kept verbatim (formula neutralising is for CSV only)."""

from __future__ import annotations

import datetime as dt
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely

from geo.analysis.view import incidents_in_view
from geo.importing.readers.dispatch import read_file
from geo.settings import DATA_DIR
from geo.sharing.exports import export_bytes, mime_type, write_export
from geo.shipped import read_pipelines
from tests.support.cli import geo
from tests.support.hostile import TEXTS
from tests.support.seed import seed_data
from tests.support.views import frame_sources, whole_state


@pytest.fixture(scope="module")
def incidents() -> pd.DataFrame:
    return seed_data()[0]


@pytest.fixture(scope="module")
def view(incidents) -> pd.DataFrame:
    """The seed incidents as a view carries them: nearest pipelines and thermal columns."""
    sources = frame_sources(incidents, routes=read_pipelines(DATA_DIR))
    return incidents_in_view(whole_state(incidents), sources).incidents


def plain_values(frame: pd.DataFrame) -> dict[str, list]:
    """Column -> values in incident order, as Python values: dates as ISO text, points as
    (x, y), numbers to 9 decimals (GeoJSON writes them as text), every kind of missing value
    as None."""
    frame = frame.sort_values("incident_id").reset_index(drop=True)
    out = {}
    for name in frame.columns:
        values = frame[name].astype(object).tolist()
        if name == frame.geometry.name:
            values = [None if g is None or g.is_empty else (round(g.x, 9), round(g.y, 9))
                      for g in values]
        out[name] = [plain(value) for value in values]
    return out


def plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return round(value, 9) if isinstance(value, float) else value


def test_write_export_writes_geoparquet_metadata_and_typed_columns(tmp_path, view):
    path = tmp_path / "view.parquet"
    assert write_export(view, path) == len(view)
    schema = pq.read_schema(path)
    meta = json.loads(schema.metadata[b"geo"])
    assert meta["version"] == "1.1.0" and meta["primary_column"] == "geometry"
    column = meta["columns"]["geometry"]
    assert column["encoding"] == "WKB" and column["geometry_types"] == ["Point"]
    assert column["crs"]["id"] == {"authority": "EPSG", "code": 4326}
    assert column["covering"]["bbox"]["xmin"] == ["bbox", "xmin"]
    types = {field.name: field.type for field in schema}
    assert types["date_start"] == types["date_end"] == pa.date32()
    assert types["latitude"] == types["pipeline_distance_km"] == pa.float64()
    assert types["thermal_detections"] == pa.int64()
    for name in ("incident_id", "claim_status", "geo_precision", "date_precision",
                 "source_url", "site_name", "date_described"):
        assert types[name] == pa.string(), name
    assert mime_type("parquet") == "application/vnd.apache.parquet"


def test_every_row_and_column_of_the_geojson_export(tmp_path, view):
    (tmp_path / "view.geojson").write_bytes(export_bytes(view, "geojson"))
    (tmp_path / "view.parquet").write_bytes(export_bytes(view, "parquet"))
    geojson = pyogrio.read_dataframe(tmp_path / "view.geojson", datetime_as_string=True)
    parquet = gpd.read_parquet(tmp_path / "view.parquet")
    assert parquet.crs.to_epsg() == 4326
    assert list(parquet.columns) == list(geojson.columns)
    expected, found = plain_values(geojson), plain_values(parquet)
    for name, values in expected.items():
        assert found[name] == values, name
    assert sorted(parquet["incident_id"]) == sorted(view["incident_id"])


def test_incidents_without_coordinates_keep_their_row_with_a_null_geometry(view):
    unmapped = view.loc[view["latitude"].isna(), "incident_id"].tolist()
    assert len(unmapped) == 3
    table = pq.read_table(pa.BufferReader(export_bytes(view, "parquet")))
    by_id = dict(zip(table["incident_id"].to_pylist(), table["geometry"].to_pylist(),
                     strict=True))
    assert {i for i, wkb in by_id.items() if wkb is None} == set(unmapped)
    assert shapely.from_wkb(by_id["seed-002-01"]).coords[0] == pytest.approx(
        (30.56863, 46.64206))
    rows = table.to_pandas().set_index("incident_id")
    assert rows.loc[unmapped, "latitude"].isna().all()
    assert (rows.loc[unmapped, "geo_precision"] != "").all()


def test_hostile_text_is_kept_verbatim(view):
    hostile = view.head(len(TEXTS)).copy()
    hostile["description"] = TEXTS
    hostile["place"] = "<script>alert(1)</script>"
    hostile["source_name"] = "@SUM(A1)"
    hostile["source_url"] = "=HYPERLINK(\"http://203.0.113.9/x\",\"click\")"
    frame = gpd.read_parquet(pa.BufferReader(export_bytes(hostile, "parquet")))
    rows = frame.set_index("incident_id").loc[hostile["incident_id"]]
    assert rows["description"].tolist() == TEXTS
    assert set(rows["place"]) == {"<script>alert(1)</script>"}
    assert set(rows["source_name"]) == {"@SUM(A1)"}
    assert set(rows["source_url"]) == {"=HYPERLINK(\"http://203.0.113.9/x\",\"click\")"}


def test_an_empty_view_keeps_the_column_types(view):
    schema = pq.read_schema(pa.BufferReader(export_bytes(view.iloc[0:0], "parquet")))
    assert schema.field("incident_id").type == pa.string()
    assert schema.field("date_start").type == pa.date32()
    assert pq.read_metadata(pa.BufferReader(export_bytes(view.iloc[0:0], "parquet"))
                            ).num_rows == 0


def test_the_command_line_writes_the_geojson_exports_rows_as_geoparquet(tmp_path):
    db = tmp_path / "cli.sqlite"
    written = {}
    for suffix in ("geojson", "parquet"):
        out = tmp_path / f"incidents.{suffix}"
        result = geo("export", "-o", out, "--from", "2025-08-01", "--db", db)
        assert result.returncode == 0, result.stderr
        assert f"Wrote {out}" in result.stdout
        written[suffix] = out
    geojson = pyogrio.read_dataframe(written["geojson"], datetime_as_string=True)
    parquet = gpd.read_parquet(written["parquet"])
    assert len(parquet) == len(geojson) > 0
    expected, found = plain_values(geojson), plain_values(parquet)
    assert list(found) == list(expected)
    for name, values in expected.items():
        assert found[name] == values, name
    assert "seed-002-01" in found["incident_id"] and "seed-000-01" not in found["incident_id"]


def test_the_import_reads_it_back_as_it_reads_the_geopackage_export(incidents):
    """Exported GeoParquet comes back in through `python -m geo import` and the Import page
    cell for cell as the GeoPackage export does (an empty count is an empty cell)."""
    parquet = read_file(export_bytes(incidents, "parquet"), "view.parquet")
    gpkg = read_file(export_bytes(incidents, "gpkg"), "view.gpkg")
    assert parquet.file_format == "GeoParquet"
    pd.testing.assert_frame_equal(parquet.frame, gpkg.frame)
    assert (parquet.frame["thermal_detections"] == "").all()


def test_the_share_panel_offers_geoparquet(new_app):
    app = new_app(timeout=120).run()
    assert not app.exception
    buttons = {button.proto.id.rsplit("-", 1)[-1]: button.proto
               for button in app.get("download_button")}
    assert buttons["share_export_parquet"].label == "GeoParquet"
    assert buttons["share_export_parquet"].deferred_file_id  # made when clicked
