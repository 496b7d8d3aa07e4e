"""The map page: sidebar view controls, counts, the map, and the table in view.

A new server process draws the sidebar and the opening map from the file kept for this
store revision (geo.ui.opening_map) before it imports the data and map libraries (about
1.5 s) and reads the incidents; geo.ui.map_view does the rest of the page. So this module,
and what it imports at the top, import none of those libraries.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo import store_identity
from geo.map_position import DEFAULT_CENTER, DEFAULT_ZOOM
from geo.settings import Settings
from geo.ui import app_url, headline, map_panel, opening_map, sidebar
from geo.viewstate import ViewState


def render() -> None:
    settings = Settings.from_env()
    db, data_dir = settings.database_url, str(settings.data_dir)
    app_root = app_url.app_root_url()
    identity = store_identity.read(db)
    kept = (opening_map.kept(db, data_dir, identity, str(settings.cache_dir), app_root)
            if identity else None)
    if kept:
        offered, route_names = kept.choices, kept.route_names
    else:
        from geo.ui import map_view  # nothing to draw before the data libraries

        offered, route_names = map_view.choices_and_routes(db, data_dir)
    state = sidebar.render(offered, route_names)
    opening = replace(state, center=DEFAULT_CENTER, zoom=DEFAULT_ZOOM, selected="")

    st.title("Incident map: strikes on energy infrastructure")
    st.caption("Every point is a claim with its source, not a settled fact. Open a point "
               "for who says so, how sure the date is and how the point was placed.")
    for problem in st.session_state.get("link_problems", []):
        st.warning(problem)
    headline_container = st.container()  # the counts: read with the incidents
    state_key = repr(opening)
    result = None
    if kept and kept.state_key == state_key:
        with headline_container:
            headline.show(kept.headline)
        result = map_panel.draw(state, kept.drawn, kept.window_script)

    from geo.ui import map_view  # after the opening map has left: ~1.5 s of imports

    map_view.render(state, offered=offered, route_names=route_names, app_root=app_root,
                    kept=kept, identity=identity, result=result,
                    headline_container=headline_container,
                    is_opening_view=opening == ViewState(*offered.default_window),
                    state_key=state_key)
