"""The rules of the date grammar, most specific first, and `find_dates`, which applies them.

Each rule is a pattern, a kind (absolute / relative to the article's date / anchored on the
event told before / vague / ignored) and a resolver. "Ignored" expressions ("since February
2022", "for months", "at 4:35 am", "built in 2012") take their words out of play so that no
event is dated by them. A day and month without a year take the article's year, or the year
before when that would put them more than a week after the article; in an undated article,
the last year the text named.
"""

from __future__ import annotations

import itertools
import re

from geo.articles.date_relative import (
    ago,
    before_noun,
    earlier,
    later,
    later_vague,
    month_or_year,
    night,
    recent,
    today,
    vague_past,
    week,
    weekday,
    yesterday,
)
from geo.articles.date_resolvers import (
    day_month,
    day_range,
    full_day,
    ignored,
    iso_day,
    month_only,
    month_year,
    numeric_day,
    season,
    year_only,
)
from geo.articles.dates import MONTHS, WEEKDAYS, DateMention
from geo.articles.lexicon import HISTORY_WORDS

MON = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WD = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
      r"fifteen|twenty|thirty|few|several|some)"
ORD = r"(?:st|nd|rd|th)?"
# "the night of", "the evening of", a weekday: before a day and month
LEAD = rf"(?:(?P<night>the\s+(?:night|evening|morning)\s+of)\s+)?(?:{WD},?\s+)?"
PART = r"(?P<part>early|mid|late|the (?:beginning|start|middle|end) of|the (?:first|second) " \
       r"half of)[-\s]+"


def _capital_month(m: re.Match) -> bool:
    month = m.groupdict().get("month")
    return month is None or month[0].isupper()


def _rule(pattern: str, kind: str, resolver, check=_capital_month):
    return re.compile(pattern, re.IGNORECASE), kind, resolver, check


RULES = [
    _rule(HISTORY_WORDS, "ignored", ignored),
    # "a large fire has been raging for 10 days": it broke out that long before the article
    _rule(rf"\b(?:raging|burning|blazing|ablaze|on\s+fire|smou?ldering)\s+for\s+(?:about\s+|"
          rf"some\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?(?P<n>{NUM})\s+"
          r"(?P<unit>days?|weeks?)\b", "relative", ago),
    _rule(r"\bsince\s+(?:the\s+(?:beginning|start|end)\s+of\s+)?(?:(?:early|mid|late)[-\s]+)?"
          rf"(?:{MON}(?:\s+\d{{1,2}}\b)?(?:,?\s+\d{{4}})?|\d{{4}}|then|the\s+start\s+of\s+the\s+"
          r"(?:full-scale\s+)?(?:war|invasion)"
          # "the largest strike ... since the invasion in 2022": the series' start, not its time
          r"|(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:war|invasion)(?:\s+(?:began|started))?\s+"
          r"in\s+(?:(?:early|mid|late)[-\s]+)?(?:[A-Z][a-z]+\s+)?\d{4})", "ignored", ignored),
    _rule(r"\b(?:for|over)\s+(?:the\s+(?:past|last)\s+)?(?:\d+|a|an|two|three|several|many|a "
          r"few|over \w+)?\s*(?:years|months|weeks|decades|centuries)\b|\bin the \d{4}s\b|\bat "
          r"\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?|\(\d{4} GMT\)", "ignored", ignored),
    _rule(rf"(?:(?P<night>the\s+night\s+of)\s+)?(?P<d1>\d{{1,2}}){ORD}\s*(?:-|–|—|to|and)\s*"
          rf"(?P<d2>\d{{1,2}}){ORD}\s+(?:of\s+)?{MON}(?:,?\s+(?P<year>\d{{4}}))?\b",
          "absolute", day_range),
    _rule(rf"(?:(?P<night>the\s+night\s+of)\s+)?{MON}\s+(?P<d1>\d{{1,2}}){ORD}\s*(?:-|–|—|to)\s*"
          rf"(?P<d2>\d{{1,2}}){ORD}(?:,?\s+(?P<year>\d{{4}}))?\b", "absolute", day_range),
    _rule(r"\b(\d{4})-(\d{2})-(\d{2})\b", "absolute", iso_day),
    _rule(r"\b(\d{1,2})[-./](\d{1,2})[-./](\d{4})\b", "absolute", numeric_day),
    _rule(rf"{LEAD}(?P<day>\d{{1,2}}){ORD}\s+(?:of\s+)?{MON},?\s+(?P<year>\d{{4}})\b",
          "absolute", full_day),
    _rule(rf"{LEAD}{MON}\s+(?P<day>\d{{1,2}}){ORD},?\s+(?P<year>\d{{4}})\b", "absolute",
          full_day),
    _rule(rf"(?:{PART})?{MON}\s+(?:of\s+)?(?P<year>\d{{4}})\b", "absolute", month_year),
    _rule(rf"{LEAD}(?P<day>\d{{1,2}}){ORD}\s+(?:of\s+)?{MON}\b", "absolute", day_month),
    _rule(rf"{LEAD}{MON}\s+(?P<day>\d{{1,2}}){ORD}\b(?![,.]?\d)", "absolute", day_month),
    _rule(rf"(?:{PART}){MON}(?:\s+of\s+(?P<which>this|last)\s+year)?", "absolute", month_only),
    _rule(rf"\b(?:(?P<n>{NUM})\s+)?(?:days?|weeks?)\s+(?:earlier|before)\b(?!\s+(?:the|a|an)\b)"
          r"|\b(?:the\s+day\s+before|the\s+previous\s+day)\b", "anchored", earlier),
    _rule(rf"\b(?:(?P<n>{NUM})\s+)?(?:days?|weeks?|hours?)\s+later\b|\bthe\s+(?:next|following)"
          r"\s+day\b|\b(?:on\s+)?the\s+same\s+day\b|\b(?:(?:earlier|later)\s+(?:(?:in|on)\s+)?)?that"
          r"\s+day\b|\b(?:earlier|later)\s+in\s+the\s+day\b", "anchored", later),
    _rule(rf"\b(?:some|about|around|nearly|almost)?\s*(?P<n>{NUM})\s+(?P<unit>days?|weeks?)\s+"
          r"after\s+(?:a|an|the)\b", "anchored", before_noun),
    _rule(rf"\b(?P<n>{NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", "relative", ago),
    _rule(r"\b(?:over|at|during|on)\s+the\s+weekend\b|\b(?:this|last)\s+weekend\b|\b(?:earlier|"
          r"later)\s+this\s+week\b|\b(?:this|last|the\s+previous)\s+week\b|\bat\s+the\s+"
          r"(?:beginning|start)\s+of\s+the\s+week\b", "relative", week),
    _rule(r"\b(?:earlier\s+)?this\s+(?:month|year)\b|\blast\s+(?:month|year)\b", "relative",
          month_or_year),
    _rule(r"\b(?:the\s+day\s+before\s+yesterday|yesterday)\b", "relative", yesterday),
    _rule(r"\b(?:last|this)\s+night\b|\bovernight\b|\b(?:during|in|at)\s+the\s+night\b|"
          r"\bnight(?:time)?\s+attack\b|\btonight\b", "relative", night),
    _rule(r"\b(?:earlier\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b", "relative",
          today),
    _rule(rf"\b(?:(?:on|early|late|last)\s+)?{WD}(?:\s+(?:morning|afternoon|evening|night))?\b",
          "relative", weekday),
    _rule(r"\b(?:in\s+)?recent\s+(?:days|weeks|months)\b|\brecently\b|\blately\b|\bthe\s+"
          r"other\s+day\b|\brecent\b|\bongoing\b", "relative", recent),
    _rule(rf"\bin\s+{MON}(?!\s+\d)", "absolute", month_only),
    _rule(r"\b(?:(?:in|during|over)\s+(?:the\s+)?|(?P<which>last|this)\s+)(?P<season>spring|"
          r"summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?\b", "absolute",
          season),
    _rule(r"\bin\s+(?P<year>(?:19[5-9]|20[0-4])\d)\b(?!\s*(?:-|–))", "absolute", year_only),
    _rule(r"\b(?:previously|earlier|in\s+the\s+past|repeated(?:ly)?|more\s+than\s+once|"
          r"once\s+again|already|before\s+that)\b", "vague", vague_past),
    _rule(r"\blater\b", "vague", later_vague),
]


def find_dates(text: str, offset: int = 0, ignore: tuple[tuple[int, int], ...] = ()
               ) -> list[DateMention]:
    """The time expressions of `text` (a sentence starting at `offset` in the article), left to
    right, none overlapping; those inside `ignore` spans (publication dates) are left out."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern, kind, resolver, check in RULES:
        for match in pattern.finditer(text):
            span = match.span()
            if not check(match) or any(span[0] < end and start < span[1] for start, end in taken):
                continue
            taken.append(span)
            start, end = offset + span[0], offset + span[1]
            if any(a <= start and end <= b for a, b in ignore):
                continue
            found.append(DateMention(start, end, match.group().strip(), kind, match, resolver))
    return sorted(found, key=lambda m: m.start)


DAY_LIST = re.compile(rf"{MON}\s+\d{{1,2}}{ORD}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
                      rf"(?:{MON.replace('?P<month>', '?:')}\s+)?\d{{1,2}}{ORD}\b)+", re.IGNORECASE)
LISTED_DAY = re.compile(rf"(?:{MON}\s+)?(?P<day>\d{{1,2}}){ORD}\b", re.IGNORECASE)
ONE_DAY = next(rule[0] for rule in RULES if rule[2] is day_month and rule[0].match("March 22"))


def listed_days(text: str, offset: int = 0) -> list[DateMention]:
    """'attacks on March 22 and 29, and April 11 and 27': each day of a list of days apart,
    as its own date ('March 22', 'March 29', 'April 11', 'April 27'); [] when `text` has no
    such list, or its days follow one another ('August 7 and 8' is one night)."""
    for found in DAY_LIST.finditer(text):
        if not _capital_month(found):
            continue
        days, month = [], ""
        for item in LISTED_DAY.finditer(found.group()):
            month = item.group("month") or month
            one = ONE_DAY.match(f"{month} {item.group('day')}")
            start = offset + found.start() + item.start()
            days.append(DateMention(start, offset + found.start() + item.end(), one.group(),
                                    "absolute", one, day_month))
        numbers = [(d.match.group("month").lower(), int(d.match.group("day"))) for d in days]
        if len(days) >= 2 and not any(m == n and b - a == 1 for (m, a), (n, b)
                                      in itertools.pairwise(numbers)):
            return days
    return []


# "targeted three other times — in September and March this year and in March 2024": months
# apart, each with the year that follows it in the list
MONTH_ITEM = re.compile(rf"{MON}(?:,?\s+(?P<year>\d{{4}})\b|\s+(?:of\s+)?(?P<which>this|last)"
                        r"\s+year\b)?", re.IGNORECASE)
MONTH_JOIN = re.compile(r"\s*(?:,\s*)?(?:and\s+)?(?:in\s+)?$", re.IGNORECASE)


def listed_months(text: str, offset: int = 0) -> list[DateMention]:
    """'in September and March this year and in March 2024': each month of a list of months
    after 'in' as its own date ('September this year', 'March this year', 'March 2024');
    [] when `text` has no such list of two or more."""
    items, run = [], []
    for found in MONTH_ITEM.finditer(text):
        if not _capital_month(found):
            continue
        gap = text[run[-1].end():found.start()] if run else text[:found.start()]
        if run and not MONTH_JOIN.fullmatch(gap):
            items.append(run)
            run = []
        if run or re.search(r"\bin\s+$", text[:found.start()], re.IGNORECASE):
            run.append(found)
    items.append(run)
    listed = max(items, key=len)
    if len(listed) < 2:
        return []
    mentions, qualifier = [], ""
    for found in reversed(listed):          # a year said after a month holds for those before
        if found.group("year") or found.group("which"):
            qualifier = found.group("year") or f"of {found.group('which')} year"
        words = f"in {found.group('month')} {qualifier}".strip()
        one = next((m for m in find_dates(words) if m.kind == "absolute"), None)
        if one is not None:
            mentions.append(DateMention(offset + found.start(), offset + found.end(),
                                        found.group(), "absolute", one.match, one.resolver))
    return mentions[::-1] if len(mentions) >= 2 else []
