"""A strike the text places only at a country: when it is an incident of its own.

"The Armed Forces of the Russian Federation carried out a group strike ... against Ukrainian
energy facilities": a ministry's statement, a wire's lead on a night of strikes across the
country, names no town or region, and yet it is the claim the article makes. It is proposed
at country precision (the import template's `country`: no point is drawn) when it is one
attack on energy, told on a stated day or night, and the country is the one struck. It is not
when it reads as the attacker's ("Russian attacks on energy infrastructure left Ukraine..."),
a remark after the lead with no time of its own ("Ukraine, in turn, has struck Russian
oil refineries"), a place the text
refers to without naming it ("in the city"), or a span longer than a night.
"""

from __future__ import annotations

import re

from geo.articles import lexicon as lx

LONGEST_DAYS = 1            # a day, or a night and the day after it
ATTACKER = re.compile(r"\b(?P<who>Russian|Ukrainian|Russia's|Ukraine's|Russia’s|Ukraine’s)\s+"
                      r"(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|forces|army|military|troops|"
                      r"drones?|missiles?|shelling|bombardment)\b", re.IGNORECASE)
COUNTRY_OF = {"russian": "RU", "russia's": "RU", "russia’s": "RU",
              "ukrainian": "UA", "ukraine's": "UA", "ukraine’s": "UA"}
LEAD = 2                    # sentences: a title, a date line and the lead's first
UNNAMED_PLACE = re.compile(r"\b(?:in|at|near|of)\s+the\s+(?:city|town|village|settlement|"
                           r"region|district)\b", re.IGNORECASE)


# "the Ryazan Oil Refinery ... the Russian occupation army in Ukraine", "the drone attack on
# the refinery in Tatarstan became one of the largest operations in Ukraine": a place of
# another country named in the words, the country only where something else is
NAMED = re.compile(r"\b(?:in|near)\s+(?:the\s+)?(?P<after>[A-Z][\w’'-]+)|"
                   r"\b(?P<before>[A-Z][\w’'-]+)\s+(?:[Oo]il\s+)?(?:[Rr]efinery|[Rr]egion|"
                   r"[Oo]blast|[Kk]rai|[Rr]epublic)\b")


def why_not_at_country(proposal, country_of_place=lambda name: "") -> str:
    """'' when a strike placed only at a country is proposed, else why not;
    `country_of_place(name)`: the country of a town or region of that name, or ''."""
    interval = proposal.interval
    text = " ".join(dict.fromkeys(event.sentence.text for event in proposal.events))
    if not interval.resolved or (interval.end - interval.start).days > LONGEST_DAYS:
        return "only a country is named for it, over no one day or night"
    if not lx.ENERGY_WORDS.search(text):
        return "only a country is named for it, and no energy facility"
    attacker = {COUNTRY_OF.get(m.group("who").lower()) for m in ATTACKER.finditer(text)}
    if proposal.place.country in attacker and not _struck_by_name(text, proposal.place):
        return "only a country is named for it: the attacker's"
    if not proposal.date_words and not any(event.sentence.index <= LEAD or
                                           event.sentence.heading for event in proposal.events):
        return "only a country is named for it, with no time of its own, after the lead"
    named = {m.group("after") or m.group("before") for m in NAMED.finditer(text)}
    if any(country_of_place(name) not in ("", proposal.place.country) for name in named):
        return "only a country is named for it, and a place in another country"
    if UNNAMED_PLACE.search(text):
        return "only a country is named for it, and a place the text does not name"
    return ""


def _struck_by_name(text: str, place) -> bool:
    """'... on Ukrainian energy facilities': the country is also named as the one struck."""
    demonym = {"UA": r"Ukrainian|Ukraine's|Ukraine’s", "RU": r"Russian|Russia's|Russia’s"}.get(
        place.country, "")
    return bool(demonym) and bool(re.search(
        rf"\b(?:on|at|against|in)\s+(?:\w+\s+){{0,2}}?(?:{demonym})\b", text))
