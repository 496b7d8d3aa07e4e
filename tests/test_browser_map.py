"""The real page in Debian's chromium, with no internet: the seed story is drawn and the
date window removes what falls outside it."""

from __future__ import annotations

import pytest

from tests.support.browser import commit_window_date, map_frame, open_page

pytestmark = pytest.mark.browser

KREMENCHUK = (49.06253, 33.40484)
ODESA_REGION_DEPOT = (46.64206, 30.56863)
ORLIVKA = (45.31659, 28.44046)


def strikes_near(frame, point, km=5):
    return frame.evaluate("([lat, lon, km]) => window.incidentMapLayers.strikes.countNear("
                          "lat, lon, km)", [*point, km])


def painted_at(frame, layer, point, px=12):
    return frame.evaluate("([key, lat, lon, px]) => window.incidentMapLayers[key].drawnAt("
                          "lat, lon, px)", [layer, *point, px])


def test_seed_story_is_drawn_offline_and_the_window_filters_it(streamlit_server,
                                                                browser_page):
    page = browser_page
    page.goto(streamlit_server.url)
    frame = map_frame(page)

    assert frame.evaluate("() => typeof L === 'object' && L.version") == "1.9.4"
    assert frame.evaluate("() => window.incidentMapLayers.strikes.visibleCount()") == 14
    assert frame.evaluate("() => window.incidentMapLayers.infrastructure.visibleCount()") > 10
    for point in (KREMENCHUK, ODESA_REGION_DEPOT, ORLIVKA):
        assert strikes_near(frame, point) >= 1, point
        assert painted_at(frame, "strikes", point), point
    # Orlivka carries two claims: the strike 'days earlier' and the Trans-Balkan start.
    assert strikes_near(frame, ORLIVKA) == 2
    # The offline basemap and the pipelines are Leaflet vector layers; online tiles are off.
    features = frame.evaluate(
        "() => { const n = {}; window.map.eachLayer(l => { if (l.feature) {"
        " const k = l.feature.geometry.type; n[k] = (n[k] || 0) + 1; } }); return n; }")
    assert features.get("MultiPolygon", 0) + features.get("Polygon", 0) > 40, features
    assert features.get("LineString", 0) + features.get("MultiLineString", 0) > 40, features
    assert not [url for url in page.blocked if "tile" not in url]

    # The exact-date input is segmented (year / month / day), as a keyboard user types it.
    # Typing the month moves on to the day; leaving the field commits the date.
    commit_window_date(page, "To", "0731", "window 01 Nov 2020 – 31 Jul 2025")
    frame = map_frame(page, until="window.incidentMapLayers.strikes.visibleCount() === 11")
    assert strikes_near(frame, ODESA_REGION_DEPOT) == 0
    assert strikes_near(frame, ORLIVKA) == 1
    assert strikes_near(frame, KREMENCHUK) >= 1


def test_the_view_survives_a_visit_to_the_import_page(streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server.url)
    map_frame(page)
    pipelines = page.get_by_role("switch", name="Pipeline routes (GEM)")
    pipelines.focus()
    page.keyboard.press("Space")
    map_frame(page, until="!Object.values(window.map._layers).some(l => l.feature && "
                          "/Pipeline/.test(l.feature.properties.popup_html || ''))")
    assert not pipelines.is_checked()
    open_page(page, "Import data", page.get_by_role("heading", name="Import incidents"))
    open_page(page, "Map", page.get_by_role("heading", name="Incidents in view"))
    map_frame(page)
    assert not page.get_by_role("switch", name="Pipeline routes (GEM)").is_checked()
    assert page.get_by_role("switch", name="Strikes and other incidents").is_checked()


def test_the_pipeline_filter_narrows_the_map_itself(streamlit_server, browser_page):
    """The map holds every date of the filtered incidents: the pipeline filter (applied
    outside the store's view filter) must reach it too, not only the table."""
    page = browser_page
    page.goto(f"{streamlit_server.url}/?from=2020-11-01&to=2025-08-08&pipe=Trans-Balkan&km=25")
    frame = map_frame(page, until="window.incidentMapLayers.strikes.count === 2")
    assert frame.evaluate("() => window.incidentMapLayers.strikes.visibleCount()") == 2
    assert strikes_near(frame, ORLIVKA) == 2
    assert strikes_near(frame, KREMENCHUK) == 0
