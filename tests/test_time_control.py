"""The time control inside the map, and the canvas filtering it drives.

Python filtering (geo.analysis.filters) and in-page filtering (setWindow) must show the same
incidents for any window; the control is keyboard-usable and plays through time; nothing
from the data is ever read as a template or inserted as HTML.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import numpy as np
import pytest

from geo.analysis.filters import apply_filter, split_mapped
from geo.render.compose import build_layers
from geo.render.folium_map import build_map
from geo.render.time_control import day_number, sidebar_window_group
from geo.settings import DATA_DIR
from geo.shipped import read_basemap, read_pipelines
from geo.store.seed import read_seed_sites
from geo.viewstate import ViewFilter
from tests.support.synthetic import synthetic_incidents

WINDOWS = [(dt.date(2024, 1, 1), dt.date(2024, 1, 31)),
           (dt.date(2022, 6, 1), dt.date(2022, 6, 1)),
           (dt.date(2025, 6, 1), dt.date(2025, 12, 31)),
           (dt.date(2023, 2, 10), dt.date(2024, 8, 20))]
CONTROL_JS = "new L.IncidentTimeControl|L.incidentTimeControl\\("


@pytest.fixture(scope="module")
def shipped():
    return {"sites": read_seed_sites(DATA_DIR), "pipeline_routes": read_pipelines(DATA_DIR),
            "basemap_parts": read_basemap(DATA_DIR)}


@pytest.fixture(scope="module")
def mapped():
    incidents = synthetic_incidents(6_000)  # claims only: thermal rows are their own layer
    return split_mapped(incidents.loc[incidents["category"] != "thermal_detection"])[0]


def html_of(mapped, shipped, **options) -> str:
    layers = build_layers(mapped_incidents=mapped, **shipped)
    return build_map(layers, **options).get_root().render()


def control_options(html: str) -> dict:
    found = re.search(r"L\.incidentTimeControl\((\{.*?\})\)\.addTo", html)
    return json.loads(found.group(1)) if found else {}


def test_the_control_is_on_by_default_and_can_be_left_out(mapped, shipped):
    assert re.search(CONTROL_JS, html_of(mapped, shipped))
    assert not re.search(CONTROL_JS, html_of(mapped, shipped, time_control=False))


def test_the_control_spans_the_sidebar_window_or_the_data(mapped, shipped):
    window = (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    options = control_options(html_of(mapped, shipped, time_window=window))
    assert (options["fromDay"], options["toDay"]) == tuple(day_number(d) for d in window)
    options = control_options(html_of(mapped, shipped))
    first = day_number(mapped["date_start"].min().date())
    assert (options["fromDay"], options["toDay"]) == (first, day_number(
        mapped["date_end"].max().date()))
    assert "source of truth" in options["title"]


def test_no_control_without_time_bound_points(shipped):
    layers = build_layers(mapped_incidents=None, enabled=("infrastructure",), **shipped)
    html = build_map(layers).get_root().render()
    assert not re.search(CONTROL_JS, html)


def test_text_from_the_data_is_never_run_as_a_template(mapped, shipped):
    rows = mapped.iloc[:20].copy()
    rows["description"] = "{{ 7 * 7 }} {% if true %}x{% endif %}"
    html = html_of(rows, shipped, caption_html="<b>{{ 6 * 6 }}</b>")
    assert "{{ 7 * 7 }} {% if true %}x{% endif %}" in html
    assert "{{ 6 * 6 }}" in html and ">36<" not in html


# --- in the browser: the same incidents as geo.analysis.filters ---------------------------
@pytest.fixture(scope="module")
def map_file(mapped, shipped, tmp_path_factory):
    path = tmp_path_factory.mktemp("time-control") / "map.html"
    path.write_text(html_of(mapped, shipped), encoding="utf-8")
    return path


@pytest.fixture
def map_page(browser_page, map_file):
    browser_page.goto(map_file.as_uri())
    browser_page.wait_for_function("() => window.incidentTimeControl && "
                                   "window.incidentMapLayers.strikes.drawCount > 0")
    return browser_page


def python_mask(mapped, window) -> np.ndarray:
    records = mapped.reset_index(drop=True)
    keep = apply_filter(records, ViewFilter(*window)).index
    mask = np.zeros(len(records), dtype=bool)
    mask[keep] = True
    return mask


@pytest.mark.browser
def test_in_page_filtering_shows_the_incidents_python_shows(map_page, mapped):
    for window in WINDOWS:
        days = [day_number(d) for d in window]
        shown = map_page.evaluate(
            "([a, b]) => { window.incidentTimeControl.setRange(a, b);"
            " return Array.from(window.incidentMapLayers.strikes.visible); }", days)
        expected = python_mask(mapped, window)
        assert np.array_equal(np.array(shown, dtype=bool), expected), window
        assert map_page.evaluate("() => window.incidentMapLayers.strikes.visibleCount()") == \
            expected.sum()
        count_text = map_page.locator(".im-time-count").text_content()
        assert count_text == f"{expected.sum():,} of {len(mapped):,} shown"


@pytest.mark.browser
def test_the_window_changes_what_is_drawn(map_page):
    strikes = "window.incidentMapLayers.strikes"
    before = map_page.evaluate(f"() => [{strikes}.drawCount, {strikes}.drawnPoints]")
    map_page.evaluate("() => window.incidentTimeControl.setRange(19800, 19830)")  # 2024
    map_page.wait_for_function(f"() => {strikes}.drawCount > {before[0]}")
    after = map_page.evaluate(f"() => {strikes}.drawnPoints")
    assert 0 < after < before[1]


@pytest.mark.browser
def test_keyboard_moves_the_range_by_a_day_or_a_week(map_page):
    control = "window.incidentTimeControl"
    start = map_page.evaluate(f"() => {control}.fromDay")
    from_range = map_page.get_by_role("slider", name="From date")
    from_range.focus()
    map_page.keyboard.press("ArrowRight")
    assert map_page.evaluate(f"() => {control}.fromDay") == start + 1
    map_page.keyboard.press("Shift+ArrowRight")
    assert map_page.evaluate(f"() => {control}.fromDay") == start + 8
    map_page.get_by_role("button", name="Show the whole sidebar window").click()
    assert map_page.evaluate(f"() => {control}.fromDay") == start
    assert map_page.get_by_role("slider", name="From date").get_attribute(
        "aria-valuetext") == map_page.locator(".im-time-date").first.text_content()


@pytest.mark.browser
def test_step_buttons_and_playback_move_the_window(map_page):
    control = "window.incidentTimeControl"
    start = map_page.evaluate(f"() => {control}.minDay") + 100
    map_page.evaluate(f"(day) => {control}.setRange(day, day + 6)", start)
    map_page.get_by_role("button", name="Forward one week").click()
    assert map_page.evaluate(f"() => [{control}.fromDay, {control}.toDay]") == [
        start + 7, start + 13]
    map_page.get_by_role("button", name="Back one day").click()
    assert map_page.evaluate(f"() => {control}.fromDay") == start + 6
    map_page.get_by_label("Playback speed").select_option(label="1 month/s")
    map_page.get_by_role("button", name="Play").click()
    map_page.wait_for_function(f"() => {control}.fromDay >= {start + 20}", timeout=10_000)
    map_page.get_by_role("button", name="Pause").click()
    paused_at = map_page.evaluate(f"() => {control}.fromDay")
    map_page.wait_for_timeout(300)
    assert map_page.evaluate(f"() => {control}.fromDay") == paused_at
    assert map_page.evaluate(f"() => {control}.toDay - {control}.fromDay") == 6


# --- the sidebar window applied in a mounted map (no remount) -----------------------------
@pytest.mark.browser
def test_the_sidebar_window_can_be_applied_inside_a_mounted_map(map_page, mapped, shipped):
    from streamlit_folium import _get_feature_group_string

    window = (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    fmap = build_map(build_layers(mapped_incidents=mapped, **shipped))
    script = _get_feature_group_string(sidebar_window_group(*window), fmap)
    # what streamlit-folium's frontend does with a changed feature group: run its script
    map_page.evaluate("(script) => { const map_div = window.incidentMapLayers.strikes._map;"
                      " eval(script); }", script)
    expected = python_mask(mapped, window)
    control = "window.incidentTimeControl"
    assert map_page.evaluate(f"() => [{control}.minDay, {control}.maxDay]") == [
        day_number(d) for d in window]
    assert map_page.evaluate("() => window.incidentMapLayers.strikes.visibleCount()") == \
        expected.sum()
    # "N of M": M counts the sidebar window's points, not every date the map holds
    assert map_page.locator(".im-time-count").text_content() == \
        f"{expected.sum():,} of {expected.sum():,} shown"
    map_page.get_by_role("button", name="Back one week").click()  # stays inside the window
    assert map_page.evaluate(f"() => {control}.fromDay") == day_number(window[0])


@pytest.mark.browser
def test_an_empty_incident_layer_does_not_stop_the_page(browser_page, mapped, shipped,
                                                        tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(html_of(mapped.iloc[:0], shipped), encoding="utf-8")
    errors = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_page.goto(path.as_uri())
    browser_page.wait_for_function("() => window.incidentMapLayers"
                                   " && window.incidentMapLayers.infrastructure.drawCount > 0")
    assert browser_page.evaluate("() => window.incidentMapLayers.strikes.visibleCount()") == 0
    assert errors == []
