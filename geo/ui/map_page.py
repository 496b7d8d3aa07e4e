"""The map page: sidebar view controls, counts, the map, and the table in view."""

from __future__ import annotations

import streamlit as st

from geo import default_window
from geo.filters import apply_filter, date_extent, split_mapped
from geo.ui import cached, map_panel, share_panel, sidebar, table_panel, timeline_panel

# Distances to pipelines are measured per view (about 1 s per 100,000 incidents).
PIPELINE_CONTEXT_LIMIT = 20_000


def render() -> None:
    settings = cached.settings()
    db, data_dir = settings.database_url, str(settings.data_dir)
    revision = cached.store(db, data_dir).revision()
    incidents = cached.incidents(db, data_dir, revision)
    sites = cached.sites(db, data_dir, revision)
    basemap_parts, pipeline_routes = cached.shipped_layers(data_dir)

    extent = date_extent(incidents)
    state = sidebar.render(incidents, extent)
    view = apply_filter(incidents, state.view_filter())
    if len(view) <= PIPELINE_CONTEXT_LIMIT:
        view = view.join(cached.pipeline_context(revision, state.view_filter(), view,
                                                 pipeline_routes))
    mapped, unmapped = split_mapped(view)

    st.title("Incident map: strikes on energy infrastructure")
    st.caption("Every point is a claim with its source, not a settled fact. Open a point "
               "for who says so, how sure the date is and how the point was placed.")
    for problem in st.session_state.get("link_problems", []):
        st.warning(problem)
    st.markdown(
        f"**{len(view)}** of {len(incidents)} incidents in view · **{len(mapped)}** on the "
        f"map · **{len(unmapped)}** known only to country level (listed in the table, not "
        f"drawn) · window {state.date_from:%d %b %Y} – {state.date_to:%d %b %Y}"
    )
    large_store_notice = default_window.notice(incidents, extent,
                                               (state.date_from, state.date_to), len(view))
    if large_store_notice:
        st.info(large_store_notice)
    if len(view) > PIPELINE_CONTEXT_LIMIT:
        st.caption(f"Distances to pipelines are shown for views of up to "
                   f"{PIPELINE_CONTEXT_LIMIT:,} incidents: narrow the window to see them.")
    result = map_panel.render(state, revision=revision, mapped=mapped, sites=sites,
                              pipeline_routes=pipeline_routes, basemap_parts=basemap_parts,
                              incidents=incidents)
    table_panel.render_clicked(mapped, (result or {}).get("last_clicked"), state.zoom)
    timeline_panel.render(view, state.date_from, state.date_to)
    st.subheader("Incidents in view")
    table_panel.render_table(view)
    with st.expander("Share and export"):
        share_panel.render(state, view, mapped, sites, pipeline_routes, basemap_parts,
                           (result or {}).get("bounds"))
