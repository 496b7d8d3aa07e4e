"""The Import page through Streamlit's AppTest: upload, preview, fix a row, import, undo.

AppTest in Streamlit 1.67 drives st.file_uploader (set_value) and form buttons. It cannot
switch to a page that st.navigation registers as a function, so these tests run the page
function itself; tests/test_browser_import.py goes through the real navigation.
Cell edits in st.data_editor are given as its edit state in session state, as AppTest asks.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from tests.support.files import TEST_DATA
from tests.support.import_page import button, metrics
from tests.support.import_page import uploaded as upload
from tests.support.imports import UMAP

UPLOAD = (b"date,lat,lon,place,category,notes\n"
          b"2025-08-08,46.1,30.1,A,strike,<b>bold?</b>\n"
          b"8 August 2025,,,Mykhailivka,strike,ambiguous place\n"
          b"2025-08-09,95,30,B,strike,bad latitude\n")


@pytest.fixture
def page(new_app) -> AppTest:
    return new_app("import_page", timeout=120).run()


def store_of(db_path) -> IncidentStore:
    return IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR)


def uploaded(app: AppTest, content: bytes = UPLOAD, name: str = "upload.csv") -> AppTest:
    return upload(app, content, name)


def test_the_empty_page_explains_what_to_do_and_lists_the_seed_batch(page):
    assert not page.exception
    assert page.title[0].value == "Import incidents"
    assert any("Choose a CSV file above" in info.value for info in page.info)
    assert [b.label for b in page.button] == ["Undo"]  # the seed batch
    headers = [m.value for m in page.markdown if m.value.startswith("**")]
    assert headers[-1] == "**Rejected**" and "****" not in headers  # "****" draws a rule


def test_an_upload_is_previewed_row_by_row(page):
    uploaded(page)
    assert metrics(page) == {"New": "1", "Duplicate": "0", "Needs review": "1",
                             "Rejected": "1"}
    table = page.dataframe[0].value
    # as text: emoji render as empty boxes without an emoji font (Debian's chromium)
    assert list(table["Status"]) == ["new", "needs review", "rejected"]
    assert table["Why"].iat[2] == "latitude 95 is out of range (-90..90)"
    assert table["Description"].iat[0] == "<b>bold?</b>"  # shown as text
    assert button(page, "Import ").label == "Import 1 row"


def test_a_firms_shapefile_download_is_offered_and_previewed(page):
    assert {"zip", "fgb"} <= {t.lstrip(".") for t in page.file_uploader[0].proto.type}
    uploaded(page, (TEST_DATA / "firms_modis_c6_global_24h_shapefile.zip").read_bytes(),
             "DL_FIRE_M-C61_1.zip")
    assert metrics(page) == {"New": "25", "Duplicate": "0", "Needs review": "0",
                             "Rejected": "0"}


def test_a_umap_export_is_offered_and_previewed_as_its_layers_features(page):
    assert "umap" in {t.lstrip(".") for t in page.file_uploader[0].proto.type}
    uploaded(page, json.dumps(UMAP).encode(), "strikes.umap")
    assert metrics(page) == {"New": "2", "Duplicate": "0", "Needs review": "0",
                             "Rejected": "0"}


def test_an_unusable_file_says_why(page):
    uploaded(page, b"", "empty.csv")
    assert "'empty.csv' is empty" in page.error[0].value.replace("\\", "")
    uploaded(page, b"Fecha,Lugar,Latitud\n1,2,3\n", "es.csv")
    assert "Missing column for date; found: Fecha, Lugar, Latitud" in \
        page.error[0].value.replace("\\", "")


def test_the_mapping_can_be_changed(page):
    uploaded(page, b"Fecha,Latitud,Longitud\n2025-08-08,46.1,30.1\n", "es.csv")
    assert page.error  # no date column found by name
    key = next(s.key for s in page.selectbox if s.key.endswith("_map_auto_date_start"))
    page.selectbox(key=key).set_value("Fecha")
    for field, column in (("latitude", "Latitud"), ("longitude", "Longitud")):
        name = next(s.key for s in page.selectbox if s.key.endswith(f"_map_auto_{field}"))
        page.selectbox(key=name).set_value(column)
    button(page, "Check the file").click().run()
    assert not page.error
    assert metrics(page)["New"] == "1"


def test_fix_an_ambiguous_row_import_and_undo(page, db_path):
    uploaded(page)
    preview = page.session_state["import_preview"][1]
    choice = next(c for c in preview.choices[2] if "Odesa Oblast" in c.label)
    editor = page.data_editor[0]
    assert list(editor.value["row"]) == [2]
    page.session_state["import_review_editor_0"] = {
        "edited_rows": {0: {"choice": choice.option()}}, "added_rows": [], "deleted_rows": []}
    button(page, "Apply changes").click().run()
    assert not page.exception
    assert metrics(page) == {"New": "2", "Duplicate": "0", "Needs review": "0",
                             "Rejected": "1"}

    button(page, "Import 2 rows").click().run()
    assert not page.exception
    assert any("Imported 2 incident(s) from 'upload.csv'" in s.value.replace("\\", "")
               for s in page.success)
    store = store_of(db_path)
    stored = store.incidents_frame()
    assert len(stored) == 19
    placed = stored[stored["description"] == "ambiguous place"].iloc[0]
    assert placed["admin1"] == "Odesa Oblast"
    assert placed["geo_method"].endswith("(chosen in the import preview)")
    assert any("Choose a CSV file above" in info.value for info in page.info)  # a new uploader

    batch = store.batches_frame()["batch_id"].iat[0]
    page.button(key=f"import_undo_{batch}").click().run()
    assert any(f"Undo batch {batch}" in w.value.replace("\\", "") for w in page.warning)
    page.button(key="import_undo_confirm").click().run()
    assert any(f"Batch {batch} undone: 2 incident(s) removed" in s.value.replace("\\", "")
               for s in page.success)
    assert len(store.incidents_frame()) == 17


def test_cancelling_an_undo_keeps_the_batch(page, db_path):
    page.button(key="import_undo_seed").click().run()
    page.button(key="import_undo_cancel").click().run()
    assert not page.warning
    assert len(store_of(db_path).incidents_frame()) == 17


def test_duplicates_of_stored_incidents_can_be_kept(page, db_path):
    seed_point = b"date,lat,lon\n2025-08-08,46.64206,30.56863\n"  # the seed's SOCAR depot
    uploaded(page, seed_point, "again.csv")
    assert metrics(page)["Duplicate"] == "1"
    assert button(page, "Import ").disabled
    page.session_state["import_review_editor_0"] = {
        "edited_rows": {0: {"include": True}}, "added_rows": [], "deleted_rows": []}
    button(page, "Apply changes").click().run()
    button(page, "Import 1 row").click().run()
    assert len(store_of(db_path).incidents_frame()) == 18


def test_the_upload_leaves_the_session_once_imported(page, db_path):
    from geo.ui import import_page

    uploaded(page, b"date,lat,lon,category\n2025-08-08,46.1,30.1,strike\n", "small.csv")
    assert import_page.RAW_KEY in page.session_state
    assert import_page.PREVIEW_KEY in page.session_state
    button(page, "Import 1 row").click().run()
    assert not page.exception
    assert import_page.RAW_KEY not in page.session_state
    assert import_page.PREVIEW_KEY not in page.session_state
    assert len(store_of(db_path).incidents_frame()) == 18


def test_a_hostile_file_name_is_shown_as_text(page):
    name = "[x](javascript:alert(1)) ![p](http://203.0.113.9/p.png) <img src=x>.csv"
    uploaded(page, b"date,lat,lon,category\n2025-08-08,46.1,30.1,strike\n", name)
    caption = next(c.value for c in page.caption if "rows" in c.value or "row" in c.value)
    assert "\\[x\\]\\(javascript\\:alert" in caption and "\\!\\[p\\]" in caption
    assert "\\<img src\\=x\\>" in caption
