"""Site context for the pages, read once per store revision.

Incidents carry their linked site's name and operator (operator filter, table, exports)
and who last reviewed their claim status, and when (popups, table, exports);
sites carry the short history of claims their map popup shows, whether the operator
filter keeps them, and a link to their page in this app.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import claims
from geo.operators import family_mask
from geo.site_history import sites_with_history as with_history
from geo.site_history import with_site_columns
from geo.ui import cached
from geo.ui.app_url import page_url


@st.cache_resource(show_spinner=False, max_entries=4)
def incidents(database_url: str, data_dir: str, revision: int) -> pd.DataFrame:
    frame = with_site_columns(cached.incidents(database_url, data_dir, revision),
                              cached.sites(database_url, data_dir, revision))
    return claims.with_last_review(frame, claims.latest_reviews(
        cached.store(database_url, data_dir)))


@st.cache_resource(show_spinner=False, max_entries=4)
def sites_with_history(database_url: str, data_dir: str, revision: int) -> pd.DataFrame:
    return with_history(cached.sites(database_url, data_dir, revision),
                        cached.incidents(database_url, data_dir, revision))


def map_sites(sites: pd.DataFrame, operators, root: str) -> pd.DataFrame:
    """Sites for the map: `in_view` under the operator filter (by family), page links."""
    in_view = True if operators is None else family_mask(
        sites["operator"], [name for name in operators if name])
    return sites.assign(in_view=in_view,
                        site_page_url=[page_url(root, s) for s in sites["site_id"]])
