"""Site context for the pages: the sources of the store's revision (geo.ui.cached.sources:
incidents with their linked site and last review, sites with the claim history their popups
show) and the link from each site's map popup to its page in this app."""

from __future__ import annotations

import pandas as pd

from geo.ui import cached
from geo.ui.app_url import page_url


def incidents(database_url: str, data_dir: str, revision: int) -> pd.DataFrame:
    return cached.sources(database_url, data_dir, revision).incidents


def sites_with_history(database_url: str, data_dir: str, revision: int) -> pd.DataFrame:
    return cached.sources(database_url, data_dir, revision).sites


def with_page_links(sites: pd.DataFrame, root: str) -> pd.DataFrame:
    """Sites for the map: each popup links to the site's page at `root`."""
    return sites.assign(site_page_url=[page_url(root, s) for s in sites["site_id"]])
