"""Cyrillic to Latin in the schemes place names are written in, so a place matches however
its Ukrainian or Russian name was romanised.

- `kmu`: Ukraine's national system (KMU 2010): г h, и y, і i, й i, є ie, ю iu, я ia inside a
  word; ye yi y yu ya at its start ("Запоріжжя" -> "Zaporizhzhia").
- `bgn`: the Russian BGN/PCGN system: е and ё are ye/yo at the start and after a vowel or a
  soft/hard sign, й and ы y, э e, х kh ("Петровское" -> "Petrovskoye").
- `loose`: the diacritic-stripped forms of the scholarly (ISO 9, Czech, Polish) systems that
  ad-hoc spellings follow: ж z, ш s, ч c, х ch, ц c, й j, я ja, ю ju ("Запоріжжя" ->
  "Zaporizzja", "Потьомкине" -> "Potomkyne").

Every function takes many names joined one per line, because the gazetteer build folds a
million names at once: each rule then runs once over one string.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

RUSSIAN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", [
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
    "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"], strict=True))
UKRAINIAN = {**RUSSIAN, "г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i",
             "й": "i", "ю": "iu", "я": "ia", "щ": "shch"}
UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
BGN_IOTATED = {"е": "ye", "ё": "yo"}
LOOSE = {**RUSSIAN, "г": "h", "ж": "z", "ш": "s", "ч": "c", "щ": "sc", "х": "ch", "ц": "c",
         "й": "j", "я": "ja", "ю": "ju", "є": "je", "ї": "ji", "і": "i", "ґ": "g", "и": "y",
         "ы": "y", "э": "e", "ё": "jo"}
# Letters NFKD does not split into base + mark (unidecode would turn Azerbaijani ə into '@'),
# and Belarusian ў.
LATIN_EXTRA = {"ə": "e", "Ə": "E", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d",
               "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h", "ў": "u"}
UKRAINIAN_LETTERS = re.compile("[ґєії]", re.IGNORECASE)
CYRILLIC = re.compile("[\u0400-\u04ff]")
UKRAINIAN_WORD_START = re.compile(r"(?<![\w'’ʼ])[єїйюя]")
BGN_YE = re.compile(r"(?:(?<![\w'’ʼ])|(?<=[аеёиоуыэюяъьaeiou]))[её]")
COMBINING_MARKS = re.compile("[\u0300-\u036f]")


def _table(mapping: dict[str, str]) -> dict[int, str]:
    table = {ord(k): v for k, v in mapping.items()}
    table.update({ord(k.upper()): v.capitalize() for k, v in mapping.items()})
    table.update({ord(k): v for k, v in LATIN_EXTRA.items()})
    return table


RUSSIAN_TABLE, UKRAINIAN_TABLE, LOOSE_TABLE = _table(RUSSIAN), _table(UKRAINIAN), _table(LOOSE)
SCHEMES = ("kmu", "bgn", "loose")


def to_ascii(blob: str) -> str:
    """Latin letters without marks; what is left outside ASCII goes through unidecode."""
    if not blob.isascii():
        blob = COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", blob.translate(
            {ord(k): v for k, v in LATIN_EXTRA.items()})))
    if not blob.isascii():
        blob = "\n".join(p if p.isascii() else unidecode(p) for p in blob.split("\n"))
    return blob


def romanise(blob: str, scheme: str) -> str:
    """Names (one per line) in `scheme` (see SCHEMES), lower-cased, other text kept."""
    blob = unicodedata.normalize("NFKC", blob).lower()
    if scheme == "kmu":
        blob = UKRAINIAN_WORD_START.sub(lambda m: UKRAINIAN_INITIAL[m.group()], blob)
        blob = blob.translate(UKRAINIAN_TABLE)
    elif scheme == "bgn":
        blob = BGN_YE.sub(lambda m: BGN_IOTATED[m.group()], blob).translate(RUSSIAN_TABLE)
    elif scheme == "loose":
        blob = blob.translate(LOOSE_TABLE)
    else:  # "russian": letter by letter, the reading of a name in normalisation
        blob = blob.translate(RUSSIAN_TABLE)
    return to_ascii(blob)


def transliterate_cyrillic(text: str) -> str:
    """One reading: KMU 2010 when the text has і ї є ґ (only Ukrainian has them), else
    Russian letter by letter ('Київ' -> 'kyiv', 'Горловка' -> 'gorlovka')."""
    return romanise(text, "kmu" if UKRAINIAN_LETTERS.search(text) else "russian")


def romanisations(names: list[str]) -> list[list[str]]:
    """Per name: its romanisations in every scheme (distinct; [] for a name with no Cyrillic)."""
    cyrillic = [i for i, name in enumerate(names) if CYRILLIC.search(name)]
    found: list[list[str]] = [[] for _ in names]
    if not cyrillic:
        return found
    blob = "\n".join(names[i].replace("\n", " ") for i in cyrillic)
    for scheme in SCHEMES:
        for i, latin in zip(cyrillic, romanise(blob, scheme).split("\n"), strict=True):
            if latin not in found[i]:
                found[i].append(latin)
    return found
