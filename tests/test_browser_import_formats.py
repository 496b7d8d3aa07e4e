"""The Import page in Debian's chromium, offline, with the files analysts have: a GeoJSON of
two strikes without a stated precision (stored 'unknown', drawn with the precision-unknown
symbol and its legend entry) and a FIRMS file saved by a spreadsheet (acq_time 00:41:00,
month-first dates: every detection imported)."""

from __future__ import annotations

import json

import pytest

from tests.support.browser import map_frame, open_page, wait_for_script_end
from tests.support.files import TEST_DATA

pytestmark = pytest.mark.browser

DNIPRO = (48.4647, 35.0462)
KHARKIV = (49.9935, 36.2304)
UPLOADER = "[data-testid='stFileUploader'] input[type='file']"


def geojson(path) -> None:
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                 "properties": {"date": day, "place": place, "notes": notes}}
                for (lat, lon), day, place, notes in (
                    (DNIPRO, "2025-08-05", "Dnipro", "drone strike"),
                    (KHARKIV, "2025-08-06", "Kharkiv", "missile strike"))]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))


def upload(page, path, new: int) -> None:
    wait_for_script_end(page)  # after an import, the run that replaces the uploader
    page.locator(UPLOADER).set_input_files(str(path))
    metric = page.locator("[data-testid='stMetric']").filter(has_text="New")
    metric.locator("[data-testid='stMetricValue']").get_by_text(str(new), exact=True).wait_for(
        timeout=60_000)


def test_upload_a_geojson_and_a_firms_file_and_see_them_stored(start_streamlit, browser_page,
                                                               tmp_path):
    app = start_streamlit()
    page = browser_page
    page.goto(app.url)
    frame = map_frame(page)
    seed_count = frame.evaluate("() => window.incidentMapLayers.strikes.visibleCount()")

    open_page(page, "Import data", page.get_by_role("heading", name="Import incidents"))
    page.get_by_text("Choose a CSV file above").wait_for(timeout=30_000)
    strikes = tmp_path / "strikes.geojson"
    geojson(strikes)
    upload(page, strikes, 2)
    page.get_by_text("2 row(s) have coordinates but no stated location precision").wait_for(
        timeout=30_000)
    page.get_by_role("button", name="Import 2 rows").click()
    page.get_by_text("Imported 2 incident(s) from 'strikes.geojson'").wait_for(timeout=60_000)

    firms = tmp_path / "viirs-from-excel.csv"
    firms.write_bytes((TEST_DATA / "firms_viirs_nrt_silex_excel.csv").read_bytes())
    upload(page, firms, 9)
    page.get_by_text("NASA FIRMS file.").wait_for(timeout=30_000)
    page.get_by_role("button", name="Import 9 rows").click()
    page.get_by_text("Imported 9 incident(s) from 'viirs-from-excel.csv'").wait_for(
        timeout=60_000)
    batches = page.get_by_text("viirs-from-excel.csv", exact=True)
    batches.wait_for(timeout=30_000)

    page.goto(app.url)
    frame = map_frame(page, until="window.incidentMapLayers.strikes.count > 0")
    assert frame.evaluate("() => window.incidentMapLayers.strikes.visibleCount()") == \
        seed_count + 2
    for point in (DNIPRO, KHARKIV):
        assert frame.evaluate("([lat, lon]) => window.incidentMapLayers.strikes.countNear("
                              "lat, lon, 3)", list(point)) == 1
    legend = frame.locator("details.im-legend")
    if legend.get_attribute("open") is None:   # folded on a small map: open it, as a user would
        legend.locator("summary").first.click()
    frame.get_by_text("Precision unknown: coordinates as given").wait_for(timeout=30_000)
    assert not [url for url in page.blocked if "tile" not in url]
