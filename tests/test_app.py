"""The Streamlit app through AppTest: it runs, and the date window drives the table."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from geo.settings import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")


@pytest.fixture
def app(db_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("INCIDENT_MAP_DB", str(db_path))
    return AppTest.from_file(APP, default_timeout=60).run()


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

