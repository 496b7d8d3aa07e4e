"""The server side of reading the map (issue 21): distances to schematic lines worded as
such, the near-pipeline filter's empty result explained, the chosen route highlighted,
the settlements of the gazetteer in a box, snapshots framed on the window's incidents,
compact popups, the map's credits, and the table's list that a keyboard reaches."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from geo.analysis.pipeline_notes import distance_text, schematic_reasons
from geo.analysis.view import empty_route_note, incidents_in_view
from geo.geocoding.gazetteer import GazetteerSources, load_index
from geo.geocoding.settlements import settlements_in
from geo.render.compose import at_scale, build_layers, zoom_of
from geo.render.extents import incidents_extent, resolve_extent
from geo.render.folium_map import build_map
from geo.render.popups import popup_html
from geo.settings import DATA_DIR
from geo.shipped import read_basemap, read_pipelines
from geo.store.sources import read_sources
from geo.viewstate import ViewState
from layers import pipelines, settlements, strikes

ORLIVKA = (45.31659, 28.44046)
WINDOW = (dt.date(2020, 11, 1), dt.date(2025, 8, 8))


@pytest.fixture(scope="module")
def routes():
    return read_pipelines(DATA_DIR)


@pytest.fixture
def sources(store):
    return read_sources(store, DATA_DIR)


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory):
    """Built in the session's cache (the one tests/conftest.py's isolated_settings names),
    never the developer's."""
    cache = tmp_path_factory.getbasetemp() / "cache"
    return load_index(cache, GazetteerSources.from_data_dir(DATA_DIR))


def test_a_distance_to_a_schematic_line_says_so(routes):
    reasons = schematic_reasons(routes)
    assert "Trans-Balkan" in reasons and "Odesa–Brody" not in reasons
    assert distance_text("Trans-Balkan", 19.94, reasons) == (
        "~20 km to GEM's schematic Trans-Balkan line; GEM gives only a few points of the "
        "route")
    assert reasons["Druzhba"].startswith("GEM marks the route approximate")
    assert distance_text("Odesa–Brody", 3.21, reasons) == "3.2 km to Odesa–Brody"
    assert distance_text("", np.nan, reasons) == ""


def test_orlivkas_popup_and_table_word_its_nearest_line(sources):
    view = incidents_in_view(ViewState(*WINDOW), sources)
    orlivka = view.incidents.loc[view.incidents["place"] == "Orlivka gas distribution station"]
    text = orlivka["pipeline_text"].iat[0]
    assert text.startswith("~") and "schematic" in text, text


def test_an_empty_near_pipeline_filter_names_the_nearest_incident_and_the_schematic_line(
        sources):
    view = incidents_in_view(ViewState(*WINDOW, pipeline="Trans-Balkan", pipeline_km=10),
                             sources)
    assert not view.in_view.any()
    note = empty_route_note(view)
    assert "GEM's schematic Trans-Balkan line" in note
    assert "Orlivka" in note and "~19.9 km" in note
    wide = incidents_in_view(ViewState(*WINDOW, pipeline="Trans-Balkan", pipeline_km=25),
                             sources)
    assert wide.in_view.sum() == 2 and empty_route_note(wide) == ""
    # each incident's popup and table row also say how far the chosen route is
    orlivka = wide.incidents.loc[wide.incidents["place"] == "Orlivka gas distribution station"]
    assert orlivka["route_text"].iat[0].startswith("~20 km to GEM's schematic Trans-Balkan")
    assert empty_route_note(incidents_in_view(ViewState(*WINDOW), sources)) == ""


def test_the_chosen_route_is_drawn_over_a_band_under_the_lines(routes):
    layer = pipelines.build(routes, "Trans-Balkan")
    band = layer.frame["style"] == pipelines.CHOSEN_STYLE
    assert band.sum() == (routes["name"] == "Trans-Balkan").sum() > 0
    assert band.iloc[:band.sum()].all()  # first: drawn under every line
    assert layer.legend[0].label == "Chosen route: Trans-Balkan"
    plain = pipelines.build(routes)
    assert not (plain.frame["style"] == pipelines.CHOSEN_STYLE).any()


def test_settlements_in_a_box_come_from_the_gazetteer_largest_first(gazetteer):
    box = (28.0, 45.0, 29.0, 45.7)
    places = settlements_in(gazetteer, box)
    assert {"Izmayil", "Reni", "Orlivka"} <= set(places["name"])
    # size is the population, or an estimate from the feature where the population is unknown
    assert places["size"].is_monotonic_decreasing
    assert places["name"].iloc[0] == "Galaţi"   # Romania, across the Danube (postal places)
    assert places["longitude"].between(28.0, 29.0).all()
    assert places["latitude"].between(45.0, 45.7).all()
    assert len(settlements_in(gazetteer, box, limit=5)) == 5
    big = settlements_in(gazetteer, box, min_population=20_000)
    assert (big["population"] >= 20_000).all() and "Izmayil" in set(big["name"])
    assert "Orlivka" not in set(big["name"])


def test_settlements_are_drawn_only_at_a_sites_scale(sources, gazetteer):
    parts, routes = read_basemap(DATA_DIR), read_pipelines(DATA_DIR)
    places = settlements_in(gazetteer, (28.0, 45.0, 29.0, 45.7))
    layers = build_layers(mapped_incidents=sources.incidents.dropna(subset=["latitude"]),
                          sites=sources.sites, pipeline_routes=routes, basemap_parts=parts,
                          places=places)
    assert layers.overlays[0].key == settlements.KEY  # under everything
    assert zoom_of((28.0, 45.0, 29.0, 45.7), 1200) > settlements.SITE_ZOOM
    site = at_scale(layers, (28.0, 45.0, 29.0, 45.7), 1200).overlays
    region = at_scale(layers, (20.0, 43.0, 42.0, 53.0), 1200).overlays
    assert settlements.KEY in [o.key for o in site]
    assert settlements.KEY not in [o.key for o in region]


def test_a_snapshot_is_framed_on_the_windows_incidents_with_a_margin(sources):
    view = incidents_in_view(ViewState(dt.date(2025, 6, 1), dt.date(2025, 7, 31)), sources)
    placed = view.plain.dropna(subset=["latitude"])
    west, south, east, north = resolve_extent(sites=sources.sites, incidents=view.plain)
    assert west < placed["longitude"].min() and east > placed["longitude"].max()
    assert south < placed["latitude"].min() and north > placed["latitude"].max()
    # a lone incident keeps its surroundings
    lone = incidents_extent(placed.iloc[:1])
    assert lone[2] - lone[0] == pytest.approx(0.6) and lone[3] - lone[1] == pytest.approx(0.6)
    assert incidents_extent(placed.iloc[:0]) is None
    # a frame the user chose wins
    assert resolve_extent(region="caucasus", incidents=view.plain) == (36.5, 38.0, 51.5, 45.0)


def test_a_popup_shows_what_when_status_precision_and_source_first(sources):
    view = incidents_in_view(ViewState(*WINDOW), sources)
    records = strikes.popup_records(view.incidents, sources.sites.set_index("site_id")["name"])
    row = records.loc[records["place"] == "Orlivka gas distribution station"].iloc[0]
    html = popup_html(row.to_dict(), strikes.POPUP)
    first, more = html.split("<details class='im-more'>")
    for label in ("What", "When", "Claim status", "Location", "Source", "Whose claim"):
        assert f"<th>{label}</th>" in first
    for label in ("Description", "Nearest pipeline", "Incident id"):
        assert f"<th>{label}</th>" in more and f"<th>{label}</th>" not in first
    assert first.count("<tr>") <= 6


def test_the_live_map_credits_every_layer_and_is_titled(sources):
    parts, routes = read_basemap(DATA_DIR), read_pipelines(DATA_DIR)
    layers = build_layers(mapped_incidents=sources.incidents.dropna(subset=["latitude"]),
                          sites=sources.sites, pipeline_routes=routes, basemap_parts=parts)
    html = build_map(layers).get_root().render()
    for credit in ("Global Energy Monitor (CC BY 4.0)", "Natural Earth", "GeoNames"):
        assert credit in html
    assert "L.incidentMapReading(" in html and "claimed strikes on energy" in html


def test_the_keyboard_list_offers_every_incident_of_the_table(new_app):
    app = new_app().run()
    listed = app.selectbox(key="show_on_map")
    table = app.dataframe[-1].value
    assert len(listed.options) == len(table) == 17
    chosen = table.loc[table["Place (as written)"] == "Kremenchuk refinery", "Id"].iat[0]
    listed.select(chosen).run()
    assert not app.exception
    assert app.session_state["selected_incident"] == chosen
    choice = app.session_state["map_choice"]
    assert choice["id"] == chosen and choice["lat"] == pytest.approx(49.06253)
    assert "Selected incident" in [m.value.strip("*") for m in app.markdown]
    frame = pd.DataFrame(app.session_state["table_rows"], columns=["id", "lat", "lon"])
    assert len(frame) == 17


def test_the_legend_lists_only_the_precisions_drawn(sources):
    placed = sources.incidents.dropna(subset=["latitude"])
    towns = placed.loc[placed["geo_precision"] == "town"]
    labels = [e.label for e in strikes.build(towns, sources.sites).legend]
    assert "Town centre only (site not located)" in labels
    assert "Located at the site" not in labels and "Region only (oblast)" not in labels
    every = [e.label for e in strikes.build(placed, sources.sites).legend]
    assert {"Located at the site", "Region only (oblast)"} <= set(every)
