"""The date grammar's vocabulary: when a sentence says something happened, as an interval.

`geo.articles.date_rules.find_dates` finds the expressions of time in a sentence ("On August
8", "the night of 7-8 August 2025", "in November 2020", "last night", "on Tuesday", "days
earlier", "recently", "previously"); `DateMention.resolve` turns one into an `Interval`
against a `DateContext`: the article's date (for "last night"), the date of the event told
just before (for "days earlier", "two days later") and the last year the text named (for
"On August 8" in an undated article). Without what it needs an expression stays unresolved
and says why.

Conventions for words with no stated bound, so that every proposal says the same thing:
"recently" (and "the ongoing ...") is the 60 days before the article, "in recent weeks" 42,
"in recent months" 183;
"previously", "earlier" and "repeated" reach back to 24 February 2022 (the full-scale
invasion, the period this map covers); "days earlier" is 1-7 days before the event told
just before; "overnight" and "last night" are the article's day and the day before; "in the
summer" is June to August of the last summer begun before the article ("last summer" written
in August: the summer before), winter December to February.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
          "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8,
          "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10,
          "november": 11, "nov": 11, "december": 12, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "few": 3,
                "several": 4, "some": 3}
UNBOUNDED_PAST = dt.date(2022, 2, 24)
RECENT_DAYS = {"recently": 60, "recent": 60, "lately": 60, "ongoing": 60, "the other day": 10,
               "in recent days": 10, "recent days": 10, "in recent weeks": 42,
               "recent weeks": 42, "in recent months": 183, "recent months": 183}


@dataclass(frozen=True)
class Interval:
    start: dt.date | None
    end: dt.date | None
    precision: str = "day"       # day | week | month | approximate (schema DATE_PRECISIONS)
    how: str = ""                # how the words were read, or why they could not be

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    def overlaps(self, other: Interval) -> bool:
        return (self.resolved and other.resolved and self.start <= other.end
                and other.start <= self.end)


@dataclass(frozen=True)
class DateContext:
    article_date: dt.date | None = None
    anchor: Interval | None = None     # the event told just before, for "days earlier"
    year: int | None = None            # the last year the text named, for "On August 8"
    main: Interval | None = None       # the time of the article's first dated event


Resolver = Callable[[re.Match, DateContext], Interval]


@dataclass(frozen=True)
class DateMention:
    start: int                         # offsets in the article text
    end: int
    text: str                          # the words as written
    kind: str                          # absolute | relative | anchored | vague | ignored
    match: re.Match = field(compare=False, repr=False)
    resolver: Resolver = field(compare=False, repr=False)

    def resolve(self, context: DateContext) -> Interval:
        return self.resolver(self.match, context)


def parse_iso_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        return None


def number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 3)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def describe(interval: Interval) -> str:
    """'8 Aug 2025', '7-8 Aug 2025', 'Nov 2020', '24 Feb 2022 to 8 Aug 2025'."""
    if not interval.resolved:
        return "unresolved"
    a, b = interval.start, interval.end
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if interval.precision == "month" and a.day == 1 and b == month_end(a):
        return f"{a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}-{b.day} {a:%b %Y}"
    return f"{a.day} {a:%b %Y} to {b.day} {b:%b %Y}"


def unresolved(why: str) -> Interval:
    return Interval(None, None, "approximate", why)
