"""Every page on a store full of hostile text (tests/support/hostile.py), through AppTest:
what each element is handed. Markdown elements hold no link, image or HTML that the text
made (only safe_text's links to http(s) addresses); table link columns hold only http(s)
addresses, and any other source address is shown as text beside them; no table cell holds
a bidi, zero-width or control character (they are shown as marks). The browser walk
(tests/test_browser_hostile.py) checks what the browser then does."""

from __future__ import annotations

import json
import re

import pytest

from geo.ui.safe_text import NOT_A_LINK_SUFFIX, web_url
from geo.visible import HIDDEN
from tests.support import hostile

# unescaped Markdown that makes a link, an image, HTML or an autolink
LINK_OR_IMAGE = re.compile(r"(?<!\\)!(?<!\\)\[|(?<!\\)\]\((?!<https?://)")
HTML = re.compile(r"(?<![\\(])<(?!https?://)")
AUTOLINK = re.compile(r"(?<!\\)(https?(?<!\\):|www(?<!\\)\.)")
MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "title",
                     "header", "subheader")


@pytest.fixture
def hostile_db(db_path, monkeypatch):
    hostile.hostile_store(db_path).engine.dispose()
    monkeypatch.setenv("INCIDENT_MAP_DB", str(db_path))
    return db_path


def opened(new_app, page: str, query: dict):
    """The page after its whole first view: a map page that drew its kept opening map
    first (geo.ui.map_page) is run once more, as the map's first report would."""
    app = new_app(page, timeout=180, query=query).run()
    if any(b.key == "show_rest_of_page" for b in app.button):
        app.button(key="show_rest_of_page").click().run()
    return app


def problems(app) -> list[str]:
    found = [f"exception: {e.value}" for e in app.exception]
    for kind in MARKDOWN_ELEMENTS:
        for element in getattr(app, kind):
            text = element.value
            for pattern in (LINK_OR_IMAGE, HTML, AUTOLINK):
                found += [f"{kind}: {pattern.pattern} in {text[:160]!r}"
                          for _ in pattern.finditer(text)]
    for frame in app.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        links = [name for name, column in config.items()
                 if column.get("type_config", {}).get("type") == "link"]
        table = frame.value
        hidden = [v for column in table.columns if table[column].dtype == object
                  for v in table[column].dropna() if isinstance(v, str) and HIDDEN.search(v)]
        found += [f"table cell with a hidden character: {v[:60]!r}" for v in hidden]
        for name in links:
            bad = [v for v in table[name].dropna() if web_url(v) != v]
            found += [f"link column {name!r} holds {v!r}" for v in bad]
    return found


def test_the_map_page_with_every_hostile_incident_selected(hostile_db, new_app):
    for incident_id in [f"hostile-{i:02d}" for i in range(len(hostile.TEXTS))] + [
            hostile.HOSTILE_ID]:
        app = opened(new_app, "map_page", {"sel": incident_id})
        assert problems(app) == [], incident_id
        assert any(c.value.startswith("Claim status now:") for c in app.caption), incident_id
    table = app.dataframe[-1].value
    written = table["Link" + NOT_A_LINK_SUFFIX]
    assert f"javascript:{hostile.PWN}" in written.tolist()  # shown as text, not dropped
    assert table["Link"].dropna().unique().tolist() == [f"http://{hostile.CANARY}/source"]


@pytest.mark.parametrize("query", hostile.QUERIES)
def test_the_map_page_with_hostile_link_parameters(hostile_db, new_app, query):
    app = opened(new_app, "map_page", query)
    assert problems(app) == []
    assert app.warning  # the link's problems are said


def test_the_import_and_sites_pages_with_hostile_stored_text(hostile_db, new_app):
    app = opened(new_app, "import_page", {})
    assert problems(app) == []
    for site in ("hostile_site", *hostile.SITE_QUERIES):
        app = opened(new_app, "site_page", {"site": site})
        assert problems(app) == [], site


CR_ONLY = b"date,latitude,longitude,category\r2025-08-01,46.1,30.1,strike\r" \
          b"2025-08-02,46.2,30.2,strike\r"
UNTERMINATED = (b"date,latitude,longitude,category,description\n"
                b"2025-08-01,46.1,30.1,strike,\"open quote\n"
                b"2025-08-02,46.2,30.2,strike,second\n"
                b"2025-08-03,46.3,30.3,strike,third\n")
MIXED = ("date,latitude,longitude,category,description\n"
         "2025-08-01,46.1,30.1,strike,Кременчук\n").encode() + \
        "2025-08-02,46.2,30.2,strike,Кременчук\n".encode("cp1251")


def said(app, words: str) -> bool:
    return any(words in e.value.replace("\\", "") for kind in ("warning", "error", "info")
               for e in getattr(app, kind))


@pytest.mark.parametrize(("content", "rows", "or_said"), [
    pytest.param(CR_ONLY, 2, None, id="CR-only line endings"),
    pytest.param(UNTERMINATED, 3, "quote", id="unterminated quote"),
    pytest.param(MIXED, 2, "encoding", id="UTF-8 mixed with cp1251"),
])
def test_no_row_of_a_malformed_file_is_silently_lost(new_app, db_path, monkeypatch, content,
                                                     rows, or_said):
    monkeypatch.setenv("INCIDENT_MAP_DB", str(db_path))
    app = opened(new_app, "import_page", {})
    app.file_uploader[0].set_value(("malformed.csv", content, "text/csv")).run()
    assert not app.exception
    counted = sum(int(m.value.replace(",", "")) for m in app.metric)
    descriptions = app.dataframe[0].value["Description"].tolist() if app.dataframe else []
    intact = content != MIXED or descriptions == ["Кременчук", "Кременчук"]
    assert (counted == rows and intact) or (or_said is not None and said(app, or_said))


def test_a_snapshot_title_past_its_limit_is_kept_and_said(new_app, db_path, monkeypatch):
    monkeypatch.setenv("INCIDENT_MAP_DB", str(db_path))
    app = opened(new_app, "map_page", {})
    pasted = "Strikes on SOCAR-linked sites, June to August 2025. " * 4  # 208 characters
    app.text_input(key="share_title").input(pasted).run()
    assert not app.exception
    assert app.text_input(key="share_title").value == pasted  # not emptied, not cut
    assert said(app, "The title is 208 characters long; a snapshot takes at most 140")
