"""The permalink: a view to URL query parameters and back, and the app opening a URL."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from geo.render.compose import LAYER_KEYS
from geo.schema import CATEGORIES, CLAIM_STATUSES
from geo.viewstate import DEFAULT_CENTER, DEFAULT_ZOOM, ViewState, from_query, permalink, to_query

DEFAULT = ViewState(date_from=dt.date(2020, 11, 1), date_to=dt.date(2025, 8, 8))


def parse(query: dict, default: ViewState = DEFAULT):
    return from_query(query, default, categories=CATEGORIES, claim_statuses=CLAIM_STATUSES,
                      operators=None)


def test_a_full_view_round_trips():
    state = ViewState(date_from=dt.date(2025, 6, 1), date_to=dt.date(2025, 8, 31),
                      layers=("strikes", "pipelines"), categories=("strike", "diplomatic"),
                      operators=("SOCAR",), claim_statuses=("claimed",),
                      center=(46.4857, 30.7438), zoom=9, selected="seed-002-01")
    query = to_query(state, DEFAULT)
    assert query == {"from": "2025-06-01", "to": "2025-08-31", "layers": "strikes,pipelines",
                     "cat": "strike,diplomatic", "op": "SOCAR", "claim": "claimed",
                     "lat": "46.4857", "lon": "30.7438", "z": "9", "sel": "seed-002-01"}
    restored, problems = parse(query)
    assert problems == []
    assert restored == state


def test_the_default_view_makes_a_short_link():
    assert to_query(DEFAULT) == {"from": "2020-11-01", "to": "2025-08-08"}
    moved = ViewState(DEFAULT.date_from, DEFAULT.date_to, center=(DEFAULT_CENTER[0] + 1e-7,
                                                                  DEFAULT_CENTER[1]))
    assert "lat" not in to_query(moved)  # sub-metre jitter is not a new position
    none = ViewState(DEFAULT.date_from, DEFAULT.date_to, layers=())
    assert to_query(none)["layers"] == "none"
    assert parse(to_query(none))[0].layers == ()


def test_bad_link_values_are_dropped_with_a_message():
    state, problems = parse({"from": "2025-13-01", "to": "2025-08-01", "layers": "strikes,roads",
                             "cat": "strike,weather", "lat": "north", "lon": "30", "z": "7"})
    assert state.date_from == DEFAULT.date_from and state.date_to == dt.date(2025, 8, 1)
    assert state.layers == ("strikes",) and state.categories == ("strike",)
    assert (state.center, state.zoom) == (DEFAULT_CENTER, DEFAULT_ZOOM)
    assert len(problems) == 4
    assert any("'from' is not a date" in p and "2025-13-01" in p for p in problems)
    assert any("roads" in p for p in problems) and any("weather" in p for p in problems)
    reversed_window, problems = parse({"from": "2025-08-01", "to": "2025-06-01"})
    assert (reversed_window.date_from, reversed_window.date_to) == (DEFAULT.date_from,
                                                                    DEFAULT.date_to)
    assert "before it starts" in problems[0]


def test_permalink_is_the_page_url_with_the_query():
    state = ViewState(dt.date(2025, 6, 1), dt.date(2025, 8, 31), categories=("strike",))
    link = permalink("http://localhost:8501/?old=1", state)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "localhost:8501", "/")
    assert parse_qs(parts.query) == {"from": ["2025-06-01"], "to": ["2025-08-31"],
                                     "cat": ["strike"]}


@pytest.fixture
def app(new_app) -> AppTest:
    return new_app(timeout=90)


def test_opening_a_link_reproduces_the_view(app):
    app.query_params["from"] = "2025-08-01"
    app.query_params["to"] = "2025-08-31"
    app.query_params["claim"] = "reported"
    app.query_params["layers"] = "strikes"
    app.run()
    assert not app.exception
    summary = app.markdown[0].value
    assert "window 01 Aug 2025 – 08 Aug 2025" in summary  # clamped to the data's last day
    places = set(app.dataframe[-1].value["Place (as written)"])
    assert "SOCAR oil depot in Ukraine's Odesa region" in places
    assert "Kremenchuk refinery" not in places  # June-July, and only claimed
    assert app.toggle(key="layer_infrastructure").value is False
    assert app.toggle(key="layer_strikes").value is True
    # the URL follows the widgets on every run
    assert app.query_params["from"] == "2025-08-01"
    assert app.query_params["to"] == "2025-08-08"
    assert app.query_params["claim"] == "reported"
    app.multiselect(key="filter_claim_statuses").set_value(["reported", "claimed"]).run()
    assert app.query_params["claim"] == "reported,claimed"
    assert not app.warning


def test_a_bad_link_warns_and_shows_the_default_view(app):
    app.query_params["from"] = "yesterday"
    app.query_params["layers"] = "roads"
    app.run()
    assert not app.exception
    warnings = " ".join(w.value for w in app.warning)
    assert "'from' is not a date" in warnings and "roads" in warnings
    shown, total = re.search(r"\*\*(\d+)\*\* of (\d+) incidents", app.markdown[0].value).groups()
    assert shown == total  # the whole default window
    assert set(LAYER_KEYS) - {k for k in LAYER_KEYS if app.toggle(key=f"layer_{k}").value} \
        == set(LAYER_KEYS)


def test_a_pipeline_filter_round_trips_and_bad_values_are_reported():
    state = ViewState(DEFAULT.date_from, DEFAULT.date_to, pipeline="Trans-Balkan",
                      pipeline_km=12.5)
    query = to_query(state)
    assert query["pipe"] == "Trans-Balkan" and query["km"] == "12.5"
    known = ("Trans-Balkan", "Druzhba")
    restored, problems = from_query(query, DEFAULT, categories=CATEGORIES,
                                    claim_statuses=CLAIM_STATUSES, operators=None,
                                    pipelines=known)
    assert restored == state and problems == []
    unknown, problems = from_query({"pipe": "Nord Stream"}, DEFAULT, categories=CATEGORIES,
                                   claim_statuses=CLAIM_STATUSES, operators=None,
                                   pipelines=known)
    assert unknown.pipeline == "" and "'Nord Stream'" in problems[0]
    bad_km, problems = from_query({"pipe": "Druzhba", "km": "-3"}, DEFAULT,
                                  categories=CATEGORIES, claim_statuses=CLAIM_STATUSES,
                                  operators=None, pipelines=known)
    assert (bad_km.pipeline, bad_km.pipeline_km) == ("Druzhba", 10.0)
    assert "'-3'" in problems[0]


def test_only_confirmed_claims_round_trips_in_its_own_key():
    state = ViewState(date_from=dt.date(2025, 6, 1), date_to=dt.date(2025, 8, 31),
                      claim_statuses=("claimed",), confirmed_only=True)
    assert state.claim_statuses == ("confirmed",)  # the switch overrides the statuses
    query = to_query(state, DEFAULT)
    assert query == {"from": "2025-06-01", "to": "2025-08-31", "confirmed_only": "1"}
    restored, problems = parse(query)
    assert problems == [] and restored == state
    assert restored.view_filter().claim_statuses == ("confirmed",)
    assert "confirmed_only" not in to_query(replace(state, confirmed_only=False), DEFAULT)


def test_a_bad_only_confirmed_value_is_dropped_with_a_message():
    state, problems = parse({"confirmed_only": "yes please"})
    assert state.confirmed_only is False and state.claim_statuses is None
    assert problems == ["Link parameter 'confirmed_only' is not 1 or 0: 'yes please'; ignored"]
