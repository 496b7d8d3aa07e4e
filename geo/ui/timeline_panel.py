"""Timeline under the map: incidents per day, week or month by category; drag across bars to narrow
the window (the sidebar window follows)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from geo.analysis import timeline
from geo.schema import CATEGORY_LABELS
from layers.style import CATEGORY_COLORS

if TYPE_CHECKING:
    import altair as alt


def _chart(data: pd.DataFrame, unit: str) -> alt.Chart:
    # altair is imported here, not with the page: its 0.4 s would delay the map above
    import altair as alt

    color_scale = alt.Scale(domain=[CATEGORY_LABELS[c] for c in CATEGORY_COLORS],
                            range=list(CATEGORY_COLORS.values()))
    brush = alt.selection_interval(encodings=["x"], name="window")
    time_unit = {"day": "yearmonthdate", "week": "yearweek", "month": "yearmonth"}[unit]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(f"{time_unit}(period):T", title=f"Incidents per {unit} (by start of date)"),
            y=alt.Y("sum(incidents):Q", title="Incidents"),
            color=alt.Color("category:N", scale=color_scale, title="Category"),
            opacity=alt.Opacity("precise:N", scale=alt.Scale(domain=["day known",
                                                                     "day not known"],
                                                             range=[1.0, 0.45]),
                                title="Date"),
            tooltip=["period:T", "category:N", "precise:N", "sum(incidents):Q"],
        )
        .add_params(brush)
        # drawn on a canvas, one described image for screen readers (the table lists every
        # incident): in SVG the selection brush was an image without a name
        .properties(height=180, description=f"Bar chart of the incidents in view per {unit}, "
                                            "by category; drag across bars to choose dates",
                    usermeta={"embedOptions": {"renderer": "canvas"}})
    )


def _selected_window(event) -> tuple[dt.date, dt.date] | None:
    selection = (event or {}).get("selection", {}).get("window", {})
    values = next(iter(selection.values()), None) if selection else None
    if not values or len(values) != 2:
        return None
    start, end = (pd.to_datetime(v, unit="ms") if isinstance(v, (int, float))
                  else pd.to_datetime(v) for v in values)
    return start.date(), end.date()


def render(view: pd.DataFrame, date_from: dt.date, date_to: dt.date) -> None:
    unit = timeline.bin_size(date_from, date_to)
    data = timeline.counts(view, unit, window_start=date_from)
    if data.empty:
        return
    # A new key after each use clears the chart's selection.
    generation = st.session_state.setdefault("timeline_generation", 0)
    event = st.altair_chart(_chart(data, unit), on_select="rerun",
                            key=f"timeline_{generation}", width="stretch")
    window = _selected_window(event)
    if window:  # bars are binned by week or month: a brush may reach past the window's ends
        window = (max(window[0], date_from), min(window[1], date_to))
    if window and window[0] <= window[1] and st.button(
            f"Narrow the window to {window[0]:%d %b %Y} – {window[1]:%d %b %Y}",
            key="apply_timeline_window", type="primary"):
        st.session_state["window"] = window
        st.session_state["timeline_generation"] = generation + 1
        st.rerun()
