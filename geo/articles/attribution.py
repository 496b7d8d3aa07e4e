"""Who a sentence says the words are from: "As journalist Ruslan Ostashko points out",
"According to Ukraine's General Staff", "the regional governor said", "Naftogaz reported".

The speaker is kept as written (with the title or body that goes with the name). A pronoun
or "the company" / "the governor" refers to the speaker named before it in the article.
Whose claim a proposal is: the publisher (and author), and the speaker the text quotes.
"""

from __future__ import annotations

import re

SAY = (r"said|says|say|told|reported|reports|report|wrote|writes|posted|stated|states|"
       r"announced|claimed|claims|confirmed|confirms|added|noted|noting|points out|"
       r"pointed out|warned|explained|declared|informed|according to")
NAME = r"(?:[A-Z][\w’'\-.]+(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w’'\-.]+){0,6})"
TITLED = (rf"(?:(?:the\s+)?(?:[a-z][\w\-]*\s+){{0,3}}(?:journalist|expert|analyst|governor|"
          rf"mayor|head|chief|minister|spokes(?:man|woman|person)|commander|president|"
          rf"official|officials|source|sources|ministry|company|administration|channel|"
          rf"service|staff|military|authorities|operator)(?:\s+of\s+(?:the\s+)?{NAME})?,?"
          rf"\s*{NAME}?|{NAME}(?:’s|'s)?(?:\s+[a-z][\w\-]*){{0,3}}?(?:\s+(?:ministry|"
          rf"governor|channel|company|military|staff|service|forces))?)")
PATTERNS = (
    re.compile(r"\b(?P<who>[Hh]e|[Ss]he|[Tt]hey|the (?:company|governor|official|ministry|"
               rf"mayor|head|agency|department)) (?:also )?(?:{SAY})\b"),
    re.compile(rf"\b[Aa]ccording to (?P<who>{TITLED})"),
    re.compile(rf"\b[Aa]s (?P<who>{TITLED}) (?:points out|pointed out|notes|noted|said|says|"
               r"reported|wrote)"),
    re.compile(rf"(?P<who>{TITLED}),? (?:has |had )?(?:{SAY})\b"),
    re.compile(rf"\b(?:said|says|reported|wrote|told \w+) (?P<who>{TITLED})"),
    re.compile(rf"\b(?:citing|cited|with reference to|referring to) (?P<who>{TITLED})"),
)
REFERRING = re.compile(r"^(?:he|she|they|it|the (?:company|governor|official|ministry|"
                       r"mayor|head|agency|statement|department))$", re.IGNORECASE)
# "It was stated that", "It is claimed that": a passive telling, no one named
NOT_SPEAKERS = re.compile(r"^(?:this|that|it|which|there|we|I|you|who|the report|the "
                          r"statement)(?:\s+(?:is|was|are|were|has been|had been|have been))?$",
                          re.IGNORECASE)
MAX_WORDS = 14


def speaker(sentence: str, previous: str = "") -> str:
    """The source a sentence attributes its words to, as written, or ''."""
    for pattern in PATTERNS:
        for found in pattern.finditer(sentence):
            who = re.sub(r"^(?:[’']s|s)\s+", "", " ".join(found.group("who").strip(" ,").split()))
            if not who or NOT_SPEAKERS.match(who) or len(who.split()) > MAX_WORDS:
                continue
            if REFERRING.match(who):
                return previous or ""
            if who[:1].isupper() or re.search(r"[A-Z]", who):
                return who
            if re.search(r"governor|ministry|company|officials|staff|sources|authorities",
                         who):
                return who
    return ""


def claimant(publisher: str, author: str, quoted: str) -> str:
    """Whose claim a proposal is: 'journalist X, as reported by Outlet (Author)'."""
    outlet = publisher or "the article's publisher (not named)"
    if author:
        outlet = f"{outlet} ({author})"
    return f"{quoted}, as reported by {outlet}" if quoted else outlet
