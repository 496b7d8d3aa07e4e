"""The opening map kept in the cache folder: a new server process draws it from the file,
never after a write to the store, never for another view, never from a damaged file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.settings import DATA_DIR, PROJECT_ROOT
from geo.store.incident_store import IncidentStore
from geo.ui import opening_map
from tests.support.apptest import app_test, map_args
from tests.support.synthetic import synthetic_incidents

MARK = "\n// drawn from the opening-map file"
DATA_LIBRARIES = ("pandas", "numpy", "pyarrow", "sqlalchemy", "geopandas", "shapely", "folium",
                  "streamlit_folium")


@pytest.fixture
def cache(tmp_path, new_app, monkeypatch):
    """The cache folder of the app on this test's database (new_app points the app at it)."""
    monkeypatch.setenv("INCIDENT_MAP_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def kept_files(cache) -> list:
    return sorted((cache / opening_map.FOLDER).glob("*.json"))


def new_process() -> None:
    """What a new server process starts with: nothing read or drawn in memory."""
    st.cache_resource.clear()
    st.cache_data.clear()


def run_app(**query) -> AppTest:
    app = app_test(query=query)
    app.run()
    assert not app.exception
    return app


def mark_kept_map(cache) -> None:
    """Changes the kept map's script, so a map drawn from the file can be told apart."""
    [file] = kept_files(cache)
    record = json.loads(file.read_text(encoding="utf-8"))
    record["drawn"]["arguments"]["script"] += MARK
    file.write_text(json.dumps(record), encoding="utf-8")


def page_text(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


def test_a_new_process_draws_the_opening_map_from_its_file(cache):
    first = run_app()
    [file] = kept_files(cache)
    record = json.loads(file.read_text(encoding="utf-8"))
    sent = map_args(first)
    kept_arguments = dict(record["drawn"]["arguments"])
    assert kept_arguments.pop("default") is not None  # returned by the draw, not sent
    assert {name: sent[name] for name in kept_arguments} == kept_arguments
    kept = opening_map.read(file)
    assert kept.choices.default_window == first.slider(key="window_slider").value
    mark_kept_map(cache)
    new_process()
    second = run_app()
    assert map_args(second)["script"].endswith(MARK)
    # the first run ends with the map and its counts: nothing else holds the server while
    # the browser draws it
    assert page_text(second).startswith(page_text(first).split("\n")[0])
    assert not second.main.subheader and not second.dataframe
    assert "follow once the map has loaded" in second.main.caption[-1].value
    # the map reports its position once drawn; that rerun (or any, such as this button)
    # reads the rest of the page from the store as before, and sends the same map: it is
    # not remounted
    second.button(key="show_rest_of_page").click().run()
    assert map_args(second)["script"].endswith(MARK)
    assert "incidents in view" in page_text(second)
    assert page_text(second) == page_text(first)
    assert [header.value for header in second.main.subheader] == \
        [header.value for header in first.main.subheader] == ["Incidents in view"]
    second.run()  # later runs never stop early
    assert page_text(second) == page_text(first)


def test_a_write_to_the_store_retires_the_opening_map(cache, db_path):
    run_app()
    [old] = kept_files(cache)
    mark_kept_map(cache)
    store = IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR)
    store.add_batch("more", synthetic_incidents(50))
    new_process()
    app = run_app()
    assert not map_args(app)["script"].endswith(MARK)
    [new] = kept_files(cache)
    assert new != old and not old.exists()


def test_a_session_opened_on_another_view_is_drawn_from_the_store(cache):
    run_app()
    mark_kept_map(cache)
    new_process()
    linked = run_app(**{"from": "2025-06-01", "to": "2025-09-30", "cat": "strike"})
    assert not map_args(linked)["script"].endswith(MARK)
    # another window over the same filters: the same map of every date, narrowed in it
    window = run_app(**{"from": "2025-06-01", "to": "2025-09-30"})
    assert map_args(window)["script"].endswith(MARK)
    opening = run_app()  # the opening view still comes from the file
    assert map_args(opening)["script"].endswith(MARK)


def test_a_damaged_file_is_removed_and_written_again(cache):
    run_app()
    [file] = kept_files(cache)
    file.write_text(file.read_text(encoding="utf-8")[:1000], encoding="utf-8")
    new_process()
    app = run_app()  # drawn from the store: the whole page in the first run
    assert "incidents in view" in page_text(app)
    [again] = kept_files(cache)
    assert again == file
    kept_arguments = json.loads(again.read_text(encoding="utf-8"))["drawn"]["arguments"]
    assert kept_arguments["script"] == map_args(app)["script"]


def test_the_fingerprint_follows_the_shipped_data(tmp_path):
    copy = shutil.copytree(DATA_DIR, tmp_path / "data")
    # the default database lives in the data folder: it is not what a map is made of
    (copy / "incidents.sqlite").write_bytes(b"SQLite format 3\0" + bytes(4096))
    opening_map.fingerprint.cache_clear()
    assert opening_map.fingerprint(str(copy)) == opening_map.fingerprint(str(DATA_DIR))
    pipelines = copy / "pipelines.geojson"
    pipelines.write_text(pipelines.read_text(encoding="utf-8") + " ", encoding="utf-8")
    opening_map.fingerprint.cache_clear()
    assert opening_map.fingerprint(str(copy)) != opening_map.fingerprint(str(DATA_DIR))


def test_a_store_made_again_at_the_same_path_does_not_draw_the_old_map(cache, db_path):
    """Its revisions count from 1 again; its id (geo.store.identity) tells the stores apart."""
    run_app()
    mark_kept_map(cache)
    IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR).engine.dispose()
    db_path.unlink()
    IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR).engine.dispose()  # seeded again
    new_process()
    assert not map_args(run_app())["script"].endswith(MARK)


def test_the_opening_map_is_drawn_before_the_data_libraries_are_imported():
    """The map page's first part (sidebar, opening map) imports none of them: a new server
    process sends its map about 1.5 s sooner."""
    code = ("import sys, streamlit, geo.ui.map_page; print(sorted(name for name in "
            f"{DATA_LIBRARIES!r} if name in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True,
                           capture_output=True, text=True).stdout
    assert found.strip() == "[]"
