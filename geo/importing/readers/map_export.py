"""The JSON document of another map tool's export (uMap, kepler.gl), or an error naming
the tool to export from again."""

from __future__ import annotations

import json

from geo.errors import InputFileError
from geo.importing.readers.json_document import parse_json


def map_document(data: bytes, name: str, tool: str) -> dict:
    try:
        document = parse_json(data, name)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputFileError(f"'{name}' looks like a {tool} map but is not valid UTF-8 JSON "
                             f"({error}); export the map from {tool} again") from error
    if not isinstance(document, dict):
        raise InputFileError(f"'{name}' looks like a {tool} map but holds a JSON "
                             f"{type(document).__name__}; export the map from {tool} again")
    return document
