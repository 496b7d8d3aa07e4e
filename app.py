"""Incident map: claims about strikes on energy infrastructure, with sources and precision.

This file only lays out the pages; the work is done in the geo library (see README.md).
"""

import streamlit as st

from geo.errors import IncidentMapError
from geo.ui import import_page, map_page, site_page

st.set_page_config(page_title="Incident map", page_icon="🗺️", layout="wide")

PAGES = [
    st.Page(map_page.render, title="Map", icon=":material/map:", default=True),
    st.Page(import_page.render, title="Import data", icon=":material/upload_file:",
            url_path="import"),
    st.Page(site_page.render, title="Sites", icon=":material/factory:", url_path="sites"),
]

try:
    st.navigation(PAGES).run()
except IncidentMapError as error:
    st.error(str(error))
