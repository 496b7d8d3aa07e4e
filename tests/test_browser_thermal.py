"""FIRMS in Debian's chromium, offline: import the synthetic FIRMS fixture through the real
Import page, see the thermal layer on the map (its switch, the in-map time control) and the
corroboration panel saying "detected" for the Kremenchuk strike."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.dates import day_number
from tests.support.browser import map_frame, open_page
from tests.support.files import FIRMS_CSV

pytestmark = pytest.mark.browser

THERMAL = "window.incidentMapLayers.thermal"
CONTROL = "window.incidentTimeControl"
KREMENCHUK_TPP = (49.171, 33.447)
SWITCH = "Thermal detections (FIRMS)"


def thermal_near(frame, point, km=3):
    return frame.evaluate(f"([lat, lon, km]) => {THERMAL}.countNear(lat, lon, km)",
                          [*point, km])


def test_import_firms_and_see_the_thermal_layer_and_the_corroboration(start_streamlit,
                                                                      browser_page):
    app = start_streamlit()
    page = browser_page
    page.goto(app.url)
    map_frame(page)
    assert not page.get_by_text("thermal detections (FIRMS, not claims)").count()

    open_page(page, "Import data", page.get_by_role("heading", name="Import incidents"))
    page.get_by_text("Choose a CSV file above").wait_for(timeout=30_000)
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        str(FIRMS_CSV))
    page.get_by_text("Coverage to record:").wait_for(timeout=60_000)
    assert page.get_by_text("20 Jun 2025 – 20 Jul 2025 (31 days)").count() == 1
    page.get_by_role("button", name="Import 9 rows").click()
    page.get_by_text("Imported 9 incident(s)").wait_for(timeout=60_000)

    page.goto(app.url)
    frame = map_frame(page, until=f"!!{THERMAL} && {THERMAL}.visibleCount() === 9")
    assert frame.evaluate("() => window.incidentMapLayers.strikes.visibleCount()") == 14
    assert thermal_near(frame, KREMENCHUK_TPP) == 5  # four in the window, one 5 days later
    page.get_by_text("9 thermal detections (FIRMS, not claims)").wait_for(timeout=30_000)

    # the in-map time control narrows the thermal layer with the claims
    window = [day_number(dt.date(2025, 6, 28)), day_number(dt.date(2025, 6, 29))]
    shown = frame.evaluate(f"([a, b]) => {{ {CONTROL}.setRange(a, b); {THERMAL}.flush();"
                           f" return {THERMAL}.visibleCount(); }}", window)
    assert shown == 4

    switch = page.get_by_role("switch", name=SWITCH)
    assert switch.is_checked()
    switch.focus()
    page.keyboard.press("Space")
    map_frame(page, until=f"!{THERMAL} && window.incidentMapLayers.strikes.count > 0")
    switch.focus()
    page.keyboard.press("Space")
    frame = map_frame(page, until=f"!!{THERMAL} && {THERMAL}.visibleCount() === 9")
    assert frame.evaluate(f"() => {THERMAL}.drawnAt({KREMENCHUK_TPP[0]}, "
                          f"{KREMENCHUK_TPP[1]}, 12)")

    panel = page.get_by_text("Thermal corroboration (NASA FIRMS): 2 of 10 strikes in view "
                             "with detections")
    panel.click()
    page.get_by_text("Evidence, not proof: a fire seen by a satellite").wait_for(
        timeout=30_000)
    # the grid draws on a canvas; its cells are also in an accessible (hidden) table
    page.get_by_text("thermal power plant (Kremenchuk)").first.wait_for(state="attached",
                                                                       timeout=30_000)
    page.get_by_text("detected", exact=True).first.wait_for(state="attached", timeout=30_000)
    radius = page.get_by_role("spinbutton", name="Search radius (km)")
    radius.fill("0.1")
    radius.press("Enter")
    page.get_by_text("Thermal corroboration (NASA FIRMS): 1 of 10 strikes in view with "
                     "detections").wait_for(timeout=30_000)  # the town point's own fire
    assert page.get_by_role("spinbutton", name="Search radius (km)").is_visible()  # still open
    assert not [url for url in page.blocked if "tile" not in url]
