"""`python -m geo ...` in a subprocess, optionally on a given database; and several such
runs side by side."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

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
