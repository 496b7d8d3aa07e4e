"""One derivation of the incidents in view: the page's export and `python -m geo export`
of the same view are the same file, thermal corroboration included, with more strikes in
view than the app once matched (20,000)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.commands._cli import main
from geo.importing.pipeline import ImportOptions, import_path
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from tests.support.browser import map_frame, open_expander, wait_for_script_end
from tests.support.files import FIRMS_CSV
from tests.support.synthetic import store_synthetic

pytestmark = pytest.mark.browser

WINDOW = ("2022-01-01", "2025-12-31")


def read_export(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str,
                       keep_default_na=False)


def csv_download(page, attempts: int = 3):
    """The page's CSV export, clicked once the script run is over; a click that lands
    while a rerun redraws the button is lost (no download starts), so it is clicked again."""
    button = page.get_by_role("button", name="CSV", exact=True)
    for _ in range(attempts):
        wait_for_script_end(page)
        try:
            with page.expect_download(timeout=20_000) as download:
                button.click()
            return download.value
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"no download after {attempts} clicks on the CSV button")


def test_the_page_and_the_command_line_export_the_same_view(start_streamlit, browser_page,
                                                             tmp_path):
    db = tmp_path / "many-strikes.sqlite"
    store = IncidentStore.open(f"sqlite:///{db}", DATA_DIR)
    store_synthetic(store, 45_000)
    import_path(FIRMS_CSV, store, ImportOptions(today=dt.date(2026, 1, 1)))
    app = start_streamlit(db)

    page = browser_page
    page.goto(f"{app.url}/?from={WINDOW[0]}&to={WINDOW[1]}")
    map_frame(page)
    open_expander(page, "Share and export")
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"] "
                           "button')", timeout=120_000)
    from_page = read_export(Path(csv_download(page).path()).read_bytes())

    out = tmp_path / "cli.csv"
    assert main(["export", "-o", str(out), "--db", str(db), "--from", WINDOW[0],
                 "--to", WINDOW[1]]) == 0
    from_cli = read_export(out.read_bytes())

    strikes = from_cli.loc[from_cli["category"] == "strike"]
    assert len(strikes) > 20_000
    assert (strikes["thermal_status"] != "").all()
    assert (strikes["thermal_status"] == "detected").any()
    assert (from_cli["nearest_pipeline"] != "").any()
    pd.testing.assert_frame_equal(from_page, from_cli)
