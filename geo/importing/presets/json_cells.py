"""Cells of JSON in a foreign export (TimeMap's sources and filters, CIR's event groups):
read as JSON when they are, else as the text they are. A cell giving a key twice in one
object refuses the file by its row, as a JSON file doing so is refused
(geo.importing.readers.json_document): a reader keeps one of the values, and the other was
lost unsaid. A cell nested past reading is text, not a traceback."""

from __future__ import annotations

import pandas as pd

from geo.errors import ValidationError
from geo.importing.readers.json_document import RepeatedKey, loads, repeated_words, unique_keys


def parsed(text: str):
    """The cell's JSON list or object, or its text (stripped) when it holds none."""
    text = text.strip()
    if text.startswith(("[", "{")):
        try:
            return loads(text, unique_keys)
        except (ValueError, RecursionError):  # not JSON, or nested past reading: the text
            return text
    return text


def each_cell(read, cells: pd.Series, what: str) -> list:
    """read(cell) of every cell; a cell whose JSON gives a key twice refuses the file, each
    such row named ('its sources cell gives the key ...')."""
    out, problems = [], []
    for row, text in cells.items():
        try:
            out.append(read(text))
        except RepeatedKey as repeated:
            problems.append(f"Row {row}: its {what} cell {repeated_words(repeated)}")
            out.append(None)
    if problems:
        raise ValidationError(problems, summary="Nothing was imported")
    return out
