"""The newest of something this process made per store (a frame, the reviews, the sources,
the sidebar's choices), kept to bring the next revision's forward from it instead of
making that whole. Shared by every session's thread, so read and replaced under a lock;
an older revision never replaces a newer one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from geo.store.frame_memory import Held

Made = TypeVar("Made")


class NewestPerStore(Generic[Made]):
    def __init__(self) -> None:
        self._made: dict[str, tuple[int, Made]] = {}
        self._lock = threading.Lock()

    def get(self, store_key: str) -> tuple[int, Made] | None:
        """(revision, what was made for it), or None."""
        with self._lock:
            return self._made.get(store_key)

    def offer(self, store_key: str, revision: int | None, made: Made) -> None:
        """Keeps `made` unless its revision is unknown (None) or older than the one kept."""
        if revision is None:
            return
        with self._lock:
            newest = self._made.get(store_key)
            if newest is None or newest[0] <= revision:
                self._made[store_key] = (revision, made)

    def made_for(self, store_key: str, held: Held, extend: Callable[[Made], Made | None],
                 make: Callable[[], Made]) -> Made:
        """What is made for `held`'s revision: `extend(older)` when `held` is the frame of
        the newest kept one with rows added (geo.store.frame_memory) and it can be
        extended (not None), else `make()`; kept as the newest."""
        older = self.get(store_key)
        made = extend(older[1]) if older is not None and held.added_to == older[0] else None
        if made is None:
            made = make()
        self.offer(store_key, held.kept_revision, made)
        return made


def store_key(database_url: str, store_id: str) -> str:
    """A store: its database and its id (a file replaced at the same path is another)."""
    return f"{database_url} {store_id}"
