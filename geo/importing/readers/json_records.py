"""JSON record lists -> text cells: a list of objects, or an object holding one under a
known key (ACLED's API answers `data`, UCDP's `Result`, TimeMap's `events`, ...).

Scalars become text; nested lists (TimeMap's sources and filters) are kept as JSON text for
the preset to read, nested objects become a column per key (geo.importing.readers.nested).
A TimeMap domain export that ships its sources beside the events (`sources`: id -> paths)
gets each event's source ids replaced by the sources themselves, so nothing depends on a
second file.
"""

from __future__ import annotations

import json

import numpy as np

from geo.errors import InputFileError
from geo.importing.readers.json_document import parse_json
from geo.importing.readers.nested import spread_objects
from geo.importing.readers.table import RawTable, text_frame

RECORD_KEYS = ("data", "events", "Result", "result", "results", "records", "items", "rows")


def _records(document, name: str) -> tuple[list, str]:
    if isinstance(document, list):
        return document, ""
    if isinstance(document, dict):
        for key in (*RECORD_KEYS, *document):
            value = document.get(key)
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return value, key
        keys = ", ".join(list(document)[:8])
        raise InputFileError(f"'{name}' is JSON but holds no list of records (its top level "
                             f"has the keys {keys}); export the events as a list of records")
    raise InputFileError(f"'{name}' is JSON holding a single {type(document).__name__}, not "
                         "a list of records; export the events as a list of records")


def _cell(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value  # text as geo.importing.readers.table.text_column makes it


def _resolve_sources(records: list[dict], sources) -> None:
    """TimeMap: event source ids -> {id, path, description} from the export's sources."""
    if not isinstance(sources, dict):
        return
    for record in records:
        ids = record.get("sources")
        if isinstance(ids, list):
            record["sources"] = [
                {"id": s, "path": (sources[s].get("paths") or [""])[0],
                 "description": sources[s].get("description", "")}
                if isinstance(s, str) and isinstance(sources.get(s), dict) else s for s in ids]


def read_json_records(data: bytes, name: str) -> RawTable:
    try:
        document = parse_json(data, name)
    except UnicodeDecodeError as error:
        raise InputFileError(f"'{name}' is not UTF-8 JSON (byte {error.start}); save it as "
                             "UTF-8") from error
    except json.JSONDecodeError as error:
        raise InputFileError(f"'{name}' is not valid JSON: {error.msg} at line {error.lineno}, "
                             f"column {error.colno}; export it again") from error
    records, key = _records(document, name)
    if isinstance(document, dict) and key == "events":
        _resolve_sources(records, document.get("sources"))
    objects = [r for r in records if isinstance(r, dict)]
    if not objects:
        raise InputFileError(f"'{name}' holds a JSON list with no records (objects); export "
                             "the events as a list of records")
    names: dict[str, None] = {}
    for record in objects:
        names.update(dict.fromkeys(record))
    spread = spread_objects({column: [r.get(column) for r in objects] for column in names})
    columns = {column: np.array([_cell(v) for v in values], dtype=object)
               for column, values in spread.items()}
    table = RawTable(text_frame(columns, name, unit="record"), name, file_format="JSON records",
                     unit="record")
    skipped = len(records) - len(objects)
    if skipped:
        table.notes.append(f"{skipped:,} item(s) of the list are not records (objects) and "
                           "were not read")
    return table
