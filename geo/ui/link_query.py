"""The page's link parameters as the link wrote them. Streamlit decodes the query with
'replace': a percent-escape that is no UTF-8 ('?op=caf%E9', Latin-1's é) reached the page
as '�', said nowhere or named as an unknown '�'. The query as the browser sent it is read
here, and such a parameter left out with what to say of it (geo.viewstate.not_utf8)."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo.viewstate import not_utf8


def link_parameters() -> tuple[dict[str, list[str]], list[str]]:
    """{name: every value given} of the page's query but those that are no UTF-8 text, and
    what to say of each of those."""
    context = get_script_run_ctx()
    dropped, problems = not_utf8(getattr(context, "query_string", "") or "")
    return ({name: st.query_params.get_all(name) for name in st.query_params
             if name not in dropped}, problems)
