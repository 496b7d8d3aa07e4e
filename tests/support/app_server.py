"""A real Streamlit server on app.py, for the browser tests and the benchmarks: a free local
port, the health check, and StreamlitApp, which starts the app on a given database
(running_app: stopped when a block ends)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

from geo.settings import PROJECT_ROOT

HEALTH_POLL_S = 0.05  # the benchmarks time the start: no more than this is added to it


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (URLError, ConnectionError, TimeoutError):
            time.sleep(HEALTH_POLL_S)
    raise RuntimeError(f"streamlit did not answer on {url} within {timeout} s")


class StreamlitApp:
    def __init__(self, db: Path, log: Path, env: dict | None = None, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = db
        environment = {**os.environ, "INCIDENT_MAP_DB": str(db), **(env or {})}
        self._log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=PROJECT_ROOT, env=environment, stdout=self._log, stderr=subprocess.STDOUT,
        )
        wait_for_http(self.url, self.process)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


@contextmanager
def running_app(db: Path, log: Path, env: dict | None = None) -> Iterator[StreamlitApp]:
    app = StreamlitApp(db, log, env)
    try:
        yield app
    finally:
        app.stop()
