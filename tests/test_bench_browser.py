"""The benchmarks' browser is as offline as the tests' one, without routing requests
through Playwright: remote requests are refused by chromium, local ones are served."""

from __future__ import annotations

import threading
from http.server import HTTPServer, SimpleHTTPRequestHandler

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.bench.bench_browser import offline_page

pytestmark = pytest.mark.browser


@pytest.fixture
def local_site(tmp_path, chromium_executable):
    (tmp_path / "index.html").write_text("<p id=local>served here</p>", encoding="utf-8")

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_the_benchmark_page_loads_local_pages_and_refuses_remote_ones(local_site):
    with offline_page() as page:
        page.goto(local_site)
        assert page.text_content("#local") == "served here"
        with pytest.raises(PlaywrightError, match="ERR_PROXY_CONNECTION_FAILED"):
            page.goto("http://tile.openstreetmap.org/0/0/0.png")
