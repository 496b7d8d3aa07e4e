"""Streamlit's AppTest on this project: the app (app.py) or one page of geo.ui on its own,
and the arguments the app sent to the map component. The `new_app` fixture
(tests/conftest.py) gives app_test on the test's own database."""

from __future__ import annotations

import json

import streamlit as st
from streamlit.testing.v1 import AppTest

from geo.settings import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")


def app_test(page: str | None = None, *, timeout: float = 60,
             query: dict[str, str] | None = None) -> AppTest:
    """The app, or the geo.ui module `page` rendered alone, opened on the URL parameters
    `query` and on the database INCIDENT_MAP_DB names; not run yet.

    AppTest cannot switch to a page that st.navigation registers as a function (Streamlit
    1.67), so a page is run through its render(); the settings, the store and its frames
    are cached per process, so a page starts from empty Streamlit caches."""
    if page is None:
        app = AppTest.from_file(APP, default_timeout=timeout)
    else:
        st.cache_resource.clear()
        st.cache_data.clear()
        # as app.py runs it: the project's errors shown in the page (geo.ui.guard)
        app = AppTest.from_string(f"from geo.ui import {page}\nfrom geo.ui.guard import "
                                  f"run_guarded\nrun_guarded({page}.render)\n",
                                  default_timeout=timeout)
    app.query_params.update(query or {})
    return app


def map_args(app: AppTest) -> dict:
    """The arguments the app sent to the streamlit-folium component on its last run."""
    found = []

    def walk(node):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", "") == "component_instance":
                found.append(json.loads(child.proto.json_args))
            walk(child)

    walk(app._tree)
    assert len(found) == 1
    return found[0]
