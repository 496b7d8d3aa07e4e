"""Hemispheres written as Ukrainian and Russian words, as maps and Wikipedia of the region
give a point: '49.068 пн. ш.', '33.42 сх. д.' (північної широти, східної довготи),
'50°27′ с.ш.', '30°31′ в.д.' (северной широты, восточной долготы), written out or cut.
Each becomes its letter (N, S, E, W), for the readers of degrees that know the letters.
"""

from __future__ import annotations

import re

import pandas as pd

_DOT = r"\.?\s*"
# (first word, its cut forms), (second word, its cut forms) -> the hemisphere's letter
_WORDS = (
    (r"(?:пн|півн|північної|с|сев|северной)", r"(?:ш|шир|широти|широты)", "N"),
    (r"(?:пд|півд|південної|ю|юж|южной)", r"(?:ш|шир|широти|широты)", "S"),
    (r"(?:сх|схід|східної|в|вост|восточной)", r"(?:д|довг|довготи|долг|долготы)", "E"),
    (r"(?:зх|захід|західної|з|зап|западной)", r"(?:д|довг|довготи|долг|долготы)", "W"),
)
_PATTERNS = tuple((re.compile(rf"(?<![^\W\d_]){first}{_DOT}{second}(?![^\W\d_])\.?",
                              re.IGNORECASE), letter)
                  for first, second, letter in _WORDS)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def with_letters(text: str) -> str:
    """The text with each hemisphere in words as its letter: '49.068 пн. ш.' -> '49.068 N'."""
    if not CYRILLIC.search(text):
        return text
    for pattern, letter in _PATTERNS:
        text = pattern.sub(letter, text)
    return text.strip()


def letters_of(texts: pd.Series) -> pd.Series:
    return pd.Series([with_letters(t) for t in texts.to_numpy(dtype=object)],
                     index=texts.index, dtype=object)
