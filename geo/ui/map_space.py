"""The map's place on the page, kept at the map's full height from the first run on, so
that nothing under the map moves while it loads.

streamlit-folium's frame tells Streamlit its height twice: 0 as soon as its script has
loaded (the map's box is not sized yet), then the map's height once the map is drawn, which
on a loaded machine comes seconds later, with the map's first report. In between,
everything under the map (a selected incident's review form, the table) sat a map's height
higher and then jumped down under the pointer: a click aimed at the review form in that
moment landed on the map, away from every point, and cleared the selection a link had
opened (two of three CI runs lost `?sel=`, their address left with the map's position).
"""

from __future__ import annotations

from contextlib import AbstractContextManager

import streamlit as st

KEY = "incident_map_space"  # Streamlit gives the container the class st-key-<KEY>


def style(height: int) -> str:
    """At least `height` for the map's container whatever its frame says; the frame sits
    on its box's top edge, not on a text line's baseline, so the box is the map's height."""
    return (f"<style>.st-key-{KEY} {{ min-height: {int(height)}px; }} "
            f".st-key-{KEY} iframe {{ vertical-align: top; }}</style>")


def held(height: int) -> AbstractContextManager:
    """The container to draw the map in, at least `height` tall from the start."""
    st.html(style(height))  # style only: Streamlit puts it out of the page's flow
    return st.container(key=KEY)
