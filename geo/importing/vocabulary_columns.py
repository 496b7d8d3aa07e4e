"""A column matched to a field with a fixed vocabulary by a generic name only ('status',
'type'), whose cells name none of its words, is not that field.

A kepler.gl map of tweets keeps each tweet's text under `status` (Twitter's word for a
post): read as the claim status, every row was refused ('claim_status "VIP's clients..."
is not known'), and nothing could be imported. When fewer than half of the filled cells
(of the first SAMPLE) are words of the field's vocabulary, the column is left unread (the
preview lists it with the other unread columns, to map by hand if it is that field after
all). A column named for the field itself, in any language ('claim_status', 'Kategorie'),
is always read.
"""

from __future__ import annotations

import pandas as pd

from geo.importing.presets.base import normalise_header
from geo.importing.rows import vocabulary_word

SAMPLE = 200
# names that call many things so: a post's status, a geometry's or a feature's type
GENERIC_NAMES = {"claim_status": frozenset({"status", "statut", "статус"}),
                 "category": frozenset({"type", "typ", "тип", "art"})}


def _names_words(name: str, cells: pd.Series) -> bool:
    cells = cells.iloc[:SAMPLE]
    cells = cells[cells.str.strip() != ""]
    if cells.empty:
        return True
    counts = cells.value_counts()
    known = sum(n for value, n in counts.items() if vocabulary_word(name, value))
    return known * 2 >= len(cells)


def without_prose_vocabularies(mapping: dict[str, str | None], frame: pd.DataFrame,
                               ) -> dict[str, str | None]:
    """The mapping without the vocabulary fields whose generically named column holds no
    words of their vocabulary."""
    out = dict(mapping)
    for name, generic in GENERIC_NAMES.items():
        column = out.get(name)
        if column is None or column not in frame or normalise_header(column) not in generic:
            continue
        if not _names_words(name, frame[column]):
            out[name] = None
    return out


# names a map gives its features' labels: a place's name, or a report's headline
LABEL_NAMES = frozenset({"name", "title", "назва"})
HEADLINE_WORDS = 4


def _headline(text: str) -> bool:
    """'Explosions reported in Odesa': a sentence's words, some in lower case; not
    'Kyiv Thermal Power Plant No. 5' (a name, capitalised) nor 'Depot fire' (short)."""
    words = text.split()
    return len(words) >= HEADLINE_WORDS and sum(w[:1].islower() for w in words) >= 2


def without_headline_places(mapping: dict[str, str | None], frame: pd.DataFrame,
                            ) -> dict[str, str | None]:
    """A label column read as the place ('name', as Liveuamap's and many web maps' JSON
    has it) whose cells are mostly headlines is the description, when the rows have their
    own coordinates and no description column: 'Explosions reported in Odesa' was stored
    as the place's name."""
    column = mapping.get("place")
    if (column is None or column not in frame or mapping.get("description")
            or normalise_header(column) not in LABEL_NAMES
            or not (mapping.get("latitude") and mapping.get("longitude"))):
        return mapping
    cells = frame[column].iloc[:SAMPLE]
    cells = cells[cells.str.strip() != ""]
    if cells.empty or sum(map(_headline, cells)) * 2 < len(cells):
        return mapping
    return {**mapping, "place": None, "description": column}
