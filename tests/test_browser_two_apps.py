"""A team on one PostGIS database, in Debian's chromium: two `streamlit run` processes on
the same PostgreSQL store. A file imported through the Import page of one is on the open
map of the other with no click (the page watches the store's revision), and a review
saved in the second shows in the first after a reload."""

from __future__ import annotations

import pytest

from tests.support.browser import choose_option, map_frame, offline_page

pytestmark = pytest.mark.browser

VISIBLE = "window.incidentMapLayers.strikes.visibleCount()"
TPP = "seed-000-02"
# two strikes inside the default window, placed as site-precise claims with a source
UPLOAD = ("date,latitude,longitude,category,claim_status,geo_precision,source_name\n"
          "2025-08-05,48.46,35.05,strike,claimed,site,Team test\n"
          "2025-08-06,48.47,35.06,strike,claimed,site,Team test\n")


def test_an_import_in_one_app_is_on_the_map_of_the_other(postgresql_url, start_streamlit,
                                                         browser, tmp_path):
    first = start_streamlit(postgresql_url)
    second = start_streamlit(postgresql_url)
    watcher = offline_page(browser)
    importer = offline_page(browser)
    try:
        watcher.goto(second.url)
        importer.goto(f"{first.url}/import")  # the two apps' first runs go on side by side
        before = map_frame(watcher).evaluate(f"() => {VISIBLE}")

        csv = tmp_path / "team.csv"
        csv.write_text(UPLOAD)
        importer.get_by_text("Choose a CSV file above").wait_for(timeout=60_000)
        importer.locator("[data-testid='stFileUploader'] input[type='file']"
                         ).set_input_files(str(csv))
        importer.get_by_role("button", name="Import 2 rows").click(timeout=60_000)
        importer.get_by_text("Imported 2 incident(s) from 'team.csv'").wait_for(
            timeout=60_000)

        map_frame(watcher, until=f"{VISIBLE} >= {before + 2}", timeout_ms=60_000)

        watcher.goto(f"{second.url}/?sel={TPP}")
        watcher.get_by_text("No review yet: status as imported.").wait_for(timeout=90_000)
        choose_option(watcher, "New claim status", "Geolocated")
        watcher.get_by_role("textbox", name="Your name").fill("Ana")
        watcher.get_by_role("button", name="Save review").click()
        watcher.get_by_text("Saved: Claimed → Geolocated").wait_for(timeout=60_000)

        importer.goto(f"{first.url}/?sel={TPP}")
        importer.get_by_text("Claim status now: Geolocated").wait_for(timeout=90_000)
        assert not watcher.blocked and not importer.blocked
    finally:
        watcher.screenshot(path=str(tmp_path / "second.png"), full_page=True)
        importer.screenshot(path=str(tmp_path / "first.png"), full_page=True)
        watcher.context.close()
        importer.context.close()
