"""Who published an article, who wrote it, when and under what title, read from its text.

Found where news puts them: front matter or <meta> fields, a leading "date 2025-08-08" line, a
date line ("Friday, 8 August 2025, 17:47", "Updated: 03-02-2024 16:23 IST"), a dateline
("MOSCOW, January 13. /TASS/.", "(Reuters) -"), a byline ("By Tural Heybatov") and an outlet
line ("News.Az", "UNN reports"). Each value says where it was found; every one can be
replaced by the analyst (`with_overrides`). The spans of date lines are returned so that the
event reader does not take a publication date for an event date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from urllib.parse import urlparse

from geo.articles.dates import MONTHS, parse_iso_day
from geo.articles.text import ArticleText
from geo.errors import ValidationError

MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
DATE_LINE = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
# "(?<=day)": a page stamp may glue the weekday to the day ("Sunday12 January 2025")
DAY_MONTH_YEAR = re.compile(rf"(?:\b|(?<=day))(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})\s*,?\s+"
                            rf"(\d{{4}})\b", re.IGNORECASE)
MONTH_DAY_YEAR = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
                            re.IGNORECASE)
# "Baku, August 19, 2025 – In the early hours...", "MOSCOW, Feb 24, 2025 (BSS/AFP) - A ...": a
# dateline opening the first paragraph, however long that line is
DATELINE = re.compile(rf"^\s*[A-Z][A-Za-z’'.-]+(?:,?\s+[A-Z][A-Za-z’'.-]+){{0,3}},\s+"
                      rf"(?P<date>(?i:{MONTH})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?i:{MONTH}),?"
                      rf"\s+\d{{4}})\s*(?:\([^()\n]{{1,40}}\)\s*)?[–—-]\s")
# "MELITOPOL, September 20. /TASS/.": TASS's dateline, its year not written: the report's day,
# never an event's, whose year the text does not give
AGENCY_DATELINE = re.compile(rf"^\s*[A-Z][A-Za-z’'.-]+(?:,?\s+[A-Z][A-Za-z’'.-]+){{0,3}},\s+"
                             rf"(?:(?i:{MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?i:{MONTH}))\.?\s*/\s*"
                             r"(?:ITAR-)?TASS\s*/\.?")
# "date 2023-06-16 08:15 05 June Kyiv": the page's own time and day after a later stamp
OWN_STAMP = re.compile(rf"\d{{1,2}}:\d{{2}}\s+(\d{{1,2}})\s+({MONTH})(?![\w-]|\s+\d{{4}})",
                       re.IGNORECASE)
NUMERIC_DAY = re.compile(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b")
YEAR_FIRST_DAY = re.compile(r"\b(\d{4})[-./](\d{2})[-./](\d{2})\b")     # 2025-08-10, 2024.05.06
MONTH_LINE = re.compile(r"^\s*date:?\s+(\d{4})-(\d{2})\b(?!-)[ \t]*", re.IGNORECASE)
# "Updated: 03-02-2024", "Published May 04, 2023 | 09:30 AM", "posted on 8 August 2025"
STAMP_WORDS = re.compile(rf"\b(?:updated|created|published|posted)(?:\s*:|\s+(?:on\s+)?(?=\d|"
                         rf"{MONTH}\s|{WEEKDAY}))", re.IGNORECASE)
GLUED_BYLINE = re.compile(rf"^([A-Z][a-z’'-]+(?: [A-Z][a-z’'-]+){{1,2}})(?={WEEKDAY}\b)")
BYLINE = re.compile(r"^(?:By|Author:|Written by)\s+([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s*$")
AGENCY_PATTERNS = (
    (re.compile(r"/\s*(TASS|ITAR-TASS)\s*/"), None),
    (re.compile(r"^\s*\((Reuters|AP|AFP|MENAFN|UNN)\)"), None),
    (re.compile(r"^\s*(Reuters|AFP|AP)\s*\|"), None),
    (re.compile(r"[–—-]\s*(RIA Novosti|Interfax|TASS)\.\s"), None),
    (re.compile(r"\b([A-Z][\w.]*(?:\.[A-Za-z]{2,4})?) reports?(?: citing [A-Z]\w+)?\.\s*$"), None),
    (re.compile(r"^\s*[A-Z][a-z]+ • ([A-Z][\w.]+)\s*$"), None),
)
OUTLET_LINE = re.compile(r"^[A-Z][\w]*(?:\.[A-Za-z]{2,4})$")   # "News.Az" on a line of its own
TITLE_MAX_WORDS = 30
HEAD_LINES = 3            # a title, a byline or a section label may come before the date line


@dataclass(frozen=True)
class ArticleMeta:
    title: str = ""
    publisher: str = ""
    author: str = ""
    date: dt.date | None = None
    date_found: str = ""      # where the date was read, or that the analyst gave it
    year: int | None = None   # the year, when only the month is given ("date 2024-03")
    url: str = ""
    date_spans: tuple[tuple[int, int], ...] = ()   # publication dates: not event dates

    def describe(self) -> str:
        when = f"{self.date:%Y-%m-%d} ({self.date_found})" if self.date else "no date"
        return "; ".join(part for part in (self.title and f"'{self.title}'", self.publisher,
                                           self.author and f"by {self.author}", when) if part)


def _day(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _line_date(line: str) -> dt.date | None:
    for pattern, order in ((DAY_MONTH_YEAR, (3, 2, 1)), (MONTH_DAY_YEAR, (3, 1, 2))):
        found = pattern.search(line)
        if found:
            year, month, day = (found.group(i) for i in order)
            return _day(year, str(MONTHS[month.lower().rstrip(".")]), day)
    found = NUMERIC_DAY.search(line)
    if found:
        return _day(found.group(3), found.group(2), found.group(1))
    found = YEAR_FIRST_DAY.search(line)
    return _day(*found.groups()) if found else None


def _own_day(rest: str, stamp: dt.date | None) -> dt.date | None:
    """'08:15 05 June' just after a stamp of 2023-06-16: the page's own day (the stamp is
    when it was stored or updated); a later month than the stamp's is of the year before, a
    later day of the stamp's month contradicts it (the stamp is kept)."""
    found = OWN_STAMP.match(rest)
    if not found or stamp is None:
        return None
    month = MONTHS[found.group(2).lower().rstrip(".")]
    year = stamp.year - 1 if month > stamp.month else stamp.year
    day = _day(str(year), str(month), found.group(1))
    return day if day is not None and day <= stamp else None


def _lines(text: str):
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _head_lines(text: str) -> list[tuple[int, str]]:
    """The first lines that are not blank: a saved article may put its title before the
    'date 2025-08-08' line ("title, date line, body")."""
    return [(offset, line) for offset, line in _lines(text) if line.strip()][:HEAD_LINES]


def _find_date(article: ArticleText) -> tuple[dt.date | None, str, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    for offset, line in _head_lines(article.text):
        found = DATE_LINE.match(line)
        if found:
            spans.append((offset + found.start(), offset + found.end()))
            stamp = parse_iso_day(found.group(1))
            own = _own_day(line[found.end():], stamp)
            if own is not None:          # its time and day are no event's either
                end = offset + found.end() + OWN_STAMP.match(line[found.end():]).end()
                spans[-1] = (spans[-1][0], end)
                return own, f"the page's own day after its 'date {found.group(1)}' line", spans
            return stamp, f"'date {found.group(1)}' line", spans
        found = MONTH_LINE.match(line)
        if found:
            spans.append((offset + found.start(), offset + found.end()))
            return None, f"'date {found.group(1)}-{found.group(2)}' line: the month, not the " \
                "day", spans
    given = parse_iso_day(article.fields.get("date", "")[:10])
    if given:
        return given, "the file's date field", spans
    for offset, line in list(_lines(article.text))[:12]:
        dateline = DATELINE.match(line)
        agency = AGENCY_DATELINE.match(line)
        if agency:
            spans.append((offset, offset + agency.end()))
            return None, f"dateline '{agency.group().strip()}' without a year", spans
        if dateline and _line_date(dateline.group("date")):
            spans.append((offset, offset + dateline.end()))
            return _line_date(dateline.group("date")), \
                f"dateline '{dateline.group().strip(' –—-')}'", spans
        words = len(line.split())
        glued = GLUED_BYLINE.match(line)
        if (STAMP_WORDS.search(line) or glued or words <= 8) and _line_date(line):
            spans.append((offset, offset + len(line)))
            return _line_date(line), f"date line '{line.strip()}'", spans
    return None, "", spans


def _publisher(article: ArticleText, lines: list[str]) -> str:
    for key in ("publisher", "site_name"):
        if article.fields.get(key):
            return article.fields[key]
    head = "\n".join(lines[:12])
    for pattern, _ in AGENCY_PATTERNS:
        for line in head.split("\n"):
            found = pattern.search(line)
            if found:
                return found.group(1)
    tail = [line.strip() for line in lines[-3:] if line.strip()]
    if tail and OUTLET_LINE.match(tail[-1]):
        return tail[-1]
    url = article.fields.get("url") or article.fields.get("source", "")
    host = urlparse(url).netloc.lower() if "://" in url else ""
    return re.sub(r"^(?:www|feeds|rss|m|en|english)\.", "", host)


def _author(article: ArticleText, lines: list[str]) -> str:
    for line in lines[:15] + lines[-6:]:
        found = BYLINE.match(line.strip()) or GLUED_BYLINE.match(line.strip())
        if found:
            return found.group(1)
    return article.fields.get("author", "")


def _title(article: ArticleText, lines: list[str]) -> str:
    if article.fields.get("title"):
        return article.fields["title"]
    first = MONTH_LINE.sub("", DATE_LINE.sub("", lines[0])).strip() if lines else ""
    if first and not re.search(r"[.!?\"”]$", first) and len(first.split()) <= TITLE_MAX_WORDS:
        return first
    return ""


def read_metadata(article: ArticleText) -> ArticleMeta:
    lines = [line for line in article.text.split("\n") if line.strip()]
    date, found, spans = _find_date(article)
    month = next((MONTH_LINE.match(line) for _, line in _head_lines(article.text)
                  if MONTH_LINE.match(line)), None)
    year = date.year if date else (int(month.group(1)) if month else None)
    return ArticleMeta(_title(article, lines), _publisher(article, lines),
                       _author(article, lines), date, found, year,
                       article.fields.get("url", ""), tuple(spans))


def with_overrides(meta: ArticleMeta, *, date: str | dt.date | None = None,
                   publisher: str | None = None, author: str | None = None,
                   title: str | None = None, url: str | None = None) -> ArticleMeta:
    """The analyst's values replace what was read; an unreadable date is refused, not guessed."""
    changes: dict = {}
    if date not in (None, ""):
        day = date if isinstance(date, dt.date) else parse_iso_day(str(date).strip())
        if day is None:
            raise ValidationError([f"article date '{date}' is not a date; write it as "
                                   "YYYY-MM-DD, e.g. 2025-08-08"], summary="Bad article date")
        changes.update(date=day, date_found="given by the analyst", year=day.year)
    for name, value in (("publisher", publisher), ("author", author), ("title", title),
                        ("url", url)):
        if value is not None:
            changes[name] = " ".join(str(value).split())
    return replace(meta, **changes)
