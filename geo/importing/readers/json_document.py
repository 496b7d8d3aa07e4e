"""JSON text -> its document, for every reader of JSON files (records, GeoJSON, map tools).

Python's parser recurses once a nesting level, so a file nested some thousand levels deep
(hostile, or broken) would end in a RecursionError: it is the project's error instead. A
number of more digits than Python turns into an int is kept as the text written."""

from __future__ import annotations

import json
import sys

from geo.allocation import paused_gc
from geo.errors import InputFileError

LONGEST_INT = sys.get_int_max_str_digits() or sys.maxsize


def parse_json(data: bytes, name: str):
    """The document; UnicodeDecodeError and json.JSONDecodeError are the caller's to word."""
    text = data.decode("utf-8-sig")
    try:
        with paused_gc():
            return loads(text)
    except RecursionError as error:
        raise InputFileError(
            f"'{name}' nests its JSON too deep to read (over about a thousand levels); no "
            "export of incidents or map features nests so deep: check the file, or export it "
            "again") from error


def loads(text: str):
    """json.loads, with an integer too long for Python's int (over 4,300 digits: a
    ValueError) kept as the text written; a file holding none is parsed at full speed."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError as error:
        if "integer string conversion" not in str(error):
            raise
        return json.loads(text, parse_int=_integer)


def _integer(text: str) -> int | str:
    return int(text) if len(text) <= LONGEST_INT else text
