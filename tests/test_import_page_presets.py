"""The Import page with foreign exports (AppTest): the kind of file is detected, changing it
checks the file again at once, a newer ACLED export shows what changed and what it no
longer holds, and the importer's precision notes are shown."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.support.files import TEST_DATA
from tests.support.import_page import button, metrics, uploaded

ACLED = TEST_DATA / "acled_constructed_export.csv"


@pytest.fixture
def page(new_app) -> AppTest:
    return new_app("import_page", timeout=120).run()


def preview_table(app: AppTest) -> pd.DataFrame:
    return next(d.value for d in app.dataframe if "Status" in d.value)


def kind_of_file(app: AppTest):
    return next(s for s in app.selectbox if s.label == "Kind of file")


def test_an_acled_export_without_time_precision_is_detected(page):
    frame = pd.read_csv(ACLED, dtype=str, keep_default_na=False)
    uploaded(page, frame.drop(columns="time_precision").to_csv(index=False).encode(),
             "acled.csv")
    assert kind_of_file(page).value == "acled"
    assert metrics(page) == {"New": "4", "Duplicate": "0", "Needs review": "0",
                             "Rejected": "0"}
    assert list(preview_table(page)["Precision"]) == ["town", "town", "admin1", "town"]


def test_choosing_another_kind_of_file_checks_it_again_at_once(page):
    uploaded(page, ACLED.read_bytes(), "acled.csv")
    assert metrics(page)["New"] == "4"
    kind_of_file(page).set_value("auto").run()  # no "Check the file" press
    assert not page.exception
    assert metrics(page)["Rejected"] == "4"  # ACLED's codes are not this map's words
    table = preview_table(page)
    assert table["Why"].iat[0].startswith("geo_precision '1' is not known")
    assert "Source id" not in table
    kind_of_file(page).set_value("acled").run()
    assert metrics(page)["New"] == "4" and "Source id" in preview_table(page)


def test_a_newer_export_shows_changed_rows_and_what_it_no_longer_holds(page):
    uploaded(page, ACLED.read_bytes(), "acled-1.csv")
    button(page, "Import 4 rows").click().run()
    frame = pd.read_csv(ACLED, dtype=str, keep_default_na=False)
    frame.loc[1, "fatalities"] = "3"
    uploaded(page, frame.head(3).to_csv(index=False).encode(), "acled-2.csv")
    assert metrics(page) == {"New": "0", "Changed": "1", "Duplicate": "2",
                             "Needs review": "0", "Rejected": "0"}
    table = preview_table(page)
    assert table["Why"].iat[1] == "changed since stored: casualties '2' -> '3'"
    assert any("1 event(s) stored from an earlier import are not in this file" in e.label
               for e in page.expander)
    assert button(page, "Import ").label == "Import 1 row (1 updating stored incidents)"
    button(page, "Import 1 row").click().run()
    assert any("1 stored incident(s) were updated (their old versions are kept)"
               in s.value.replace("\\", "") for s in page.success)  # escaped: safe_text


def test_the_precision_note_is_shown_for_plain_coordinates(page):
    uploaded(page, b"date,lat,lon\n2025-08-08,49.35,23.5\n", "plain.csv")
    assert any("no stated location precision" in w.value for w in page.warning)
    assert list(preview_table(page)["Precision"]) == ["unknown"]


def test_a_firms_file_shows_the_category_and_status_it_sets_instead_of_defaults(page):
    uploaded(page, (TEST_DATA / "firms_viirs_nrt_silex.csv").read_bytes(), "fires.csv")
    assert kind_of_file(page).value == "firms"
    shown = {s.label: s for s in page.selectbox}
    assert "Category if none" not in shown and "Claim status if none" not in shown
    assert shown["Category"].disabled and shown["Category"].value == "thermal_detection"
    assert shown["Claim status"].disabled and shown["Claim status"].value == "reported"
    assert list(preview_table(page)["Category"].unique()) == ["thermal_detection"]
    kind_of_file(page).set_value("auto").run()   # read as any table: the defaults return
    shown = {s.label: s for s in page.selectbox}
    assert not shown["Category if none"].disabled
    assert not shown["Category"].disabled   # now the column that holds it
