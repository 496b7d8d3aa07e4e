"""An open map page shows an import made by another process, with no click: the page
watches the store's revision (geo.ui.revision_watch)."""

from __future__ import annotations

import pytest

from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from tests.support.browser import map_frame

pytestmark = pytest.mark.browser

VISIBLE = "window.incidentMapLayers.strikes.visibleCount()"


def test_an_import_elsewhere_reaches_the_open_page(start_streamlit, browser_page, db_path):
    store = IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR)
    app = start_streamlit(db_path)
    page = browser_page
    page.goto(app.url)
    before = map_frame(page).evaluate(f"() => {VISIBLE}")
    strikes = store.incidents_frame().query("category == 'strike'")
    copies = strikes.head(3).assign(incident_id=lambda f: "elsewhere-" + f["incident_id"])
    store.add_batch("elsewhere", copies)  # as another analyst's import would
    map_frame(page, until=f"{VISIBLE} > {before}", timeout_ms=30_000)
