"""Team mode in Debian's chromium: requests as an authenticating proxy (oauth2-proxy) would
pass them, with and without its X-Forwarded-Email header. A request without it sees no
page; a viewer reads but cannot review, import or undo; a reviewer's and an importer's
writes record who they are and the address the proxy names."""

from __future__ import annotations

import sqlite3

import pytest

from geo.access.policy import ENV_VAR
from tests.support.app_server import running_app
from tests.support.browser import (
    choose_option,
    map_frame,
    offline_page,
    open_page,
    wait_for_script_end,
)

pytestmark = pytest.mark.browser

TPP = "seed-000-02"
ACCESS = """
header = "X-Forwarded-Email"

[people]
"ana@newsroom.example" = ["reviewer", "importer"]
"bo@newsroom.example" = "viewer"
"""
UPLOAD = "date,latitude,longitude,category,claim_status\n2025-08-05,48.46,35.05,strike,confirmed\n"


def as_person(browser, email: str | None, address: str = "203.0.113.7"):
    headers = {"X-Forwarded-For": address}
    if email is not None:
        headers["X-Forwarded-Email"] = email
    return offline_page(browser, extra_http_headers=headers)


@pytest.fixture(scope="module")
def team_app(tmp_path_factory):
    """One app for the module: the reviewer's writes are read by no other test."""
    folder = tmp_path_factory.mktemp("team-app")
    access = folder / "access.toml"
    access.write_text(ACCESS)
    with running_app(folder / "team.sqlite", folder / "streamlit.log",
                     env={ENV_VAR: str(access)}) as app:
        yield app


def refused(page, url: str, message: str) -> None:
    page.goto(url)
    page.get_by_text(message).wait_for(timeout=60_000)
    wait_for_script_end(page)
    assert page.get_by_role("link", name="Import data").count() == 0  # no navigation
    assert not [f for f in page.frames if "streamlit_folium" in f.url]  # no map
    assert page.get_by_test_id("stException").count() == 0


def test_requests_without_a_listed_sign_in_see_no_page(team_app, browser):
    for email, message in ((None, "Sign-in required: this request has no X-Forwarded-Email"),
                           ("eve@elsewhere.example", "eve@elsewhere.example is signed in "
                                                     "but not listed"),
                           ("bo@newsroom.example\u200b", "invisible or control characters")):
        page = as_person(browser, email)
        try:
            for path in ("/", "/import", "/sites?site=kremenchuk_refinery"):
                refused(page, team_app.url + path, message)
            assert not page.blocked and not page.dialogs
        finally:
            page.context.close()


def test_a_viewer_reads_but_cannot_review_import_or_undo(team_app, browser):
    page = as_person(browser, "bo@newsroom.example")
    try:
        page.goto(f"{team_app.url}/?sel={TPP}")
        map_frame(page)
        page.get_by_test_id("stSidebarUserContent").get_by_text(
            "Signed in as bo@newsroom.example (viewer)").wait_for(timeout=30_000)
        page.get_by_text("your role may not review claims").wait_for(timeout=60_000)
        assert page.get_by_role("button", name="Save review").count() == 0
        open_page(page, "Import data", page.get_by_text("your role may not import files"),
                  timeout_ms=20_000)
        wait_for_script_end(page)
        assert page.locator("[data-testid='stFileUploader']").count() == 0
        assert page.get_by_role("button", name="Undo").count() == 0
        page.goto(f"{team_app.url}/sites?site=kremenchuk_refinery")
        page.get_by_text("your role may not change site links").wait_for(timeout=60_000)
        assert page.get_by_role("button", name="Save link").count() == 0
        assert not page.blocked and not page.dialogs
    finally:
        page.context.close()


def test_writes_record_the_signed_in_person_and_the_address_the_proxy_names(team_app,
                                                                            browser,
                                                                            tmp_path):
    page = as_person(browser, "ana@newsroom.example", "198.51.100.23")
    try:
        page.goto(f"{team_app.url}/?sel={TPP}")
        page.get_by_text("No review yet: status as imported.").wait_for(timeout=90_000)
        assert page.get_by_role("textbox", name="Your name").count() == 0  # not typed
        page.get_by_text("Recorded as ana@newsroom.example (signed in)").wait_for()
        choose_option(page, "New claim status", "Geolocated")
        page.get_by_role("textbox", name="Note").fill("matched to imagery")
        page.get_by_role("button", name="Save review").click()
        page.get_by_text("Saved: Claimed → Geolocated").wait_for(timeout=60_000)

        csv = tmp_path / "team.csv"
        csv.write_text(UPLOAD)
        open_page(page, "Import data", page.get_by_text("Choose a CSV file above"),
                  timeout_ms=20_000)
        page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
            str(csv))
        page.get_by_role("button", name="Import 1 row").click(timeout=60_000)
        page.get_by_text("Imported 1 incident(s) from 'team.csv'").wait_for(timeout=60_000)
        assert not page.blocked and not page.dialogs
    finally:
        page.screenshot(path=str(tmp_path / "ana.png"), full_page=True)
        page.context.close()
    with sqlite3.connect(team_app.db) as db:
        reviews = db.execute("SELECT incident_id, previous_status, status, changed_by, "
                             "changed_from FROM claim_history ORDER BY change_id").fetchall()
        batch = db.execute("SELECT imported_by, imported_from FROM batches WHERE "
                           "file_name = 'team.csv'").fetchone()
    assert reviews[0] == (TPP, "claimed", "geolocated", "ana@newsroom.example",
                          "app, 198.51.100.23")
    assert reviews[1][1:] == ("", "confirmed", "ana@newsroom.example", "app, 198.51.100.23")
    assert batch == ("ana@newsroom.example", "app, 198.51.100.23")
