"""Where a sentence names a place, found from its wording alone (the geocoder comes after).

A sentence is cut into word tokens (a possessive "’s" is kept as a mark on its word). Runs of
capitalised words are names; what stands around a name says what it is and what part it
plays: "the Kamensky district of the Rostov region" (a district, then its region), "the Ilsky
and Slavyansk oil refineries" (two facilities), "the cities of Ryazan, Penza and Voronezh",
"in Ukraine’s Odesa region" (a country giving context to a region), "the governor of the
Tambov region" (a jurisdiction: where the speaker governs, used only when nothing else says
where). Each `PlaceRef` keeps its words as written and their offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.geocoding.around import NEAR_TOKENS, is_bearing, too_far

# "St. Petersburg", "Mt. Elbrus": the abbreviation's stop belongs to the name, which goes on
TOKEN = re.compile(r"(?:St|Mt|Ft)\.(?=\s+[A-Z])"
                   r"|[\w\-]+(?:['’`](?![sS]\b)[\w\-]+)*(?:['’`][sS]\b)?|[^\w\s]")
LEVELS = {"region": "admin1", "regions": "admin1", "oblast": "admin1", "oblasts": "admin1",
          "krai": "admin1", "kray": "admin1", "province": "admin1", "provinces": "admin1",
          "territory": "admin1", "republic": "admin1", "district": "admin2",
          "districts": "admin2", "raion": "admin2", "rayon": "admin2", "hromada": "admin2",
          "county": "admin2"}
PLACE_TYPES = {"city", "town", "village", "settlement", "resort", "port", "cities", "towns",
               "villages", "settlements", "suburbs", "outskirts", "environs", "vicinity",
               "gates", "centre", "center"}
LOCATIVES = {"in", "near", "at", "outside", "around", "inside", "across", "on", "over",
             "towards", "toward", "into", "within"}
TRIGGER_VERBS = {"hit", "hits", "struck", "strikes", "attacked", "attacks", "targeted",
                 "targeting", "shelled", "bombed", "pounded", "attacking", "striking"}
JURISDICTION_WORDS = {"governor", "mayor", "head", "chief", "administration", "governors"}
ORIGINS = {"from", "by"}
# capitalised words that are not place names wherever they stand
NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "this", "that", "these", "those", "it", "its", "he",
    "she", "they", "we", "i", "his", "her", "their", "our", "and", "but", "or", "as", "after",
    "before", "during", "while", "when", "since", "earlier", "previously", "later", "last",
    "days", "day", "however", "meanwhile", "separately", "according", "also", "both", "all",
    "some", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "no", "there", "here", "details", "quote", "source", "background", "addition", "update",
    "president", "governor", "mayor", "minister", "ministry", "prime", "deputy", "foreign",
    "defence", "defense", "general", "staff", "armed", "forces", "force", "air", "national",
    "guard", "state", "emergency", "service", "services", "regional", "military",
    "administration", "head", "chief", "commander", "chairman", "chairwoman", "ceo",
    "russian", "russians", "ukrainian", "ukrainians", "azerbaijani", "azerbaijanis",
    "armenian", "turkish", "israeli", "iranian", "american", "european", "hungarian",
    "slovak", "belarusian", "georgian", "kazakh", "polish", "romanian", "moldovan", "soviet",
    "western", "kremlin", "telegram", "reuters", "tass", "news", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "oil", "gas", "fuel", "energy", "thermal", "power", "plant", "station", "company", "group",
    "south", "north", "east", "west", "southern", "northern", "eastern", "central", "big",
    "breaking", "experts", "photo", "video", "read", "share", "more", "world", "war", "is",
    "targeting", "striking", "attacking", "following", "despite", "given", "repeated",
    "missile", "missiles", "drone", "drones", "strikes", "attacks", "enemy", "firefighters",
    "attack", "strike", "hit", "hits", "struck", "attacked", "damaged", "destroyed", "fire",
    "blast", "explosion", "explosions", "media", "report", "reports", "says", "said", "new",
    "same", "another", "other", "major", "massive", "key",
    # a Title Case heading capitalises its small words ("Refinery Hit By Kamikaze Drones")
    "by", "with", "for", "from", "of", "to", "into", "amid", "against", "over", "under",
}


@dataclass(frozen=True)
class Token:
    word: str          # without a possessive 's
    start: int         # offsets in the article text
    end: int
    possessive: bool = False

    @property
    def low(self) -> str:
        return self.word.lower()

    @property
    def name_like(self) -> bool:
        w = self.word
        return (w[:1].isupper() and w[:1].isalpha() and self.low not in NOT_NAMES
                and self.low not in LEVELS and not (len(w) <= 3 and w.isupper()))


@dataclass(frozen=True)
class Part:
    """One named place: 'Kamensky' (admin2), 'Rostov' (admin1), 'Orlivka' (any)."""

    name: str
    level: str = "any"         # any | place | admin1 | admin2 | country
    start: int = 0
    end: int = 0


@dataclass
class PlaceRef:
    start: int
    end: int
    role: str                               # target | jurisdiction | context
    parts: list[Part] = field(default_factory=list)     # most specific first
    context: list[Part] = field(default_factory=list)   # possessives: "Ukraine’s", "Rostov’s"
    facility: str = ""                      # head words as written: "oil depot", "TPP"
    facility_name: str = ""                 # "Syzran", "Russkaya", "SOCAR"
    near: bool = False
    operator: str = ""                      # "belonging to ... SOCAR"
    owner: str = ""                         # "Azerbaijan’s embassy": whose, not where
    cued: bool = True                       # a word says it is a place ("in", "near", "hit")
    site_id: str = ""                       # a register name or alias found word for word
    text: str = ""                          # the words as written (filled by find_places)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    tokens = []
    for found in TOKEN.finditer(text):
        word = found.group()
        possessive = len(word) > 2 and word[-2] in "'’`" and word[-1] in "sS"
        tokens.append(Token(word[:-2] if possessive else word, offset + found.start(),
                            offset + found.end(), possessive))
    return tokens


def _name(tokens: list[Token], i: int) -> int:
    """The end (exclusive) of the run of name words starting at i (i itself if none)."""
    j = i
    while j < len(tokens) and tokens[j].name_like and j - i < 4:
        j += 1
        if tokens[j - 1].possessive:
            break
    return j


def _names_list(tokens, i) -> tuple[list[tuple[int, int]], int]:
    """'Ryazan, Penza and Voronezh' -> the runs, and the index after the list. Names joined
    by commas only count as a list when an 'and' or a plural level word closes it."""
    runs, j, closed = [], i, False
    while True:
        end = _name(tokens, j)
        if end == j:
            break
        runs.append((j, end))
        if tokens[end - 1].possessive or end >= len(tokens):
            break
        following = [t.low for t in tokens[end:end + 2]]
        if following[:2] == [",", "and"] or following[0] == "and":
            j, closed = end + (2 if following[0] == "," else 1), True
        elif following[0] == "," and not closed:
            j = end + 1
        else:
            break
        if j < len(tokens) and tokens[j].low == "the":
            j += 1
        if j < len(tokens) and COMPASS.fullmatch(tokens[j].low):
            j += 1            # "the eastern Donetsk, southeastern Zaporizhzhia ... regions"
    if not runs:
        return runs, i
    end = runs[-1][1]
    plural = end < len(tokens) and tokens[end].low.endswith("s") and tokens[end].low in LEVELS
    if len(runs) > 1 and not (closed or plural):
        runs = runs[:1]
    return runs, runs[-1][1]


def words_of(tokens, a, b) -> str:
    return " ".join(t.word for t in tokens[a:b])


def part_of(tokens, run, level="any") -> Part:
    return Part(words_of(tokens, *run), level, tokens[run[0]].start, tokens[run[1] - 1].end)


DEMONYMS = {"russian": "Russia", "ukrainian": "Ukraine", "azerbaijani": "Azerbaijan",
            "armenian": "Armenia", "turkish": "Turkey", "hungarian": "Hungary",
            "slovak": "Slovakia", "belarusian": "Belarus", "georgian": "Georgia",
            "kazakh": "Kazakhstan", "polish": "Poland", "romanian": "Romania",
            "moldovan": "Moldova", "iranian": "Iran"}
# the capitals of the countries above: "Ukraine's capital", "the Russian capital"
CAPITALS = {"Russia": "Moscow", "Ukraine": "Kyiv", "Azerbaijan": "Baku", "Armenia": "Yerevan",
            "Turkey": "Ankara", "Hungary": "Budapest", "Slovakia": "Bratislava",
            "Belarus": "Minsk", "Georgia": "Tbilisi", "Kazakhstan": "Astana",
            "Poland": "Warsaw", "Romania": "Bucharest", "Moldova": "Chisinau", "Iran": "Tehran"}
LEAD_WORDS = {"the", "a", "an", "southern", "northern", "eastern", "western", "central", "of",
              "black", "sea", "capital", "frontline", "border", "occupied", "annexed",
              "russian-occupied", "russian-annexed", "immediate"} | PLACE_TYPES | \
    set(DEMONYMS)
# "Russia-occupied Feodosia", "Kremlin-controlled Donetsk": who holds it, not its name
HELD_BY = re.compile(r"[a-z]+-(?:occupied|controlled|held|annexed)")
# "southeastern", "north-western", "central": where in a region or a country, not a name
COMPASS = re.compile(r"(?:(?:north|south)-?)?(?:east|west)ern|(?:north|south)ern|central")
BEARING_WORDS = 5          # "20 km north-east of": the most words a bearing takes


def bearing_end(tokens, i) -> int | None:
    """At i, "20 km south of", "north of", "15 km from": the index after those words."""
    for end in range(i + 2, min(i + BEARING_WORDS, len(tokens)) + 1):
        if is_bearing(" ".join(t.low for t in tokens[i:end])):
            return end
    return None


def far_bearing(tokens, i, end) -> bool:
    """"40 miles from Moscow" (tokens i to end): too far to be somewhere around it."""
    return too_far(" ".join(t.low for t in tokens[i:end]))


def place_phrase(tokens, i) -> tuple[list[Part], list[Part], int, bool]:
    """At i: [the] [X’s] [city|town|resort of] NAME[, NAME and NAME] [region|district].
    Returns the places (a list shares the level word: "the Poltava and Kharkiv regions"),
    the possessive context, the index after the phrase, and whether it says "outskirts of"
    ("Moscow’s suburbs": the possessive is the place, somewhere around it)."""
    context, near, j, level_before = [], False, i, "any"
    owner, around_owner = None, None        # "Moscow’s suburbs": Moscow
    while j < len(tokens):
        token = tokens[j]
        if token.possessive and token.name_like:
            owner = Part(token.word, "any", token.start, token.end)
            context.append(owner)
        elif token.low in ("territory", "area", "region", "vicinity") and j + 1 < len(tokens) \
                and tokens[j + 1].low == "of":
            if token.low == "region":             # "the region of Kursk": the oblast
                level_before = "admin1"
            near = near or token.low in NEAR_TOKENS
            j += 1
        elif (token.low in LEAD_WORDS or COMPASS.fullmatch(token.low)
              or HELD_BY.fullmatch(token.low)) and not token.possessive:
            near = near or token.low in NEAR_TOKENS
            if token.low in NEAR_TOKENS:
                around_owner = owner
            if token.low in DEMONYMS:      # "the southern Russian cities of": in Russia
                context.append(Part(DEMONYMS[token.low], "country", token.start, token.end))
        else:
            break
        j += 1
    runs, end = _names_list(tokens, j)
    if not runs and around_owner is not None:
        return [around_owner], [c for c in context if c is not around_owner], j, True
    if not runs:
        return [], context, i, near
    level = LEVELS.get(tokens[end].low, "any") if end < len(tokens) else "any"
    if level != "any":
        end += 1
    elif level_before != "any":
        level = level_before
    elif [t.low for t in tokens[end:end + 3]] in ([",", "a", "region"], [",", "an", "oblast"]):
        level = "admin1"                             # "in Saratov, a region located ..."
    parts = [part_of(tokens, run, level) for run in runs]
    if tokens[end - 1].possessive:       # "Rostov region’s Tsimlyansky district": context
        found, more, after, is_near = place_phrase(tokens, end)
        return found, context + parts + more, (after if found else end), near or is_near
    return parts, context, end, near
