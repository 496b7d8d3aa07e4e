"""Precision from evidence only: coordinates whose source states no precision are kept as
given with precision 'unknown' (never 'site'), said so in the preview, drawn with their own
symbol in both renderers, never linked to a site on their point alone; schema 6 corrects
what earlier versions stored as 'site' without evidence."""

from __future__ import annotations

import json
import sqlite3

import geopandas as gpd
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from shapely.geometry import Point

from geo.analysis.filters import split_mapped
from geo.importing.fixes import apply_fixes
from geo.importing.pipeline import commit_import
from geo.importing.presets.template import template_csv
from geo.render.folium_map import build_map
from geo.render.legend import legend_html
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from layers import basemap, strikes
from layers.base import MapLayers
from layers.style import CATEGORY_COLORS
from tests.support.files import TEST_DATA
from tests.support.imports import KML, preview_bytes
from tests.support.seed import seed_data
from tests.support.static_drawing import drawn_axes

PLAIN = b"date,lat,lon,place\n2025-08-08,49.3500,23.5000,Drohobych\n"


def test_coordinates_without_a_stated_precision_are_unknown_and_the_preview_says_so(store):
    preview = preview_bytes(store, PLAIN, "plain.csv")
    row = preview.rows.loc[1]
    assert (row["status"], row["geo_precision"]) == ("new", "unknown")
    assert row["geo_method"] == ("coordinates from the file 'plain.csv'; the file states no "
                                 "precision")
    assert any("1 row(s) have coordinates but no stated location precision" in note
               and "never as the site itself" in note for note in preview.notes)


@pytest.mark.parametrize("name, data", [
    ("strikes.kml", KML.encode()),
    ("timemap_bellingcat_civharm.json", (TEST_DATA / "timemap_bellingcat_civharm.json")
     .read_bytes()),
])
def test_no_format_or_preset_turns_unstated_coordinates_into_site(store, name, data):
    rows = preview_bytes(store, data, name).rows
    placed = rows[rows["latitude"].notna()]
    assert len(placed) and set(placed["geo_precision"]) == {"unknown"}


def test_geojson_and_template_rows_with_an_empty_precision_are_unknown(store, tmp_path):
    path = tmp_path / "s.geojson"
    gpd.GeoDataFrame({"date": ["2025-08-08"]}, geometry=[Point(30.5, 46.5)], crs=4326) \
        .to_file(path, driver="GeoJSON")
    assert preview_bytes(store, path.read_bytes(), "s.geojson").rows.loc[1, "geo_precision"] \
        == "unknown"
    template = pd.read_csv(pd.io.common.BytesIO(template_csv()), dtype=str,
                           keep_default_na=False, encoding="utf-8-sig").assign(geo_precision="")
    rows = preview_bytes(store, template.to_csv(index=False).encode(), "t.csv").rows
    assert (rows.loc[1, "status"], rows.loc[1, "geo_precision"]) == ("new", "unknown")


def test_a_point_typed_in_the_preview_states_no_precision(store):
    preview = preview_bytes(store, b"date,place\n2025-08-08,Nowhereville\n", "p.csv")
    fixed = apply_fixes(preview, pd.DataFrame({"latitude": [46.3], "longitude": [30.1]},
                                              index=[1]), store)
    assert fixed.rows.loc[1, "geo_precision"] == "unknown"


def test_a_town_point_is_not_linked_to_the_refinery_beside_it(store):
    acled = (TEST_DATA / "acled_constructed_export.csv").read_bytes()
    preview = preview_bytes(store, acled, "acled.csv")
    words = preview.site_proposals(store.sites_frame())
    assert words[1].startswith("not linked, near Drohobych oil refinery")
    result = commit_import(preview, store)
    row = store.incidents_frame().set_index("incident_id").loc["acled-UKR900001"]
    assert (row["geo_precision"], row["site_id"], row["batch_id"]) == ("town", "",
                                                                       result.batch_id)


@pytest.fixture(scope="module")
def unknown_layer():
    incidents, sites, _, basemap_parts = seed_data()
    unknown = incidents.assign(geo_precision=["unknown"] * len(incidents))
    mapped, _ = split_mapped(unknown)
    return strikes.build(mapped, sites), basemap_parts


def test_unknown_precision_has_its_own_symbol_and_legend_entry(unknown_layer):
    layer, basemap_parts = unknown_layer
    fills = {layer.styles[i].fill for i in layer.style_index}
    assert fills == {"dotted"}
    assert strikes.UNKNOWN_PRECISION_LEGEND in layer.legend
    html = build_map(MapLayers(basemap.build(basemap_parts), [layer])).get_root().render()
    assert "Precision unknown: coordinates as given" in html
    assert "stroke-dasharray='0.1 3.3'" in legend_html([("Strikes", layer.legend)])
    seed_layer = strikes.build(split_mapped(seed_data()[0])[0], seed_data()[1])
    assert strikes.UNKNOWN_PRECISION_LEGEND not in seed_layer.legend  # none drawn: no entry


def test_the_static_renderer_draws_the_dotted_ring_and_its_dot(unknown_layer):
    layer, basemap_parts = unknown_layer
    ax = drawn_axes(layer, basemap_parts)
    colour = to_rgba(CATEGORY_COLORS["strike"], layer.styles[layer.style_index[0]].opacity)
    marks = [c for c in ax.collections if len(c.get_offsets())
             and (list(map(tuple, c.get_edgecolors())) == [colour]
                  or list(map(tuple, c.get_facecolors())) == [colour])]
    rings = [c for c in marks if c.get_facecolors()[0][3] == 0]
    dots = [c for c in marks if c.get_facecolors()[0][3] > 0]
    assert rings and dots  # a dotted outline, no fill; and the point as given
    assert len(rings[0].get_paths()[0].codes) > 20  # a path of many short dashes
    ax.figure.canvas.draw()


def _as_version_5(path) -> None:
    """A store as schema 5 left it: no versions table, no updated_count, nor what version 7
    adds (authorship columns, the history tables' guards)."""
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE incident_versions")
        db.execute("ALTER TABLE batches DROP COLUMN updated_count")
        for (trigger,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                     "AND name LIKE '%append_only%'").fetchall():
            db.execute(f"DROP TRIGGER {trigger}")
        for table, names in (("batches", ("imported_by", "imported_from", "undone_by",
                                          "undone_from")),
                             ("claim_history", ("batch_id", "changed_from")),
                             ("link_history", ("batch_id", "changed_from"))):
            for name in names:
                db.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
        db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")


def test_schema_6_corrects_precision_stored_without_evidence(tmp_path):
    path = tmp_path / "v5.sqlite"
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO batches (batch_id, created_at, file_name, preset, settings) "
                   "VALUES ('b-csv', '2025-09-01', 'plain.csv', 'auto', ?), "
                   "('b-acled', '2025-09-01', 'a.csv', 'acled', '{}'), "
                   "('b-stated', '2025-09-01', 's.csv', 'auto', ?)",
                   (json.dumps({"mapping": {"geo_precision": None}}),
                    json.dumps({"mapping": {"geo_precision": "precision"}})))
        rows = [("csv-1", "b-csv", "coordinates from the file 'plain.csv'", "drohobych_refinery",
                 "auto"),
                ("acled-1", "b-acled", "ACLED coordinates (ACLED geo_precision 1)", "", ""),
                ("stated-1", "b-stated", "coordinates from the file 's.csv'", "", "")]
        db.executemany("INSERT INTO incidents (incident_id, batch_id, geo_method, site_id, "
                       "site_link, date_start, date_end, date_precision, category, "
                       "geo_precision, latitude, longitude, source_name, claim_status) VALUES "
                       "(?, ?, ?, ?, ?, '2025-08-08', '2025-08-08', 'day', 'strike', 'site', "
                       "49.35, 23.5, 'x', 'reported')", rows)
    before = store.revision()
    store.engine.dispose()
    _as_version_5(path)
    upgraded = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    assert upgraded.schema_version() == 8 and upgraded.revision() == before + 1
    stored = upgraded.incidents_frame().set_index("incident_id")
    assert stored.loc["csv-1", ["geo_precision", "site_id"]].tolist() == ["unknown", ""]
    assert stored.loc["csv-1", "geo_method"].endswith("; the file states no precision")
    assert stored.loc["acled-1", "geo_precision"] == "town"
    assert stored.loc["stated-1", "geo_precision"] == "site"  # the file said so: kept
    with sqlite3.connect(path) as db:
        history = db.execute("SELECT incident_id, previous_site_id, changed_by, note FROM "
                             "link_history").fetchall()
    assert history[0][:3] == ("csv-1", "drohobych_refinery", "schema upgrade 6")
    assert "needs site precision" in history[0][3]


@pytest.mark.parametrize("name, method", [
    ("firms_viirs_nrt_silex.csv", "NASA FIRMS detection: the centre of a 0.39 km × 0.36 km "
     "VIIRS pixel (scan × track); the fire is somewhere in it, not at a located site"),
    ("firms_modis_archive_m6_australia.csv", "NASA FIRMS detection: the centre of a 1 km × "
     "1 km MODIS pixel (scan × track); the fire is somewhere in it, not at a located site"),
    ("firms_modis_sumatra.geojson", "NASA FIRMS detection: the centre of a 1.1 km × 1.1 km "
     "MODIS pixel (scan × track); the fire is somewhere in it, not at a located site"),
])
def test_a_firms_detection_is_a_pixel_never_the_site_itself(store, name, method):
    """A detection is a 375 m (VIIRS) to 1 km and more (MODIS, off nadir) pixel with a fire
    somewhere in it: it was stored as 'site', the facility itself. No level of the map is a
    pixel, so its point is kept as given, with the pixel's size in how it was placed."""
    rows = preview_bytes(store, (TEST_DATA / name).read_bytes(), name).rows
    assert set(rows["geo_precision"]) == {"unknown"}
    assert rows.loc[1, "geo_method"] == method


def test_a_firms_file_without_scan_and_track_names_the_nominal_pixel(store):
    frame = pd.read_csv(TEST_DATA / "firms_viirs_nrt_silex.csv", dtype=str,
                        keep_default_na=False).drop(columns=["scan", "track"])
    rows = preview_bytes(store, frame.to_csv(index=False).encode(), "v.csv").rows
    assert rows.loc[1, "geo_method"] == (
        "NASA FIRMS detection: the centre of a VIIRS pixel (375 m at nadir, larger towards "
        "the scan's edge); the fire is somewhere in it, not at a located site")
