"""The map page after its sidebar and opening map (geo.ui.map_page): the incidents in view,
their counts, the map (unless drawn already), the timeline, the table and the share panel.
Imports the data and map libraries."""

from __future__ import annotations

import streamlit as st

from geo.analysis import default_window
from geo.analysis.view import View, drawable, empty_route_note
from geo.render.extents import extent_from_bounds
from geo.ui import (
    cached,
    headline,
    map_arguments,
    map_panel,
    opening_map,
    persisted,
    safe_text,
    share_panel,
    sidebar_choices,
    site_data,
    table_panel,
    thermal_panel,
    timeline_panel,
)
from geo.ui.sidebar import Choices
from geo.viewstate import ViewState


def choices_and_routes(db: str, data_dir: str) -> tuple[Choices, list[str]]:
    """What the sidebar offers for the store's current revision, and the pipeline names."""
    revision = cached.store(db, data_dir).revision()
    routes = cached.shipped_layers(data_dir)[1]
    return (sidebar_choices.revision_choices(db, data_dir, revision),
            sidebar_choices.route_names(routes))


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
    view = cached.view(state, db, data_dir, revision, thermal_panel.chosen_window())
    sites = site_data.with_page_links(view.sites, app_root)
    lines = headline_lines(view, offered)
    if result is None:  # drawn with the opening map otherwise, the same lines
        with headline_container:
            headline.show(lines)

    drawn = map_arguments.prepare(view, revision=revision, app_root=app_root, sites=sites,
                                  basemap_parts=basemap_parts,
                                  kept=kept.drawn if kept else None)
    window_script = map_arguments.updates_script(state, drawn)  # the opening map keeps it

    def updates_for(center, zoom):
        return map_arguments.updates_script(state, drawn, (center, zoom),
                                            table_panel.map_choice())

    if result is None:
        result = map_panel.draw(state, drawn, window_script, updates_for)
    if kept is None and is_opening_view:
        opening_map.keep(db, data_dir, current, cache_dir, app_root, opening_map.OpeningMap(
            state_key, offered, route_names, drawn, window_script, lines))
    plain_mapped = view.plain.loc[drawable(view.plain)]
    result = map_arguments.follow(state, result, plain_mapped)
    reviewing = table_panel.render_clicked(view, plain_mapped, result.get("last_clicked"),
                                           state.zoom)
    _unknown_link_selection(plain_mapped)
    timeline_panel.render(view.plain, state.date_from, state.date_to)
    thermal_panel.render(view)
    st.subheader("Incidents in view")
    listed = only_what_the_map_shows(view, result.get("bounds"), db, data_dir, revision)
    table_panel.render_table(listed)
    if not reviewing:
        table_panel.render_unmapped_review(view.plain.loc[~drawable(view.plain)])
    with st.expander("Share and export"):
        share_panel.render(listed, basemap_parts, pipeline_routes, result.get("bounds"))


def _unknown_link_selection(mapped) -> None:
    """A link's `sel` that selects nothing (no such incident, or not drawn in this view)
    is said while it stays the selection, not dropped unsaid."""
    linked = st.session_state.get("link_selection")
    if not linked or st.session_state.get("selected_incident") != linked or (
            mapped["incident_id"] == linked).any():
        return
    shown = linked if len(linked) <= 80 else f"{linked[:80]}… ({len(linked):,} characters)"
    st.warning(safe_text.block(
        f"The link selects incident '{shown}', which is not on the map in this view: no "
        "stored incident has that id, or the window, the filters or the layers leave it out, "
        "or it has no point (known only to country level). Widen the view, or pick an "
        "incident on the map or in the table."))


def only_what_the_map_shows(view: View, bounds, db: str, data_dir: str,
                            revision: int) -> View:
    """The view of the table and the exports: the incidents in view, or (switch on) only
    those inside the map's visible area (geo.analysis.view, with the map's bounds)."""
    only = st.toggle("Only what the map shows", **persisted.widget("only_map_area"),
                     help="The table and the exports keep only the incidents inside the "
                          "map's visible area; incidents known only to country level have "
                          "no point and are left out.")
    extent = extent_from_bounds(bounds)
    if not only:
        return view
    if extent is None:
        st.caption("The map has not reported its visible area yet: every incident in view "
                   "is listed.")
        return view
    inside = cached.view(view.state, db, data_dir, revision, view.thermal_window, bbox=extent)
    st.caption(f"{len(inside.plain):,} of {len(view.plain):,} incidents in view are inside the "
               "map's visible area.")
    return inside


def headline_lines(view: View, offered: Choices) -> list[tuple[str, str]]:
    """The lines above the map: what is in view, and what is not shown and why."""
    state, plain, sources = view.state, view.plain, view.sources
    thermal_view, thermal_all = view.thermal_in_view, sources.thermal_stored
    on_map = int(drawable(plain).sum())
    lines = [("markdown",
              f"**{len(plain) - thermal_view:,}** of {len(sources.incidents) - thermal_all:,} "
              f"incidents in view · **{on_map - thermal_view:,}** on the map · "
              f"**{len(plain) - on_map:,}** known only to country level (listed in the table, "
              f"not drawn) · window {state.date_from:%d %b %Y} – {state.date_to:%d %b %Y}"
              + (f" · within {state.pipeline_km:g} km of the "
                 f"{safe_text.text(state.pipeline)} pipeline route" if state.pipeline else "")
              + (f" · **{thermal_view:,}** thermal detections (FIRMS, not claims)"
                 if thermal_all else ""))]
    large_store_notice = default_window.notice(
        len(sources.incidents), offered.extent, offered.default_window,
        (state.date_from, state.date_to), len(plain))
    if large_store_notice:
        lines.append(("info", large_store_notice))
    route_note = empty_route_note(view)
    if route_note:
        lines.append(("info", safe_text.block(route_note)))
    return lines
