"""Munitions and casualties as a sentence states them: "Six (6) Russian missiles", "2
missiles", "five Shahed attack drones", "Four employees were injured", "killed at least 31
people", "There are no victims". Counts are kept as numbers with their words, so that two
proposals can be compared and the analyst sees what was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.articles.date_rules import find_dates
from geo.articles.dates import MONTHS
from geo.articles.lexicon import DRONE, MISSILE, SUBTYPES

NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
           "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
           "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
           "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12}
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
APPROX = r"(?:(?:at least|around|about|some|nearly|almost|up to|more than|over)\s+)?"
MUNITION = re.compile(
    rf"\b{APPROX}(?P<n>{NUMBER})(?:\s*\((?P<digits>\d+)\))?\s+(?:(?!{NUMBER}\b)[\w\-’'\"“”]+\s+)"
    r"{0,3}?(?P<what>missiles?|rockets?|drones?|UAVs?|unmanned aerial vehicles?|Shaheds?|"
    r"Gerans?|Kinzhals?|Iskanders?|Kalibrs?|bombs?|shells?)\b(?!\s+(?:strikes?|attacks?)\b)",
    re.IGNORECASE)
VICTIMS = r"(?:people|persons|civilians|employees|workers|residents|children|soldiers|" \
          r"servicemen|firefighters|rescuers|staff|men|women|energy workers|others?)"
HARM_WORD = r"(?:injured|wounded|killed|hurt|died|dead)"
HARMED = rf"(?P<harm>{HARM_WORD})"
ONE_VICTIM = r"(?:man|woman|boy|girl|child|person|resident|civilian|worker|employee|teenager)"
CASUALTY_PATTERNS = (
    # the words between the number and the harm are none of harm ("13 injured and one dead")
    re.compile(rf"\b{APPROX}(?P<n>{NUMBER})\s+(?:(?!{VICTIMS}\b|{HARM_WORD}\b)\w+\s+)?"
               rf"(?P<who>{VICTIMS})?\s*(?:(?!{HARM_WORD}\b)\w+\s+){{0,2}}?"
               rf"(?:were|was|have been|has been|are|had been)?\s*(?:\w+ )?(?:reported )?"
               rf"(?:seriously |severely |slightly |critically )?{HARMED}\b", re.IGNORECASE),
    re.compile(rf"\b(?P<harm>kill(?:ed|ing|s)|injur(?:ed|ing|es)|wound(?:ed|ing|s))\s+{APPROX}"
               rf"(?P<n>{NUMBER})\s*(?P<who>{VICTIMS})?", re.IGNORECASE),
    re.compile(rf"\b(?P<n>an?)\s+(?:[\w-]+-year-old\s+)?(?P<who>{ONE_VICTIM})\s+"
               rf"(?:was|has been|had been)\s+(?:seriously |severely |slightly |critically |"
               rf"fatally )?{HARMED}\b", re.IGNORECASE),
)
# "killed three people and injured seven": the number belongs to the verb before it, not
# to the harm after it
HARM_BEFORE = re.compile(rf"\b(?:kill|injur|wound)\w*\s+{APPROX}$", re.IGNORECASE)
NO_CASUALTIES = re.compile(r"\bno (?:casualties|victims|injuries|one was (?:hurt|injured|"
                           r"killed))\b|\bno one was (?:hurt|injured|killed)\b|\bwithout "
                           r"casualties\b|\bremained unharmed\b|\bwere no casualties\b",
                           re.IGNORECASE)
# a year after a month, or after its day, in any case and punctuation ("8 august 2025",
# "August, 2025"), which the date grammar leaves to a capital month or a tighter form
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DATED_YEAR = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}"
                        rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?),?\s+(?:19|20)\d\d\b", re.IGNORECASE)
HARM_WORDS = {"injured": "injured", "injuring": "injured", "injures": "injured",
              "wounded": "injured", "wounding": "injured", "wounds": "injured", "hurt": "injured",
              "killed": "killed", "killing": "killed", "kills": "killed", "died": "killed",
              "dead": "killed"}
KIND_WORDS = {"missile": "missiles", "rocket": "missiles", "kinzhal": "missiles",
              "iskander": "missiles", "kalibr": "missiles", "drone": "drones", "uav": "drones",
              "unmanned aerial vehicle": "drones", "shahed": "drones", "geran": "drones",
              "bomb": "bombs", "shell": "shells"}


def to_number(word: str) -> int | None:
    word = word.lower().replace(",", "")
    return int(word) if word.isdigit() else NUMBERS.get(word)


@dataclass(frozen=True)
class Count:
    number: int | None          # None: the kind is named without a number
    what: str                   # missiles | drones | injured | killed ...
    words: str                  # as written

    def describe(self) -> str:
        return f"{self.number} {self.what}" if self.number is not None else self.what


def without_dates(text: str) -> str:
    """`text` with its time expressions blanked, the same length: the numbers of "On 8 August
    2025 a drone struck" are a day and a year, never a count of drones."""
    spans = [(date.start, date.end) for date in find_dates(text)]
    spans += [found.span() for found in DATED_YEAR.finditer(text)]
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _kind(word: str) -> str:
    word = word.lower().rstrip("s")
    return next((v for k, v in KIND_WORDS.items() if word.startswith(k)), word)


def munitions(text: str) -> list[Count]:
    """Numbered munitions first ("6 missiles"), then kinds named without a number."""
    found, kinds = [], set()
    text = without_dates(text)
    for match in MUNITION.finditer(text):
        number = to_number(match.group("digits") or match.group("n"))
        what = _kind(match.group("what"))
        found.append(Count(number, what, match.group().strip()))
        kinds.add(what)
    for what, pattern in (("missiles", MISSILE), ("drones", DRONE)):
        match = pattern.search(text)
        if match and what not in kinds:
            found.append(Count(None, what, match.group()))
    return found


def subtype(text: str) -> str:
    """missile | drone | missile_and_drone | shelling | airstrike | unspecified."""
    named = [name for name, pattern in SUBTYPES if pattern.search(text)]
    if "missile" in named and "drone" in named:
        return "missile_and_drone"
    return named[0] if named else "unspecified"


def casualties(text: str) -> list[Count]:
    found = []
    text = without_dates(text)
    for pattern in CASUALTY_PATTERNS:
        for match in pattern.finditer(text):
            if re.search(r"\bno\s*$", text[:match.start()], re.IGNORECASE):
                continue                                   # "No one was injured"
            if pattern is CASUALTY_PATTERNS[0] and HARM_BEFORE.search(text[:match.start()]):
                continue
            number = to_number(match.group("n")) or (1 if match.group("n").lower() in (
                "a", "an") else None)                      # "A 66-year-old man was injured"
            harm = HARM_WORDS.get(match.group("harm").lower(), match.group("harm").lower())
            who = (match.group("who") or "").lower()
            if number is not None and not any(c.number == number and c.what.endswith(harm)
                                              for c in found):
                found.append(Count(number, f"{who} {harm}".strip(), match.group().strip()))
    if not found and NO_CASUALTIES.search(text):
        found.append(Count(0, "casualties (none reported)", NO_CASUALTIES.search(text).group()))
    return found


def other_harm(told: list[Count], more: list[Count]) -> list[Count]:
    """The counts of `more` of a harm `told` has no number of: "One person was killed" told,
    then "13 injured" (not a second count of the killed, nor a number added to "no victims")."""
    if not any(c.number for c in told):
        return []
    kinds = {c.what.split()[-1] for c in told}
    return [c for c in more if c.number and c.what.split()[-1] not in kinds]


def describe_counts(counts: list[Count]) -> str:
    return "; ".join(c.describe() for c in counts)
