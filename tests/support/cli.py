"""`python -m geo ...` in a subprocess, optionally on a given database."""

from __future__ import annotations

import os
import subprocess
import sys

from geo.settings import PROJECT_ROOT


def geo(*args: str, db=None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if db is not None:
        env["INCIDENT_MAP_DB"] = str(db)
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=240)
