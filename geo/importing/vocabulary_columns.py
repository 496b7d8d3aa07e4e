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
