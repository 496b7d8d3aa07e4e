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


class _PlainText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.links: list[tuple[str, int]] = []  # (address, where its words start)

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BREAKING_TAGS:
            self.parts.append("\n")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_startendtag(self, tag, attrs):
        if tag in BREAKING_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BREAKING_TAGS - {"br", "hr"}:
            self.parts.append("\n")
        elif tag == "a" and self.links:
            address, start = self.links.pop()
            words = "".join(self.parts[start:]).strip()
            if WEB_LINK.match(address.strip()) and address.strip() not in words:
                self.parts.append(f" ({address.strip()})")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def plain_text(text: str) -> str:
    """`text` without its markup; text that holds no tag nor entity is returned as it is."""
    if not LOOKS_LIKE_HTML.search(text):
        return text
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip()
             for line in "".join(parser.parts).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def plain_text_column(values: np.ndarray) -> tuple[np.ndarray, int]:
    """(the cells as plain text, how many held markup)."""
    out = np.array([plain_text(v) for v in values], dtype=object)
    return out, int(np.sum(out != values))
