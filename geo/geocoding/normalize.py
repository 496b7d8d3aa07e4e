"""Place-name normalisation: one spelling-blind form for names as news writes them.

`normalize_name` folds case, diacritics, apostrophes, hyphens and Cyrillic script
("Одеса", "Odes'ka" -> "odesa", "odeska"). `phonetic_key` folds the romanisation variants of
Ukrainian and Russian names ("Odessa"/"Odesa", "Kharkov"/"Kharkiv", "Orlovka"/"Orlivka",
"Kiev"/"Kyiv") so that one key lookup finds them all. The list forms exist because the
gazetteer build folds a million names at once by running each rule over one joined string.
Pasted text is taken apart in geo.geocoding.place_text.
"""

from __future__ import annotations

import functools
import re
import zlib

from geo.geocoding.transliterate import UKRAINIAN_LETTERS, romanise

APOSTROPHES = re.compile("['’ʼ`´ʹʻ‘]")
LITERAL_ESCAPES = re.compile(r"\\[rnt]")   # "\r\nZhytomyr" pasted from JSON
NOT_ALNUM = re.compile(r"[^a-z0-9\n]+")
SAINT = re.compile(r"\b(?:st|ste|sankt)\b(?= \w)")


def normalize_many(texts: list[str]) -> list[str]:
    """normalize_name of many names at once: each rule runs once over all of them."""
    if not texts:
        return []
    blob = "\n".join(map(str, texts))
    if blob.count("\n") != len(texts) - 1:
        blob = "\n".join(str(t).replace("\n", " ") for t in texts)
    blob = LITERAL_ESCAPES.sub(" ", APOSTROPHES.sub("", blob))
    if not blob.isascii():
        parts = blob.split("\n")
        rows: dict[bool, list[int]] = {True: [], False: []}
        for i, part in enumerate(parts):
            if not part.isascii():
                rows[bool(UKRAINIAN_LETTERS.search(part))].append(i)
        for ukrainian, where in rows.items():
            if not where:
                continue
            folded = romanise("\n".join(parts[i] for i in where),
                              "kmu" if ukrainian else "russian").split("\n")
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
    ("tsj", "ch"), ("zj", "zh"),                     # Dutch: Lysytsjansk, Dniprodzerzjynsk
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
    (r"(?<=[^aeiou\n])iu", "u"),         # Izium/Izyum/Izum, Liubotyn/Lyubotyn/Lubotyn
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


def name_hash(normalized: str) -> int:
    """A CRC of an exact normalised spelling: tells 'odesa' from its folded variants."""
    return zlib.crc32(normalized.encode())
