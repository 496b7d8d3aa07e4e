"""JSON text -> its document, for every reader of JSON files (records, GeoJSON, map tools).

Python's parser recurses once a nesting level, so a file nested some thousand levels deep
(hostile, or broken) would end in a RecursionError: it is the project's error instead. A
number of more digits than Python turns into an int is kept as the text written. A key
given twice in one object ('"description": "a", "description": "b"') refuses the file by
name: Python's parser and GDAL keep the last value, and the first was lost unsaid."""

from __future__ import annotations

import json
import sys

from geo.allocation import paused_gc
from geo.errors import InputFileError

LONGEST_INT = sys.get_int_max_str_digits() or sys.maxsize
SHOWN_CHARS = 60  # of a repeated key's values in the message


class RepeatedKey(Exception):
    """A key given twice in one JSON object (not a ValueError: `loads` callers read a
    ValueError as text that is no JSON)."""

    def __init__(self, key: str, first, second):
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


def unique_keys(pairs: list) -> dict:
    """json's object_pairs_hook: the object, or RepeatedKey for a key given twice."""
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: dict = {}
        for key, value in pairs:
            if key in seen:
                raise RepeatedKey(key, seen[key], value)
            seen[key] = value
    return found


def _cut(value) -> str:
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def repeated_words(repeated: RepeatedKey) -> str:
    """What a key given twice is, and what to do: 'gives the key ... twice ...'."""
    return (f"gives the key '{_cut(repeated.key)[1:-1]}' twice in one object "
            f"({_cut(repeated.first)}, then {_cut(repeated.second)}): a reader keeps only one "
            "of them; remove or rename the other and import the file again")


def parse_json(data: bytes, name: str):
    """The document; UnicodeDecodeError and json.JSONDecodeError are the caller's to word."""
    text = data.decode("utf-8-sig")
    try:
        with paused_gc():
            return loads(text, unique_keys)
    except RepeatedKey as repeated:
        raise InputFileError(f"'{name}' {repeated_words(repeated)}") from None
    except RecursionError as error:
        raise InputFileError(
            f"'{name}' nests its JSON too deep to read (over about a thousand levels); no "
            "export of incidents or map features nests so deep: check the file, or export it "
            "again") from error


def loads(text: str, pairs_hook=None):
    """json.loads, with an integer too long for Python's int (over 4,300 digits: a
    ValueError) kept as the text written; a file holding none is parsed at full speed."""
    try:
        return json.loads(text, object_pairs_hook=pairs_hook)
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        if "integer string conversion" not in str(error):
            raise
        return json.loads(text, parse_int=_integer, object_pairs_hook=pairs_hook)


def _integer(text: str) -> int | str:
    return int(text) if len(text) <= LONGEST_INT else text
