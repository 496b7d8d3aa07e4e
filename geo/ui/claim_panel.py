"""Review a claim: the form under the selected incident, and its status history.

The form saves through a submit callback, which runs before the page script: the store's
revision is already bumped when the map and the table are drawn, so they show the new
status on that same run. Who reviews comes from geo.ui.identity (the sign-in in team
mode, the name typed once in local mode); a role that may not review sees the history only.
A note longer than the limit is refused with the limit named and stays in the form.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.access.policy import REVIEW
from geo.errors import IncidentMapError
from geo.review import claims
from geo.review.authorship import MAX_NOTE_CHARS
from geo.schema import CLAIM_LABELS, CLAIM_STATUSES
from geo.ui import cached, identity, safe_text

MESSAGE_KEY = "claim_review_message"
HISTORY_LABELS = {"when": "When (UTC)", "changed_by": "Who", "change": "From → to",
                  "note": "Note", "changed_from": "From where"}


def short_label(status: str) -> str:
    return CLAIM_LABELS.get(status, status).split(" (")[0]


def _store():
    settings = cached.settings()
    return cached.store(settings.database_url, str(settings.data_dir))


def _keys(incident_id: str) -> tuple[str, str]:
    return f"claim_status_{incident_id}", f"claim_note_{incident_id}"


def _save(incident_id: str) -> None:
    """The form's submit callback: it runs before the page, outside its guard, so every
    error a person can cause (a refused review, a database that became unusable) is
    kept as the message, never raised."""
    status_key, note_key = _keys(incident_id)
    try:
        store = _store()
        reviewer = identity.writer(REVIEW, st.session_state.get(identity.KEY))
        change = claims.set_claim_status(store, incident_id, st.session_state[status_key],
                                         changed_by=reviewer.name,
                                         note=st.session_state.get(note_key, ""),
                                         changed_from=reviewer.origin)
        revision = store.revision()
    except IncidentMapError as error:
        st.session_state[MESSAGE_KEY] = (incident_id, "error", str(error), None)
        return
    identity.remember(reviewer)
    st.session_state[note_key] = ""
    st.session_state[MESSAGE_KEY] = (
        incident_id, "success", f"Saved: {short_label(change.previous_status)} → "
        f"{short_label(change.status)}. The map, the table and the popup show the new status.",
        revision)


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    table = history.assign(
        when=history["changed_at"].dt.strftime("%Y-%m-%d %H:%M"),
        change=history["previous_status"].map(lambda p: short_label(p) if p else "imported")
        + " → " + history["status"].map(short_label),
    )
    return table[list(HISTORY_LABELS)].rename(columns=HISTORY_LABELS)


def _form(incident_id: str, current: str) -> None:
    status_key, note_key = _keys(incident_id)
    if st.session_state.get(status_key) not in CLAIM_STATUSES:
        st.session_state[status_key] = current if current in CLAIM_STATUSES else "claimed"
    with st.form(f"claim_review_{incident_id}"):
        st.markdown("**Review this claim**")
        left, right = st.columns(2)
        left.selectbox("New claim status", CLAIM_STATUSES, key=status_key, format_func=short_label,
                       help="; ".join(CLAIM_LABELS[s] for s in CLAIM_STATUSES))
        identity.name_input(right, help="Recorded with the change; remembered for your next "
                                        "review.")
        st.text_area("Note", key=note_key, height=80,
                     placeholder=f"What the change rests on: sources, imagery, who confirms "
                                 f"it (at most {MAX_NOTE_CHARS:,} characters)")
        st.form_submit_button("Save review", type="primary", on_click=_save,
                              args=(incident_id,))


def render(incident: pd.Series) -> None:
    """The review form and the status history of one incident."""
    incident_id, current = str(incident["incident_id"]), str(incident["claim_status"])
    st.caption(f"Claim status now: **{safe_text.text(short_label(current))}**. A status is "
               "an analyst's judgement of the evidence, recorded with who and why.")
    refused = identity.refusal(REVIEW, "review claims")
    if refused:
        st.caption(refused)
    else:
        _form(incident_id, current)
    # a success is shown until the data changes again (reruns from the map must not wipe
    # it); an error until the next change is tried
    message = st.session_state.get(MESSAGE_KEY)
    if message and message[0] == incident_id and message[3] in (None, _store().revision()):
        show = st.error if message[1] == "error" else st.success
        show(safe_text.block(message[2]))
    history = claims.claim_history(_store(), incident_id)
    st.markdown("**Status history**")
    if history.empty:
        st.caption("No review yet: status as imported.")
    else:
        st.dataframe(safe_text.table(history_table(history)), hide_index=True,
                     width="stretch")
