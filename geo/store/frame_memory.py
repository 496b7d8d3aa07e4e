"""A frame the open app holds, brought forward in memory when the writes since it only
added rows: the new rows appended, nothing else copied or converted.

An import of new incidents (the common write while a team works) touches no row the frame
holds: its batch is new, it replaced nothing, and on SQLite its rows come after every row
held in the store's order. Then the frame of the new revision is the held frame with the
delta's rows after it, as a full read gives it. It is held in parts, joined only when
asked for: the open app extends what it derives from the frame (geo.ui.cached) with the
rows added and never asks. At 1,000,000 incidents that saves merging the older file and
converting it to a frame again (~1 s), or a concat of every row (~0.2 s).
Any other write (an update, an undo, a review) goes the file's way (geo.store.frame_cache).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.store.frame_delta import Delta

NOT_HELD = -1  # the revision of a frame not to bring forward (read across a write)
MAX_PARTS = 16  # joined into one beyond this (each check of the batches goes part by part)


@dataclass(frozen=True)
class Held:
    """A revision's incident frame as this process holds it, in `parts` (one after the
    other); `last_key`: the greatest place in the store's order of its rows
    (geo.store.frame_delta.ORDER_KEY), -1 if none; `added_to`: when it is the frame of
    revision `added_to` with the last part's rows added (what is derived from the frames
    can be extended likewise)."""
    revision: int
    parts: tuple[pd.DataFrame, ...]
    last_key: int
    added_to: int | None = None

    @classmethod
    def whole(cls, revision: int, frame: pd.DataFrame, last_key: int) -> Held:
        return cls(revision, (frame,), last_key)

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        if len(self.parts) == 1:
            return self.parts[0]
        return pd.concat(self.parts, ignore_index=True)

    @property
    def added(self) -> pd.DataFrame | None:
        return self.parts[-1] if self.added_to is not None else None

    @property
    def kept_revision(self) -> int | None:
        """The revision to keep it (or what is made from it) under; None: not to be kept."""
        return None if self.revision == NOT_HELD else self.revision

    @property
    def rows(self) -> int:
        return sum(len(part) for part in self.parts)


def last_key(keys: np.ndarray) -> int:
    return int(keys.max()) if len(keys) else -1


def appended(held: Held, delta: Delta, revision: int) -> Held | None:
    """`held` brought to `revision` by appending the delta's rows; None when the delta
    does more than add rows after the held ones."""
    if held.revision == NOT_HELD or delta.touched_ids or \
            not _new_batches(held.parts, delta.batch_ids):
        return None
    if delta.keys is None:  # no store order (PostgreSQL): new rows come after the rest
        keys_after = held.last_key + len(delta.rows)
    elif len(delta.keys) and int(delta.keys.min()) <= held.last_key:
        return None
    else:
        keys_after = max(held.last_key, last_key(delta.keys))
    first = held.parts[0]
    if list(delta.rows.columns) != list(first.columns) or \
            list(delta.rows.dtypes) != list(first.dtypes):
        return None
    parts = held.parts if len(held.parts) < MAX_PARTS else (held.frame,)
    return Held(revision, (*parts, delta.rows), keys_after, added_to=held.revision)


def _new_batches(parts, batch_ids: list[str]) -> bool:
    """None of `batch_ids` is held by a row of `parts` (a batch undone or updated is)."""
    return not any((part["batch_id"].to_numpy() == batch_id).any()
                   for part in parts for batch_id in batch_ids)
