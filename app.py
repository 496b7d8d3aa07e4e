"""Incident map: claims about strikes on energy infrastructure, with sources and precision.

This file only lays out the pages; the work is done in the geo library (see README.md).
"""

import streamlit as st

from geo.ui import app_url, identity, map_page
from geo.ui.guard import run_guarded


# The other pages import the data libraries when first shown: the map page draws its
# opening map before it imports them (geo/ui/map_page.py).
def import_data() -> None:
    from geo.ui import import_page

    import_page.render()


def sites() -> None:
    from geo.ui import site_page

    site_page.render()


st.set_page_config(page_title="Incident map", page_icon="🗺️", layout="wide")

PAGES = [
    st.Page(map_page.render, title="Map", icon=":material/map:", default=True),
    st.Page(import_data, title="Import data", icon=":material/upload_file:",
            url_path="import"),
    st.Page(sites, title="Sites", icon=":material/factory:", url_path=app_url.SITE_PAGE_PATH),
]


def app() -> None:
    """Team mode: no page for a request without the sign-in (geo.ui.identity)."""
    identity.gate()
    st.navigation(PAGES).run()


run_guarded(app)
