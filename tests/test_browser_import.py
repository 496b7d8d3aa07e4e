"""The Import page in Debian's chromium, offline: upload a CSV through the real page, import
it, and see the new points on the map; text with HTML in it is never run."""

from __future__ import annotations

import pytest

from tests.support.browser import map_frame, open_page

pytestmark = pytest.mark.browser

DNIPRO = (48.4647, 35.0462)
KHARKIV = (49.9935, 36.2304)
# inside the seed's date range, so the map's default window shows them
UPLOAD = (
    "date,latitude,longitude,place,category,notes\n"
    f"2025-08-05,{DNIPRO[0]},{DNIPRO[1]},Dnipro,strike,"
    "\"<img src=x onerror=\"\"window.__injected=1\"\">drone strike\"\n"
    f"2025-08-06,{KHARKIV[0]},{KHARKIV[1]},Kharkiv,strike,missile strike\n"
    "2025-08-07,95.5,30.1,Nowhere,strike,bad latitude\n"
)


def strikes_near(frame, point, km=3):
    return frame.evaluate("([lat, lon, km]) => window.incidentMapLayers.strikes.countNear("
                          "lat, lon, km)", [*point, km])


def test_upload_preview_import_and_see_the_points_on_the_map(start_streamlit, browser_page,
                                                             tmp_path):
    app = start_streamlit()
    page = browser_page
    csv = tmp_path / "two-strikes.csv"
    csv.write_text(UPLOAD, encoding="utf-8")

    page.goto(app.url)
    frame = map_frame(page)
    seed_count = frame.evaluate("() => window.incidentMapLayers.strikes.visibleCount()")
    assert strikes_near(frame, DNIPRO) == 0 and strikes_near(frame, KHARKIV) == 0

    open_page(page, "Import data", page.get_by_role("heading", name="Import incidents"))
    page.get_by_text("Choose a CSV file above").wait_for(timeout=30_000)
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(csv))
    new = page.locator("[data-testid='stMetric']").filter(has_text="New")
    new.wait_for(timeout=60_000)
    assert new.locator("[data-testid='stMetricValue']").inner_text() == "2"
    # the preview grid draws on a canvas; its cells are also in an accessible (hidden) table
    reason = page.get_by_text("latitude 95.5 is out of range (-90..90)").first
    reason.wait_for(state="attached", timeout=30_000)

    page.get_by_role("button", name="Import 2 rows").click()
    page.get_by_text("Imported 2 incident(s) from 'two-strikes.csv'").wait_for(timeout=60_000)
    assert page.evaluate("() => window.__injected") is None

    # A fresh load of the map (the sidebar's layer switches do not survive a page switch
    # in the same session yet: reported to the map page's owner).
    page.goto(app.url)
    frame = map_frame(page, until="window.incidentMapLayers.strikes.count > 0")
    assert frame.evaluate("() => window.incidentMapLayers.strikes.visibleCount()") == \
        seed_count + 2
    assert strikes_near(frame, DNIPRO) == 1
    assert strikes_near(frame, KHARKIV) == 1
    assert frame.evaluate("() => window.__injected") is None
    assert not [url for url in page.blocked if "tile" not in url]
