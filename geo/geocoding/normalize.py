"""Place-name normalisation: one spelling-blind form for names as news writes them.

`normalize_name` folds case, diacritics, apostrophes, hyphens and Cyrillic script
("Одеса", "Odes'ka" -> "odesa", "odeska"). `phonetic_key` folds the romanisation variants of
Ukrainian and Russian names ("Odessa"/"Odesa", "Kharkov"/"Kharkiv", "Orlovka"/"Orlivka",
"Kiev"/"Kyiv") so that one key lookup finds them all. The list forms exist because the
gazetteer build folds a million names at once by running each rule over one joined string.
`parse_place` takes pasted text apart: qualifiers ("city", "region", "raion"), facility words
("refinery", "TPP") and "X, Y" / "X (Y)" / "X in Y" context.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from unidecode import unidecode

RUSSIAN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", [
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
    "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True))
# Ukrainian national transliteration (2010): г is h, и is y, and є ї й ю я are written
# ie i i iu ia inside a word, ye yi y yu ya at its start.
UKRAINIAN = {**RUSSIAN, "г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i",
             "й": "i", "ю": "iu", "я": "ia", "щ": "shch"}
UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
UKRAINIAN_LETTERS = re.compile("[ґєії]", re.IGNORECASE)
UKRAINIAN_WORD_START = re.compile(r"(?<![\w'’ʼ])[єїйюя]")
APOSTROPHES = re.compile("['’ʼ`´ʹʻ‘]")
NOT_ALNUM = re.compile(r"[^a-z0-9\n]+")
COMBINING_MARKS = re.compile("[\u0300-\u036f]")
SAINT = re.compile(r"\b(?:st|ste|sankt)\b(?= \w)")


def _table(mapping: dict[str, str]) -> dict[int, str]:
    table = {ord(k): v for k, v in mapping.items()}
    table.update({ord(k.upper()): v.capitalize() for k, v in mapping.items()})
    table.update({ord(k): v for k, v in LATIN_EXTRA.items()})
    return table


# Letters NFKD does not split into base + mark (unidecode would turn Azerbaijani ə into '@'),
# and Belarusian ў.
LATIN_EXTRA = {"ə": "e", "Ə": "E", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d",
               "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h", "ў": "u"}
RUSSIAN_TABLE = _table(RUSSIAN)
UKRAINIAN_TABLE = _table(UKRAINIAN)


def _romanise(blob: str, ukrainian: bool) -> str:
    """Lines of text to Latin: Cyrillic by table, diacritics stripped, the rest via unidecode."""
    blob = unicodedata.normalize("NFKC", blob)
    if ukrainian:
        blob = UKRAINIAN_WORD_START.sub(lambda m: UKRAINIAN_INITIAL[m.group()], blob.lower())
    blob = blob.translate(UKRAINIAN_TABLE if ukrainian else RUSSIAN_TABLE)
    if not blob.isascii():
        blob = COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", blob))
    if not blob.isascii():
        blob = "\n".join(p if p.isascii() else unidecode(p) for p in blob.split("\n"))
    return blob


def transliterate_cyrillic(text: str) -> str:
    """Romanise: Ukrainian rules when the text has і ї є ґ, else Russian ('Київ' -> 'kyiv')."""
    return _romanise(text, bool(UKRAINIAN_LETTERS.search(text)))


def normalize_many(texts: list[str]) -> list[str]:
    """normalize_name of many names at once: each rule runs once over all of them."""
    if not texts:
        return []
    blob = "\n".join(map(str, texts))
    if blob.count("\n") != len(texts) - 1:
        blob = "\n".join(str(t).replace("\n", " ") for t in texts)
    blob = APOSTROPHES.sub("", blob)
    if not blob.isascii():
        parts = blob.split("\n")
        rows: dict[bool, list[int]] = {True: [], False: []}
        for i, part in enumerate(parts):
            if not part.isascii():
                rows[bool(UKRAINIAN_LETTERS.search(part))].append(i)
        for ukrainian, where in rows.items():
            if not where:
                continue
            folded = _romanise("\n".join(parts[i] for i in where), ukrainian).split("\n")
            for i, text in zip(where, folded, strict=True):
                parts[i] = text
        blob = "\n".join(parts)
    blob = SAINT.sub("saint", NOT_ALNUM.sub(" ", blob.lower()))
    return [part.strip() for part in blob.split("\n")]


@functools.lru_cache(maxsize=100_000)
def normalize_name(text: str) -> str:
    """'Odes’ka Oblast’' -> 'odeska oblast'; 'Київ' -> 'kyiv'; 'Kremenchuk-2' -> 'kremenchuk 2'."""
    return normalize_many([text])[0]


# Ordered. Plain replacements, then patterns; each runs once over all names (one per line).
KEY_REPLACEMENTS = (
    (" ", ""),
    ("szcz", "sh"), ("shch", "sh"), ("sch", "sh"),   # Szczurowice, Shchastia, Schtschors
    ("tsch", "ch"), ("tch", "ch"), ("cz", "ch"),     # Tschernihiw, Krzemienczuk
    ("sz", "sh"),
    ("zhzh", "zh"),                                  # Zaporizhzhia
    ("kh", "h"), ("gh", "h"), ("g", "h"),            # Kharkiv/Harkiv, Chernigov/Chernihiv
    ("ts", "c"), ("tz", "c"),                        # Vinnytsia/Vinnitsa
)
KEY_LETTERS = str.maketrans({"w": "v", "x": "ks", "q": "k", "y": "i", "j": "i"})
KEY_RULES = [(re.compile(pattern, re.MULTILINE), replacement) for pattern, replacement in (
    (r"(.)\1+", r"\1"),                 # Odessa/Odesa, Kyiiv/Kyiv
    (r"^ie", "e"),                      # Yevpatoriya/Evpatoria, Yekaterinburg/Ekaterinburg
    (r"(?<=.)ie", "i"),                 # Kiev/Kyiv, Yenakiieve/Yenakievo
    (r"[oe]v$", "iv"),                  # Kharkov/Kharkiv, Lvov/Lviv (not Svatovo, Ivanovo)
    (r"[oe]vk(?=[aeiou]*$)", "ivk"),    # Orlovka/Orlivka
    (r"(?<=[sc]k)[aeiou]+$", "q"),      # Pokrovske/Pokrovskoye/-skyi/-skiy, but not Pokrovsk
    (r"(?<=.)[aeiou]+$", ""),           # Sumy/Sumi, Pokrovske/Pokrovskoye
)]


def phonetic_keys(normalized: list[str]) -> list[str]:
    joined = "\n".join(normalized)
    for old, new in KEY_REPLACEMENTS:
        joined = joined.replace(old, new)
    joined = joined.translate(KEY_LETTERS)
    for pattern, replacement in KEY_RULES:
        joined = pattern.sub(replacement, joined)
    return joined.split("\n")


@functools.lru_cache(maxsize=100_000)
def phonetic_key(normalized: str) -> str:
    """Key of an already normalised name: 'odessa' and 'odesa' -> 'odes'."""
    return phonetic_keys([normalized])[0]


# ---- place text as analysts paste it: qualifiers, facility words, "X, Y" --------------------

LEVEL_WORDS = {
    "place": ("city", "town", "village", "settlement", "urban type settlement", "smt", "selo",
              "city of", "town of", "village of", "settlement of"),
    "admin1": ("oblast", "obl", "region", "province", "krai", "kray", "republic", "okrug",
               "autonomous okrug", "oblisi", "voblasc", "region of", "oblast of", "province of",
               "autonomous republic of", "republic of"),
    "admin2": ("raion", "rayon", "district", "hromada", "municipality", "district of"),
}
FACILITY_WORDS = {
    "refinery": ("oil refinery", "refinery", "npz", "oil processing plant", "oil plant"),
    "oil_depot": ("oil depot", "fuel depot", "petroleum depot", "oil storage", "fuel storage",
                  "tank farm", "depot", "naftobaza", "neftebaza"),
    "gas_distribution_station": ("gas distribution station", "gas metering station",
                                 "metering station", "gas station", "compressor station", "gds",
                                 "grs"),
    "power_plant": ("thermal power plant", "nuclear power plant", "hydroelectric power plant",
                    "power plant", "power station", "tpp", "chp", "tets", "tes", "hpp", "npp"),
    "port": ("sea port", "seaport", "oil terminal", "terminal", "harbour", "harbor", "port"),
    "office": ("headquarters", "office", "hq"),
    "embassy": ("embassy", "consulate"),
    "any": ("facility", "infrastructure", "installation", "plant", "station", "site"),
}
NEAR_WORDS = ("outskirts of", "outskirts", "suburbs of", "suburbs", "vicinity of", "near",
              "around", "area of", "area")
FILLER_WORDS = {"the", "a", "an", "of", "oil", "gas", "fuel", "energy"}
SPLITTERS = re.compile(r" (in|near|at|outside) ", re.IGNORECASE)


def _phrase_pattern(phrases, template: str = r"\b(?:{})\b") -> re.Pattern:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(template.format("|".join(re.escape(p) for p in ordered)))


LEVEL_OF = {word: level for level, words in LEVEL_WORDS.items() for word in words}
LEADING = _phrase_pattern([w for w in LEVEL_OF if w.endswith(" of")], r"^({}) (?=\S)")
TRAILING = _phrase_pattern([w for w in LEVEL_OF if not w.endswith(" of")], r"(?<=\S) ({})$")
FACILITY_KIND = {phrase: kind for kind, phrases in FACILITY_WORDS.items() for phrase in phrases}
FACILITY_PATTERN = _phrase_pattern(FACILITY_KIND)
NEAR_PATTERN = _phrase_pattern(NEAR_WORDS)
ALL_LEVELS = ("admin2", "admin1", "place")


@dataclass(frozen=True)
class PlaceText:
    """A pasted place string taken apart. `name` is normalised, qualifiers removed."""

    name: str
    level: str = "any"                 # any | place | admin1 | admin2
    facility: str | None = None        # a site kind, "any" for a generic word, or None
    context: tuple[PlaceText, ...] = ()
    near: bool = False
    full: str = ""                     # the whole text normalised
    head: str = ""                     # the text before any ", Y" / "(Y)" / " in Y", normalised


def strip_level(name: str, levels=ALL_LEVELS) -> tuple[str, str]:
    """'odesa oblast' -> ('odesa', 'admin1'); 'kiev city' -> ('kiev', 'place')."""
    for pattern in (TRAILING, LEADING):
        found = pattern.search(name)
        if found and LEVEL_OF[found.group(1)] in levels:
            return (name[:found.start()] + name[found.end():]).strip(), LEVEL_OF[found.group(1)]
    return name, "any"


def _parse_part(text: str) -> PlaceText:
    full = normalize_name(text)
    name, facility = full, None
    found = FACILITY_PATTERN.search(name)
    if found:
        name, facility = FACILITY_PATTERN.sub(" ", name), FACILITY_KIND[found.group()]
    near = NEAR_PATTERN.search(name) is not None
    if near:
        name = NEAR_PATTERN.sub(" ", name)
    words = [w for w in name.split() if w not in FILLER_WORDS] if facility else name.split()
    name, level = strip_level(" ".join(words))
    return PlaceText(name, level, facility, (), near, full, full)


@functools.lru_cache(maxsize=50_000)
def parse_place(text: str) -> PlaceText:
    """'Orlivka (Odesa region)', 'Mykhailivka, Kherson', 'oil depot in Odesa region', ..."""
    text = "" if text is None else str(text)
    context = [c for c in re.findall(r"\(([^()]*)\)", text) if c.strip()]
    parts = re.split(r"[,;]", re.sub(r"\([^()]*\)", " ", text))
    main = parts[0].split("/")[0]
    context = [p for p in parts[1:] if p.strip()] + context
    head_words, *split = SPLITTERS.split(f" {main.strip()} ", maxsplit=1)
    near_word = bool(split) and split[0].lower() == "near" and bool(head_words.strip())
    if split and head_words.strip():
        main, context = head_words, [split[1], *context]
    head = _parse_part(main)
    return PlaceText(head.name, head.level, head.facility,
                     tuple(_parse_part(c) for c in context), head.near or near_word,
                     normalize_name(text) if context else head.full, head.full)
