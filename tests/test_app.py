"""The Streamlit app through AppTest: it runs, and the date window drives the table."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest


@pytest.fixture
def app(new_app) -> AppTest:
    return new_app().run()


def table_places(app: AppTest) -> set[str]:
    return set(app.dataframe[-1].value["Place (as written)"])


def test_app_runs_and_shows_the_seed_story(app):
    assert not app.exception
    assert "**17** of 17 incidents in view" in app.markdown[0].value
    assert "SOCAR oil depot in Ukraine's Odesa region" in table_places(app)


def test_moving_the_date_window_changes_the_table(app):
    slider = app.slider(key="window_slider")
    slider.set_value((dt.date(2025, 6, 1), dt.date(2025, 7, 31))).run()
    assert not app.exception
    places = table_places(app)
    assert "SOCAR oil depot in Ukraine's Odesa region" not in places  # 8 Aug
    assert "Orlivka gas distribution station" not in places  # 1-7 Aug
    assert "Trans-Balkan pipeline (Orlivka node)" in places  # 28 Jun
    assert "Kremenchuk refinery" in places  # mid-June to mid-July, approximate
    assert "window 01 Jun 2025 – 31 Jul 2025" in app.markdown[0].value


def test_filters_narrow_the_table(app):
    app.multiselect(key="filter_claim_statuses").set_value(["claimed"]).run()
    assert not app.exception
    assert "Kremenchuk refinery" in table_places(app)
    assert "SOCAR oil depot in Ukraine's Odesa region" not in table_places(app)


def test_a_window_with_nothing_in_it_says_so(app):
    app.slider(key="window_slider").set_value((dt.date(2021, 1, 1), dt.date(2021, 2, 1))).run()
    assert not app.exception
    assert any("No incidents match" in info.value for info in app.info)



def test_the_pipeline_filter_keeps_incidents_near_the_chosen_route(app):
    app.selectbox(key="filter_pipeline").set_value("Trans-Balkan").run()
    app.number_input(key="filter_pipeline_km").set_value(25.0).run()
    assert not app.exception
    # Orlivka is 19.9 km from GEM's schematic Trans-Balkan line; Odesa ~220 km
    assert table_places(app) == {"Orlivka gas distribution station",
                                 "Trans-Balkan pipeline (Orlivka node)"}
    assert "within 25 km of the Trans\\-Balkan pipeline route" in app.markdown[0].value
    assert (app.query_params["pipe"], app.query_params["km"]) == ("Trans-Balkan", "25")
    app.number_input(key="filter_pipeline_km").set_value(15.0).run()
    assert any("No incidents match" in info.value for info in app.info)
    app.selectbox(key="filter_pipeline").set_value("").run()
    assert "**17** of 17 incidents in view" in app.markdown[0].value


def test_a_link_with_a_pipeline_filter_reopens_it(new_app):
    app = new_app(query={"from": "2020-01-01", "to": "2026-01-01", "pipe": "Trans-Balkan",
                         "km": "25"})
    app.run()
    assert not app.exception
    assert app.selectbox(key="filter_pipeline").value == "Trans-Balkan"
    assert len(table_places(app)) == 2


def test_a_layer_or_filter_changes_only_when_the_person_changes_it(app):
    """A widget value Streamlit drops or resets between runs (a run_every fragment's run
    drops those outside it) comes back as the person last chose it; their own change stays."""
    app.toggle(key="layer_infrastructure").set_value(False).run()
    app.multiselect(key="filter_claim_statuses").set_value(["claimed"]).run()
    app.session_state["layer_strikes"] = False  # reset, not by the person
    app.session_state["layer_infrastructure"] = True
    app.session_state["filter_claim_statuses"] = []
    app.run()
    assert not app.exception
    assert app.toggle(key="layer_strikes").value is True
    assert app.toggle(key="layer_infrastructure").value is False
    assert app.multiselect(key="filter_claim_statuses").value == ["claimed"]
    assert "SOCAR oil depot in Ukraine's Odesa region" not in table_places(app)
