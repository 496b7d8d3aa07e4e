"""The timeline under the map and playback inside it, in the real app: brushing bars narrows
the sidebar window (and the map), and Play moves the in-map window through time."""

from __future__ import annotations

import re

import pytest

from tests.support.browser import map_frame

pytestmark = pytest.mark.browser

WINDOW_TEXT = re.compile(r"window (\d\d \w\w\w \d{4}) – (\d\d \w\w\w \d{4})")
STRIKES = "window.incidentMapLayers.strikes"


def window_text(page) -> tuple[str, str]:
    counts = page.get_by_text(WINDOW_TEXT).first
    return WINDOW_TEXT.search(counts.text_content()).groups()


def test_brushing_the_timeline_narrows_the_window_and_the_map(streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server.url)
    map_frame(page, until=f"{STRIKES}.visibleCount() === 14")
    assert window_text(page) == ("01 Nov 2020", "08 Aug 2025")

    chart = page.locator("[data-testid='stVegaLiteChart'] canvas, "
                         "[data-testid='stVegaLiteChart'] svg").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    y = box["y"] + box["height"] * 0.4
    # from mid-2023 to the end of the axis (the category legend takes the right fifth)
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.78, y, steps=8)
    page.mouse.up()
    narrow = page.get_by_role("button", name=re.compile(r"^Narrow the window to "))
    narrow.wait_for(timeout=30_000)
    wanted = re.search(r"to (.+) – (.+)$", narrow.text_content()).groups()
    narrow.click()
    page.get_by_text(f"window {wanted[0]} – {wanted[1]}").wait_for(timeout=30_000)
    assert wanted != ("01 Nov 2020", "08 Aug 2025")
    frame = map_frame(page, until=f"{STRIKES}.visibleCount() < 14")
    assert frame.evaluate(f"() => {STRIKES}.visibleCount()") > 0


def test_playback_inside_the_app_map_moves_the_window(streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server.url)
    frame = map_frame(page, until=f"{STRIKES}.visibleCount() === 14 && "
                                  "!!window.incidentTimeControl")
    control = "window.incidentTimeControl"
    start = frame.evaluate(f"() => {control}.minDay")
    # a one-week window at the start of the data, then play it forward a month per second
    frame.evaluate(f"(day) => {control}.setRange(day, day + 6)", start)
    assert frame.evaluate(f"() => {STRIKES}.visibleCount()") < 14
    frame.get_by_label("Playback speed").select_option(label="1 month/s")
    frame.get_by_role("button", name="Play").click()
    frame.wait_for_function(f"() => {control}.fromDay >= {start + 30}", timeout=15_000)
    frame.get_by_role("button", name="Pause").click()
    assert frame.evaluate(f"() => {control}.toDay - {control}.fromDay") == 6
    # the page was not rebuilt: the same map iframe is still there and still counting
    assert frame.evaluate(f"() => {STRIKES}.visibleCount()") <= 14
    assert frame.locator(".im-time-count").text_content().endswith("of 14 shown")
