"""The Sites page in Debian's chromium, offline: a site from the URL with its claimed
history, an incident relinked through the form, and the change in the link history; the
map's site popup lists the site's claims and links to its page."""

from __future__ import annotations

import pytest

from tests.support.browser import map_frame, wait_for_script_end

pytestmark = pytest.mark.browser

ORLIVKA = (45.31659, 28.44046)
SEED_000_CLAIMANT = ("Pro-Kremlin article (seed 000); quotes commentators Ruslan Ostashko and "
                     "Boris Rozhin; no Ukrainian or SOCAR confirmation in the seed texts")


def cells(page, text: str):
    """Grid cells with this text: the grid draws on a canvas; the cells of the columns in
    view are also in a hidden table."""
    return page.locator("[data-testid='stDataFrame'] td").filter(
        has=page.get_by_text(text, exact=True))


def cell(page, text: str):
    return cells(page, text).first


def test_relink_an_incident_on_the_site_page_and_see_the_history(start_streamlit,
                                                                 browser_page):
    app = start_streamlit()
    page = browser_page
    page.goto(f"{app.url}/sites?site=kremenchuk_refinery")
    page.get_by_role("heading", name="Kremenchuk oil refinery").wait_for(timeout=60_000)
    page.get_by_role("heading", name="Claimed strikes and incidents at this site").wait_for()
    cell(page, SEED_000_CLAIMANT).wait_for(state="attached", timeout=30_000)
    claimed = page.locator("[data-testid='stMetric']").filter(has_text="Claimed (one side only)")
    assert claimed.locator("[data-testid='stMetricValue']").inner_text() == "1"
    assert page.get_by_text("No link to or from this site has been changed by hand").count() == 1

    # The form by keyboard: type to search the target site, Enter picks it.
    page.get_by_label("Link it to").click()
    page.keyboard.type("Kremenchuk thermal")
    page.keyboard.press("Enter")
    page.get_by_role("textbox", name="Your name").fill("Ana")
    page.get_by_label("Note").fill("imagery: the CHP burned")
    page.get_by_role("button", name="Save link").click()
    page.get_by_text("Incident seed-000-01 linked to Kremenchuk thermal power plant (CHP)"
                     ).wait_for(timeout=30_000)

    wait_for_script_end(page)  # a rerun in flight shows its old elements beside the new
    page.get_by_text("No claimed incident is linked to this site yet").wait_for()
    page.get_by_role("heading", name="History of this site's links").wait_for()
    cell(page, "imagery: the CHP burned").wait_for(state="attached", timeout=30_000)
    assert cells(page, "Kremenchuk thermal power plant (CHP)").count() == 1  # "To"
    assert page.get_by_role("textbox", name="Your name").input_value() == "Ana"  # remembered

    # The incident now shows in the CHP's history, linked by hand.
    page.goto(f"{app.url}/sites?site=kremenchuk_tpp")
    page.get_by_role("heading", name="Kremenchuk thermal power plant (CHP)").wait_for(
        timeout=60_000)
    cells(page, SEED_000_CLAIMANT).nth(1).wait_for(state="attached", timeout=30_000)
    wait_for_script_end(page)
    assert cells(page, SEED_000_CLAIMANT).count() == 2  # its own claim and the moved one
    cell(page, "Kremenchuk oil refinery").wait_for(state="attached", timeout=30_000)
    assert cells(page, "Kremenchuk oil refinery").count() == 1  # "From", in the link history
    assert not [url for url in page.blocked if "tile" not in url]


def test_the_site_popup_lists_claims_and_opens_the_site_page(streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server.url)
    frame = map_frame(page)
    # the layer's own click handler, at the site's point on screen
    html = frame.evaluate(
        "([lat, lon]) => { const layer = window.incidentMapLayers.infrastructure;"
        " layer._onClick({containerPoint: window.map.latLngToContainerPoint([lat, lon])});"
        " return document.querySelector('.leaflet-popup-content').innerHTML; }", list(ORLIVKA))
    assert "Orlivka gas distribution station" in html
    assert "<th>Claimed here</th><td>2 claimed incidents (latest first)</td>" in html
    assert "28 Jun 2025 · Pro-Azerbaijan opinion article (seed 002) · reported" in html
    link = frame.evaluate("() => document.querySelector('.leaflet-popup-content a').href")
    assert link == f"{streamlit_server.url}/sites?site=orlivka_gds"
    page.goto(link)
    page.get_by_role("heading", name="Orlivka gas distribution station").wait_for(
        timeout=60_000)
    cell(page, "28 Jun 2025").wait_for(state="attached", timeout=30_000)
