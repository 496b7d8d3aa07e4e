"""How untrusted text may show anywhere: characters that hide or reorder text (bidi
overrides and isolates, zero-width spaces), control characters (NUL, escape sequences
a terminal would obey), bytes that were not UTF-8 and combining marks stacked past what
any script stacks as visible marks, and which addresses may become links (http and
https with a host only). The pages (geo.ui.safe_text), the popups (geo.render.popups) and
the command line (geo.commands) use these, so a name, a note or a file name cannot pass
for another one or drive the reader's terminal, and no javascript:, data: or vbscript:
address, nor one on the reader's own computer or network, is ever a link. No data
library: the map page's first draw uses it."""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit, urlunsplit

from geo.link_hosts import public_host

# bidi embeddings, overrides, isolates and marks (LRM, RLM, ALM); zero-width space, word
# joiner, invisible operators, BOM, Mongolian vowel separator; Hangul fillers (blank
# letters); tag characters (invisible ASCII); the noncharacters U+FFFE and U+FFFF (no XML
# may hold them); C0 and C1 controls. Joiners (U+200C, U+200D) and variation selectors
# are left: scripts and emoji need them. And a byte the system could not decode as UTF-8
# (a file name from an old disk, a value typed in a Latin-1 terminal), which Python passes
# as a lone surrogate (U+DC80-U+DCFF) that no text can store: marked as the byte, ‹0xE9›.
HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\u061c\u2060-\u2064"
                    "\ufeff\u180e\u115f\u1160\u3164\uffa0\ufffe\uffff\U000e0000-\U000e007f"
                    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\udc80-\udcff]")
UNDECODED = re.compile("[\udc80-\udcff]")
# a run of combining marks past what any script stacks on one letter ('Zalgo' text, a
# thousand deep, drawn over the lines, labels and buttons above): the blocks of marks set
# above and below letters (Latin, Cyrillic, Hebrew, Arabic, Thai, the extended and
# supplementary diacritics, those for symbols, half marks)
MARK_RUN_SHOWN = 8
_COMBINING = ("[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5"
              "\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7"
              "\u06e8\u06ea-\u06ed\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff"
              "\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
COMBINING = re.compile(_COMBINING)  # one: looked for first, twice as fast as a run
COMBINING_RUN = re.compile(f"{_COMBINING}{{{MARK_RUN_SHOWN + 1},}}")
LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def _mark(match: re.Match) -> str:
    code = ord(match.group())
    return f"‹0x{code - 0xDC00:02X}›" if 0xDC80 <= code <= 0xDCFF else f"‹U+{code:04X}›"


def undecoded_marked(text: str) -> str:
    """`text` with each byte that was not UTF-8 (a lone surrogate U+DC80-U+DCFF, as Python
    reads it from a command line or a file name) as its mark ‹0xE9›, and nothing else
    changed: a file's name as it may be stored."""
    return UNDECODED.sub(_mark, text)


def visible(value, *, one_line: bool = False, mark_breaks: bool = False) -> str:
    """`value` as text with every hidden or control character made visible (line breaks
    and tabs kept, folded into spaces with `one_line`, or shown as marks with `mark_breaks`:
    a value inside a line of its own, which a line break in it would end, letting the
    rest pass for another line); '' for None and NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    if one_line:
        text = " ".join(LINE_BREAKS.sub(" ", text).split())
    shown = HIDDEN.sub(_mark, text)
    if _has_marks(shown):
        shown = COMBINING_RUN.sub(_run_mark, shown)
    return LINE_BREAKS.sub(_marks, shown) if mark_breaks else shown


def hides(text: str) -> bool:
    """Whether `visible` shows `text` otherwise than as it is."""
    return bool(HIDDEN.search(text) or (_has_marks(text) and COMBINING_RUN.search(text)))


def _has_marks(text: str) -> bool:
    """Any combining mark: most text (ASCII, or with its letters precomposed) has none."""
    return not text.isascii() and COMBINING.search(text) is not None


def _run_mark(match: re.Match) -> str:
    return f"‹{len(match.group()):,} combining marks›"


def _marks(match: re.Match) -> str:
    return "".join(f"‹U+{ord(ch):04X}›" for ch in match.group())


def safe_link(url: str, *, own_page: bool = False) -> str | None:
    """Only http(s) URLs with a public host (geo.link_hosts) and nothing hidden or blank
    inside become links; anything else (javascript:, data:, vbscript:, 'https:evil', an
    address holding a bidi override or a space, localhost, 192.168.1.1, an intranet name)
    is shown as text. `own_page`: a link the app made to its own page, at the address it
    is served from, which may be this computer's."""
    url = (url or "").strip()
    if HIDDEN.search(url) or any(ch.isspace() for ch in url):  # what shows is not where it goes
        return None
    if "\\" in url:  # a browser reads it as '/': 'http://127.0.0.1\@a.example' opens 127.0.0.1
        return None
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # an unclosed IPv6 bracket, a port that is no number
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not port_ok:
        return None
    if "@" in parts.netloc:  # 'https://news.example@evil.example' shows one host, opens another
        return None
    if not (own_page or public_host(parts.hostname or "")):
        return None
    return _latin_domain_as_read(url, parts)


def _latin_domain_as_read(url: str, parts) -> str | None:
    """A host spelt in other letters under a Latin top-level domain ('аррӏе.com' in
    Cyrillic, 'pаypal.com' with one, fullwidth 'ｅｘａｍｐｌｅ.org') in the form the browser
    goes to (xn--80ak6aa92e.com, example.org), so the link cannot pass for the Latin name;
    a name under its own script's domain ('пример.рф') as written. None when no browser
    could read the name."""
    host, _, port = parts.netloc.partition(":")
    if host.isascii() or not host.rstrip(".").rpartition(".")[2].isascii():
        return url
    try:
        read = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return urlunsplit(parts._replace(netloc=read + (f":{port}" if port else "")))
