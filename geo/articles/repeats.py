"""Earlier strikes the text tells only by counting: "It was the second time the depot had been
hit in August", "the third time the site had been hit this year", "the second attack on the
facility in just a week".

The count says at least one strike came before the one just told, at the same place, within
the period the clause names (from 24 February 2022 when it names none), and ends before the
strike it counts from: that is a claim of its own, with no day of its own, never the day of
the strike told.
"""

from __future__ import annotations

import datetime as dt
import re

from geo.articles.dates import MONTHS, UNBOUNDED_PAST, Interval, describe, number

ORDINALS = r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:nd|rd|th)"
# "the second time", "the third such attack", "the second Ukrainian attack"
REPEAT = re.compile(rf"\b(?:the|a|its)\s+(?:{ORDINALS})\s+(?:such\s+|[A-Z][\w-]+\s+|drone\s+)?"
                    r"(?:time|attack|strike|hit|assault)s?\b", re.IGNORECASE)
# "in just a week", "within 10 days", "in less than a month"
WINDOW = re.compile(r"\b(?:in|within|over)\s+(?:just\s+|only\s+|less\s+than\s+|the\s+(?:past|"
                    r"last)\s+)?(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                    r"\d{1,3})\s+(?P<unit>days?|weeks?|months?)\b", re.IGNORECASE)
# "the second attack since January", "since the start of the year"
SINCE = re.compile(r"\bsince\s+(?:the\s+(?:beginning|start)\s+of\s+(?:the|this)\s+year|(?P<month>"
                   + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b(?!\s+\d))",
                   re.IGNORECASE)
UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
DAY = dt.timedelta(days=1)


def told_again(clause: str) -> str:
    """The words that count the strike ('the second time'), or ''."""
    found = REPEAT.search(clause)
    return found.group() if found else ""


def earlier(clause: str, period: Interval | None, told: Interval) -> Interval:
    """The interval of the strike(s) before `told` that the count in `clause` implies:
    within `period` (the clause's own time words) or the clause's window ('in just a week'),
    ending the day before `told` starts."""
    if period is not None and _inside(period, told):
        period = None               # the strike told's own day, not a period before it
    window = WINDOW.search(clause)
    if window:
        days = number(window.group("n")) * UNIT_DAYS[window.group("unit").lower().rstrip("s")]
        start, within = told.start - dt.timedelta(days=days), f"'{window.group()}'"
    elif period is not None and period.resolved:
        start, within = period.start, f"{describe(period)}"
    elif SINCE.search(clause):
        since = SINCE.search(clause)
        month = MONTHS[since.group("month").lower()] if since.group("month") else 1
        start = dt.date(told.start.year - (month > told.start.month), month, 1)
        within = f"'{since.group()}'"
    else:
        start, within = UNBOUNDED_PAST, "no period named"
    end = told.start - DAY
    if period is not None and period.resolved and not window:
        end = min(end, period.end)
    if end < start:
        return Interval(start, told.end, "approximate",
                        f"an earlier strike counted by the text, {within}; not before the one "
                        f"told ({describe(told)}) as the dates go")
    monthly = (start.year, start.month) == (end.year, end.month)
    return Interval(start, end, "month" if monthly else "approximate",
                    f"an earlier strike the text only counts, {within}, before the one told "
                    f"({describe(told)})")


def counted_apart(a, b) -> bool:
    """A strike the text only counts ('the second time ... in August') is one before the
    strike told: not that strike, whose time ('in August') overlaps it; a strike told
    inside its interval ('on August 8') may be it."""
    counted = [p for p in (a, b) if p.events[0].repeat]
    return bool(counted) and not any(_inside(other.interval, p.interval) for p in counted
                                     for other in (a, b) if other is not p)


def _inside(small: Interval, large: Interval) -> bool:
    return small.resolved and large.resolved and large.start <= small.start and \
        small.end <= large.end


def told_elsewhere(proposals: list) -> list:
    """A counted strike the text also tells with its day ('the second assault on SOCAR's
    terminal in Odesa' and 'drones at the SOCAR oil depot on August 8'), at a place of the
    same region, is that strike: its telling joins it."""
    def only_counted(proposal) -> bool:
        return bool(proposal.events[0].repeat) and \
            proposal.date_words == proposal.events[0].repeat

    kept = list(proposals)
    for counted in [p for p in proposals if only_counted(p)]:
        told = next((p for p in kept if p is not counted and not only_counted(p)
                     and p.category == counted.category and p.place.country ==
                     counted.place.country and p.place.admin1 == counted.place.admin1
                     and _inside(p.interval, counted.interval)), None)
        if told is not None:
            told.add_events(counted.events)
            kept.remove(counted)
    return kept
