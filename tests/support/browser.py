"""Debian's chromium for the browser tests and the benchmarks: its path and flags, what
counts as a local request, and helpers that wait on the app's page (the map's iframe, the
end of a script run, a page opened through the navigation)."""

from __future__ import annotations

import os
import time

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.settings import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "test-artifacts"  # a screenshot of each browser test's page
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
# Chromium refuses every remote request itself: a proxy on a closed local port (loopback
# never goes through a proxy). For the benchmarks (tests/bench/bench_browser.py); tests
# route requests instead, to record the blocked ones.
NO_INTERNET_ARGS = ["--proxy-server=http://127.0.0.1:9"]
MAP_POLL_MS = 100  # how often map_frame looks for the map: each wait ends this much late at most


def is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:",
                           "blob:", "about:", "file:"))


def offline_page(browser, **context_options):
    """A page in a new context (closed with page.context.close()) with no internet:
    remote requests are aborted and recorded in page.blocked; dialogs (alert, confirm)
    are dismissed and recorded in page.dialogs. `context_options`: Playwright's, e.g.
    extra_http_headers for what an authenticating proxy would add."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, **context_options)
    page = context.new_page()
    page.blocked, page.dialogs = [], []

    def block_remote(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort()

    def dismiss(dialog):
        page.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", block_remote)
    page.on("dialog", dismiss)
    return page


def map_frame(page, until: str = "true", timeout_ms: int = 60_000):
    """The streamlit-folium iframe, once its canvas layers have registered themselves and
    the JS expression `until` holds there (the iframe is replaced when the map changes)."""
    ready = f"() => !!(window.incidentMapLayers && window.incidentMapLayers.strikes) && ({until})"
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url and not frame.is_detached():
                try:
                    if frame.evaluate(ready):
                        return frame
                except PlaywrightError:  # the frame is navigating; look again
                    pass
        page.wait_for_timeout(MAP_POLL_MS)
    raise AssertionError(f"no map iframe with its incident layer where {until!r} holds")


def wait_for_script_end(page, timeout_s: float = 300) -> None:
    """Until the app's script run is over (the table below the map is drawn after it):
    typing into a widget while a run is in flight can be undone by that run."""
    page.wait_for_function(
        "() => { const app = document.querySelector('[data-testid=stApp]');"
        " return app && !['running', 'rerunRequested'].includes("
        "app.getAttribute('data-test-script-state')); }", timeout=timeout_s * 1000)


def choose_option(page, list_name: str, option: str, attempts: int = 3) -> None:
    """Open the select box `list_name` and pick `option`. A rerun in flight (the map's first
    report starts one) closes an open list: wait it out, and open the list again if a later
    rerun closed it all the same."""
    wait_for_script_end(page)
    for _ in range(attempts):
        page.get_by_role("combobox", name=list_name).click()
        try:
            page.get_by_role("option", name=option).click(timeout=10_000)
            return
        except PlaywrightTimeoutError:
            wait_for_script_end(page)
    raise AssertionError(f"the list '{list_name}' never stayed open")


def commit_window_date(page, field: str, month_day: str, shown: str,
                       attempts: int = 3) -> None:
    """Type month and day into the sidebar's date field `field` ('From' or 'To') and leave
    it, once the script run is over; until the page shows `shown`. Each run sets the date
    fields from the window, so a rerun landing while the date is typed (the map's first
    report can start one after the first run) puts the old date back: type it again, as a
    person would."""
    for _ in range(attempts):
        wait_for_script_end(page)
        page.get_by_role("spinbutton", name=f"month, {field}").click()
        page.keyboard.type(month_day)
        page.get_by_role("heading", name="Incidents in view").click()
        try:
            page.get_by_text(shown).wait_for(timeout=20_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"the date {month_day} in '{field}' never showed '{shown}'")


def open_expander(page, label: str, attempts: int = 3) -> None:
    """Open the expander `label` once the script run is over; a rerun that lands meanwhile
    can redraw it closed, so open it again until it stays open."""
    details = page.locator("[data-testid=stExpander] details",
                           has=page.locator("summary", has_text=label))
    for _ in range(attempts):
        wait_for_script_end(page)
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        wait_for_script_end(page)
        if details.get_attribute("open") is not None:
            return
    raise AssertionError(f"the expander '{label}' never stayed open")


def open_page(page, link_name, landmark, attempts=3, timeout_ms=15_000):
    """Follow a navigation link once the script run is over; a click that lands during a
    rerun can be dropped all the same, so retry."""
    for _ in range(attempts):
        wait_for_script_end(page)
        page.get_by_role("link", name=link_name).click()
        try:
            landmark.wait_for(timeout=timeout_ms)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"the '{link_name}' page never opened")
