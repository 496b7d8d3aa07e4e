"""The map page after its sidebar and opening map (geo.ui.map_page): the incidents in view,
their counts, the map (unless drawn already), the timeline, the table and the share panel.
Imports the data and map libraries."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo import default_window
from geo.filters import filter_mask, split_mapped, window_mask
from geo.ui import (
    cached,
    headline,
    map_arguments,
    map_panel,
    opening_map,
    pipeline_filter,
    share_panel,
    sidebar_choices,
    site_data,
    table_panel,
    thermal_context,
    thermal_panel,
    timeline_panel,
)
from geo.ui.markdown import escape_markdown
from geo.ui.sidebar import Choices
from geo.viewstate import ViewState

# Distances to pipelines are measured per view (about 1 s per 100,000 incidents).
PIPELINE_CONTEXT_LIMIT = 20_000


def choices_and_routes(db: str, data_dir: str) -> tuple[Choices, list[str]]:
    """What the sidebar offers for the store's current revision, and the pipeline names."""
    revision = cached.store(db, data_dir).revision()
    routes = cached.shipped_layers(data_dir)[1]
    return (sidebar_choices.revision_choices(db, data_dir, revision),
            pipeline_filter.route_names(routes))


def render(state: ViewState, *, offered: Choices, route_names: list[str], app_root: str,
           kept: opening_map.OpeningMap | None, identity: tuple[str, int] | None,
           result: dict | None, headline_container, is_opening_view: bool,
           state_key: str) -> None:
    """`kept`: the opening map read for `identity` (the store's id and revision when the
    page started); `result`: what the opening map drawn from it sent back, None when it was
    not drawn; `headline_container`: the place of the lines above the map (shown with the
    opening map when it was drawn); `state_key`: the opening-map file's key for `state`."""
    settings = cached.settings()
    db, data_dir = settings.database_url, str(settings.data_dir)
    cache_dir = str(settings.cache_dir)
    store = cached.store(db, data_dir)
    revision = store.revision()
    current = (store.store_id(), revision)
    if kept is not None and identity != current:
        if result is not None:  # a write since the page started: the map drawn is older
            st.rerun()
        kept = None
    basemap_parts, pipeline_routes = cached.shipped_layers(data_dir)
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

    lines = [("markdown",
              f"**{len(view) - thermal_view:,}** of {len(incidents) - thermal_all:,} incidents "
              f"in view · **{len(mapped) - thermal_view:,}** on the map · **{len(unmapped):,}** "
              f"known only to country level (listed in the table, not drawn) · window "
              f"{state.date_from:%d %b %Y} – {state.date_to:%d %b %Y}"
              + (f" · within {state.pipeline_km:g} km of the "
                 f"{escape_markdown(state.pipeline)} pipeline route" if state.pipeline else "")
              + (f" · **{thermal_view:,}** thermal detections (FIRMS, not claims)"
                 if thermal_all else ""))]
    large_store_notice = default_window.notice(
        len(incidents), offered.extent, offered.default_window,
        (state.date_from, state.date_to), len(view))
    if large_store_notice:
        lines.append(("info", large_store_notice))
    if len(view) > PIPELINE_CONTEXT_LIMIT:
        lines.append(("caption", f"Distances to pipelines are shown for views of up to "
                      f"{PIPELINE_CONTEXT_LIMIT:,} incidents: narrow the window to see them."))
    if result is None:  # drawn with the opening map otherwise, the same lines
        with headline_container:
            headline.show(lines)

    def popup_columns(frame):  # for a map of every date, built only on a cache miss
        every_date_key = ("every date", every_date_filter, *view_key[1:])
        return thermal_context.annotate(frame, database_url=db, data_dir=data_dir,
                                        revision=revision, view_key=every_date_key)

    drawn = map_arguments.prepare(state, revision=revision, app_root=app_root, mapped=mapped,
                                  sites=sites, pipeline_routes=pipeline_routes,
                                  basemap_parts=basemap_parts, incidents=incidents,
                                  every_date=every_date, annotate=popup_columns,
                                  kept=kept.drawn if kept else None)
    window_script = map_arguments.window_script(state, drawn)
    if result is None:
        result = map_panel.draw(state, drawn, window_script)
    if kept is None and is_opening_view:
        opening_map.keep(db, data_dir, current, cache_dir, app_root, opening_map.OpeningMap(
            state_key, offered, route_names, drawn, window_script, lines))
    result = map_arguments.follow(state, result, mapped)
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
