"""Share and export: citable snapshots, the incidents in view as files, and the permalink.

Files are generated only when their button is clicked (deferred download data), so the
panel costs nothing on the reruns that panning and filtering cause.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import streamlit as st

from geo.analysis.view import View
from geo.errors import FilterError
from geo.render.extents import INCIDENTS, resolve_extent
from geo.sharing.citation import DEFAULT_TITLE, MAX_TITLE_CHARS
from geo.sharing.exports import EXPORT_FORMATS, export_bytes, mime_type
from geo.sharing.formats import MIME_TYPES, SIZES, SNAPSHOT_FORMATS
from geo.ui import cached, safe_text
from geo.viewstate import ViewState, to_query

CURRENT_VIEW = "current"
EXTENT_LABELS = {
    INCIDENTS: "The incidents in the window",
    CURRENT_VIEW: "The map as it is now",
    "story": "Story: every named site",
    "ukraine": "Ukraine",
    "black-sea": "Black Sea",
    "caucasus": "Caucasus",
    "wide": "Whole basemap",
}
EXPORT_LABELS = {"geojson": "GeoJSON", "csv": "CSV", "gpkg": "GeoPackage",
                 "kml": "KML (Google Earth)", "parquet": "GeoParquet"}


def _file_stem(state: ViewState) -> str:
    return f"incident-map_{state.date_from:%Y-%m-%d}_{state.date_to:%Y-%m-%d}"


def _extent(choice: str, bounds, sites, incidents):
    try:
        if choice == INCIDENTS:
            return resolve_extent(sites=sites, incidents=incidents)
        if choice == CURRENT_VIEW:
            return resolve_extent(bounds=bounds, sites=sites)
        return resolve_extent(region=choice, sites=sites)
    except FilterError as error:
        st.warning(f"{safe_text.text(error)}. The snapshot shows the story region instead.")
        return resolve_extent(region="story", sites=sites)


def current_link(state: ViewState) -> str:
    """The page URL with the view in its query (map_panel keeps st.query_params in step)."""
    query = dict(st.query_params) or to_query(state)
    base = st.context.url or ""
    return f"{base.split('?')[0]}?{urlencode(query, safe=',')}"


def _snapshot_controls(view: View, pipelines, basemap_parts, bounds) -> None:
    state, sites = view.state, view.sites
    st.markdown("**Snapshot of this view**")
    # no max_chars: a paste past it would empty the box; too long a title is said instead
    title = st.text_input("Title", value=DEFAULT_TITLE, key="share_title",
                          help=f"At most {MAX_TITLE_CHARS} characters.")
    too_long = len(title) > MAX_TITLE_CHARS
    if too_long:
        st.warning(f"The title is {len(title):,} characters long; a snapshot takes at most "
                   f"{MAX_TITLE_CHARS}. Shorten it to make a snapshot (your text is kept "
                   "above).", icon="✂️")
    left, right = st.columns(2)
    # the choice is kept (its key) while the window and filters change
    choice = left.selectbox("Map extent", list(EXTENT_LABELS), key="share_extent",
                            format_func=EXTENT_LABELS.get,
                            help="The incidents in the window, with a margin, unless you "
                                 "choose another frame: your choice is kept.")
    size_key = right.radio("Image size", list(SIZES), key="share_size", horizontal=True,
                           format_func=lambda k: SIZES[k].label)
    extent = _extent(choice, bounds, sites, view.plain)

    def make(fmt: str):
        def build() -> bytes:
            from geo.sharing.files import snapshot_bytes
            from geo.sharing.snapshot import (  # matplotlib: loaded on the first snapshot
                places_for,
                prepare_view,
            )

            snapshot = prepare_view(state=state, view=view.incidents, sites=sites,
                                    pipeline_routes=pipelines, basemap_parts=basemap_parts,
                                    extent=extent, title=title,
                                    made_at=dt.datetime.now(dt.UTC),
                                    places=places_for(extent, fmt, cached.gazetteer))
            return snapshot_bytes(snapshot, fmt, SIZES[size_key])
        return build

    columns = st.columns(len(SNAPSHOT_FORMATS))
    for column, fmt in zip(columns, SNAPSHOT_FORMATS, strict=True):
        column.download_button(
            f"{fmt.upper()} snapshot", data=make(fmt), file_name=f"{_file_stem(state)}.{fmt}",
            mime=MIME_TYPES[fmt], on_click="ignore", key=f"share_snapshot_{fmt}",
            icon=":material/download:", width="stretch", disabled=too_long,
        )
    st.caption("PNG and SVG state the window, filters, sources, a data version and when "
               "they were made. HTML is the interactive map in one file that opens in any "
               "browser with no internet.")


def _export_controls(view: View) -> None:
    state = view.state
    st.markdown(f"**Incidents in view ({len(view.plain):,})**")
    columns = st.columns(len(EXPORT_FORMATS))
    for column, fmt in zip(columns, EXPORT_FORMATS, strict=True):
        column.download_button(
            EXPORT_LABELS[fmt], data=lambda fmt=fmt: export_bytes(view.incidents, fmt),
            file_name=f"{_file_stem(state)}.{fmt}", mime=mime_type(fmt), on_click="ignore",
            key=f"share_export_{fmt}", icon=":material/table:", width="stretch",
        )
    st.caption("Each row keeps its source, claim status and location precision, and its "
               "nearest pipeline route with the distance in km. Incidents known only to "
               "country level have empty coordinates (CSV) or no geometry.")


def render(view: View, basemap_parts, pipelines, bounds) -> None:
    """Snapshots and exports of `view` (made when their button is clicked) and its link."""
    state = view.state
    _snapshot_controls(view, pipelines, basemap_parts, bounds)
    st.divider()
    _export_controls(view)
    st.divider()
    # a text box, not st.code: the code block's highlighter costs every first page load
    # about 0.4 s of the browser's time, before the map is drawn
    st.session_state["share_link"] = current_link(state)  # one box, its text kept current
    st.text_input("Link to this view", key="share_link",
                  help="Click in the box, then Ctrl+A and Ctrl+C to copy the link.")
    st.caption("Opening the link shows the same window, layers, filters, map position and "
               "selected incident.")
