"""Every page runs inside `run_guarded`: a person's mistake or a database that cannot be
used (an IncidentMapError) is shown as text in the error style, never as a traceback;
anything else is a bug and surfaces (as a generic message: client.showErrorDetails is
"none" in .streamlit/config.toml)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from geo.errors import IncidentMapError
from geo.ui import safe_text


def run_guarded(page: Callable[[], object]) -> None:
    try:
        page()
    except IncidentMapError as error:
        st.error(safe_text.block(error), icon=":material/block:")
