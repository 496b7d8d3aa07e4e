"""Reading the map in Debian's chromium with no internet (issue 21): a popup fits in the
map, clear of the legend, without moving the map or the link; the folded legend covers no
drawn point; labels do not overlap; a point on a pipeline takes the click; a table row
selects its incident on the map; the sidebar window reaches the map before the rerun and
Enter applies a date; settlements at site zooms; the frame is titled, focus visible, every
layer credited, here and in the HTML snapshot; axe-core finds no serious violation."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.render.map_reading import MAP_TITLE
from geo.settings import PROJECT_ROOT
from tests.support.axe import blocking_violations
from tests.support.browser import map_frame, open_expander, open_page, wait_for_script_end

pytestmark = pytest.mark.browser

ORLIVKA = (45.31659, 28.44046)
BAKU = (40.37767, 49.89201)
CONTROLS = """() => [...document.querySelectorAll('.leaflet-control')]
  .map(c => c.getBoundingClientRect()).filter(r => r.width && r.height)
  .map(r => [r.left, r.top, r.right, r.bottom])"""
POPUP_BOX = """() => { const w = document.querySelector('.leaflet-popup-content-wrapper');
  if (!w) return null; const r = w.getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom]; }"""


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def click_point(page, frame, point):
    """A real mouse click on the map at (lat, lon)."""
    x, y = frame.evaluate("([lat, lon]) => { const p = window.incidentMap"
                          ".latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
                          list(point))
    box = page.locator(f"iframe[title='{MAP_TITLE}']").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def test_a_popup_fits_clear_of_the_legend_and_leaves_the_map_and_link_alone(
        streamlit_server, browser_page):
    page = browser_page
    page.goto(f"{streamlit_server.url}/?from=2020-11-01&to=2025-08-08"
              f"&lat={ORLIVKA[0]}&lon={ORLIVKA[1]}&z=8")
    frame = map_frame(page, until="window.incidentMap && window.incidentMap.getZoom() === 8")
    wait_for_script_end(page)
    frame.locator("details.im-legend summary").click()  # open: the largest obstacle
    before = frame.evaluate("() => window.incidentMap.getCenter()")
    link = query(page)
    click_point(page, frame, ORLIVKA)
    frame.wait_for_selector(".leaflet-popup-content-wrapper")
    size = frame.evaluate("() => window.incidentMap.getSize()")
    popup = frame.evaluate(POPUP_BOX)
    assert popup[0] >= 0 and popup[2] <= size["x"] and popup[1] >= 0 and popup[3] <= size["y"]
    for control in frame.evaluate(CONTROLS):
        assert not overlaps(popup, control), (popup, control)
    text = frame.locator(".leaflet-popup-content").inner_text()
    assert "Claim status" in text and "Location" in text and "Source" in text
    # "More" opens inside the popup, which still fits (scrolling inside if it must)
    frame.locator(".leaflet-popup-content summary").click()
    frame.wait_for_function("() => document.querySelector('.im-more').open")
    # the popup is placed again on the details' toggle event, which fires after `open`
    with contextlib.suppress(PlaywrightTimeoutError):  # the assertion below says where
        frame.wait_for_function(f"() => {{ const box = ({POPUP_BOX})(); return box[1] >= 0 "
                                f"&& box[3] <= {size['y']}; }}", timeout=5_000)
    popup = frame.evaluate(POPUP_BOX)
    assert popup[1] >= 0 and popup[3] <= size["y"]
    for control in frame.evaluate(CONTROLS):
        assert not overlaps(popup, control), (popup, control)
    assert frame.evaluate("() => window.incidentMap.getCenter()") == before
    wait_for_script_end(page)
    after = query(page)
    # the link keeps its view: the same zoom, and a centre within a pixel (the map reports
    # its own centre, which Leaflet places on a whole pixel, once it is drawn)
    pixel_degrees = 360 / (256 * 2 ** int(link["z"]))
    assert after["z"] == link["z"]
    assert abs(float(after["lat"]) - float(link["lat"])) <= pixel_degrees
    assert abs(float(after["lon"]) - float(link["lon"])) <= pixel_degrees


def test_the_folded_legend_covers_no_drawn_point_and_labels_do_not_overlap(
        streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server.url)
    frame = map_frame(page)
    assert not frame.evaluate("() => document.querySelector('details.im-legend').open")
    legend = frame.evaluate("() => { const r = document.querySelector('.im-legend-box')"
                            ".getBoundingClientRect(); return [r.left, r.top, r.right, "
                            "r.bottom]; }")
    points = frame.evaluate("""() => { const out = [];
      for (const key of ['strikes', 'infrastructure']) {
        const layer = window.incidentMapLayers[key];
        for (let i = 0; i < layer.count; i++) {
          if (!layer.isVisible(i)) continue;
          const p = window.incidentMap.latLngToContainerPoint([layer.lat[i], layer.lon[i]]);
          out.push([p.x, p.y]); } } return out; }""")
    size = frame.evaluate("() => window.incidentMap.getSize()")
    inside = [p for p in points if 0 <= p[0] <= size["x"] and 0 <= p[1] <= size["y"]]
    assert len(inside) > 20
    for x, y in inside:
        assert not (legend[0] <= x <= legend[2] and legend[1] <= y <= legend[3]), (x, y)
    baku = frame.evaluate("([lat, lon]) => { const p = window.incidentMap"
                          ".latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
                          list(BAKU))
    for control in frame.evaluate(CONTROLS):
        assert not (control[0] <= baku[0] <= control[2] and control[1] <= baku[1] <= control[3])
    labels = frame.evaluate("() => window.incidentMapLayers.infrastructure.labelsDrawn")
    names = [text for text, _ in labels]
    assert "Kremenchuk oil refinery" in names and "Kremenchuk thermal power plant (CHP)" in names
    for i, (_, box) in enumerate(labels):
        for _, other in labels[i + 1:]:
            assert not overlaps(box, other)


def test_a_point_on_a_pipeline_takes_the_click(streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server.url)
    frame = map_frame(page)
    # a drawn incident that a pipeline runs under, at the overview zoom
    found = frame.evaluate("""() => { const map = window.incidentMap;
      const lines = []; map.eachLayer(l => { if (l.feature && l.feature.properties.tooltip
          && l._containsPoint) lines.push(l); });
      const layer = window.incidentMapLayers.strikes;
      for (let i = 0; i < layer.count; i++) {
        const p = map.latLngToLayerPoint([layer.lat[i], layer.lon[i]]);
        if (layer.isVisible(i) && lines.some(l => l._containsPoint(p)))
          return [layer.lat[i], layer.lon[i]]; }
      return null; }""")
    assert found, "the test needs an incident drawn on a pipeline"
    click_point(page, frame, found)
    # a popup that gives way fades out for 200 ms before it leaves the page
    frame.wait_for_function("() => document.querySelectorAll('.leaflet-popup-content')"
                            ".length === 1")
    text = frame.locator(".leaflet-popup-content").inner_text()
    assert "Claim status" in text and "Route accuracy" not in text


def test_a_table_row_and_the_keyboard_list_show_their_incident_on_the_map(
        streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server.url)
    frame = map_frame(page)
    wait_for_script_end(page)
    grid = page.locator("[data-testid=stDataFrame]").last
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 35 * 5 + 17)  # row 6's selector
    page.wait_for_function("() => new URLSearchParams(location.search).get('sel')")
    selected = query(page)["sel"]
    frame = map_frame(page, until="!!document.querySelector('.leaflet-popup-content')")
    assert selected in frame.locator(".leaflet-popup-content").text_content()  # in "More"
    wait_for_script_end(page)
    # by keyboard: the list under the table, type and Enter
    page.get_by_role("combobox", name="Show an incident on the map").focus()
    page.keyboard.type("Kremenchuk refinery")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('sel') !== "
                           f"'{selected}'")
    frame = map_frame(page, until="/Kremenchuk refinery/.test((document.querySelector("
                                  "'.leaflet-popup-content') || {}).textContent || '')")
    # the map pans the popup into view after it opens (slower under load: CI once read its
    # box mid-pan, 686 px above the map): wait for it to come clear of the top, then measure
    frame.wait_for_function(f"() => {{ const box = ({POPUP_BOX})(); "
                            "return box && box[1] >= 0; }", timeout=15_000)
    popup = frame.evaluate(POPUP_BOX)
    size = frame.evaluate("() => window.incidentMap.getSize()")
    assert popup[1] >= 0 and popup[3] <= size["y"], (popup, size)


def test_only_what_the_map_shows_narrows_the_table_and_exports_to_the_maps_area(
        streamlit_server, browser_page):
    page = browser_page
    page.goto(f"{streamlit_server.url}/?from=2020-11-01&to=2025-08-08&lat=46.55&lon=30.65&z=9")
    map_frame(page)
    wait_for_script_end(page)
    page.get_by_role("switch", name="Only what the map shows").focus()
    page.keyboard.press("Space")
    note = page.get_by_text("incidents in view are inside the map's visible area")
    note.wait_for(timeout=30_000)
    open_expander(page, "Share and export")
    # read once the runs are over: a later report of the map's area may change the count
    inside, total = (int(n) for n in note.inner_text().split(" incidents")[0].split(" of "))
    assert total == 17 and 0 < inside < total
    exports = page.get_by_text(re.compile(r"^Incidents in view \(\d+\)$"))
    assert exports.inner_text() == f"Incidents in view ({inside})"


def test_the_sidebar_window_reaches_the_map_before_the_rerun_and_enter_applies_it(
        streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server.url)
    frame = map_frame(page)
    wait_for_script_end(page)
    assert frame.evaluate("() => window.incidentMapLayers.strikes.visibleCount()") == 14
    page.get_by_role("spinbutton", name="month, To").click()
    page.keyboard.type("0731")
    # the map narrows in the page, before any rerun: the counts above it still show the
    # old window (how fast is measured by `make bench`, bench_window, not here)
    frame.wait_for_function("() => window.incidentMapLayers.strikes.visibleCount() === 11",
                            timeout=5_000)
    assert page.get_by_text("window 01 Nov 2020 – 08 Aug 2025").is_visible()
    # the table and counts follow on commit: Enter, focus staying in the field
    page.keyboard.press("Enter")
    page.get_by_text("window 01 Nov 2020 – 31 Jul 2025").wait_for(timeout=30_000)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == \
        "day, To"
    frame = map_frame(page, until="window.incidentMapLayers.strikes.visibleCount() === 11")
    wait_for_script_end(page)
    # the slider too: its end thumb to the first day, by keyboard
    first_day = 18_567  # 1 Nov 2020, days since 1970-01-01
    expected = frame.evaluate(f"() => window.incidentMapLayers.strikes.countOverlapping("
                              f"{first_day}, {first_day})")
    page.get_by_role("slider", name="Date window — end").focus()
    page.keyboard.press("Home")
    frame.wait_for_function(f"() => window.incidentTimeControl.maxDay === {first_day} && "
                            f"window.incidentMapLayers.strikes.visibleCount() === {expected}",
                            timeout=5_000)


def test_settlements_show_at_site_zooms_only(streamlit_server, browser_page):
    page = browser_page
    page.goto(f"{streamlit_server.url}/?from=2020-11-01&to=2025-08-08"
              f"&lat={ORLIVKA[0]}&lon={ORLIVKA[1]}&z=10")
    frame = map_frame(page, until="!!window.incidentMapLayers.settlements && "
                                  "window.incidentMapLayers.settlements.drawnPoints > 10")
    names = [t for t, _ in frame.evaluate(
        "() => window.incidentMapLayers.settlements.labelsDrawn")]
    assert "Orlivka" in names or "Reni" in names, names
    assert frame.evaluate("() => window.incidentMapLayers.settlements.clickable") is False
    frame.evaluate("() => { window.incidentMap.setZoom(7, {animate: false}); }")
    frame.wait_for_function("() => !window.incidentMapLayers.settlements || "
                            "window.incidentMapLayers.settlements.drawnPoints === 0")


def test_the_frame_is_titled_focus_is_visible_and_every_layer_credited(
        streamlit_server, browser_page, tmp_path):
    page = browser_page
    page.goto(streamlit_server.url)
    frame = map_frame(page)
    assert page.locator(f"iframe[title='{MAP_TITLE}']").count() == 1
    credits = frame.locator(".leaflet-control-attribution").inner_text()
    for credit in ("Global Energy Monitor (CC BY 4.0)", "Natural Earth", "GeoNames"):
        assert credit in credits
    frame.locator(".leaflet-control-zoom-out").focus()
    page.keyboard.press("Shift+Tab")  # keyboard focus: :focus-visible applies
    outline = frame.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                             " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert outline[0] != "none" and outline[1] >= 2, outline
    # the HTML snapshot carries the same credits, on the map itself
    out = tmp_path / "snapshot.html"
    subprocess.run([sys.executable, "-m", "geo", "snapshot", "-o", str(out), "--db",
                    f"sqlite:///{streamlit_server.db}"], check=True, cwd=PROJECT_ROOT,
                   capture_output=True)
    page.goto(out.as_uri())
    page.wait_for_function("() => !!(window.incidentMapLayers && "
                           "window.incidentMapLayers.strikes)")
    credits = page.locator(".leaflet-control-attribution").inner_text()
    for credit in ("Global Energy Monitor (CC BY 4.0)", "Natural Earth", "GeoNames"):
        assert credit in credits


def test_no_page_has_a_serious_accessibility_violation(streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server.url)
    map_frame(page)
    wait_for_script_end(page)
    found = {"map": blocking_violations(page)}
    open_page(page, "Import data", page.get_by_role("heading", name="Import incidents"))
    wait_for_script_end(page)
    found["import"] = blocking_violations(page)
    open_page(page, "Sites", page.get_by_role("heading", name="Sites").first)
    wait_for_script_end(page)
    found["sites"] = blocking_violations(page)
    assert found == {"map": [], "import": [], "sites": []}
