"""Russian adjective endings read as Ukrainian ones. A village is often written in its
Russian form ('Polevoe', Полевое, for Polove, Польове; 'Sizoe' for Syze; 'Belaya Kamenka' for
Bila Kam'ianka; 'Chervonaya Zarya' for Chervona Zoria). GeoNames gives most villages their
Russian name too, but not all: a name found nowhere is tried again with its endings made
Ukrainian (geocoder.py), and what that finds is never `exact`.
"""

from __future__ import annotations

import itertools
import re

# normalised words (geo.geocoding.normalize): lower case latin
ENDINGS = (
    (re.compile(r"(?<=\w{2})evo[iy]?e$"), ("ove", "eve")),   # Полевое/Польове, Вишневое/Вишневе
    (re.compile(r"(?<=\w{2})o[iy]?e$"), ("e",)),             # Сизое/Сизе, Садовое/Садове
    (re.compile(r"(?<=\w{2})[ai]ya$"), ("a",)),              # Белая/Біла, Красная/Красна
)
MAX_READINGS = 4


def ukrainian_readings(name: str) -> list[str]:
    """'polevoe' -> ['polove', 'poleve']; 'belaya kamenka' -> ['bela kamenka']; [] when no
    word ends as a Russian adjective does."""
    words = name.split()
    forms = [_word_forms(word) for word in words]
    if all(options == [word] for options, word in zip(forms, words, strict=True)):
        return []
    readings = (" ".join(words) for words in itertools.product(*forms))
    return [r for r in itertools.islice(readings, MAX_READINGS + 1) if r != name][:MAX_READINGS]


def _word_forms(word: str) -> list[str]:
    for pattern, endings in ENDINGS:
        if pattern.search(word):
            return [pattern.sub(ending, word) for ending in endings]
    return [word]
