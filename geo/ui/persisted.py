"""Widget values that survive the runs that drop them: each is kept under a key of its own,
changed only by the person (the widget's on_change), and every run starts the widget from
it. Streamlit drops the values of widgets outside a `run_every` fragment during that
fragment's run (streamlit/streamlit#14064; the map page's revision watch is one), and a
widget drawn without its value shows its default: every layer switched off after a review,
once in CI."""

from __future__ import annotations

from typing import Any

import streamlit as st


def kept_key(key: str) -> str:
    return f"saved_{key}"


def remember(key: str) -> None:
    """on_change: what the person chose, kept apart from the widget."""
    st.session_state[kept_key(key)] = st.session_state[key]


def keep(key: str, value: Any) -> None:
    """Set the kept value (from a link, say) without the person's change."""
    st.session_state[kept_key(key)] = value


def value(key: str, default: Any) -> Any:
    """The kept value, `default` before there is one."""
    return st.session_state.get(kept_key(key), default)


def widget(key: str, default: Any = None) -> dict:
    """The keyword arguments of the widget `key` (key, on_change), its value set from the
    kept one (`default` before there is one, when not None): draw it without `value=`."""
    session = st.session_state
    if kept_key(key) not in session and default is not None:
        session[kept_key(key)] = default
    if kept_key(key) in session:
        # on every run, even unchanged: set only on change, every layer switch was found
        # off in about one page load of ten (a run that does not send a widget's value
        # lets the page show its default). The cost: a rerun landing while a value is
        # typed puts the kept value back.
        session[key] = session[kept_key(key)]
    return {"key": key, "on_change": remember, "args": (key,)}
