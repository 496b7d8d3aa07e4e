"""User text is data: popups escape everything and link only http(s) URLs."""

from __future__ import annotations

import datetime as dt

from geo.render.popups import popup_html, safe_link
from geo.settings import DATA_DIR
from geo.sharing.html import snapshot_html
from geo.sharing.snapshot import prepare_view
from geo.shipped import read_basemap, read_pipelines
from geo.store.seed import read_seed_incidents, read_seed_sites
from geo.viewstate import ViewState
from layers.base import PopupSpec

SPEC = PopupSpec(title_column="place", fields=(("Description", "description"),),
                 link_column="source_url")


def test_html_and_script_in_user_text_are_escaped():
    html = popup_html({"place": "<img src=x onerror=alert(1)>",
                       "description": "</script><script>alert('x')</script>",
                       "source_url": "https://example.org/a?b=1&c=\"2\""}, SPEC)
    assert "<img" not in html and "<script>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "href='https://example.org/a?b=1&amp;c=&quot;2&quot;'" in html


def test_only_web_links_become_links():
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("data:text/html,<b>x</b>") is None
    assert safe_link(" https://news.az/x ") == "https://news.az/x"
    html = popup_html({"place": "x", "description": "", "source_url": "javascript:alert(1)"},
                      SPEC)
    assert "href" not in html and "javascript:alert(1)" in html


def test_empty_fields_are_left_out():
    html = popup_html({"place": "Orlivka", "description": "", "source_url": ""}, SPEC)
    assert "Description" not in html and "Source link" not in html



def test_template_syntax_in_user_text_is_never_executed():
    """branca compiles element text as Jinja: user text must never reach that step."""
    payload = "{{ 'INJ' ~ 'ECTED' }}"
    incidents = read_seed_incidents(DATA_DIR)
    incidents.loc[0, "description"] = payload
    incidents.loc[0, "place"] = payload
    state = ViewState(date_from=dt.date(2020, 1, 1), date_to=dt.date(2026, 1, 1))
    view = prepare_view(state=state, view=incidents, sites=read_seed_sites(DATA_DIR),
                        pipeline_routes=read_pipelines(DATA_DIR),
                        basemap_parts=read_basemap(DATA_DIR),
                        extent=(20.0, 43.0, 42.0, 53.0), title=payload)
    html = snapshot_html(view)
    assert "INJECTED" not in html
    assert "INJ" in html  # the text itself is there, escaped
