"""JSON text -> its document, for every reader of JSON files (records, GeoJSON, map tools).

Python's parser recurses once a nesting level, so a file nested some thousand levels deep
(hostile, or broken) would end in a RecursionError: it is the project's error instead. A
number of more digits than Python turns into an int, one too large for a float (1e309) and
the words NaN and Infinity (no JSON, which Python's parser takes) are kept as written. A key
given twice in one object ('"description": "a", "description": "b"') refuses the file by
name: Python's parser and GDAL keep the last value, and the first was lost unsaid."""

from __future__ import annotations

import json
import math
import re
import sys

from geo.allocation import paused_gc
from geo.errors import InputFileError

LONGEST_INT = sys.get_int_max_str_digits() or sys.maxsize
# an exponent of three digits or more: a float past 1.8e308 becomes inf
HUGE_EXPONENT = re.compile(r"\d[eE][+]?0*[1-9]\d{2}")
SHOWN_CHARS = 60  # of a repeated key's values in the message
TOO_DEEP = ("nests its JSON too deep to read (over about a thousand levels); no export of "
            "incidents or map features nests so deep: check the file, or export it again")


class Written(str):
    """A number kept as the text written (its repr too: a GeoJSON reader quotes a string
    among the coordinates, which a number is not)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


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
        raise InputFileError(f"'{name}' {TOO_DEEP}") from error


def loads(text: str, pairs_hook=None):
    """json.loads, with what no number of the document can hold kept as the text written:
    an integer too long for Python's int (over 4,300 digits: a ValueError), a number too
    large for a float ('1e309' was read as inf and named 'inf'), and the words NaN and
    Infinity, which are no JSON but Python's parser takes (a NaN latitude was read as an
    empty cell, and named 'empty'). A file holding none is parsed at full speed."""
    floats = float if HUGE_EXPONENT.search(text) is None else _float
    try:
        return json.loads(text, object_pairs_hook=pairs_hook, parse_constant=Written,
                          parse_float=floats)
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        if "integer string conversion" not in str(error):
            raise
        return json.loads(text, parse_int=_integer, object_pairs_hook=pairs_hook,
                          parse_constant=Written, parse_float=floats)


def _integer(text: str) -> int | str:
    return int(text) if len(text) <= LONGEST_INT else Written(text)


def _float(text: str) -> float | str:
    value = float(text)
    return value if math.isfinite(value) else Written(text)
