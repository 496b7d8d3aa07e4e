"""The list of import batches, newest first, each with an Undo button (asked twice); an undo
also gives the incidents a batch updated their previous version back."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.errors import StoreError
from geo.store.incident_store import IncidentStore

SHOWN = 25
WIDTHS = [3, 2, 3, 1.2, 1.2, 1.2, 1.2, 2]
PENDING = "import_undo_pending"
DONE = "import_undo_message"


def _when(value) -> str:
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d %H:%M} UTC"


def _confirm(store: IncidentStore, batch) -> None:
    with st.container(border=True):
        updated = (f" The {batch.updated_count:,} stored incident(s) it updated get their "
                   "previous version back." if batch.updated_count else "")
        st.warning(f"Undo batch {batch.batch_id} from '{batch.file_name}'? Its "
                   f"{batch.row_count:,} incident(s) will be removed from the map.{updated}",
                   icon="↩️")
        yes, no, _ = st.columns([1, 1, 4])
        if yes.button("Yes, undo it", type="primary", key="import_undo_confirm"):
            try:
                removed = store.undo_batch(batch.batch_id)
                st.session_state[DONE] = (f"Batch {batch.batch_id} undone: {removed:,} "
                                          "incident(s) removed.")
            except StoreError as error:
                st.session_state[DONE] = str(error)
            st.session_state.pop(PENDING, None)
            st.rerun()
        if no.button("Cancel", key="import_undo_cancel"):
            st.session_state.pop(PENDING, None)
            st.rerun()


def render(store: IncidentStore) -> None:
    st.subheader("Imports")
    if DONE in st.session_state:
        st.success(st.session_state.pop(DONE), icon="↩️")
    batches = store.batches_frame()
    if batches.empty:
        st.info("No imports yet. Every file you import appears here and can be undone.")
        return
    pending = st.session_state.get(PENDING)
    header = st.columns(WIDTHS)
    for column, title in zip(header, ("Batch", "Imported", "File", "Added", "Updated",
                                      "Skipped", "Rejected", ""), strict=True):
        column.markdown(f"**{title}**")
    for batch in batches.head(SHOWN).itertuples(index=False):
        cells = st.columns(WIDTHS, vertical_alignment="center")
        cells[0].text(batch.batch_id)
        cells[1].text(_when(batch.created_at))
        cells[2].text(batch.file_name)
        cells[3].text(f"{batch.row_count:,}")
        cells[4].text(f"{batch.updated_count:,}")
        cells[5].text(f"{batch.skipped_count:,}")
        cells[6].text(f"{batch.rejected_count:,}")
        if pd.notna(batch.undone_at):
            cells[7].text(f"undone {_when(batch.undone_at)}")
        elif cells[7].button("Undo", key=f"import_undo_{batch.batch_id}",
                             help=f"Remove the {batch.row_count:,} incident(s) of this batch"):
            st.session_state[PENDING] = batch.batch_id
            st.rerun()
        if pending == batch.batch_id:
            _confirm(store, batch)
    if len(batches) > SHOWN:
        st.caption(f"The latest {SHOWN} of {len(batches)} batches; `python -m geo batches` "
                   "lists them all.")
