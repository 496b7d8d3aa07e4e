"""CSV files we write for spreadsheets: cells that a spreadsheet would run as a formula.

A cell starting with = + - @ (or a tab / carriage return, which some spreadsheets skip
before looking for one) is turned into text by a leading apostrophe, as OWASP advises
against CSV injection. Plain numbers such as "-33.4" are left alone: a spreadsheet reads
them as numbers, not formulas, and coordinates must stay usable.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def neutralise_cell(value):
    if isinstance(value, str) and FORMULA_START.match(value) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells can be opened safely in a spreadsheet."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if isinstance(column.dtype, pd.CategoricalDtype):  # its categories are text too
            column = column.astype(object)
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            out[name] = column.map(neutralise_cell, na_action="ignore")
    safe_names = [neutralise_cell(str(name)) for name in out.columns]
    out.columns = safe_names
    return out
