"""How each absolute expression of the date grammar becomes an interval ("On August 8",
"the night of 7-8 August 2025", "in early March of this year"); the relative ones are in
geo.articles.date_relative, the patterns in geo.articles.date_rules. A resolver takes the
match and the DateContext: the article's date, the event told before, the last year the
text named, the article's main event.
"""

from __future__ import annotations

import datetime as dt
import re

from geo.articles.dates import (
    MONTHS,
    DateContext,
    Interval,
    month_end,
    unresolved,
)

DAY = dt.timedelta(days=1)
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "beginning": (1, 10),
         "start": (1, 10), "middle": (11, 20), "end": (21, 31), "first half": (1, 15),
         "second half": (16, 31)}
NO_DATE = "the article has no date; give its date"


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(m: re.Match) -> int:
    return MONTHS[m.group("month").lower().rstrip(".")]


def _year(month: int, day: int, ctx: DateContext) -> tuple[int | None, str]:
    """The year of a day and month written without one."""
    if ctx.article_date:
        d = ctx.article_date
        candidate = _day(d.year, month, min(day, 28))
        if candidate and candidate > d + 7 * DAY:
            return d.year - 1, f"the year before the article's ({d:%Y-%m-%d})"
        return d.year, f"the article's year ({d:%Y-%m-%d})"
    if ctx.year:
        return ctx.year, f"the year the text names before ({ctx.year})"
    return None, "no year is written and " + NO_DATE


def span(start: dt.date | None, end: dt.date | None, how: str, precision=None) -> Interval:
    if start is None or end is None:
        return unresolved(f"not a calendar date ({how})")
    precision = precision or ("day" if start == end else "approximate")
    return Interval(start, end, precision, how)


def _part(m: re.Match, year: int, how: str) -> Interval:
    first = dt.date(year, _month(m), 1)
    last = month_end(first)
    part = (m.groupdict().get("part") or "").lower().replace("the ", "").replace(" of", "")
    if not part:
        return span(first, last, how, "month")
    low, high = PARTS[part]
    return span(first.replace(day=low), first.replace(day=min(high, last.day)), how)


def needs_article(m: re.Match, ctx: DateContext) -> Interval | None:
    return None if ctx.article_date else unresolved(NO_DATE)


# ---- resolvers -----------------------------------------------------------------------------

def iso_day(m, ctx):
    return span(_day(*map(int, m.group(1, 2, 3))), _day(*map(int, m.group(1, 2, 3))),
                 "as written")


def numeric_day(m, ctx):
    day = _day(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return span(day, day, "read day-first")


def day_range(m, ctx):
    month, first, last = _month(m), int(m.group("d1")), int(m.group("d2"))
    year, how = (int(m.group("year")), "as written") if m.group("year") else \
        _year(month, first, ctx)
    if year is None:
        return unresolved(how)
    return span(_day(year, month, first), _day(year, month, last), how, "approximate")


def full_day(m, ctx):
    day = _day(int(m.group("year")), _month(m), int(m.group("day")))
    return _night(m, day, "as written")


def _night(m, day, how):
    if day and "night" in (m.groupdict().get("night") or "").lower():
        return span(day - DAY, day, f"{how}; the night before it and that day")
    return span(day, day, how)


def day_month(m, ctx):
    year, how = _year(_month(m), int(m.group("day")), ctx)
    if year is None:
        return unresolved(how)
    return _night(m, _day(year, _month(m), int(m.group("day"))), how)


def month_year(m, ctx):
    return _part(m, int(m.group("year")), "as written")


def month_only(m, ctx):
    relative = (m.groupdict().get("which") or "").lower()
    if relative and ctx.article_date:
        year = ctx.article_date.year - (relative == "last")
        return _part(m, year, f"'{relative} year' of the article ({ctx.article_date:%Y})")
    year, how = _year(_month(m), 1, ctx)
    return _part(m, year, how) if year else unresolved(how)


def year_only(m, ctx):
    year = int(m.group("year"))
    return span(dt.date(year, 1, 1), dt.date(year, 12, 31), "the whole year", "approximate")


def ignored(m, ctx):
    return unresolved("not the date of an event")


SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
           "winter": (12, 2)}


def season(m, ctx):
    """'in the summer', 'last winter', 'in the autumn of 2024': the season's months, of the
    year written, else the last such season that began before the article."""
    first, last = SEASONS[m.group("season").lower()]
    which = (m.groupdict().get("which") or "").lower()
    if m.groupdict().get("year"):
        year, how = int(m.group("year")), "as written"
    elif ctx.article_date:
        d = ctx.article_date
        year = d.year if dt.date(d.year, first, 1) <= d else d.year - 1
        if which == "last" and d <= month_end(dt.date(year + (last < first), last, 1)):
            year -= 1                  # 'last summer' written in August: the summer before
        how = f"the last {m.group('season').lower()} begun before the article ({d:%Y-%m-%d})"
    else:
        return unresolved(NO_DATE)
    end_year = year + (last < first)
    return span(dt.date(year, first, 1), month_end(dt.date(end_year, last, 1)), how,
                "approximate")
