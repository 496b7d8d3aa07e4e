"""The Import page's article entry: paste or upload an article, check what was read from it
(title, publisher, author, date: all editable), and see its text with the evidence of each
proposal highlighted.

The article's words are untrusted: they are shown through `highlighted_html`, which shows
hidden characters as marks (geo.visible), escapes every character of the text (html.escape)
and adds only our own <mark> tags; every other value goes through st.dataframe or
geo.ui.safe_text. The proposals themselves are edited in
geo.ui.article_proposals.
"""

from __future__ import annotations

import hashlib
from html import escape

import streamlit as st

from geo.articles.parse import ArticleParse, parse_article
from geo.articles.text import (
    MAX_ARTICLE_BYTES,
    SUFFIXES,
    ArticleText,
    article_from_text,
    read_article_bytes,
)
from geo.errors import IncidentMapError
from geo.ui import safe_text
from geo.visible import visible

PARSE_KEY = "article_parse"
TEXT_KEY = "article_text"
UPLOAD_KEY = "article_upload"
MAX_SHOWN_CHARS = 60_000
KEPT_PARSES = 4
MARK_STYLE = "background:#ffe08a;border-radius:2px;padding:0 1px"


def _shown(words: str) -> str:
    return escape(visible(words))


def highlighted_html(parse: ArticleParse) -> str:
    """The article's text, escaped, with each proposal's evidence marked and numbered."""
    text = parse.article.text[:MAX_SHOWN_CHARS]
    numbers: dict[tuple[int, int], list[int]] = {}
    for number, proposal in enumerate(parse.proposals, start=1):
        for span in proposal.evidence:
            if span[1] <= len(text):
                numbers.setdefault(span, []).append(number)
    parts, at = [], 0
    for (start, end), marks in sorted(numbers.items()):
        if start < at:
            continue
        label = "".join(f"[{n}]" for n in marks)
        parts.append(_shown(text[at:start]))
        parts.append(f"<mark style='{MARK_STYLE}' title='proposal {label}'>"
                     f"{_shown(text[start:end])}</mark><sup>{label}</sup>")
        at = end
    parts.append(_shown(text[at:]))
    if len(parse.article.text) > MAX_SHOWN_CHARS:
        parts.append(escape(f"\n… ({len(parse.article.text) - MAX_SHOWN_CHARS:,} more "
                            "characters not shown)"))
    return ("<div data-testid='article-text' style='max-height:360px;overflow:auto;"
            "white-space:pre-wrap;border:1px solid #ddd;border-radius:6px;padding:8px 12px;"
            f"font-size:0.9rem;line-height:1.45'>{''.join(parts)}</div>")


def _article() -> ArticleText | None:
    st.text_area("Paste an article", key=TEXT_KEY, height=200,
                 placeholder="The article's text: a news report, a statement, a blog post…",
                 help="Nothing is fetched: the text you give is all that is read.")
    upload = st.file_uploader("…or choose a file", type=[s.lstrip(".") for s in SUFFIXES],
                              key=UPLOAD_KEY, help="Plain text, HTML (its words are read, "
                              f"nothing it links to) or Markdown, up to "
                              f"{MAX_ARTICLE_BYTES // 2**20} MB.")
    try:
        if upload is not None:
            return read_article_bytes(upload.getvalue(), upload.name)
        text = st.session_state.get(TEXT_KEY, "")
        return article_from_text(text) if text.strip() else None
    except IncidentMapError as error:
        st.error(safe_text.block(error), icon=":material/block:")
        return None


def _meta_fields(first: ArticleParse, digest: str) -> dict[str, str]:
    """What was read from the article, as fields the analyst can change."""
    meta = first.meta
    st.markdown("**About the article** (read from its text; change anything that is wrong)")
    left, right = st.columns(2)
    values = {
        "title": left.text_input("Title", meta.title, key=f"article_title_{digest}"),
        "publisher": right.text_input("Publisher", meta.publisher,
                                      key=f"article_publisher_{digest}"),
        "author": left.text_input("Author", meta.author, key=f"article_author_{digest}"),
        "date": right.text_input(
            "Publication date (YYYY-MM-DD)", f"{meta.date:%Y-%m-%d}" if meta.date else "",
            key=f"article_date_{digest}", help="'Last night', 'on Tuesday' or 'days earlier' "
            "are resolved against it; without it they stay unresolved."),
    }
    if meta.date_found and meta.date:
        right.caption(f"Date found: {safe_text.text(meta.date_found)}")
    return values


def _parsed(article: ArticleText, geocoder, overrides: dict[str, str] | None) -> ArticleParse:
    """The article parsed with these values of the analyst's, once per article and values
    (a few kept: the page parses it as read, then with the fields as they stand)."""
    key = (hashlib.sha256(f"{article.name}\n{article.text}".encode()).hexdigest(),
           tuple(sorted((overrides or {}).items())))
    held = st.session_state.setdefault(PARSE_KEY, {})
    if key not in held:
        with st.spinner("Reading the article…"):
            given = overrides or {}
            held[key] = parse_article(article, geocoder(), date=given.get("date") or None,
                                      publisher=given.get("publisher"),
                                      author=given.get("author"), title=given.get("title"))
        for old in list(held)[:-KEPT_PARSES]:
            held.pop(old)
    return held[key]


def render(geocoder) -> ArticleParse | None:
    """The article as parsed with the analyst's metadata, or None until there is one."""
    article = _article()
    if article is None:
        st.info("Paste an article or choose a file: each incident it states is proposed with "
                "the sentence that supports it, to accept, edit or leave out.", icon="📰")
        return None
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:16]
    try:
        first = _parsed(article, geocoder, None)
        overrides = _meta_fields(first, digest)
        parse = _parsed(article, geocoder, overrides)
    except IncidentMapError as error:
        st.error(safe_text.block(error), icon=":material/block:")
        return None
    if parse.meta.date is None:
        st.warning("The article has no date: relative dates ('last night', 'days earlier') "
                   "stay unresolved and those proposals cannot be imported until you give "
                   "its publication date above.", icon="📅")
    st.markdown(f"**The article** ({len(parse.proposals)} proposal(s); their evidence is "
                "highlighted and numbered)")
    st.html(highlighted_html(parse))
    return parse
