"""Work on a thread of its own, so a test can wait for it with a deadline and fail, instead
of hanging, when it waits for something it should not (another process's write lock)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Running:
    """`work()` started on a daemon thread at once."""

    def __init__(self, work: Callable[[], object]):
        self._work = work
        self._value: object = None
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except Exception as error:  # handed to the test's thread by `result`
            self._error = error

    def finished_by(self, deadline: float) -> bool:
        """Whether the work finished before `deadline` (time.monotonic())."""
        self._thread.join(max(0.0, deadline - time.monotonic()))
        return not self._thread.is_alive()

    def finished_within(self, seconds: float) -> bool:
        return self.finished_by(time.monotonic() + seconds)

    def result(self):
        """What the work returned, once finished; its own error if it failed."""
        assert not self._thread.is_alive(), "the work has not finished"
        if self._error is not None:
            raise self._error
        return self._value
