"""Data shown inside st.markdown is text, not markup: escape what Markdown would act on."""

from __future__ import annotations

import re

# ASCII punctuation Markdown, inline HTML (<, &) and Streamlit's :colour[] / $math$ act on;
# a backslash before any ASCII punctuation shows it literally (CommonMark).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")


def escape_markdown(text) -> str:
    """`text` shown exactly as written inside st.markdown, st.caption, st.error..."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
