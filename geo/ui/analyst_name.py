"""The analyst's name, asked by every form that records a change (claim reviews on the
map, site links on the Sites page) and remembered across them for the session."""

from __future__ import annotations

import streamlit as st

from geo.review.authorship import MAX_NAME_CHARS

KEY = "analyst_name"
# Streamlit forgets a widget's value while its page is not shown; this key outlives it.
SAVED_KEY = "saved_analyst_name"


def name_input(container, help: str) -> str:
    if KEY not in st.session_state:
        st.session_state[KEY] = st.session_state.get(SAVED_KEY, "")
    return container.text_input("Your name", key=KEY, max_chars=MAX_NAME_CHARS,
                                placeholder="name or initials", help=help)


def entered() -> str:
    return st.session_state.get(KEY, "")


def remember(name: str) -> None:
    st.session_state[SAVED_KEY] = name.strip()
