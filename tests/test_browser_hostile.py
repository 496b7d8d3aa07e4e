"""The pages walked as an attacker would, in Debian's chromium, offline
(tests/support/hostile.py): hostile text in every stored field, site and review; hostile
URL parameters; hostile files and file names uploaded; hostile form values; a damaged
database. After every step: no traceback, no script run, no request off this computer, no
link to a dangerous scheme; and nothing typed or uploaded is silently lost."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from geo.review.claims import claim_history
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from tests.support import hostile
from tests.support.app_server import running_app
from tests.support.browser import ARTIFACTS, choose_option, map_frame, wait_for_script_end

pytestmark = pytest.mark.browser

SEED_ROWS = 17


def checked(page, step: str) -> None:
    """The page after `step`, once its script run is over, shows no sign of an attack."""
    wait_for_script_end(page)
    page.wait_for_timeout(300)  # images and frames a render asked for
    found = [f"{step}: {problem}" for frame in page.frames if not frame.is_detached()
             for problem in frame.evaluate(hostile.PAGE_CHECK)]
    found += [f"{step}: exception shown" for _ in range(
        page.get_by_test_id("stException").count())]
    if "Traceback" in page.locator("body").inner_text():
        found.append(f"{step}: traceback text")
    found += [f"{step}: request to {url}" for url in page.blocked]
    found += [f"{step}: dialog {d}" for d in page.dialogs]
    page.blocked.clear()
    page.dialogs.clear()
    if found:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "hostile-failure.png"), full_page=True)
    assert found == []


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    """One app for the module: each test's writes (a review of hostile-05, a link of
    hostile_site) are its own, read by no other test."""
    folder = tmp_path_factory.mktemp("hostile-app")
    path = folder / "hostile.sqlite"
    hostile.hostile_store(path).engine.dispose()
    with running_app(path, folder / "streamlit.log") as app:
        yield app


def test_the_map_page_with_hostile_links_and_stored_text(hostile_app, browser_page):
    page = browser_page
    for n, query in enumerate(hostile.QUERIES):
        page.goto(f"{hostile_app.url}/?{urlencode(query)}")
        page.get_by_test_id("stAlert").first.wait_for(timeout=90_000)  # the link's problems
        checked(page, f"query {n}")
    for i, incident_id in enumerate([f"hostile-{i:02d}" for i in range(len(hostile.TEXTS))]
                                    + [hostile.HOSTILE_ID]):
        page.goto(f"{hostile_app.url}/?sel={quote(incident_id)}")
        map_frame(page)
        page.get_by_text("Claim status now:").wait_for(timeout=90_000)
        checked(page, f"incident {i} selected")
    # the sidebar's lists offer stored operators and the site form stored places: opened
    page.get_by_test_id("stSidebar").get_by_text("Operator (as claimed)").wait_for()
    page.get_by_test_id("stSidebar").locator("[data-testid='stMultiSelect']").nth(1).click()
    page.get_by_role("option").first.wait_for(timeout=30_000)
    checked(page, "operator list open")
    assert page.get_by_role("option").filter(has_text="![an image]").count() >= 1


def test_a_link_whose_escapes_are_no_utf8_is_said_by_its_parameter(hostile_app,
                                                                     browser_page):
    """'?op=caf%E9' (Latin-1's é): Streamlit decodes the query with 'replace', and the page
    read 'caf�'; the page reads the query as the browser sent it."""
    page = browser_page
    page.goto(f"{hostile_app.url}/?op=caf%E9&from=2025-08-01")
    alert = page.get_by_test_id("stAlert").filter(has_text="is not UTF-8 text")
    alert.first.wait_for(timeout=90_000)
    assert "Link parameter 'op' is not UTF-8 text: 'caf‹0xE9›'" in alert.first.inner_text()
    checked(page, "a link of Latin-1")


def test_a_hostile_review_is_stored_as_typed_and_shown_as_text(hostile_app, browser_page):
    page = browser_page
    page.goto(f"{hostile_app.url}/?sel=hostile-05")
    page.get_by_text("No review yet: status as imported.").wait_for(timeout=90_000)
    note = hostile.TEXTS[0] + "\n" + hostile.TEXTS[1] + "\n" + hostile.TEXTS[5]
    choose_option(page, "New claim status", "Geolocated")
    page.get_by_role("textbox", name="Your name").fill("Anna [K](http://203.0.113.9/n)")
    page.get_by_role("textbox", name="Note").fill(note)
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("Saved: Reported → Geolocated").wait_for(timeout=60_000)
    checked(page, "review saved")
    stored = claim_history(IncidentStore.open(f"sqlite:///{hostile_app.db}", DATA_DIR),
                           "hostile-05")
    assert stored["note"].tolist() == [note] and \
        stored["changed_by"].tolist() == ["Anna [K](http://203.0.113.9/n)"]
    too_long = "x" * 2_500  # pasted past the limit: refused and kept, not emptied
    choose_option(page, "New claim status", "Confirmed")
    page.get_by_role("textbox", name="Note").fill(too_long)
    page.get_by_role("button", name="Save review").click()
    page.get_by_text("Note is 2,500 characters long; shorten it to at most 2,000").wait_for(
        timeout=60_000)
    assert page.get_by_role("textbox", name="Note").input_value() == too_long
    checked(page, "long note refused")


def test_hostile_files_and_file_names_on_the_import_page(hostile_app, browser_page):
    """Every row of a hostile file is counted in the preview, whatever its name; files
    that are not CSV at all are refused with a message."""
    page = browser_page

    def fresh_import_page():  # a new session: nothing of the last file is left to read
        page.goto(f"{hostile_app.url}/import")
        page.get_by_text("Choose a CSV file above").wait_for(timeout=90_000)
        return page.locator("[data-testid='stFileUploader'] input[type='file']")

    fresh_import_page()
    checked(page, "import page with a hostile batch listed")
    for n, name in enumerate(hostile.FILE_NAMES):  # names no file system would take too
        fresh_import_page().set_input_files({"name": name, "mimeType": "text/csv",
                                             "buffer": hostile.upload_csv()})
        page.locator("[data-testid='stMetric']").filter(has_text="New").wait_for(
            timeout=90_000)
        checked(page, f"file {n} previewed")
        counts = [int(m.locator("[data-testid='stMetricValue']").inner_text().replace(",", ""))
                  for m in page.locator("[data-testid='stMetric']").all()]
        assert sum(counts) == len(hostile.TEXTS), (name, counts)  # no row silently lost
    for name, data in (("picture.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
                       ("empty.csv", b""), ("zip-bomb.csv", b"PK\x03\x04" + b"\0" * 4000)):
        fresh_import_page().set_input_files({"name": name, "mimeType": "text/csv",
                                             "buffer": data})
        page.get_by_test_id("stAlert").filter(has_text=name).first.wait_for(timeout=90_000)
        checked(page, f"unusable file {name}")


def test_the_sites_page_with_hostile_links_a_hostile_site_and_its_form(hostile_app,
                                                                      browser_page):
    page = browser_page
    for n, wanted in enumerate(hostile.SITE_QUERIES):
        page.goto(f"{hostile_app.url}/sites?site={quote(wanted)}")
        page.get_by_text("Unknown site id").wait_for(timeout=90_000)
        checked(page, f"site link {n}")
    page.goto(f"{hostile_app.url}/sites?site=hostile_site")
    page.get_by_text("History of this site's links").wait_for(timeout=90_000)
    checked(page, "hostile site")
    page.get_by_role("textbox", name="Your name").fill("Bo")
    page.get_by_role("textbox", name="Note").fill(hostile.TEXTS[2])
    page.get_by_role("button", name="Save link").click()
    page.get_by_text("The link was not changed").or_(page.get_by_text("the change is in the "
                                                                      "history")).wait_for(
        timeout=60_000)
    checked(page, "site link saved")


def test_a_damaged_database_is_a_message_on_every_page(start_streamlit, browser_page,
                                                        tmp_path):
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    app = start_streamlit(path)
    page = browser_page
    for where in ("/", "/import", "/sites?site=kremenchuk_refinery"):
        page.goto(app.url + where)
        page.get_by_text(f"The database file '{path}' is damaged").wait_for(timeout=90_000)
        page.get_by_text("restore it from a backup; nothing was written").wait_for()
        checked(page, f"damaged database at {where}")
