"""Month names of Ukrainian and Russian dates ('14 червня 2025', '14 июня 2025 г.',
'червень 2025') as the English names the date reader knows, and the year's abbreviation
after them ('р.', 'г.', 'року', 'года') left out."""

from __future__ import annotations

import re

import pandas as pd

ENGLISH = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
# per month: Ukrainian genitive and nominative, Russian genitive and nominative
CYRILLIC = (
    ("січня", "січень", "января", "январь"), ("лютого", "лютий", "февраля", "февраль"),
    ("березня", "березень", "марта", "март"), ("квітня", "квітень", "апреля", "апрель"),
    ("травня", "травень", "мая", "май"), ("червня", "червень", "июня", "июнь"),
    ("липня", "липень", "июля", "июль"), ("серпня", "серпень", "августа", "август"),
    ("вересня", "вересень", "сентября", "сентябрь"),
    ("жовтня", "жовтень", "октября", "октябрь"),
    ("листопада", "листопад", "ноября", "ноябрь"), ("грудня", "грудень", "декабря", "декабрь"),
)
WORDS = {word: english for english, words in zip(ENGLISH, CYRILLIC, strict=True)
         for word in words}
MONTH = re.compile(r"[а-яіїєґё]+")
YEAR_WORD = re.compile(r"(?<=\d)\s*(?:р\.|г\.|року|рік|года|год)(?=\s|$|,)")


def in_english(text: pd.Series) -> pd.Series:
    """Lower-case dates with their Cyrillic month names in English."""
    cyrillic = text.str.contains(MONTH)
    if not cyrillic.any():
        return text
    written = text[cyrillic].str.replace(YEAR_WORD, "", regex=True).str.replace(
        MONTH, lambda found: WORDS.get(found.group(0), found.group(0)), regex=True)
    return text.mask(cyrillic, written)
