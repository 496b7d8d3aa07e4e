"""CSV files we write for spreadsheets: cells that a spreadsheet would run as a formula.

A cell starting with = + - @ (or a tab / carriage return, which some spreadsheets skip
before looking for one) is turned into text by a leading apostrophe, as OWASP advises
against CSV injection. Plain numbers such as "-33.4" are left alone: a spreadsheet reads
them as numbers, not formulas, and coordinates must stay usable.

Excel where the list separator is ';' (German, Ukrainian, French settings) splits a comma
CSV at each ';', and LibreOffice offers ';' and tab as separators: what follows one of
them inside a cell is a cell there, so it gets its apostrophe too ('Strike;'=HYPERLINK').
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
SPLIT_AT = re.compile(r"([;\t]\s*)")  # a separator some spreadsheet splits at, the spaces after


def _inert(part: str) -> str:
    return "'" + part if FORMULA_START.match(part) and not PLAIN_NUMBER.match(part) else part


def neutralise_cell(value):
    if not isinstance(value, str):
        return value
    if ";" not in value and "\t" not in value:
        return _inert(value)
    lead = _inert(value)[:-len(value)]  # the apostrophe, if the cell starts a formula
    first, *rest = SPLIT_AT.split(value)  # then separator, text, separator, text, ...
    return lead + first + "".join(_inert(part) if i % 2 else part for i, part in enumerate(rest))


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
