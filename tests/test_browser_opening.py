"""A restarted app on the same store and address, in Debian's chromium: the map is drawn
from the opening-map file first, and the rest of the page follows on its own, brought by
the map's report that it has loaded (geo.ui.map_page)."""

from __future__ import annotations

import pytest

from tests.support.app_server import StreamlitApp, free_port
from tests.support.browser import map_frame

pytestmark = pytest.mark.browser

DEFERRED = "follow once the map has loaded"


def test_a_restarted_app_draws_the_map_first_and_the_rest_on_its_own(tmp_path, browser_page):
    db, port = tmp_path / "store.sqlite", free_port()
    first = StreamlitApp(db, tmp_path / "first.log", port=port)
    try:
        browser_page.goto(first.url)
        map_frame(browser_page)
        # the whole page in the first run of a process: it keeps the opening map's file
        browser_page.get_by_role("heading", name="Incidents in view").wait_for(timeout=60_000)
        assert browser_page.get_by_text(DEFERRED).count() == 0
    finally:
        first.stop()
    second = StreamlitApp(db, tmp_path / "second.log", port=port)
    try:
        page = browser_page.context.new_page()
        page.goto(second.url)
        page.get_by_text(DEFERRED).wait_for(timeout=60_000)
        frame = map_frame(page)
        assert frame.evaluate("() => window.incidentMapLayers.strikes.visibleCount()") == 14
        # nothing clicked: the map's report reruns the page, which draws the rest
        page.get_by_role("heading", name="Incidents in view").wait_for(timeout=60_000)
        page.get_by_text(DEFERRED).wait_for(state="detached", timeout=30_000)
        assert page.get_by_role("button", name="Show them now").count() == 0
    finally:
        second.stop()
