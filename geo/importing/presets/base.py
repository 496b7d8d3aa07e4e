"""The Preset record and helpers shared by the presets.

A preset names, for each import field, the headers that hold it in the source's exports
(`mapping`: field -> header names, first found wins), how to recognise those exports
(`signature`: sets of headers, any one of which must all be present), the fields only it
reads (`extra_fields`) and a `transform` from its codes to this project's vocabulary.
Transforms take and return a frame of text in the import fields (geo.importing.columns).

`identity`: the source gives every row an identifier (ACLED event_id_cnty, UCDP id, ...),
which the transform writes as `incident_id` with the source's prefix (`id_prefix`): rows
are matched on it first, so a newer export updates what an older one stored.
`lists_missing`: the source is a living dataset whose events can be deleted, so stored
events of its prefix that a newer export no longer holds are listed in the preview.
`day_first`: the order of the source's numeric dates when the file shows no evidence
either way (None: the user's setting).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.visible import HIDDEN

Transform = Callable[[pd.DataFrame], pd.DataFrame]
DBF_NAME_LENGTH = 10  # a shapefile's field names are cut to this length


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    help: str
    mapping: dict[str, tuple[str, ...]] = field(default_factory=dict)
    signature: tuple[frozenset[str], ...] = ()
    extra_fields: dict[str, str] = field(default_factory=dict)  # preset-only field -> label
    transform: Transform | None = None
    identity: bool = False
    id_prefix: str = ""
    lists_missing: bool = False
    day_first: bool | None = None
    # fields the preset sets on every row whatever the file says (a FIRMS detection is a
    # thermal detection): the Import page shows them instead of a default to choose
    fixed: dict[str, str] = field(default_factory=dict)
    # the source's fixed column layouts, each every column in order: a file published
    # without its header row (UCDP's candidate releases, GDELT's event files) is read with
    # the names of the layout of its width
    layouts: tuple[tuple[str, ...], ...] = ()

    def matches(self, headers: set[str]) -> int:
        """How many headers of the best matching signature the file has (0: none fits)."""
        return max((len(s) for s in self.signature
                    if all(not headers.isdisjoint(header_keys(name)) for name in s)),
                   default=0)


# what geo.visible marks as hidden, and the joiners and soft hyphen it leaves as they are
SHOWS_NOTHING = re.compile(f"{HIDDEN.pattern}|[\u00ad\u200c\u200d]")


def normalise_header(name: str) -> str:
    """'Event Date' -> 'event_date', 'verifiedDate' -> 'verified_date' (a web map's camel
    case), 'Дата події' -> 'дата_події': letters of any script kept (a Cyrillic header is
    not an empty name, 'ё' read as 'е'), everything else one '_'. A character that shows
    nothing (a zero-width space or joiner, a soft hyphen, a BOM, a bidi mark: copied from a
    web page with the header) is no letter and no gap: 'da\u200bte' is 'date', which was
    'da_te', no field's name, and the file was refused for having no date."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", SHOWS_NOTHING.sub("", str(name)).strip())
    # Russian writes 'ё' or 'е' as it likes ('Населённый пункт'): one key for both
    return re.sub(r"[\W_]+", "_", words.casefold().replace("ё", "е")).strip("_")


def header_keys(name: str) -> tuple[str, ...]:
    """The normalised headers that hold the column `name`: itself, and for a longer name
    its first 10 characters, as a shapefile's .dbf cuts it ('geo_precision' -> 'geo_precis',
    'sub_event_type' -> 'sub_event_')."""
    if len(name) <= DBF_NAME_LENGTH:
        return (name,)
    return name, normalise_header(name[:DBF_NAME_LENGTH])


def slug(values: pd.Series) -> pd.Series:
    return values.str.strip().str.lower().str.replace(r"[^0-9a-z]+", "_", regex=True) \
        .str.strip("_")


def prefixed(prefix: str, ids: pd.Series) -> pd.Series:
    """The source's id with its prefix ('acled-UKR123'), '' where the row has none."""
    ids = ids.str.strip()
    return (prefix + ids).where(ids != "", "")


def coded(values: pd.Series, codes: dict[str, str]) -> pd.Series:
    """Codes ('1', '1.0', ' 2 ') to words; unknown codes kept as written (then rejected by
    the vocabulary check with the value named)."""
    cleaned = values.str.strip().str.replace(r"\.0+$", "", regex=True)
    found, distinct = pd.factorize(cleaned.to_numpy(dtype=object))
    words = np.array([codes.get(v, v) for v in distinct], dtype=object)
    return pd.Series(words[found] if len(found) else words[:0], index=values.index,
                     dtype=object)


def joined(*parts: pd.Series, separator: str = "; ") -> pd.Series:
    """Non-empty parts joined per row."""
    rows = zip(*(p.to_numpy(dtype=object) for p in parts), strict=True)
    return pd.Series([separator.join(v for v in row if v) for row in rows],
                     index=parts[0].index, dtype=object)
