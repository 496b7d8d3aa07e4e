"""The table of incidents in view, in sync with the filters, and the clicked incident."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from geo.analysis.view import View
from geo.dates import describe_dates, review_text
from geo.schema import CATEGORY_LABELS, CLAIM_LABELS, GEO_PRECISION_LABELS
from geo.ui import claim_panel, safe_text

TABLE_ROW_LIMIT = 2_000  # a browser table of 100,000 rows helps nobody and costs seconds

TABLE_COLUMNS = {
    "when": "When",
    "category_label": "Category",
    "place": "Place (as written)",
    "claim_label": "Claim status",
    "last_review": "Last reviewed",
    "source_name": "Source",
    "claimant": "Whose claim",
    "precision_label": "Location precision",
    "nearest_pipeline": "Nearest pipeline",
    "pipeline_distance_km": "Pipeline km",
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
    table = out.sort_values("date_start").reindex(columns=list(TABLE_COLUMNS)).rename(
        columns=TABLE_COLUMNS)
    return safe_text.with_web_links(table, TABLE_COLUMNS["source_url"])


def render_table(view: View) -> None:
    """The latest TABLE_ROW_LIMIT incidents in view, with every derived column."""
    plain = view.plain
    if plain.empty:
        st.info("No incidents match this window and these filters. Widen the date window "
                "or clear a filter in the sidebar.")
        return
    if len(plain) > TABLE_ROW_LIMIT:
        st.caption(f"Showing the {TABLE_ROW_LIMIT:,} latest of {len(plain):,} incidents in "
                   "view: narrow the window or filters, or export them all under *Share and "
                   "export*.")
        plain = plain.nlargest(TABLE_ROW_LIMIT, "date_start")
    st.dataframe(
        safe_text.table(table_frame(view.annotate(plain))), hide_index=True, width="stretch",
        column_config={"Link": st.column_config.LinkColumn("Link", display_text="open")},
    )


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
        st.markdown("**Clicked incident**")
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
