"""The table of incidents in view, in sync with the filters, and the selected incident.

A row chosen in the table (a click on its row) or in the list under it (by keyboard: tab
to it, type a place or date, Enter) selects that incident: its review form opens under the
map, and the map shows it with its popup open (geo.render.map_updates).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from geo.analysis.view import View
from geo.dates import describe_dates, review_text
from geo.schema import CATEGORY_LABELS, CLAIM_LABELS, GEO_PRECISION_LABELS
from geo.ui import claim_panel, safe_text

TABLE_ROW_LIMIT = 2_000  # a browser table of 100,000 rows helps nobody and costs seconds
TABLE_KEY = "incidents_table"
LIST_KEY = "show_on_map"
ROWS_KEY = "table_rows"  # (id, latitude, longitude) of the rows shown, in table order
CHOICE_KEY = "map_choice"  # the incident chosen in the table or list, for the map

TABLE_COLUMNS = {
    "when": "When",
    "category_label": "Category",
    "place": "Place (as written)",
    "claim_label": "Claim status",
    "last_review": "Last reviewed",
    "source_name": "Source",
    "claimant": "Whose claim",
    "precision_label": "Location precision",
    "pipeline_text": "Nearest pipeline",
    "pipeline_distance_km": "Pipeline km",
    "route_text": "Chosen route",
    "description": "What happened",
    "source_url": "Link",
    "incident_id": "Id",
}


def table_frame(view: pd.DataFrame) -> pd.DataFrame:
    out = view.assign(
        when=describe_dates(view),
        category_label=view["category"].map(CATEGORY_LABELS).fillna(view["category"]),
        claim_label=view["claim_status"].map(CLAIM_LABELS).fillna(view["claim_status"]),
        last_review=(review_text(view["last_reviewed_by"], view["last_reviewed_at"])
                     if "last_reviewed_by" in view else ""),
        precision_label=view["geo_precision"].map(lambda p: GEO_PRECISION_LABELS.get(p, p)
                                                  .split(":")[0]),
    )
    # the chosen route's column only with a near-pipeline filter
    columns = [c for c in TABLE_COLUMNS if c != "route_text" or c in out]
    table = out.sort_values("date_start").reindex(columns=columns).rename(
        columns=TABLE_COLUMNS)
    return safe_text.with_web_links(table, TABLE_COLUMNS["source_url"])


def render_table(view: View) -> None:
    """The latest TABLE_ROW_LIMIT incidents in view, with every derived column; a row
    chosen in it, or in the list under it, is selected and shown on the map."""
    plain = view.plain
    if plain.empty:
        st.session_state[ROWS_KEY] = []
        st.info("No incidents match this window and these filters. Widen the date window "
                "or clear a filter in the sidebar.")
        return
    if len(plain) > TABLE_ROW_LIMIT:
        st.caption(f"Showing the {TABLE_ROW_LIMIT:,} latest of {len(plain):,} incidents in "
                   "view: narrow the window or filters, or export them all under *Share and "
                   "export*.")
        plain = plain.nlargest(TABLE_ROW_LIMIT, "date_start")
    shown = table_frame(view.annotate(plain))
    ordered = plain.set_index("incident_id", drop=False).loc[shown["Id"]]  # the table's order
    st.session_state[ROWS_KEY] = list(zip(
        ordered["incident_id"], ordered["latitude"].astype(float),
        ordered["longitude"].astype(float), strict=True))
    st.caption("Click a row to show its incident on the map and review it.")
    st.dataframe(
        safe_text.table(shown), hide_index=True, width="stretch", key=TABLE_KEY,
        on_select=_row_chosen, selection_mode="single-row",
        column_config={"Link": st.column_config.LinkColumn("Link", display_text="open")},
    )
    _keyboard_list(ordered)


def _keyboard_list(ordered: pd.DataFrame) -> None:
    """Every incident of the table in a list a keyboard reaches (the map's points are on a
    canvas): choosing one shows it on the map."""
    labels = dict(zip(ordered["incident_id"], describe_dates(ordered) + " · "
                      + ordered["place"].where(ordered["place"] != "", ordered["incident_id"])
                      + " · " + ordered["category"].map(CATEGORY_LABELS)
                      .fillna(ordered["category"]), strict=True))
    if st.session_state.get(LIST_KEY) not in labels:
        st.session_state[LIST_KEY] = None
    st.selectbox("Show an incident on the map", list(labels),
                 format_func=lambda i: safe_text.plain(labels.get(i)),
                 index=None, key=LIST_KEY, on_change=_listed_chosen,
                 placeholder="Type a place or a date, then Enter",
                 help="The incidents of the table, newest last: the one chosen is selected, "
                      "shown on the map with its popup, and its review form opens.")


def _choose(incident_id: str) -> None:
    rows = {row[0]: row for row in st.session_state.get(ROWS_KEY, [])}
    if incident_id not in rows:
        return
    _, lat, lon = rows[incident_id]
    session = st.session_state
    session["selected_incident"] = incident_id
    turn = (session.get(CHOICE_KEY) or {}).get("turn", 0) + 1
    placed = not (np.isnan(lat) or np.isnan(lon))
    session[CHOICE_KEY] = {"id": incident_id, "lat": lat if placed else None,
                           "lon": lon if placed else None, "turn": turn}


def _row_chosen() -> None:
    rows = (st.session_state.get(TABLE_KEY) or {}).get("selection", {}).get("rows", [])
    listed = st.session_state.get(ROWS_KEY, [])
    if rows and rows[0] < len(listed):
        _choose(listed[rows[0]][0])


def _listed_chosen() -> None:
    if st.session_state.get(LIST_KEY):
        _choose(st.session_state[LIST_KEY])


def map_choice() -> dict | None:
    """The incident last chosen in the table or list, for the map to show."""
    return st.session_state.get(CHOICE_KEY)


def nearest_incident(mapped: pd.DataFrame, lat: float, lon: float, max_km: float):
    if mapped.empty:
        return None
    k = np.cos(np.radians(lat))
    dy = (mapped["latitude"].to_numpy() - lat) * 111.2
    dx = (mapped["longitude"].to_numpy() - lon) * 111.2 * k
    distance = np.hypot(dx, dy)
    best = int(np.argmin(distance))
    return mapped.iloc[best] if distance[best] <= max_km else None


def render_clicked(view: View, mapped: pd.DataFrame, clicked: dict | None, zoom: int) -> bool:
    """The selected incident of `mapped` (the drawable incidents in view), with every derived
    column, and its review form; False when none is selected."""
    if not clicked:
        return False
    # a click within ~12 px of a point, in km at this zoom
    max_km = 12 * 156.5 * np.cos(np.radians(clicked["lat"])) / 2 ** zoom
    row = nearest_incident(mapped, clicked["lat"], clicked["lng"], max_km)
    selected = mapped.loc[mapped["incident_id"] == st.session_state.get("selected_incident")]
    if not selected.empty:  # the selected one, where several incidents share a point
        row = selected.iloc[0]
    if row is None:
        return False
    record = view.annotate(mapped.loc[[row.name]])
    with st.container(border=True):
        st.markdown("**Selected incident**")
        st.dataframe(safe_text.table(table_frame(record)), hide_index=True, width="stretch")
        claim_panel.render(row)
    return True


def render_unmapped_review(unmapped: pd.DataFrame) -> None:
    """Incidents known only to country level have no point to click: review them here
    (shown while no point on the map is selected: one review form at a time)."""
    if unmapped.empty:
        return
    with st.expander(f"Review a claim known only to country level ({len(unmapped)})"):
        labels = dict(zip(unmapped["incident_id"],
                          unmapped["place"].where(unmapped["place"] != "",
                                                  unmapped["incident_id"])
                          + " · " + unmapped["date_text"], strict=True))
        chosen = st.selectbox("Incident", list(labels),
                              format_func=lambda i: safe_text.plain(labels[i]),
                              key="review_unmapped_incident")
        if chosen in labels:
            claim_panel.render(unmapped.loc[unmapped["incident_id"] == chosen].iloc[0])
