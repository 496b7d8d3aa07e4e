"""kepler.gl's map export (`keplergl.json`: `datasets`, each with `data.fields` naming the
columns and `data.allData` holding the rows as lists) -> text cells, with a 'dataset'
column when there are several.

The map's `config` (layers, filters, the view) is styling, never events, and is not read.
A timestamp field kepler.gl keeps as Unix time (format 'x': milliseconds, 'X': seconds) is
written as an ISO UTC time, so the date reader sees a date.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from geo.errors import InputFileError
from geo.importing.readers.map_export import map_document
from geo.importing.readers.table import RawTable, text_frame

UNIX_DIVISORS = {"x": 1000, "X": 1}


def _unix_text(value, divisor: int):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    moment = dt.datetime.fromtimestamp(value / divisor, dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _columns(data: dict, label: str, name: str) -> dict[str, list]:
    fields, rows = data.get("fields"), data.get("allData")
    if not isinstance(fields, list) or not isinstance(rows, list):
        raise InputFileError(f"'{name}': the kepler.gl dataset '{label}' has no 'fields' and "
                             "'allData'; export the map again with its data included")
    names = [str(f.get("name", f"field {i}")) if isinstance(f, dict) else str(f)
             for i, f in enumerate(fields, 1)]
    columns: dict[str, list] = {}
    for index, (column, field) in enumerate(zip(names, fields, strict=True)):
        values = [row[index] if isinstance(row, list) and index < len(row) else None
                  for row in rows]
        divisor = UNIX_DIVISORS.get(field.get("format", "")) if isinstance(field, dict) \
            and field.get("type") == "timestamp" else None
        if divisor:
            values = [_unix_text(v, divisor) for v in values]
        columns[column] = [json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list))
                           else v for v in values]
    return columns


def read_kepler(data: bytes, name: str) -> RawTable:
    document = map_document(data, name, "kepler.gl")
    datasets = [d for d in document.get("datasets") or [] if isinstance(d, dict)]
    if not datasets:
        raise InputFileError(f"'{name}' is a kepler.gl map with no datasets; export the map "
                             "with its data, or export the dataset as CSV")
    parts = []
    for number, dataset in enumerate(datasets, 1):
        data_part = dataset.get("data") if isinstance(dataset.get("data"), dict) else dataset
        label = str(data_part.get("label") or data_part.get("id") or f"dataset {number}")
        columns = _columns(data_part, label, name)
        if len(datasets) > 1:
            columns["dataset"] = [label] * len(data_part["allData"])
        parts.append((label, columns))
    whole = pd.concat([pd.DataFrame(columns, dtype=object) for _, columns in parts],
                      ignore_index=True, sort=False)
    table = RawTable(text_frame({c: whole[c].to_numpy() for c in whole.columns}, name,
                                      unit="row"), name, file_format="kepler.gl map",
                     unit="row")
    table.notes.append(f"Read {len(whole):,} rows from {len(parts)} kepler.gl dataset(s) "
                       f"({', '.join(label for label, _ in parts)})"
                       + ("; the column 'dataset' says which each row came from"
                          if len(parts) > 1 else ""))
    return table
