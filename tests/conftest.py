"""Shared fixtures: a temporary store on each backend, the app through AppTest or as a
running Streamlit server, and a real browser. The helpers behind them live in tests/support/.

`database_url` (and `store`, opened on it) runs a test twice: `test_x[sqlite]` on a SQLite
file in the test's folder, `test_x[postgresql]` on a fresh database of the server named by
INCIDENT_MAP_TEST_PG (tests.support.postgres), skipped with the reason when it is not set.
`db_path` and `sqlite_store` are for tests about SQLite itself, `postgresql_url` for those
about PostgreSQL.

Browser tests use Debian's chromium (/usr/bin/chromium) through Playwright, with every
request that is not to localhost (or a data:/blob: URL) aborted: the map must work offline.
When CI=true a missing browser or PostgreSQL server fails the run instead of skipping it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from tests.support.app_server import StreamlitApp, running_app
from tests.support.apptest import app_test
from tests.support.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, offline_page
from tests.support.postgres import BACKENDS, fresh_database, new_database, server_url
from tests.support.required import missing


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, monkeypatch):
    """No test touches the developer's database or cache."""
    root = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("INCIDENT_MAP_DB", str(root / "default-test.sqlite"))
    monkeypatch.setenv("INCIDENT_MAP_CACHE", str(root / "cache"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "incidents.sqlite"


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """The URL of a new, empty database: a SQLite file, or a PostgreSQL database dropped
    after the test."""
    with new_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def postgresql_url():
    """A new, empty database on the test server, for tests about PostgreSQL itself."""
    with fresh_database(server_url()) as url:
        yield url


@pytest.fixture
def store(database_url):
    """A new store (seeded) on each backend."""
    opened = IncidentStore.open(database_url, DATA_DIR)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def sqlite_store(db_path) -> IncidentStore:
    """A new store in the SQLite file `db_path`, for tests about SQLite itself."""
    return IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR)


# --- the app through AppTest -----------------------------------------------------------
@pytest.fixture
def new_app(db_path, monkeypatch):
    """Factory on this test's database: new_app(page=None, timeout=60, query=None) ->
    AppTest, not run yet (tests.support.apptest.app_test)."""
    monkeypatch.setenv("INCIDENT_MAP_DB", str(db_path))
    return app_test


# --- a running app ---------------------------------------------------------------------
@pytest.fixture(scope="session")
def apps_stopping():
    """Apps asked to stop, waited for when the session ends: an app takes a second or so to
    shut down, which the tests after it need not wait for."""
    apps = []
    yield apps
    for app in apps:
        app.stop()


@pytest.fixture
def start_streamlit(tmp_path, apps_stopping):
    """Factory: start_streamlit(db_path=None, env=None) -> StreamlitApp (asked to stop
    after the test)."""
    apps = []

    def start(db_path: Path | None = None, env: dict | None = None) -> StreamlitApp:
        db = db_path or tmp_path / f"app-{len(apps)}.sqlite"
        app = StreamlitApp(db, tmp_path / f"streamlit-{len(apps)}.log", env)
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.process.terminate()
        apps_stopping.append(app)


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory):
    """One app on the seed data for read-only browser tests."""
    folder = tmp_path_factory.mktemp("app")
    with running_app(folder / "seed.sqlite", folder / "streamlit.log") as app:
        yield app


# --- a real browser --------------------------------------------------------------------
@pytest.fixture(scope="session")
def chromium_executable() -> str:
    if shutil.which(CHROMIUM) is None:
        missing(f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install "
                "chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_executable):
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable,
                                              args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def browser_page(browser, request):
    """A page with no internet: remote requests are aborted and recorded in page.blocked
    (tests.support.browser.offline_page)."""
    page = offline_page(browser)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    # the page scrolls inside Streamlit's own container: its text, for what is below
    (ARTIFACTS / f"{request.node.name}.txt").write_text(
        f"{page.url}\n\n{page.inner_text('body')}", encoding="utf-8")
    page.context.close()
