"""HTML (a KML placemark's description, as Google My Maps and Google Earth write it) as
plain text: line breaks kept, a link's address written after its words when it is http or
https, images, scripts and styles left out, entities decoded.

The map shows every stored text through one escaping path; text stored as HTML would show
its tags. So the importer stores what a reader of the balloon saw, not its markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np

BREAKING_TAGS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                           "table", "ul", "ol", "hr"})
HIDDEN_TAGS = frozenset({"script", "style", "head", "title"})
LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|&(#\d+|#x[0-9a-fA-F]+|"
                             r"[a-zA-Z]+);")
WEB_LINK = re.compile(r"^https?://", re.IGNORECASE)


class MarkupWords(HTMLParser):
    """Markup -> its words: a line break at each block tag, the content of hidden tags left
    out, entities decoded; with WRITE_LINKS, an http/https link's address after its words.
    The article reader reads pages with it too, with its own tags (geo.articles.text)."""

    HIDDEN_TAGS = HIDDEN_TAGS
    BLOCK_TAGS = BREAKING_TAGS
    BLOCK_END_TAGS = BREAKING_TAGS - {"br", "hr"}
    WRITE_LINKS = True

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.links: list[tuple[str, int]] = []  # (address, where its words start)

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN_TAGS:
            self.hidden += 1
        elif tag == "a" and self.WRITE_LINKS:
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))
        if tag in self.BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "a" and self.links:
            address, start = self.links.pop()
            words = "".join(self.parts[start:]).strip()
            if WEB_LINK.match(address.strip()) and address.strip() not in words:
                self.parts.append(f" ({address.strip()})")
        if tag in self.BLOCK_END_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def tidy(text: str) -> str:
    """One space between words, one blank line at most between paragraphs."""
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def plain_text(text: str) -> str:
    """`text` without its markup; text that holds no tag nor entity is returned as it is."""
    if not LOOKS_LIKE_HTML.search(text):
        return text
    parser = MarkupWords()
    parser.feed(text)
    parser.close()
    return tidy("".join(parser.parts))


def plain_text_column(values: np.ndarray) -> tuple[np.ndarray, int]:
    """(the cells as plain text, how many held markup)."""
    out = np.array([plain_text(v) for v in values], dtype=object)
    return out, int(np.sum(out != values))
