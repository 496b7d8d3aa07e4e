"""Data shown inside st.markdown is text, not markup: escape what Markdown would act on."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~$:])")


def escape_markdown(text: str) -> str:
    """Escape HTML, then every character Markdown (and Streamlit's :colour[] and $math$
    syntax) would interpret, so `text` is shown exactly as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))
