"""The list of import batches, newest first, with who imported each, and an Undo button
(asked twice; the importer role in team mode). An undo also gives the incidents a batch
updated their previous version back, and records who and from where; a refusal is shown in
the error style."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.access.policy import UNDO
from geo.errors import IncidentMapError
from geo.store.incident_store import IncidentStore
from geo.ui import identity, safe_text

SHOWN = 25
WIDTHS = [2.5, 2, 3, 1.5, 1.6, 1.6, 1.6, 1.6, 1.6]  # "Rejected" on one line at 1,280 px
PENDING = "import_undo_pending"
DONE = "import_undo_message"


def _when(value) -> str:
    return "" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d %H:%M} UTC"


def _confirm(store: IncidentStore, batch) -> None:
    with st.container(border=True):
        st.warning(f"Undo batch {safe_text.text(batch.batch_id)} from "
                   f"{safe_text.quoted(batch.file_name)}? Its {batch.row_count:,} incident(s) "
                   "will be removed from the map."
                   + (f" The {batch.updated_count:,} stored incident(s) it updated get their "
                      "previous version back." if batch.updated_count else ""), icon="↩️")
        yes, no, _ = st.columns([1, 1, 4])
        if yes.button("Yes, undo it", type="primary", key="import_undo_confirm"):
            try:
                person = identity.writer(UNDO)
                removed = store.undo_batch(batch.batch_id, undone_by=person.name,
                                           undone_from=person.origin)
                st.session_state[DONE] = ("success", f"Batch {batch.batch_id} undone: "
                                          f"{removed:,} incident(s) removed.")
            except IncidentMapError as error:
                st.session_state[DONE] = ("error", f"Nothing was undone: {error}")
            st.session_state.pop(PENDING, None)
            st.rerun()
        if no.button("Cancel", key="import_undo_cancel"):
            st.session_state.pop(PENDING, None)
            st.rerun()


def render(store: IncidentStore) -> None:
    st.subheader("Imports")
    if DONE in st.session_state:
        kind, message = st.session_state.pop(DONE)
        if kind == "error":
            st.error(safe_text.block(message), icon=":material/block:")
        else:
            st.success(safe_text.block(message), icon="↩️")
    batches = store.batches_frame()
    if batches.empty:
        st.info("No imports yet. Every file you import appears here and can be undone.")
        return
    pending = st.session_state.get(PENDING)
    may_undo = identity.may(UNDO)
    header = st.columns(WIDTHS)
    titles = ("Batch", "Imported", "File", "By", "Added", "Updated", "Skipped", "Rejected")
    for column, title in zip(header[:-1], titles, strict=True):  # the Undo column has none
        column.markdown(f"**{safe_text.text(title)}**")
    for batch in batches.head(SHOWN).itertuples(index=False):
        cells = st.columns(WIDTHS, vertical_alignment="center")
        cells[0].text(safe_text.plain(batch.batch_id))
        cells[1].text(_when(batch.created_at))
        cells[2].text(safe_text.plain(batch.file_name))
        cells[3].text(safe_text.plain(" · ".join(v for v in (batch.imported_by,
                                                              batch.imported_from) if v)))
        cells[4].text(f"{batch.row_count:,}")
        cells[5].text(f"{batch.updated_count:,}")
        cells[6].text(f"{batch.skipped_count:,}")
        cells[7].text(f"{batch.rejected_count:,}")
        if pd.notna(batch.undone_at):
            cells[8].text(safe_text.plain(f"undone {_when(batch.undone_at)}"
                                          + (f" by {batch.undone_by}" if batch.undone_by
                                             else "")))
        elif not may_undo:
            continue
        elif cells[8].button("Undo", key=f"import_undo_{batch.batch_id}",
                             help=f"Remove the {batch.row_count:,} incident(s) of this batch"):
            st.session_state[PENDING] = batch.batch_id
            st.rerun()
        if pending == batch.batch_id:
            _confirm(store, batch)
    if len(batches) > SHOWN:
        st.caption(f"The latest {SHOWN} of {len(batches)} batches; `python -m geo batches` "
                   "lists them all.")
