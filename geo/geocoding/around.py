"""Somewhere around a place: "near Kharkiv", "outside Moscow", "on the outskirts of Kyiv",
"Moscow's suburbs", "south of Dnipro", "20 km south of Belgorod", "20 km from Belgorod".

One rule for a pasted place text (the geocoder) and for a place an article names
(geo.articles): such a place is drawn at the named place's point, but no more precise than a
raion (admin2), because a town's or a site's precision would claim the place itself.
"""

from __future__ import annotations

import re

AROUND_PRECISION = "admin2"
TOO_PRECISE = frozenset({"site", "town"})
NOTE = f"near it: placed at the place itself, precision {AROUND_PRECISION} (somewhere around it)"
NOTE_KEPT = "near it: placed at the place itself"

# normalised text (geo.geocoding.normalize): lower case, no punctuation
NEAR_WORDS = ("outskirts of", "outskirts", "suburbs of", "suburbs", "immediate vicinity of",
              "vicinity of", "vicinity", "environs of", "environs", "gates of", "near",
              "close to", "outside", "around", "area of", "area", "off the coast of",
              "coast of", "coastline of", "coastal waters of")
# the words that say it where an article's words are read one by one
NEAR_TOKENS = frozenset(phrase.split()[0] for phrase in NEAR_WORDS)
# "the northern outskirts of Kyiv": the side of it is no nearer a point
SIDE = r"(?:(?:north|south)(?:[- ]?(?:east|west))?(?:ern)?|(?:east|west)(?:ern)?)\s+"
NEAR_PATTERN = re.compile(rf"\b(?:{SIDE})?(?:" + "|".join(
    re.escape(p) for p in sorted(NEAR_WORDS, key=len, reverse=True)) + r")\b")
# normalising writes "1.5 km" as "1 5 km"
DISTANCE = r"\d+(?:[., ]\d+)?\s*(?:km|kilometres?|kilometers?|miles?|mi)"
BEARING = r"(?:south|north|east|west)(?:[- ]?(?:east|west))?"
# "south of Kharkiv", "20 km north-east of Izium", "20 km from Belgorod"
BEARING_OF = re.compile(rf"\b(?:(?:{DISTANCE}\s+)?{BEARING}\s+of|{DISTANCE}\s+(?:away\s+)?"
                        r"(?:from|outside))\b")


# farther than a raion reaches: "40 miles from Moscow" is somewhere that far, not around it
FAR_KM = 50.0
KM_PER_MILE = 1.609344
DISTANCE_PARTS = re.compile(r"\b(\d+)(?:[., ](\d+))?\s*(km|kilomet\w*|miles?|mi)\b")


# "Moscow's suburbs", "Kyiv’s northern outskirts": the place is the possessive's (before
# normalising, which drops the apostrophe and would look up "moscows")
POSSESSIVE_AROUND = re.compile(r"(?<=\w)['’ʼ`]s(?=\s+(?:\w+\s+)?(?:outskirts|suburbs|"
                               r"vicinity|environs)\b)", re.IGNORECASE)


def without_possessive(text: str) -> str:
    """"Moscow's suburbs" -> "Moscow suburbs"."""
    return POSSESSIVE_AROUND.sub("", text)


def says_around(normalised: str) -> bool:
    """Do these words put a place somewhere around the one they name?"""
    return NEAR_PATTERN.search(normalised) is not None or BEARING_OF.search(normalised) is not None


def without_around_words(normalised: str) -> str:
    return NEAR_PATTERN.sub(" ", BEARING_OF.sub(" ", normalised))


def is_bearing(normalised: str) -> bool:
    """'20 km south of', 'north of', '15 km from': the whole of these words say where from."""
    return BEARING_OF.fullmatch(normalised.strip()) is not None


def too_far(normalised: str) -> bool:
    """'40 miles from', '120 km south of': farther than a place around the named one."""
    found = DISTANCE_PARTS.search(normalised)
    if found is None:
        return False
    number = float(f"{found.group(1)}.{found.group(2)}" if found.group(2) else found.group(1))
    return number * (KM_PER_MILE if found.group(3).startswith("mi") else 1.0) > FAR_KM


def precision_around(precision: str) -> str:
    """The precision of somewhere around a place placed with `precision`."""
    return AROUND_PRECISION if precision in TOO_PRECISE else precision
