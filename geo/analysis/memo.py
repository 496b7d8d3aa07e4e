"""Costly per-incident facts computed once per store revision, for the rows asked for.

The nearest pipeline of an incident and its thermal corroboration under one search window
depend on that incident and the revision's data only, never on the view: a view asks for
its rows, the rows not yet known are computed together, and the next view (another window,
another filter) reuses them. The memo lives with the sources of one revision
(geo.analysis.sources), so it is shared by every session of the app that sees it and
dropped with it; a lock keeps two sessions from computing the same rows at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

import numpy as np
import pandas as pd


class RowMemo:
    """Results of `compute(rows)` (a frame with `columns`, one row per input row) kept by
    row position in the revision's incidents (0..length-1)."""

    def __init__(self, compute: Callable[[pd.DataFrame], pd.DataFrame],
                 columns: tuple[str, ...], length: int):
        self._compute = compute
        self._columns = columns
        self._known = np.zeros(length, dtype=bool)
        self._values: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The columns for `frame`, rows of the revision's incidents (index = positions)."""
        positions = frame.index.to_numpy()
        with self._lock:
            missing = positions[~self._known[positions]]
            if len(missing):
                found = self._compute(frame.loc[missing]).reindex(columns=list(self._columns))
                for name in self._columns:
                    values = found[name].to_numpy()
                    if name not in self._values:
                        self._values[name] = _empty(values.dtype, len(self._known))
                    self._values[name][missing] = values
                self._known[missing] = True
            columns = {name: self._values[name][positions] for name in self._values}
        if not columns:
            return pd.DataFrame(index=frame.index, columns=list(self._columns))
        return pd.DataFrame(columns, index=frame.index)


def _empty(dtype: np.dtype, length: int) -> np.ndarray:
    """A column of `length` empty values that can hold values of `dtype`."""
    if np.issubdtype(dtype, np.datetime64):
        return np.full(length, np.datetime64("NaT"), dtype=dtype)
    if np.issubdtype(dtype, np.floating) or np.issubdtype(dtype, np.integer):
        return np.full(length, np.nan)
    return np.full(length, None, dtype=object)


class Memo:
    """Every memo of one revision: per-row facts by kind and parameter (a route name, a
    search window), and whole columns (the distance of every incident to one route)."""

    def __init__(self, length: int):
        self.length = length
        self._rows: dict[Hashable, RowMemo] = {}
        self._columns: dict[Hashable, np.ndarray] = {}
        self._lock = threading.Lock()

    def row_memo(self, key: Hashable, compute, columns: tuple[str, ...]) -> RowMemo:
        with self._lock:
            if key not in self._rows:
                self._rows[key] = RowMemo(compute, columns, self.length)
            return self._rows[key]

    def column(self, key: Hashable, compute: Callable[[], np.ndarray]) -> np.ndarray:
        with self._lock:
            if key not in self._columns:
                self._columns[key] = compute()
            return self._columns[key]
