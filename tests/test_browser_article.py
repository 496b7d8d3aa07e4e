"""An article on the Import page in Debian's chromium, offline: paste a seed article, give
its date, accept two of its proposals, edit one's place, check them in the same preview as a
CSV import (keeping the one the store already holds), import, and see both on the map. The
article's words are shown escaped: markup in it is text, never run."""

from __future__ import annotations

import pytest

from tests.support.browser import map_frame, open_page, wait_for_script_end
from tests.support.files import SEED_ARTICLES
from tests.support.grid import grid, toggle, type_into, values

pytestmark = pytest.mark.browser

KHERSON = (46.6354, 32.6169)
ORLIVKA = (45.31659, 28.44046)
INJECTION = "\nEditor's note: <img src=x onerror=\"window.__injected=1\"> <b>not bold</b>"


def strikes_near(frame, point, km=3):
    return frame.evaluate("([lat, lon, km]) => window.incidentMapLayers.strikes.countNear("
                          "lat, lon, km)", [*point, km])


def test_paste_accept_edit_import_and_see_them_on_the_map(start_streamlit, browser_page):
    app = start_streamlit()
    page = browser_page
    page.goto(app.url)
    frame = map_frame(page)
    before = {"kherson": strikes_near(frame, KHERSON), "orlivka": strikes_near(frame, ORLIVKA)}

    open_page(page, "Import data", page.get_by_role("heading", name="Import incidents"),
              timeout_ms=20_000)
    page.get_by_text("Paste or upload an article").click()
    wait_for_script_end(page)
    area = page.get_by_role("textbox", name="Paste an article")
    area.fill((SEED_ARTICLES / "002_09fb144f0314244c.txt").read_text() + INJECTION)
    area.press("Control+Enter")
    page.get_by_text("The article has no date").wait_for(timeout=120_000)
    wait_for_script_end(page)
    date = page.get_by_role("textbox", name="Publication date (YYYY-MM-DD)")
    date.fill("2025-08-15")
    date.press("Enter")
    page.get_by_role("button", name="Check 5 accepted proposal(s)").wait_for(timeout=60_000)
    wait_for_script_end(page)
    shown = page.get_by_test_id("article-text")
    assert "<b>not bold</b>" in shown.inner_text()
    assert shown.locator("mark").count() >= 5
    assert page.evaluate("() => window.__injected") is None

    proposals = grid(page, 0)
    assert [row[4] for row in values(proposals)][:2] == [
        "SOCAR oil depot in Ukraine’s Odesa region", "Orlivka gas distribution station"]
    for row in (3, 4, 5):                               # accept only the first two
        toggle(page, proposals, row, 0)
    type_into(page, proposals, 1, 4, "Kherson")        # the depot's place, edited
    page.mouse.click(5, 5)
    page.get_by_role("button", name="Check 2 accepted proposal(s)").click()
    new = page.locator("[data-testid='stMetric']").filter(has_text="New")
    new.wait_for(timeout=120_000)
    wait_for_script_end(page)
    assert new.locator("[data-testid='stMetricValue']").inner_text() == "1"
    duplicate = page.locator("[data-testid='stMetric']").filter(has_text="Duplicate")
    assert duplicate.locator("[data-testid='stMetricValue']").inner_text() == "1"

    review = grid(page, -1)                             # rows to check: keep the duplicate
    assert values(review)[0][2] == "duplicate"
    toggle(page, review, 1, 1)
    page.get_by_role("button", name="Apply changes").click()
    page.get_by_role("button", name="Import 2 rows").click(timeout=60_000)
    page.get_by_text("Imported 2 incident(s) from 'article: ").wait_for(timeout=60_000)

    page.goto(app.url)
    frame = map_frame(page, until="window.incidentMapLayers.strikes.count > 0")
    assert strikes_near(frame, KHERSON) == before["kherson"] + 1
    assert strikes_near(frame, ORLIVKA) == before["orlivka"] + 1
    assert not [url for url in page.blocked if "tile" not in url]
