"""An article's text from what a person gives: pasted text, or a .txt, .html or .md file.

HTML is reduced to its words with the standard library's parser (scripts, styles, forms and
navigation dropped; block elements end a line); nothing it links to is fetched. Markdown keeps
its words: YAML front matter is read aside (title, date, author, source), links keep their
text, images are dropped and the markup characters go. The fields found aside (front matter,
<title>, <meta>) are returned with the text for geo.articles.metadata.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import InputFileError
from geo.importing.readers.encodings import decode_mixed, detect_encoding, nul_bytes
from geo.importing.readers.html_text import MarkupWords, tidy
from geo.importing.readers.table import file_size
from geo.visible import undecoded_marked

MAX_ARTICLE_BYTES = 5 * 2**20
# characters of no width a web page leaves inside words (zero-width space and joiners, word
# joiner, BOM, soft hyphen); bidi marks stay, for the escaping path to show
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SUFFIXES = (".txt", ".text", ".html", ".htm", ".md", ".markdown")
PASTED = "pasted text"
SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "form", "button",
                "select", "iframe", "head"}
BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
              "table", "section", "article", "header", "footer", "blockquote", "pre",
              "figcaption", "dd", "dt", "hr", "main", "aside"}
META_NAMES = {"og:title": "title", "twitter:title": "title", "article:published_time": "date",
              "date": "date", "pubdate": "date", "dc.date": "date", "author": "author",
              "article:author": "author", "og:site_name": "publisher", "og:url": "url"}
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
MARKUP_TAG = re.compile(r"</?(?:p|a|div|span|strong|em|b|i|br|img|ul|ol|li|h[1-6])\b[^>]*>",
                        re.IGNORECASE)
MARKDOWN_RULES = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),                  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),              # links keep their text
    (re.compile(r"^ {0,3}#{1,6}[ \t]+", re.MULTILINE), ""),     # headings
    (re.compile(r"^ {0,3}>[ \t]?", re.MULTILINE), ""),          # quotes
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),      # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"), r"\1"),  # italics
    (re.compile(r"`([^`\n]*)`"), r"\1"),                        # code
    (re.compile(r"^ {0,3}(?:[-*_] ?){3,}$", re.MULTILINE), ""),  # rules
)


@dataclass(frozen=True)
class ArticleText:
    """The words of an article, as shown to the analyst; offsets of evidence index `text`."""

    text: str
    name: str = PASTED
    fields: dict[str, str] = field(default_factory=dict)  # title, date, author, publisher, url


class _TextOnly(MarkupWords):
    """A page's words (no link addresses: they are not the article's), its title and the
    fields its meta tags give."""

    HIDDEN_TAGS = SKIPPED_TAGS
    BLOCK_TAGS = BLOCK_END_TAGS = BLOCK_TAGS
    WRITE_LINKS = False

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            values = {k.lower(): v or "" for k, v in attrs}
            name = (values.get("property") or values.get("name") or "").lower()
            if name in META_NAMES and values.get("content"):
                self.fields.setdefault(META_NAMES[name], values["content"].strip())
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        super().handle_endtag(tag)

    def handle_data(self, data):
        if self._in_title:
            self.fields.setdefault("title", " ".join(data.split()))
        else:
            super().handle_data(data)


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return tidy("".join(parser.parts)), parser.fields


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    found = FRONT_MATTER.match(text)
    if not found:
        return text, {}
    fields = {}
    for line in found.group(1).splitlines():
        key, sep, value = line.partition(":")
        value = html.unescape(value.strip().strip("'\""))
        if sep and value and not line.startswith((" ", "-")):
            key = key.strip().lower()
            key = {"link": "url", "source": "source", "site": "publisher"}.get(key, key)
            fields.setdefault(key, value)
    return text[found.end():], fields


def markdown_to_text(text: str) -> tuple[str, dict[str, str]]:
    body, fields = _front_matter(text)
    if MARKUP_TAG.search(body):
        body, found = html_to_text(body)
        fields = {**found, **fields}
    for pattern, replacement in MARKDOWN_RULES:
        body = pattern.sub(replacement, body)
    return tidy(body), fields


def article_from_text(text: str, name: str = PASTED) -> ArticleText:
    """Pasted or decoded text; HTML or Markdown (front matter, tags) is recognised by its look."""
    if not text or not text.strip():
        raise InputFileError(f"'{name}' has no text; paste an article or choose a .txt, .html "
                             "or .md file")
    suffix = Path(name).suffix.lower()
    looks_html = re.search(r"<(?:html|body|p|div|article)\b", text[:5000], re.IGNORECASE)
    if suffix in (".html", ".htm") or (suffix not in (".md", ".markdown") and looks_html
                                       and not FRONT_MATTER.match(text)):
        body, fields = html_to_text(text)
    elif suffix in (".md", ".markdown") or FRONT_MATTER.match(text):
        body, fields = markdown_to_text(text)
    else:
        body, fields = tidy(text), {}
    body = ZERO_WIDTH.sub("", body)   # "Odesa\u200b oil depot" matched no site
    if not body.strip():
        raise InputFileError(f"'{name}' has no readable text once its markup is removed; "
                             "paste the article's words instead")
    return ArticleText(body, name, fields)


def read_article_bytes(data: bytes, name: str, max_bytes: int = MAX_ARTICLE_BYTES
                       ) -> ArticleText:
    """A file's bytes: size and binary checks, the encoding found, then article_from_text."""
    if len(data) > max_bytes:
        raise InputFileError(f"'{name}' is {file_size(len(data))}, over the "
                             f"{file_size(max_bytes)} limit for an article; give its text only")
    encoding = detect_encoding(data)
    if not encoding.startswith(("utf-16", "utf-32")) and (said := nul_bytes(data)):
        raise InputFileError(f"'{name}' is a binary file, not text ({said}); save the article "
                             "as .txt, .html or .md")
    try:   # mostly UTF-8 with a few lines in another encoding: each line as what it is
        text = decode_mixed(data)[0] if encoding == "mixed" else data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputFileError(f"'{name}' is not readable as {encoding} text (byte "
                             f"{error.start}); save it as UTF-8") from error
    return article_from_text(text.lstrip("\ufeff"), name)


def read_article_path(path: Path) -> ArticleText:
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"No such file: '{path}'; check the path")
    if path.suffix.lower() not in SUFFIXES:
        raise InputFileError(f"'{path.name}' is not an article file; give a "
                             f"{', '.join(SUFFIXES)} file")
    if path.stat().st_size > MAX_ARTICLE_BYTES:
        raise InputFileError(f"'{path.name}' is {file_size(path.stat().st_size)}, over the "
                             f"{file_size(MAX_ARTICLE_BYTES)} limit for an article")
    return read_article_bytes(path.read_bytes(), undecoded_marked(path.name))
