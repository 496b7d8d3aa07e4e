"""Share features in Debian's chromium with no internet: the standalone HTML snapshot
opened from disk, a permalink opened in the running app, and a download from the panel."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from geo.analysis.filters import apply_filter, split_mapped
from geo.settings import DATA_DIR
from geo.sharing.html import snapshot_html
from geo.store.incident_store import IncidentStore
from geo.viewstate import ViewFilter
from tests.support.browser import map_frame, open_expander
from tests.support.seed import seed_snapshot, seed_state

pytestmark = pytest.mark.browser

OFFLINE_SCHEMES = ("file:", "data:", "blob:", "about:")


def open_offline(page, path):
    """Open a file with every request that is not file/data/blob aborted and recorded."""
    requests, errors = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def only_local_files(route):
        if route.request.url.startswith(OFFLINE_SCHEMES):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page.route("**/*", only_local_files)
    started = time.perf_counter()
    page.goto(path.as_uri())
    return requests, errors, started


def test_html_snapshot_opens_from_disk_with_no_network(browser_page, tmp_path):
    snapshot = seed_snapshot(region="story", title="Strikes <b>claimed</b>")
    drawn = len(split_mapped(snapshot.view)[0])
    path = tmp_path / "snapshot.html"
    path.write_text(snapshot_html(snapshot), encoding="utf-8")
    requests, errors, _ = open_offline(browser_page, path)
    browser_page.wait_for_function("() => window.incidentMapLayers && "
                                   "window.incidentMapLayers.strikes", timeout=30_000)
    layers = "window.incidentMapLayers"
    assert browser_page.evaluate(f"() => {layers}.strikes.visibleCount()") == drawn > 10
    assert browser_page.evaluate(f"() => {layers}.strikes.popups.length") == drawn
    assert browser_page.evaluate(f"() => {layers}.infrastructure.visibleCount()") > 10
    caption = browser_page.locator(".im-caption").inner_text()
    assert "Strikes <b>claimed</b>" in caption  # shown as text, not markup
    assert "1 Nov 2020 – 8 Aug 2025" in caption and snapshot.citation().data_version in caption
    assert browser_page.title().startswith("Strikes <b>claimed</b>")
    assert requests == [] and errors == []


def test_empty_html_snapshot_loads_and_says_so(browser_page, tmp_path):
    state = seed_state(date_from=dt.date(2019, 1, 1), date_to=dt.date(2019, 1, 31))
    path = tmp_path / "empty.html"
    path.write_text(snapshot_html(seed_snapshot(state)), encoding="utf-8")
    requests, errors, _ = open_offline(browser_page, path)
    browser_page.locator(".im-caption").wait_for(timeout=30_000)
    assert "No incidents match" in browser_page.locator(".im-caption").inner_text()
    assert requests == [] and errors == []


def query_of(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_a_link_reopens_its_view_and_the_url_follows_the_map(streamlit_server, browser_page):
    stored = IncidentStore.open(f"sqlite:///{streamlit_server.db}", DATA_DIR).incidents_frame()
    window = ViewFilter(date_from=dt.date(2025, 8, 1), date_to=dt.date(2025, 8, 8))
    expected = len(split_mapped(apply_filter(stored, window))[0])
    page = browser_page
    page.goto(f"{streamlit_server.url}/?from=2025-08-01&to=2025-08-08&lat=46.6&lon=30.6&z=8")
    frame = map_frame(page, until=f"window.incidentMapLayers.strikes.visibleCount() === "
                                  f"{expected} && window.map.getZoom() === 8")
    center = frame.evaluate("() => window.map.getCenter()")
    assert center["lat"] == pytest.approx(46.6, abs=0.01)
    assert center["lng"] == pytest.approx(30.6, abs=0.01)
    assert query_of(page.url)["from"] == "2025-08-01"

    # The component reports moves once its listeners are attached; under load that can
    # lag the first paint, so pan again (as a user would) if the first move went unheard:
    # every 5 s, for 45 s in all.
    for attempt in range(9):
        frame.evaluate(f"() => {{ window.map.setView([45.3, 28.4 + {attempt} * 1e-4], 9); }}")
        try:
            page.wait_for_function("() => location.search.includes('z=9')", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            continue
    assert "z=9" in page.url
    assert query_of(page.url)["lat"] == "45.3000"
    assert not frame.is_detached(), "panning must not rebuild the map"

    open_expander(page, "Share and export")
    # the URL follows the map at once; the panel's link when the rerun it started is over
    link = page.get_by_role("textbox", name="Link to this view", exact=True)
    expect(link).to_have_value(re.compile(r"[?&]z=9(&|$)"), timeout=30_000)
    assert query_of(link.input_value())["from"] == "2025-08-01"
    assert not [url for url in page.blocked if "tile" not in url]


def wait_until_idle(page) -> None:
    """No script run in progress (a rerun replaces the buttons being clicked)."""
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"] "
                           "button')", timeout=60_000)


def test_the_share_panel_downloads_a_png_snapshot(streamlit_server, browser_page):
    page = browser_page
    page.goto(f"{streamlit_server.url}/?from=2025-06-01&to=2025-08-08")
    map_frame(page)
    open_expander(page, "Share and export")
    wait_until_idle(page)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="PNG snapshot").click()
    assert download.value.suggested_filename == "incident-map_2025-06-01_2025-08-08.png"
    image = Image.open(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert image.size == (1600, 1000)
