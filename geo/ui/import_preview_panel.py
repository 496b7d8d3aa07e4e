"""The preview of an import: counts by status, notes on the whole file, every row with its
status and why (a changed row: what changed since it was stored), the stored events a newer
export no longer holds, the problems one line per rule, a form to fix or keep the rows that
need it, and the rows left out as CSV.

Text from the file is shown through st.dataframe, which displays it as text: HTML or
script in a cell is never run.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from geo.dates import describe_dates
from geo.importing.fixes import apply_fixes
from geo.importing.preview import (
    CHANGED,
    DUPLICATE,
    NEW,
    REJECTED,
    REVIEW,
    STATUSES,
    ImportPreview,
)
from geo.store.incident_store import IncidentStore
from geo.ui import import_thermal, safe_text
from geo.visible import visible

SHOWN_ROWS = 2_000
EDITABLE_ROWS = 1_000
EDITOR_ROUND = "import_editor_round"
TABLE_COLUMNS = {"status": "Status", "reason": "Why", "incident_id": "Source id",
                 "when": "When", "place": "Place",
                 "latitude": "Latitude", "longitude": "Longitude",
                 "geo_precision": "Precision", "geo_method": "How placed",
                 "site_proposal": "Site (proposed link)", "category": "Category",
                 "subtype": "Subtype", "description": "Description",
                 "source_name": "Source", "source_url": "Link"}


def editor_key() -> str:
    return f"import_review_editor_{st.session_state.get(EDITOR_ROUND, 0)}"


def _counts(preview: ImportPreview) -> None:
    counts = preview.counts()
    help_text = {NEW: "will be imported",
                 CHANGED: "stored already under the same source id, with other values: "
                          "updated on import, the old version kept",
                 DUPLICATE: "skipped unless you keep them",
                 REVIEW: "held back until you fix or keep them", REJECTED: "cannot be imported"}
    shown = [s for s in STATUSES if s != CHANGED or counts[CHANGED]]
    for column, status in zip(st.columns(len(shown)), shown, strict=True):
        column.metric(status.capitalize(), f"{counts[status]:,}",
                      help=help_text[status])
    for note in preview.notes:
        st.warning(safe_text.block(note), icon=":material/warning:")


def _table(rows: pd.DataFrame, identified: bool) -> None:
    shown = st.pills("Show rows", STATUSES, selection_mode="multi", default=list(STATUSES),
                     key="import_status_filter",
                     format_func=str.capitalize)
    rows = rows[rows["status"].isin(shown or STATUSES)]
    if rows.empty:
        st.info("No rows with the chosen status.")
        return
    table = rows.head(SHOWN_ROWS).assign(when=lambda f: describe_dates(f))
    columns = [c for c in TABLE_COLUMNS if c != "incident_id" or identified]
    displayed = safe_text.table(safe_text.with_web_links(
        table[columns].rename(columns=TABLE_COLUMNS), TABLE_COLUMNS["source_url"]))
    st.dataframe(displayed, width="stretch",
                 column_config={"Link": st.column_config.LinkColumn("Link"),
                                "Site (proposed link)": st.column_config.TextColumn(
                                    "Site (proposed link)", width="medium",
                                    help="Named in the file, or the nearest registered site "
                                         "within the tolerance of both precisions; "
                                         "ambiguous rows stay unlinked"),
                                "Why": st.column_config.TextColumn("Why", width="large")},
                 height=min(420, 38 + 35 * len(table)))
    if len(rows) > SHOWN_ROWS:
        st.caption(f"Showing the first {SHOWN_ROWS:,} of {len(rows):,} rows; download the "
                   "rows left out below to see every one of them.")


def _review_table(preview: ImportPreview, rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "row": rows.index, "include": rows["include"].to_numpy(),
        "status": rows["status"].to_numpy(), "place": rows["place"].to_numpy(), "choice": "",
        "latitude": rows["latitude"].to_numpy(), "longitude": rows["longitude"].to_numpy(),
        "reason": rows["reason"].to_numpy(), "geo_method": rows["geo_method"].to_numpy(),
    })


def _review(preview: ImportPreview, rows: pd.DataFrame, store: IncidentStore,
            on_change: Callable[[ImportPreview], None]) -> None:
    rows = rows[rows["status"].isin([REVIEW, DUPLICATE, CHANGED])]
    if rows.empty:
        return
    st.subheader("Rows to check")
    st.caption("Tick Import to keep a row as it is. For a place with several matches, choose "
               "the right one, or type the coordinates. Then apply.")
    displayed = safe_text.table(_review_table(preview, rows.head(EDITABLE_ROWS)))
    options = sorted({c.option() for row in displayed["row"]
                      for c in preview.choices.get(int(row), [])})
    with st.form("import_review_form", border=False):
        edited = st.data_editor(
            displayed, key=editor_key(), hide_index=True, width="stretch", num_rows="fixed",
            disabled=["row", "status", "place", "reason", "geo_method"],
            column_config={
                "row": st.column_config.NumberColumn("Row", format="%d"),
                "include": st.column_config.CheckboxColumn("Import"),
                "status": st.column_config.TextColumn("Status"),
                "place": st.column_config.TextColumn("Place"),
                "choice": st.column_config.SelectboxColumn(
                    "Choose the place", options=options, width="medium",
                    help="Candidates found for ambiguous place names"),
                "latitude": st.column_config.NumberColumn("Latitude", min_value=-90.0,
                                                          max_value=90.0, format="%.5f"),
                "longitude": st.column_config.NumberColumn("Longitude", min_value=-180.0,
                                                           max_value=180.0, format="%.5f"),
                "reason": st.column_config.TextColumn("Why", width="large"),
                "geo_method": st.column_config.TextColumn("How placed"),
            })
        applied = st.form_submit_button("Apply changes")
    if len(rows) > EDITABLE_ROWS:
        st.caption(f"The first {EDITABLE_ROWS:,} of {len(rows):,} rows to check are listed; "
                   "use the settings above to keep all duplicates or all rows needing review.")
    if applied:
        edits = edited.set_index("row")[["include", "latitude", "longitude", "choice"]]
        on_change(apply_fixes(preview, edits, store))
        st.session_state[EDITOR_ROUND] = st.session_state.get(EDITOR_ROUND, 0) + 1
        st.rerun()


def _problems(preview: ImportPreview, rows: pd.DataFrame) -> None:
    problems = preview.grouped_problems()
    left_out = int((~rows["include"]).sum())
    if problems:
        count = len(preview.problems())
        with st.expander(f"All problems ({count:,}, one line per rule broken)"):
            st.dataframe(safe_text.table(pd.DataFrame({"Problem": problems})), hide_index=True,
                         width="stretch", height=min(400, 38 + 35 * len(problems)))
    if left_out:
        stem = download_stem(preview.file_name)
        st.download_button(f"Download the {left_out:,} row{'s' if left_out != 1 else ''} left out "
                           "(CSV, with reasons)",
                           preview.not_imported_csv,  # made when clicked
                           file_name=f"{stem}-not-imported.csv",
                           mime="text/csv", key="import_rejected_download")


def download_stem(file_name: str) -> str:
    """The name of a file made from an uploaded one, without its suffix: a bidi override
    in it would turn 'x\u202ecod.csv' into a name that shows another suffix on the
    person's disk, a path separator or a line break has no place in a name."""
    stem = visible(file_name.rsplit(".", 1)[0], one_line=True)
    return re.sub(r'[/\\:*?"<>|]', "_", stem).strip(" .") or "import"


def _missing(preview: ImportPreview) -> None:
    missing = preview.missing
    if missing.empty:
        return
    with st.expander(f"{len(missing):,} event(s) stored from an earlier import are not in this "
                     "file"):
        st.caption("Stored events of this source, within the file's dates and countries, that "
                   "this newer export no longer holds: the source may have deleted or merged "
                   "them. They are kept; review them on the map.")
        st.dataframe(safe_text.table(missing).rename(columns={
            "incident_id": "Source id", "date_start": "Date", "place": "Place",
            "country": "Country", "description": "Description",
            "batch_id": "Imported in batch"}),
                     hide_index=True, width="stretch", height=min(400, 38 + 35 * len(missing)))


def render(preview: ImportPreview, store: IncidentStore,
           on_change: Callable[[ImportPreview], None]) -> None:
    st.subheader("Preview")
    rows = preview.rows.join(preview.site_proposals(store.sites_frame()))
    _counts(preview)
    import_thermal.render(preview)
    _missing(preview)
    _table(rows, preview.preset.identity)
    _problems(preview, rows)
    _review(preview, rows, store, on_change)
