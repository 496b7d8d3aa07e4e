"""The map page: sidebar view controls, counts, the map, and the table in view.

A new server process draws the sidebar and the opening map from the file kept for this
store revision (geo.ui.opening_map) before it imports the data and map libraries (about
1.5 s) and reads the incidents; geo.ui.map_view does the rest of the page, in the run the
map's first report starts. So this module, and what it imports at the top, import none of
those libraries.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo.names import SITE_ZOOM
from geo.settings import Settings
from geo.store import identity as store_identity
from geo.ui import app_url, headline, map_panel, opening_map, revision_watch, safe_text, sidebar
from geo.viewstate import DEFAULT_CENTER, DEFAULT_ZOOM, ViewState

# Set by a session's first run of the map page (see _defer_rest_of_page).
SESSION_SEEN_KEY = "map_page_seen"


def render() -> None:
    first_run = not st.session_state.get(SESSION_SEEN_KEY)
    st.session_state[SESSION_SEEN_KEY] = True
    settings = Settings.from_env()
    db, data_dir = settings.database_url, str(settings.data_dir)
    app_root = app_url.app_root_url()
    identity = store_identity.read(db)
    revision_watch.start(db, data_dir, identity)  # a write made elsewhere reruns the page
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
        st.warning(safe_text.block(problem))
    headline_container = st.container()  # the counts: read with the incidents
    state_key = repr(opening)
    result = None
    if kept and kept.state_key == state_key and not _updates_needed(state):
        with headline_container:
            headline.show(kept.headline)
        result = map_panel.draw(state, kept.drawn, kept.window_script)
        if first_run:
            _defer_rest_of_page()
            return

    from geo.ui import map_view  # after the opening map has left: ~1.5 s of imports

    map_view.render(state, offered=offered, route_names=route_names, app_root=app_root,
                    kept=kept, identity=identity, result=result,
                    headline_container=headline_container,
                    is_opening_view=opening == ViewState(*offered.default_window),
                    state_key=state_key)


def _updates_needed(state: ViewState) -> bool:
    """Whether the map needs more than the opening map's file sends with it: the
    settlements around a site zoom, or an incident chosen in the table (both made with
    the data libraries, geo.ui.map_arguments)."""
    zoom = st.session_state.get("map_position", (state.center, state.zoom))[1]
    return zoom >= SITE_ZOOM or bool(st.session_state.get("map_choice"))


def _defer_rest_of_page() -> None:
    """A session's first run that drew the opening map from its file ends there: the map
    first, the rest after. The rest of the page (in a new process about 1.5 s of imports,
    then the incidents read) slowed the browser loading and drawing the map: on a 2-core
    machine with 1,000,000 incidents the map came 1.2 s sooner this way, and the table
    1.0 s later (docs/performance.md; the imports alone cost the map as much, lowering
    the thread's priority or the GIL's switch interval did not help). streamlit-folium
    reports the map's position once it is drawn: that rerun, or any other, draws the
    rest."""
    st.caption("The incidents table, the timeline and the exports follow once the map has "
               "loaded.")
    st.button("Show them now", key="show_rest_of_page",
              help="If they do not appear on their own, for example if the map cannot load")
