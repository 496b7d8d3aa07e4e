"""JSON Lines (NDJSON): one JSON object a line, as scrapers and monitors archive events
(a Liveuamap/Telegram monitor's `historical_dataset.jsonl`), BigQuery exports them
(NEWLINE_DELIMITED_JSON) and GeoJSON Text Sequences (RFC 8142, `.geojsons`, each Feature on
a line after an RS character) carry features. Parsed as one document, such a file was
refused as 'not valid JSON: Extra data at line 2'.

The lines become the document they stand for: a FeatureCollection when every object is a
GeoJSON Feature, else a list of records, read as those are. A line that is not a JSON
object refuses the file with its number: leaving it out would lose an event unsaid. So does
a line giving a key twice in one object (geo.importing.readers.json_document): one of its
values was lost unsaid.
"""

from __future__ import annotations

import json

from geo.errors import InputFileError
from geo.importing.readers.json_document import (
    TOO_DEEP,
    RepeatedKey,
    loads,
    repeated_words,
    unique_keys,
)

RS = b"\x1e"  # the record separator a GeoJSON text sequence puts before each feature
BLANK = b" \t\r\n" + RS


class _TooDeep:
    """A line nested past reading (it may be an object: it is not named as none)."""


def _line(raw: bytes):
    """The line's JSON value, None when it is none, _TooDeep when nested past reading;
    RepeatedKey for a key given twice."""
    try:
        return loads(raw.decode("utf-8-sig"), unique_keys)
    except (UnicodeDecodeError, ValueError):
        return None
    except RecursionError:
        return _TooDeep


def is_json_lines(data: bytes) -> bool:
    """Whether the first line is a whole JSON object and more text follows it (a JSON
    document written over several lines starts with a line that is not one)."""
    first, _, rest = data.lstrip(BLANK).partition(b"\n")
    first = first.strip(BLANK)
    if not (first.startswith(b"{") and first.endswith(b"}") and rest.strip(BLANK)):
        return False
    try:
        return isinstance(_line(first), dict)
    except RepeatedKey:  # an object still: as_document names the key
        return True


def as_document(data: bytes, name: str) -> tuple[bytes, str]:
    """(the JSON document the lines stand for, a note saying how it was read)."""
    objects = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.strip(BLANK)
        if not raw:
            continue
        try:
            value = _line(raw)
        except RepeatedKey as repeated:
            raise InputFileError(f"'{name}' line {number:,} {repeated_words(repeated)}") from None
        if value is _TooDeep:
            raise InputFileError(f"'{name}' line {number:,} {TOO_DEEP}")
        if not isinstance(value, dict):
            shown = raw[:60].decode("utf-8", "replace")
            raise InputFileError(
                f"'{name}' holds one JSON object a line (JSON Lines), but line {number:,} "
                f"is not one ('{shown}'): correct or remove that line and import it again")
        objects.append(value)
    features = all(o.get("type") == "Feature" for o in objects)
    document = {"type": "FeatureCollection", "features": objects} if features else objects
    unit = "GeoJSON feature" if features else "record"
    return (json.dumps(document, ensure_ascii=False).encode("utf-8"),
            f"The file holds one JSON object a line (JSON Lines): its {len(objects):,} "
            f"lines were read as {unit}s")
