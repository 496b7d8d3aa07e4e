"""The thermal corroboration panel under the map, through Streamlit's AppTest.

AppTest cannot switch pages registered as functions, so the map page function is rendered
directly, as tests/test_import_page.py does for the Import page."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from geo.importing.pipeline import ImportOptions, import_path
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from tests.support.files import FIRMS_CSV


def page_for(new_app) -> AppTest:
    return new_app("map_page", timeout=120).run()


@pytest.fixture
def page(db_path, new_app) -> AppTest:
    store = IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR)
    import_path(FIRMS_CSV, store, ImportOptions(today=dt.date(2026, 1, 1)))
    return page_for(new_app)


def thermal_table(app: AppTest):
    frames = [d.value for d in app.dataframe if "Thermal status" in d.value.columns]
    assert len(frames) == 1
    return frames[0].set_index("Id")


def test_the_panel_lists_the_strikes_in_view_with_their_thermal_evidence(page):
    assert not page.exception, page.exception
    assert any(e.label == "Thermal corroboration (NASA FIRMS): 2 of 10 strikes in view "
                          "with detections" for e in page.expander)
    table = thermal_table(page)
    tpp = table.loc["seed-000-02"]
    assert tpp["Strike (place as written)"] == "thermal power plant (Kremenchuk)"
    assert tpp["Thermal status"] == "detected" and tpp["Detections"] == "4"
    assert tpp["Strongest FRP (MW)"] == "42.7" and tpp["Confidence"] == "high"
    assert tpp["Satellite"] == "N20 VIIRS" and tpp["Overpass (UTC)"] == "28 Jun 2025 23:18"
    assert tpp["Searched within (km)"] == 2.0
    assert table.loc["seed-000-01", "Searched within (km)"] == 14.0  # town point
    assert table.loc["seed-000-03", "Thermal status"] == "no FIRMS data for these days and area"
    assert table.loc["seed-000-03", "Detections"] == ""  # no data is not a count of none
    assert table.loc["seed-002-01", "Thermal status"] == "location too vague to search"
    assert list(table["Thermal status"])[:2] == ["detected", "detected"]  # evidence first
    captions = " ".join(c.value for c in page.caption)
    assert ("Evidence, not proof: a fire seen by a satellite near the place and time of a "
            "claimed strike supports the claim; no detection proves nothing, and is only "
            "stated where FIRMS data for that day and area were imported.") in captions
    counts = page.markdown[0].value
    assert counts.startswith("**17** of 17 incidents in view")  # the claims, as before
    assert "**9** thermal detections (FIRMS, not claims)" in counts


def test_the_search_window_can_be_narrowed_and_widened(page):
    page.number_input(key="thermal_radius_km").set_value(0.1).run()
    assert not page.exception
    table = thermal_table(page)
    assert table.loc["seed-000-02", "Thermal status"] != "detected"  # nearest is 0.17 km
    assert table.loc["seed-000-02", "Searched within (km)"] == 0.1
    page.number_input(key="thermal_radius_km").set_value(2.0).run()
    page.number_input(key="thermal_hours_after").set_value(0.0).run()
    assert thermal_table(page).loc["seed-000-02", "Detections"] == "4"  # all inside the span


def test_without_firms_data_the_panel_says_how_to_get_it(new_app):
    app = page_for(new_app)
    assert not app.exception
    assert any(e.label == "Thermal corroboration (NASA FIRMS)" for e in app.expander)
    assert any(i.value.startswith("Import a FIRMS export on the Import page:")
               for i in app.info)
    assert not [d for d in app.dataframe if "Thermal status" in d.value.columns]
    assert "thermal detections" not in app.markdown[0].value
