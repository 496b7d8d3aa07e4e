"""`python -m geo ...` in a subprocess, optionally on a given database; several such runs
side by side; and waiting, with a deadline, for a running one to say something."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from geo.settings import PROJECT_ROOT


def geo(*args: str, db=None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if db is not None:
        env["INCIDENT_MAP_DB"] = str(db)
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=240)


def side_by_side(run: Callable, items: Sequence) -> list:
    """run(item) for every item, in threads at once, the results in the items' order. For
    runs of independent commands: each thread mostly waits for its `python -m geo`, whose
    start-up is most of its time."""
    with ThreadPoolExecutor(max(1, len(items))) as pool:
        return list(pool.map(run, items))


def wait_for_output(process: subprocess.Popen, wanted: str, within_s: float) -> None:
    """Until the process's stderr says `wanted`. An AssertionError, never a hang, when the
    process ends without saying it or `within_s` seconds pass (the process is killed then).
    Reads the pipe's own descriptor, not process.stderr's buffer: communicate() goes on
    reading from where this stopped."""
    descriptor = process.stderr.fileno()
    deadline = time.monotonic() + within_s
    said = b""
    while wanted.encode() not in said:
        left = deadline - time.monotonic()
        if left <= 0:
            process.kill()
            raise AssertionError(f"{_command(process)} did not say {wanted!r} within "
                                 f"{within_s:.0f} s (killed); it said last: {_tail(said)}")
        readable, _, _ = select.select([descriptor], [], [], left)
        if not readable:
            continue
        chunk = os.read(descriptor, 65536)
        if not chunk:
            raise AssertionError(f"{_command(process)} ended (exit code {process.wait()}) "
                                 f"without saying {wanted!r}; it said last: {_tail(said)}")
        said += chunk


def _command(process: subprocess.Popen) -> str:
    return "`python " + " ".join(map(str, process.args[1:5])) + "`"


def _tail(said: bytes) -> str:
    return repr(said.decode(errors="replace")[-600:])


@contextmanager
def killed_on_failure(processes: Sequence[subprocess.Popen]) -> Iterator[None]:
    """Processes the block waits for, killed when it fails: a failed test leaves none
    running."""
    try:
        yield
    except BaseException:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        raise
