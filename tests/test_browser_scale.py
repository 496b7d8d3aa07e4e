"""The real app with 100,000 incidents in the store, in Debian's chromium: the map shows
exactly the incidents geo.analysis.filters puts in the window, after a sidebar change too, and the
time control inside the map narrows and plays them without the server."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.analysis.filters import apply_filter, date_extent, split_mapped
from geo.dates import day_number
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from geo.viewstate import ViewFilter
from tests.support.browser import map_frame, wait_for_script_end
from tests.support.synthetic import store_synthetic

pytestmark = pytest.mark.browser

N = 100_000
NEW_TO = dt.date(2025, 6, 30)
STRIKES = "window.incidentMapLayers.strikes"
THERMAL = "window.incidentMapLayers.thermal"  # the synthetic store's FIRMS-like rows
CONTROL = "window.incidentTimeControl"


@pytest.fixture
def large_store(db_path):
    store = IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR)
    store_synthetic(store, N)
    incidents = store.incidents_frame()
    store.engine.dispose()
    return db_path, incidents


def mapped_count(incidents, date_from, date_to, *, claims_only: bool = True) -> int:
    """Points drawn for the window: the claims (strikes layer), or with the thermal rows."""
    mapped = split_mapped(apply_filter(incidents, ViewFilter(date_from, date_to)))[0]
    return int((mapped["category"] != "thermal_detection").sum()) if claims_only \
        else len(mapped)


def test_100k_incidents_sidebar_window_and_in_map_time_control(large_store, start_streamlit,
                                                                browser_page):
    db_path, incidents = large_store
    first, last = date_extent(incidents)
    page = browser_page
    page.goto(start_streamlit(db_path).url)
    expected = mapped_count(incidents, first, last)
    assert expected > 80_000
    frame = map_frame(page, until=f"{STRIKES}.visibleCount() === {expected}")
    assert frame.evaluate(f"() => {STRIKES}.count") == expected

    # The sidebar window: type a new "To" date, as in test_browser_map, once the first run
    # is over (the table is drawn after the map; typing during a run can be undone by it).
    # The map holds every date and is narrowed in place: the same page, not a new one.
    frame.evaluate("() => { window.mountedBeforeWindowChange = true; }")
    wait_for_script_end(page)
    page.get_by_role("spinbutton", name="month, To").click()
    page.keyboard.type(f"{NEW_TO:%m%d}")
    page.get_by_role("heading", name="Incidents in view").click()
    in_window = mapped_count(incidents, first, NEW_TO)
    frame = map_frame(page, until=f"{STRIKES}.visibleCount() === {in_window}")
    assert frame.evaluate("() => window.mountedBeforeWindowChange === true")
    assert frame.evaluate(f"() => {STRIKES}.count") == expected  # every date, held once
    with_thermal = mapped_count(incidents, first, NEW_TO, claims_only=False)
    # the time control counts every time-bound layer: claims and thermal detections
    assert frame.locator(".im-time-count").text_content() == \
        f"{with_thermal:,} of {with_thermal:,} shown"
    assert frame.evaluate(f"() => {CONTROL}.maxDay") == day_number(NEW_TO)
    late = frame.evaluate(f"() => {{ const s = {STRIKES}; let n = 0; for (let i = 0;"
                          f" i < s.count; i++) {{ if (s.isVisible(i) && s.dayStart[i] >"
                          f" {day_number(NEW_TO)}) n++; }} return n; }}")
    assert late == 0  # nothing after the window is drawn
    expected = in_window

    # The time control inside the map narrows within the sidebar window, in the page: a
    # window inside the sidebar's shows the incidents geo.analysis.filters gives for it.
    window = (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    low, high = frame.evaluate(f"() => [{CONTROL}.minDay, {CONTROL}.maxDay]")
    assert low <= day_number(window[0]) and high >= day_number(NEW_TO)
    draws = frame.evaluate(f"() => {STRIKES}.drawCount")
    drawn_before = frame.evaluate(f"() => {STRIKES}.drawnPoints")
    shown = frame.evaluate(f"([a, b]) => {{ {CONTROL}.setRange(a, b); {STRIKES}.flush();"
                           f" return {STRIKES}.visibleCount(); }}",
                           [day_number(d) for d in window])
    assert shown == mapped_count(incidents, *window)
    shown += frame.evaluate(f"() => {THERMAL}.visibleCount()")  # the control counts both
    assert shown == mapped_count(incidents, *window, claims_only=False)
    assert frame.evaluate(f"() => {STRIKES}.drawCount") > draws
    assert 0 < frame.evaluate(f"() => {STRIKES}.drawnPoints") < drawn_before
    in_window = mapped_count(incidents, first, NEW_TO, claims_only=False)
    assert frame.locator(".im-time-count").text_content() == \
        f"{shown:,} of {in_window:,} shown"

    frame.get_by_role("button", name="Play").click()
    frame.wait_for_function(f"() => {CONTROL}.fromDay > {day_number(window[0])}",
                            timeout=10_000)
    frame.get_by_role("button", name="Pause").click()
    assert frame.evaluate(f"() => {CONTROL}.toDay - {CONTROL}.fromDay") == 30
