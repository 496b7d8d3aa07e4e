"""The lines above the map (the counts in view, notices), kept as (kind, text) pairs so the
opening map's file (geo.ui.opening_map) can hold them and a new process shows them with its
map, before the incidents are read: the map does not move down when they arrive."""

from __future__ import annotations

import streamlit as st

KINDS = {"markdown": st.markdown, "info": st.info, "caption": st.caption}


def show(lines: list[tuple[str, str]]) -> None:
    for kind, text in lines:
        KINDS[kind](text)
