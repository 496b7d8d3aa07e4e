"""What leaves the app, made from a store full of hostile text (tests/support/hostile.py) and
opened in Debian's chromium offline: the HTML snapshot with every popup it holds shown, the
SVG snapshot. Nothing runs, loads from elsewhere or links to a dangerous scheme, and no
hidden character reaches the page."""

from __future__ import annotations

import pytest

from geo.commands._cli import main
from tests.support import hostile
from tests.support.browser import offline_page
from tests.support.hostile import SHOW_EVERY_POPUP

pytestmark = pytest.mark.browser

HIDDEN = "/[\\u202a-\\u202e\\u2066-\\u2069\\u200b\\u200e\\u200f\\u0000-\\u0008\\u001b]/"


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-snapshots")
    db = folder / "hostile.sqlite"
    hostile.hostile_store(db).engine.dispose()
    title = hostile.TEXTS[1] + " \u202eevil\x1b[2J $\\foo$"
    for name in ("map.html", "map.svg"):
        assert main(["snapshot", "-o", str(folder / name), "--title", title,
                     "--region", "story", "--db", str(db)]) == 0
    return folder


def checked(page) -> list[str]:
    page.wait_for_timeout(500)  # images and frames the page asked for
    found = page.evaluate(hostile.PAGE_CHECK)
    found += [f"request to {url}" for url in page.blocked]
    found += [f"dialog {d}" for d in page.dialogs]
    return found


def test_the_html_snapshot_of_hostile_text_with_every_popup_shown(browser_page, snapshots):
    page = browser_page
    page.goto((snapshots / "map.html").as_uri())
    page.wait_for_function("() => window.incidentMapLayers && "
                           "window.incidentMapLayers.strikes", timeout=30_000)
    shown = page.evaluate(SHOW_EVERY_POPUP)
    assert len(shown) > 20
    assert checked(page) == []
    assert any("<img src=x" in text for text in shown)  # the markup, as text
    assert any("‹U+202E›" in text for text in shown)
    assert page.evaluate(f"() => {HIDDEN}.test(document.body.innerText + document.title)") \
        is False


def test_the_svg_snapshot_of_hostile_text_opens_and_runs_nothing(browser, snapshots):
    page = offline_page(browser)  # not browser_page: its full-page screenshot of the SVG
    page.goto((snapshots / "map.svg").as_uri())
    page.wait_for_timeout(500)
    assert page.evaluate("() => document.documentElement.tagName") == "svg"  # well-formed
    assert checked(page) == []
    text = page.evaluate("() => document.documentElement.textContent")
    assert "‹U+202E›evil‹U+001B›[2J $\\foo$" in text
    page.context.close()
