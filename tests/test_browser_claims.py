"""Review a claim in the real page: open a link selecting an incident, set its status through
the form with the keyboard-friendly widgets, and see the history row and the map's ring; the
form stays where it is while the map loads."""

from __future__ import annotations

import pytest

from geo.ui.map_panel import MAP_HEIGHT
from tests.support.browser import choose_option, map_frame, wait_for_script_end
from tests.support.map_loading import (
    MAP_IFRAME,
    hold_map_height,
    map_iframe_height,
    release_map_height,
)

pytestmark = pytest.mark.browser

TPP = "seed-000-02"  # Kremenchuk thermal power plant: a site-precision strike, "claimed"
TPP_POINT = (49.171, 33.447)
# The strikes canvas just outside the TPP symbol (radius 6 px, ring centred 8.5 px out):
# opaque and dark there only when the confirmed ring is drawn.
RING_DRAWN = """(() => {
  const layer = window.incidentMapLayers.strikes; layer.flush();
  const p = layer._map.latLngToContainerPoint([LAT, LON]), r = layer._ratio;
  const px = layer._canvas.getContext('2d').getImageData(
    Math.round((p.x + 7) * r), Math.round(p.y * r), Math.round(4 * r), 1).data;
  for (let i = 0; i < px.length; i += 4) {
    if (px[i + 3] > 200 && px[i] < 90 && px[i + 1] < 90 && px[i + 2] < 90) { return true; }
  }
  return false;
})()""".replace("LAT, LON", f"{TPP_POINT[0]}, {TPP_POINT[1]}")
SYMBOL_DRAWN = f"window.incidentMapLayers.strikes.drawnAt({TPP_POINT[0]}, {TPP_POINT[1]}, 3)"


def test_a_claim_reviewed_in_the_form_shows_in_the_history_and_on_the_map(start_streamlit,
                                                                          browser_page):
    app = start_streamlit()
    page = browser_page
    page.goto(f"{app.url}/?sel={TPP}&lat={TPP_POINT[0]}&lon={TPP_POINT[1]}&z=10")
    frame = map_frame(page, until=SYMBOL_DRAWN)
    assert frame.evaluate(f"() => {RING_DRAWN}") is False  # claimed: faint, no ring
    page.get_by_text("No review yet: status as imported.").wait_for()

    choose_option(page, "New claim status", "Confirmed")
    page.get_by_role("textbox", name="Your name").fill("Browser analyst")
    page.get_by_role("textbox", name="Note").fill("Two independent videos <b>not bold</b>")
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("Saved: Claimed → Confirmed").wait_for(timeout=30_000)

    history = page.get_by_test_id("stDataFrame").filter(has_text="From → to")
    row = history.locator("tr", has_text="Claimed → Confirmed")
    row.wait_for(state="attached", timeout=30_000)
    assert "Browser analyst" in row.inner_text()
    assert "<b>not bold</b>" in row.inner_text()  # the note is shown as typed
    page.get_by_text("Claim status now: Confirmed").wait_for()
    # the map is rebuilt for the new revision: the confirmed point now has its dark ring
    frame = map_frame(page, until=RING_DRAWN)
    assert frame.evaluate(f"() => {SYMBOL_DRAWN}")


def test_the_review_form_stays_put_while_the_map_loads(streamlit_server, browser_page):
    """A click aimed at a linked incident's review form before the map is drawn reaches
    the form: the map's arrival does not slide the map under the pointer, where a click
    away from every point would clear the link's selection."""
    page = browser_page
    hold_map_height(page)
    page.goto(f"{streamlit_server.url}/?sel={TPP}")
    status = page.get_by_role("combobox", name="New claim status")
    status.wait_for(timeout=90_000)
    page.wait_for_function(f"""() => {{ const frame = document.querySelector("{MAP_IFRAME}");
        return frame && getComputedStyle(frame).display !== 'none'; }}""")  # its script runs
    wait_for_script_end(page)
    assert map_iframe_height(page) == 0  # the map is not drawn yet
    status.scroll_into_view_if_needed()
    before = status.bounding_box()
    release_map_height(page)
    page.wait_for_function(f"""() => document.querySelector("{MAP_IFRAME}")
        .getBoundingClientRect().height >= {MAP_HEIGHT}""")
    wait_for_script_end(page)
    assert status.bounding_box()["y"] == pytest.approx(before["y"], abs=1)
    page.mouse.click(before["x"] + before["width"] / 2, before["y"] + before["height"] / 2)
    page.get_by_role("option", name="Confirmed").wait_for(timeout=10_000)
    assert map_frame(page).evaluate("() => window.__GLOBAL_DATA__.lat_lng_clicked") is None
    assert f"sel={TPP}" in page.url
