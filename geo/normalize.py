"""Place-name normalisation: one spelling-blind form for names as news writes them.

`normalize_name` folds case, diacritics, apostrophes, hyphens and Cyrillic script
("Одеса", "Odes'ka" -> "odesa", "odeska"). `phonetic_key` folds the romanisation variants of
Ukrainian and Russian names ("Odessa"/"Odesa", "Kharkov"/"Kharkiv", "Orlovka"/"Orlivka",
"Kiev"/"Kyiv") so that one dict lookup matches them. Both take lists too, because the
gazetteer build folds a million names at once by running each rule over one joined string.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

RUSSIAN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", [
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
    "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))
# Ukrainian national transliteration (2010): г is h, и is y, and є ї й ю я are written
# ie i i iu ia inside a word, ye yi y yu ya at its start.
UKRAINIAN = {**RUSSIAN, "г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i",
             "й": "i", "ю": "iu", "я": "ia", "щ": "shch"}
UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
UKRAINIAN_LETTERS = re.compile("[ґєії]", re.IGNORECASE)
CYRILLIC = re.compile("[\u0400-\u04ff]")
UKRAINIAN_WORD_START = re.compile(r"(?<![\w'’ʼ])[єїйюя]")
APOSTROPHES = re.compile("['’ʼ`´ʹʻ‘]")
NOT_ALNUM = re.compile(r"[^a-z0-9\n]+")
SAINT = re.compile(r"\b(?:st|ste|sankt|san)\b(?= \w)")


def _table(mapping: dict[str, str]) -> dict[int, str]:
    table = {ord(k): v for k, v in mapping.items()}
    table.update({ord(k.upper()): v.capitalize() for k, v in mapping.items()})
    table.update({ord("ў"): "u", ord("Ў"): "U", ord("ə"): "e", ord("Ə"): "E"})
    return table


RUSSIAN_TABLE = _table(RUSSIAN)
UKRAINIAN_TABLE = _table(UKRAINIAN)


def transliterate_cyrillic(text: str) -> str:
    """Romanise Cyrillic: Ukrainian rules when the text has і ї є ґ, else Russian."""
    if not CYRILLIC.search(text):
        return text.translate(RUSSIAN_TABLE)  # still maps Azerbaijani ə, which unidecode spoils
    if UKRAINIAN_LETTERS.search(text):
        text = UKRAINIAN_WORD_START.sub(lambda m: UKRAINIAN_INITIAL[m.group()], text.lower())
        return text.translate(UKRAINIAN_TABLE)
    return text.translate(RUSSIAN_TABLE)


def _fold_one(text: str) -> str:
    text = APOSTROPHES.sub("", unicodedata.normalize("NFKC", text))
    if not text.isascii():
        text = unidecode(transliterate_cyrillic(text))
    return text.replace("\n", " ").lower()


def normalize_many(texts: list[str]) -> list[str]:
    folded = "\n".join(_fold_one(t) for t in texts)
    folded = SAINT.sub("saint", NOT_ALNUM.sub(" ", folded))
    return [part.strip() for part in folded.split("\n")]


def normalize_name(text: str) -> str:
    """'Odes’ka Oblast’' -> 'odeska oblast'; 'Київ' -> 'kyiv'; 'Kremenchuk-2' -> 'kremenchuk 2'."""
    return normalize_many([text])[0]


# Ordered; each rule runs on whole lines of already normalised names.
KEY_RULES = [(re.compile(pattern, re.MULTILINE), replacement) for pattern, replacement in (
    (r" ", ""),
    (r"szcz|shch|sch", "sh"),          # Shchastia, Schtschors, Szczurowice
    (r"tsch|tch|cz", "ch"),             # Tschernihiw, Krzemienczuk
    (r"sz", "sh"),
    (r"(?:zh)+", "zh"),                 # Zaporizhzhia
    (r"kh|gh|g", "h"),                  # Kharkiv/Harkiv, Chernigov/Chernihiv, Lugansk/Luhansk
    (r"w", "v"),
    (r"x", "ks"),
    (r"q", "k"),
    (r"ts|tz", "c"),                    # Vinnytsia/Vinnitsa, Cherkassy
    (r"[yj]", "i"),                     # Kyiv/Kijiv, Mykhailivka/Mikhaylivka
    (r"(.)\1+", r"\1"),                 # Odessa/Odesa
    (r"^ie", "e"),                      # Yevpatoriya/Evpatoria, Yekaterinburg/Ekaterinburg
    (r"(?<=.)ie", "i"),                 # Kiev/Kyiv, Yenakiieve/Yenakievo
    (r"(?<=.)[aeiou]+$", ""),           # Sumy/Sumi, Pokrovske/Pokrovskoye
    (r"(?:o|e)v$", "iv"),               # Kharkov/Kharkiv, Lvov/Lviv
    (r"(?:o|e)vk$", "ivk"),             # Orlovka/Orlivka
)]


def phonetic_keys(normalized: list[str]) -> list[str]:
    joined = "\n".join(normalized)
    for pattern, replacement in KEY_RULES:
        joined = pattern.sub(replacement, joined)
    return joined.split("\n")


def phonetic_key(normalized: str) -> str:
    """Key of an already normalised name: 'odessa' and 'odesa' -> 'odes'."""
    return phonetic_keys([normalized])[0]
