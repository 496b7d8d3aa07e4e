"""Stored dates and coordinates read as the types the map uses, or the project's error.

An import writes only ISO days (years 1-9999) and numbers, but SQLite keeps any value in
any column, and another program (a database browser, a script, a damaged copy) may have
written 'garbage', '0000-01-01' or 'abc' there, or bytes (a BLOB) into a text column:
every command and page reading the store ended in a traceback. Such a value is named with
its incident and column."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pandas as pd
from pandas._libs.lib import is_string_array  # in C: a million names in milliseconds

from geo.errors import DataError
from geo.store.tables import DATE_COLUMNS, NUMERIC_COLUMNS

FIRST_DAY, LAST_DAY = np.datetime64("0001-01-01", "D"), np.datetime64("9999-12-31", "D")
SHOWN_CHARS = 80


class NotStoredKind(Exception):
    """A stored value that is not of its column's kind."""

    def __init__(self, value):
        super().__init__(value)
        self.value = value


def stored_days(values: np.ndarray) -> np.ndarray:
    """ISO date text (or dates, on other databases) -> datetime64[D]; each distinct day is
    parsed once (a million rows hold about 1,500 days)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    text = np.asarray(uniques, dtype=object).astype(str)
    try:
        days = np.array(text, dtype="datetime64[D]")
    except ValueError:
        days = None
    if days is None or not ((days >= FIRST_DAY) & (days <= LAST_DAY)).all():  # NaT too
        raise NotStoredKind(next(value for value, one in zip(uniques, text, strict=True)
                                 if not _is_day(one)))
    return days[codes]


def _is_day(text: str) -> bool:
    try:
        return bool(FIRST_DAY <= np.datetime64(text, "D") <= LAST_DAY)
    except ValueError:
        return False


def stored_numbers(values: np.ndarray) -> np.ndarray:
    """Coordinates as float64 (NULL becomes NaN)."""
    try:
        return values.astype(np.float64)
    except (ValueError, TypeError):
        for value in values:
            try:
                float(value if value is not None else "nan")
            except (ValueError, TypeError):
                raise NotStoredKind(value) from None
        raise


def stored_text(values: np.ndarray) -> np.ndarray:
    """A text column as an object array of text: bytes another program wrote as a BLOB are
    read as the UTF-8 text they hold, as SQLite's own CAST(... AS TEXT) reads them (the
    KML and Parquet exports ended in a TypeError, the listing showed "b'...'"); bytes that
    are no UTF-8 are not text. Any other value is left as it is."""
    if not len(values) or is_string_array(values, skipna=True):
        return values.copy()  # a copy, not a view holding every column
    out = values.copy()
    for i, value in enumerate(out):
        if isinstance(value, bytes | memoryview):
            try:
                out[i] = bytes(value).decode("utf-8")
            except UnicodeDecodeError:
                raise NotStoredKind(bytes(value)) from None
    return out


def decoded_text(frame: pd.DataFrame, row_kind: str, id_column: str) -> pd.DataFrame:
    """A table pandas read (sites, batches, the claim history) with bytes in its text read
    as stored_text reads them; bytes that are no text are the error naming the row."""
    names = list(frame.columns)
    for name in names:
        values = frame[name].to_numpy()
        if values.dtype != object:
            continue
        try:
            frame[name] = stored_text(values)
        except NotStoredKind as bad:
            raise not_stored_error(name, bad.value, names,
                                   [frame[n].to_numpy() for n in names],
                                   row_kind=row_kind, id_column=id_column) from None
    return frame


def not_stored_error(name: str, value, names, columns, *, row_kind: str = "incident",
                     id_column: str = "incident_id") -> DataError:
    """The error naming the row (an incident, by default) that holds `value` in column
    `name`."""
    names = list(names)
    column = columns[names.index(name)]
    where = ""
    if id_column in names:
        ids = columns[names.index(id_column)]
        rows = [i for i, v in enumerate(column) if v is value or v == value]
        where = f" of {row_kind} {ids[rows[0]]}" if rows else ""
    shown = repr(value) if len(repr(value)) <= SHOWN_CHARS else repr(value)[:SHOWN_CHARS] + "…"
    kind = ("a day from 0001-01-01 to 9999-12-31" if name in DATE_COLUMNS
            else "a number" if name in NUMERIC_COLUMNS else "text (UTF-8)")
    return DataError(f"The store holds {shown} as the {name}{where}, which is not {kind}: "
                     "another program wrote it. Correct or delete that row in the database, "
                     "or restore it from a backup; nothing was changed")


@contextmanager
def stored_table(table: str):
    """Reading the store's `table` and typing its values: a value another program wrote
    that its column's type cannot read (a time of 'garbage') is the project's error naming
    the table and the value, not a traceback."""
    try:
        yield
    except (ValueError, TypeError, OverflowError) as error:
        raise DataError(f"The store's table '{table}' holds a value another program wrote "
                        f"that is not of its column's kind ({error}): correct or delete that "
                        "row in the database, or restore it from a backup; nothing was "
                        "changed") from error
