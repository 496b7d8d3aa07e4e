"""Shared fixtures: a temporary store, a running Streamlit app and a real browser.

Browser tests use Debian's chromium (/usr/bin/chromium) through Playwright, with every
request that is not to localhost (or a data:/blob: URL) aborted: the map must work offline.
When CI=true a missing browser fails the run instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from geo.settings import DATA_DIR, PROJECT_ROOT
from geo.store import IncidentStore

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
# Chromium refuses every remote request itself: a proxy on a closed local port (loopback
# never goes through a proxy). For the benchmarks (tests/bench/bench_browser.py); tests
# route requests instead, to record the blocked ones.
NO_INTERNET_ARGS = ["--proxy-server=http://127.0.0.1:9"]


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, monkeypatch):
    """No test touches the developer's database or cache."""
    root = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("INCIDENT_MAP_DB", str(root / "default-test.sqlite"))
    monkeypatch.setenv("INCIDENT_MAP_CACHE", str(root / "cache"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "incidents.sqlite"


@pytest.fixture
def store(db_path) -> IncidentStore:
    return IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR)


# --- a running app ---------------------------------------------------------------------
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


@pytest.fixture
def start_streamlit(tmp_path):
    """Factory: start_streamlit(db_path=None, env=None) -> StreamlitApp (stopped after)."""
    apps = []

    def start(db_path: Path | None = None, env: dict | None = None) -> StreamlitApp:
        db = db_path or tmp_path / f"app-{len(apps)}.sqlite"
        app = StreamlitApp(db, tmp_path / f"streamlit-{len(apps)}.log", env)
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.stop()


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory):
    """One app on the seed data for read-only browser tests."""
    folder = tmp_path_factory.mktemp("app")
    app = StreamlitApp(folder / "seed.sqlite", folder / "streamlit.log")
    yield app
    app.stop()


# --- a real browser --------------------------------------------------------------------
@pytest.fixture(scope="session")
def chromium_executable() -> str:
    if shutil.which(CHROMIUM) is None:
        message = f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + "; CI must run them", pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_executable):
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:",
                           "blob:", "about:", "file:"))


@pytest.fixture
def browser_page(browser, request):
    """A page with no internet: remote requests are aborted and recorded in page.blocked."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.blocked = []

    def block_remote(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", block_remote)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def map_frame(page, until: str = "true", timeout_ms: int = 60_000):
    """The streamlit-folium iframe, once its canvas layers have registered themselves and
    the JS expression `until` holds there (the iframe is replaced when the map changes)."""
    ready = f"() => !!(window.incidentMapLayers && window.incidentMapLayers.strikes) && ({until})"
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url and not frame.is_detached():
                try:
                    if frame.evaluate(ready):
                        return frame
                except PlaywrightError:  # the frame is navigating; look again
                    pass
        page.wait_for_timeout(250)
    raise AssertionError(f"no map iframe with its incident layer where {until!r} holds")


def wait_for_script_end(page, timeout_s: float = 300) -> None:
    """Until the app's script run is over (the table below the map is drawn after it):
    typing into a widget while a run is in flight can be undone by that run."""
    page.wait_for_function(
        "() => { const app = document.querySelector('[data-testid=stApp]');"
        " return app && !['running', 'rerunRequested'].includes("
        "app.getAttribute('data-test-script-state')); }", timeout=timeout_s * 1000)
