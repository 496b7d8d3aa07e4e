"""The one way the pages show untrusted text: anything from a file, the URL, the store, an
error message or a person, inside st.markdown, st.caption, st.info, st.warning, st.error,
st.success, headers and widget labels (all of which read Markdown).

- Markdown, inline HTML, Streamlit's `:colour[...]`, `:icon:` and `$math$` are escaped: the
  text is shown as written, never as markup, so no link, image or HTML is made from it.
- Links are made here only, and only to http(s) addresses (`link`); an image never is.
- Characters that reorder or hide text (bidi overrides and isolates, zero-width spaces) and
  control characters (NUL...) are shown as visible marks, so a name or note cannot pass
  for another one.
- Long values quoted in messages are cut with their length said (`quoted`).

Tables (st.dataframe, st.data_editor) show cells as text; they take `table`, so bidi
and invisible characters show as marks there too, and their link columns go through
`with_web_links`, so only http(s) addresses are clickable.
"""

from __future__ import annotations

import re

from geo.visible import LINE_BREAKS, hides, safe_link, visible

# ASCII punctuation Markdown, inline HTML (<, &), autolinks (: . @), setext headings (=)
# and Streamlit's :colour[] / :icon: / $math$ act on; a backslash before ASCII
# punctuation shows it as is (CommonMark).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:@=])")
QUOTE_LIMIT = 120
NOT_A_LINK_SUFFIX = " (not a web address, as written)"


def _missing(value) -> bool:
    """None, NaN, pandas' NA and NaT: shown as nothing (no pandas import: the map page's
    first draw uses this module)."""
    return value is None or (not isinstance(value, str) and value != value) or \
        type(value).__name__ in ("NAType", "NaTType")


def _clean(value) -> str:
    return "" if _missing(value) else visible(value)


def plain(value) -> str:
    """`value` for st.text, which reads no Markdown: hidden characters shown as marks."""
    return _clean(value)


def text(value) -> str:
    """`value` on one line, shown exactly as written inside any Markdown element."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(_clean(value).split()))


def block(value) -> str:
    """`value` with its line breaks kept (an error listing problems, a note)."""
    lines = LINE_BREAKS.split(_clean(value).replace("\t", " "))
    return "  \n".join(_MARKDOWN_SPECIAL.sub(r"\\\1", _keep_indent(line)) for line in lines)


def _keep_indent(line: str) -> str:
    """Leading spaces as no-break spaces: shown, but never a Markdown code block."""
    stripped = line.lstrip(" ")
    return "\u00a0" * (len(line) - len(stripped)) + stripped.rstrip()


def quoted(value, limit: int = QUOTE_LIMIT) -> str:
    """'value' for a message that names it; a long one is cut, with its length."""
    whole = " ".join(_clean(value).split())
    if len(whole) > limit:
        return f"'{text(whole[:limit])}…' ({len(whole):,} characters)"
    return f"'{text(whole)}'"


def web_url(url) -> str | None:
    """The address if it is an http(s) web address a browser may open; otherwise None
    (javascript:, data:, vbscript:, file:, relative...): such a value is shown as text."""
    return None if _missing(url) else safe_link(str(url))


def link(label, url) -> str:
    """A Markdown link with `label` as text, to an http(s) `url` only; anything else is
    shown as text after the label, so the reader sees what the source wrote."""
    target = web_url(url)
    if target is not None:
        target = target.replace("<", "%3C").replace(">", "%3E")
        return f"[{text(label)}](<{target}>)"
    written = text(url)
    return f"{text(label)} ({written}, not a web address)" if written else text(label)


def _shown_cell(value):
    return visible(value) if isinstance(value, str) and hides(value) else value


def table(frame):
    """`frame` (a DataFrame) for st.dataframe or st.data_editor: its text cells with bidi,
    zero-width and control characters shown as marks (a grid cell would obey an override
    and show "evil.exe" as "exe.live"); other cells as they are."""
    out = frame.copy(deep=False)
    for name in out.columns:
        column = out[name]
        if column.dtype.kind == "O" or str(column.dtype) in ("string", "str"):
            out[name] = column.map(_shown_cell, na_action="ignore")
    return out


def with_web_links(table, column: str):
    """`table` for st.dataframe with `column` as a LinkColumn: it keeps only http(s)
    addresses; any other value (javascript:, data:...) moves, as written, to a text column
    beside it, named NOT_A_LINK_SUFFIX after it, so nothing is hidden or clickable."""
    urls = table[column]
    safe = urls.map(web_url, na_action="ignore")
    other = urls.where(safe.isna() & urls.notna() & (urls.astype(str).str.strip() != ""))
    out = table.assign(**{column: safe.astype(object).where(safe.notna(), None)})
    if other.notna().any():
        position = list(out.columns).index(column) + 1
        out.insert(position, column + NOT_A_LINK_SUFFIX, other.fillna("").astype(str))
    return out
