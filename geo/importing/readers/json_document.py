"""JSON text -> its document, for every reader of JSON files (records, GeoJSON, map tools).

Python's parser recurses once a nesting level, so a file nested some thousand levels deep
(hostile, or broken) would end in a RecursionError: it is the project's error instead."""

from __future__ import annotations

import json

from geo.allocation import paused_gc
from geo.errors import InputFileError


def parse_json(data: bytes, name: str):
    """The document; UnicodeDecodeError and json.JSONDecodeError are the caller's to word."""
    try:
        with paused_gc():
            return json.loads(data.decode("utf-8-sig"))
    except RecursionError as error:
        raise InputFileError(
            f"'{name}' nests its JSON too deep to read (over about a thousand levels); no "
            "export of incidents or map features nests so deep: check the file, or export it "
            "again") from error
