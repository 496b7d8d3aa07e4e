"""How each relative expression of the date grammar becomes an interval: against the
article's date ("last night", "on Tuesday", "recently", "previously") or the event told
before ("days earlier", "two days later", "the same day"). Without what it needs, an
expression stays unresolved and says why.
"""

from __future__ import annotations

import datetime as dt
import re

from geo.articles.date_resolvers import DAY, NO_DATE, needs_article, span
from geo.articles.dates import (
    RECENT_DAYS,
    UNBOUNDED_PAST,
    WEEKDAYS,
    DateContext,
    Interval,
    number,
    unresolved,
)


def night(m, ctx):
    d = ctx.article_date
    return needs_article(m, ctx) or span(d - DAY, d, f"the night before the article "
                                                       f"({d:%Y-%m-%d}) and its day")


def today(m, ctx):
    return needs_article(m, ctx) or span(ctx.article_date, ctx.article_date,
                                           "the article's day")


def yesterday(m, ctx):
    back = 2 if "before" in m.group().lower() else 1
    d = ctx.article_date
    return needs_article(m, ctx) or span(d - back * DAY, d - back * DAY,
                                           f"{back} day(s) before the article ({d:%Y-%m-%d})")


def weekday(m, ctx):
    if needs_article(m, ctx):
        return unresolved(NO_DATE)
    d = ctx.article_date
    latest = d - DAY if m.group().lower().startswith("last") else d
    day = latest - dt.timedelta(days=(latest.weekday() - WEEKDAYS[m.group("weekday").lower()]) % 7)
    how = f"the last {m.group('weekday').capitalize()} up to the article ({d:%a %Y-%m-%d})"
    if "night" in m.group().lower():
        return span(day, min(day + DAY, d), how + "; that night")
    return span(day, day, how)


def week(m, ctx):
    if needs_article(m, ctx):
        return unresolved(NO_DATE)
    d, text = ctx.article_date, m.group().lower()
    monday = d - dt.timedelta(days=d.weekday())
    if "weekend" in text:
        saturday = d - dt.timedelta(days=(d.weekday() - 5) % 7)
        return span(saturday, min(saturday + DAY, d), f"the weekend up to {d:%a %Y-%m-%d}")
    if "last" in text or "previous" in text:
        return span(monday - 7 * DAY, monday - DAY, f"the week before {d:%Y-%m-%d}")
    if "beginning" in text or "start" in text:
        return span(monday, min(monday + 2 * DAY, d), f"the start of the week of {d:%Y-%m-%d}")
    return span(monday, d, f"the week of the article ({d:%Y-%m-%d}) up to its day")


def month_or_year(m, ctx):
    if needs_article(m, ctx):
        return unresolved(NO_DATE)
    d, text = ctx.article_date, m.group().lower()
    if "month" in text:
        if "last" in text:
            end = d.replace(day=1) - DAY
            return span(end.replace(day=1), end, "the month before the article's", "month")
        return span(d.replace(day=1), d, f"the article's month up to {d:%Y-%m-%d}")
    if "last" in text:
        return span(dt.date(d.year - 1, 1, 1), dt.date(d.year - 1, 12, 31),
                     "the year before the article's")
    return span(dt.date(d.year, 1, 1), d, f"the article's year up to {d:%Y-%m-%d}")


def ago(m, ctx):
    if needs_article(m, ctx):
        return unresolved(NO_DATE)
    count, unit, d = number(m.group("n")), m.group("unit").lower(), ctx.article_date
    days = count * {"day": 1, "week": 7, "month": 30, "year": 365}[unit.rstrip("s")]
    spread = 0 if days <= 2 else max(1, days // 5)
    return span(d - dt.timedelta(days=days + spread), d - dt.timedelta(days=days - spread),
                 f"'{m.group().strip()}' counted from the article ({d:%Y-%m-%d})")


def recent(m, ctx):
    if needs_article(m, ctx):
        return unresolved(NO_DATE)
    phrase = " ".join(m.group().lower().split())
    days = RECENT_DAYS.get(phrase, 60)
    d = ctx.article_date
    return span(d - dt.timedelta(days=days), d,
                 f"within the {days} days before the article ({d:%Y-%m-%d})")


def _anchor(ctx: DateContext) -> tuple[Interval | None, str]:
    """The event a relative time counts from: the one told before if its day is known
    (within two days), else the article's main event, else the article's date."""
    for anchor in (ctx.anchor, ctx.main):
        if anchor and anchor.resolved and (anchor.end - anchor.start).days <= 2:
            return anchor, "the event told before"
    if ctx.article_date:
        d = ctx.article_date
        return Interval(d, d), f"the article's date ({d:%Y-%m-%d})"
    return None, ""


def earlier(m, ctx):
    anchor, what = _anchor(ctx)
    if anchor is None:
        return unresolved("before an event whose date is not known; " + NO_DATE)
    text = m.group().lower()
    n = number(m.group("n")) if m.groupdict().get("n") else None
    unit = 7 if "week" in text else 1
    if n is None and ("day before" in text or "previous day" in text):
        n = 1
    if n is None:
        return span(anchor.start - 7 * DAY, anchor.start - DAY,
                     f"1-7 days before {what} ({anchor.start:%Y-%m-%d})")
    back = dt.timedelta(days=n * unit)
    spread = dt.timedelta(days=0 if n * unit <= 2 else max(1, n * unit // 5))
    return span(anchor.start - back - spread, anchor.start - back + spread,
                 f"{m.group().strip()} than {what}")


def later(m, ctx):
    anchor, what = _anchor(ctx)
    if anchor is None:
        return unresolved("after an event whose date is not known; " + NO_DATE)
    text = m.group().lower()
    if "same" in text or text.strip().endswith(("that day", "in the day")):
        return span(anchor.start, anchor.end, f"the day of {what}", anchor.precision)
    n = 1 if ("next" in text or "following" in text) else number(m.group("n") or "1")
    forward = dt.timedelta(days=n * (7 if "week" in text else 1))
    if "hour" in text:
        forward = dt.timedelta(0)
    return span(anchor.start + forward, anchor.end + forward, f"{m.group().strip()} than {what}")


def before_noun(m, ctx):
    """"The attack comes some 10 days after a Ukrainian attack": before the time of writing."""
    if needs_article(m, ctx):
        return unresolved(NO_DATE)
    anchor, what = Interval(ctx.article_date, ctx.article_date), "the article's date"
    n = number(m.group("n")) * (7 if "week" in m.group("unit").lower() else 1)
    spread = dt.timedelta(days=max(1, n // 3))
    point = anchor.start - dt.timedelta(days=n)
    return span(point - spread, point + spread, f"about {n} days before {what}")


def vague_past(m, ctx):
    if needs_article(m, ctx):
        return unresolved("before the article; " + NO_DATE)
    end = ctx.article_date
    start = UNBOUNDED_PAST if end > UNBOUNDED_PAST else end - dt.timedelta(days=365)
    return span(start, end, f"before the article ({end:%Y-%m-%d}); no earlier bound in the "
                             f"text (the map's period starts {UNBOUNDED_PAST:%d %b %Y})")


def later_vague(m, ctx):
    if needs_article(m, ctx):
        return unresolved("later than an earlier event; " + NO_DATE)
    anchor, what = _anchor(ctx)
    if what != "the event told before":
        return span(UNBOUNDED_PAST, ctx.article_date, "after an earlier event, before the "
                                                       "article")
    return span(anchor.start, ctx.article_date, f"after {what}, before the article")


# "a fire ... was extinguished after 16 days", "burned for two weeks": the fire that ended on
# the day told began that long before it, with the attack that set it
LASTED = re.compile(r"\b(?:extinguished|put\s+out|contained|doused|burn(?:ed|t)|raged|lasted)"
                    r"\s+(?:only\s+)?(?:after|for)\s+(?:about\s+|some\s+|nearly\s+|almost\s+|"
                    r"over\s+|more\s+than\s+)?(?P<n>\d{1,3}|[a-z]+)\s+(?P<unit>days?|weeks?)\b",
                    re.IGNORECASE)


def lasted_since(clause: str, told: Interval) -> Interval | None:
    """On the day told, a fire put out 'after 16 days': about 16 days before that day."""
    found = LASTED.search(clause)
    if found is None or not told.resolved:
        return None
    days = number(found.group("n")) * (7 if found.group("unit").lower().startswith("w") else 1)
    spread = dt.timedelta(days=max(1, days // 5))
    point = told.start - dt.timedelta(days=days)
    return span(point - spread, point + spread,
                f"about {days} days before {told.start:%Y-%m-%d}, when the fire it set ended "
                f"('{found.group().strip()}')")
