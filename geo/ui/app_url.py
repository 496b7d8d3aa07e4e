"""The app's address as the browser sees it, and links to its pages."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import streamlit as st

SITE_PAGE_PATH = "sites"


def app_root_url() -> str:
    """The app's root URL as the browser sees it ('' when unknown, as under AppTest)."""
    url = getattr(st.context, "url", None) or ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return ""
    return f"{parts.scheme}://{parts.netloc}{parts.path.rsplit('/', 1)[0]}/"


def page_url(root: str, site_id: str) -> str:
    return f"{root}{SITE_PAGE_PATH}?site={quote(site_id, safe='')}" if root else ""
