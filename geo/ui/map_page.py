"""The map page: sidebar view controls, counts, the map, and the table in view."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo import default_window
from geo.filters import filter_mask, split_mapped, window_mask
from geo.render.folium_map import DEFAULT_CENTER, DEFAULT_ZOOM
from geo.ui import (
    cached,
    map_panel,
    opening_map,
    pipeline_filter,
    share_panel,
    sidebar,
    site_data,
    table_panel,
    thermal_context,
    thermal_panel,
    timeline_panel,
)
from geo.ui.markdown import escape_markdown
from geo.viewstate import ViewState

# Distances to pipelines are measured per view (about 1 s per 100,000 incidents).
PIPELINE_CONTEXT_LIMIT = 20_000


def render() -> None:
    settings = cached.settings()
    db, data_dir = settings.database_url, str(settings.data_dir)
    cache_dir = str(settings.cache_dir)
    revision = cached.store(db, data_dir).revision()
    basemap_parts, pipeline_routes = cached.shipped_layers(data_dir)
    app_root = site_data.app_root_url()
    # a new process draws the opening map from its file before reading the incidents
    kept = opening_map.kept(db, data_dir, revision, cache_dir, app_root)
    offered = kept.choices if kept else sidebar.revision_choices(db, data_dir, revision)
    state = sidebar.render(offered, pipeline_filter.route_names(pipeline_routes))
    opening = replace(state, center=DEFAULT_CENTER, zoom=DEFAULT_ZOOM, selected="")
    state_key = repr((opening, app_root))

    st.title("Incident map: strikes on energy infrastructure")
    st.caption("Every point is a claim with its source, not a settled fact. Open a point "
               "for who says so, how sure the date is and how the point was placed.")
    for problem in st.session_state.get("link_problems", []):
        st.warning(problem)
    headline = st.container()  # the counts, once the incidents are read
    result = (map_panel.draw(state, kept.drawn)
              if kept and kept.state_key == state_key else None)

    # with the linked site's name and operator, and the last review
    incidents = site_data.incidents(db, data_dir, revision)
    sites = site_data.sites_with_history(db, data_dir, revision)
    sites = site_data.map_sites(sites, state.operators, app_root)
    # every date, the other filters: what a map of every date holds (geo.ui.map_window)
    every_date_filter = replace(state.view_filter(), date_from=None, date_to=None)
    every_date = filter_mask(incidents, every_date_filter)
    if state.pipeline:
        every_date &= pipeline_filter.near_route_mask(incidents, revision, pipeline_routes,
                                                      state.pipeline, state.pipeline_km)
    in_view = every_date & window_mask(incidents, state.date_from, state.date_to)
    view = incidents.loc[in_view]
    # what selects the rows of `view`: the key of the per-view caches below
    view_key = (state.view_filter(), state.pipeline, state.pipeline_km)
    if len(view) <= PIPELINE_CONTEXT_LIMIT:
        view = view.join(cached.pipeline_context(revision, view_key, view, pipeline_routes))
    view = thermal_context.annotate(view, database_url=db, data_dir=data_dir, revision=revision,
                                    view_key=view_key)
    mapped, unmapped = split_mapped(view)
    thermal_view, thermal_all = thermal_context.thermal_counts(
        view, incidents, database_url=db, data_dir=data_dir, revision=revision)

    with headline:
        st.markdown(
            f"**{len(view) - thermal_view}** of {len(incidents) - thermal_all} incidents in "
            f"view · **{len(mapped) - thermal_view}** on the map · **{len(unmapped)}** known "
            f"only to country level (listed in the table, not drawn) · window "
            f"{state.date_from:%d %b %Y} – {state.date_to:%d %b %Y}"
            + (f" · within {state.pipeline_km:g} km of the {escape_markdown(state.pipeline)} "
               "pipeline route" if state.pipeline else "")
            + (f" · **{thermal_view}** thermal detections (FIRMS, not claims)" if thermal_all
               else "")
        )
        large_store_notice = default_window.notice(
            len(incidents), offered.extent, offered.default_window,
            (state.date_from, state.date_to), len(view))
        if large_store_notice:
            st.info(large_store_notice)
        if len(view) > PIPELINE_CONTEXT_LIMIT:
            st.caption(f"Distances to pipelines are shown for views of up to "
                       f"{PIPELINE_CONTEXT_LIMIT:,} incidents: narrow the window to see them.")

    def popup_columns(frame):  # for a map of every date, built only on a cache miss
        every_date_key = ("every date", every_date_filter, *view_key[1:])
        return thermal_context.annotate(frame, database_url=db, data_dir=data_dir,
                                        revision=revision, view_key=every_date_key)

    drawn = map_panel.prepare(state, revision=revision, app_root=app_root, mapped=mapped,
                              sites=sites, pipeline_routes=pipeline_routes,
                              basemap_parts=basemap_parts, incidents=incidents,
                              every_date=every_date, annotate=popup_columns,
                              kept=kept.drawn if kept else None)
    if result is None:
        result = map_panel.draw(state, drawn)
    if kept is None and opening == ViewState(*offered.default_window):
        opening_map.keep(db, data_dir, revision, cache_dir, app_root,
                         opening_map.OpeningMap(state_key, offered, drawn))
    result = map_panel.follow(state, result, mapped)
    reviewing = table_panel.render_clicked(mapped, result.get("last_clicked"), state.zoom)
    timeline_panel.render(view, state.date_from, state.date_to)
    view = thermal_panel.render(view, database_url=db, data_dir=data_dir, revision=revision,
                                view_key=view_key)
    st.subheader("Incidents in view")
    table_panel.render_table(view)
    if not reviewing:
        table_panel.render_unmapped_review(unmapped)
    with st.expander("Share and export"):
        share_panel.render(state, view, mapped, sites.drop(columns="site_page_url"),
                           pipeline_routes, basemap_parts, result.get("bounds"))
