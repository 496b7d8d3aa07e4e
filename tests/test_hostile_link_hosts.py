"""A source address naming this computer or a private network (localhost, 127.0.0.1 in any
spelling a browser accepts, 10.x, 192.168.x, a one-word intranet name, .local) is shown as
text, never as a link: a reader clicking it in a shared snapshot or popup would send a
request to their own machine or office network from the map (CSRF against a router or an
admin page). One rule (geo.visible.safe_link) for the popups of the live map and of the
HTML snapshot, the pages' tables and their Markdown."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.commands._cli import main
from geo.records import coerce_incidents
from geo.render.popups import popup_html, popups_for
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from geo.ui import safe_text
from geo.ui.site_data import with_page_links
from geo.visible import safe_link
from layers import infrastructure
from layers.base import PopupSpec
from tests.support.hostile import SHOW_EVERY_POPUP

LOCAL = [
    "http://localhost/", "http://LOCALHOST:8501/admin", "http://localhost./x",
    "http://app.localhost/", "http://127.0.0.1/", "http://127.0.0.1:8501/?sel=1",
    "http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://0x7f.0.0.1/",
    "http://017700000001/", "http://0177.0.0.01/", "http://0/", "http://0.0.0.0:8080/",
    "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/", "http://[fe80::1]/", "http://[fd00::1]/",
    "http://10.0.0.1/", "http://172.16.5.4/", "http://172.31.255.255/", "https://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/",
    "http://intranet/wiki", "http://router/", "https://nas.local/", "http://printer.lan/",
    "http://host.internal/", "http://box.home.arpa/",
    "http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/",  # fullwidth digits: 127.0.0.1
    "http://127\u30020\u30020\u30021/",  # ideographic full stops
    "http://%6c%6fcalhost/", "http://127.0.0.1\\@news.example/", "http:\\\\127.0.0.1/",
    "https://news.example@127.0.0.1/", "https://news.example:443@evil.example/",
    "http://256.0.0.1/", "http://1.2.3.4.5/", "http://news.example:99999/",
]
PUBLIC = [
    "https://news.az/x", "http://203.0.113.9/source", "https://8.8.8.8/",
    "https://[2001:4860:4860::8888]/dns", "https://пример.рф/статья", "http://a.b.example:8080/",
    "https://news.example/path?q=127.0.0.1#localhost", "https://xn--e1afmkfd.xn--p1ai/",
    "https://172.32.0.1/", "https://11.0.0.1/",
]


@pytest.mark.parametrize("url", LOCAL)
def test_an_address_on_this_computer_or_a_private_network_is_no_link(url):
    assert safe_link(url) is None
    assert "](" not in safe_text.link("source", url)


@pytest.mark.parametrize("url", PUBLIC)
def test_public_web_addresses_stay_links(url):
    assert safe_link(url) == url


SPEC = PopupSpec(title_column="place", fields=(("Source", "source_name"),),
                 link_column="source_url", link_label="source")


def test_a_popup_shows_a_local_address_as_text():
    html = popup_html({"place": "x", "source_url": "http://127.0.0.1:8501/admin"}, SPEC)
    assert "href" not in html and "source: http://127.0.0.1:8501/admin" in html


def test_a_table_moves_a_local_address_out_of_its_link_column():
    table = pd.DataFrame({"Link": ["http://192.168.1.1/", "https://news.az/x"]})
    shown = safe_text.with_web_links(table, "Link")
    assert shown["Link"].tolist() == [None, "https://news.az/x"]
    assert shown["Link" + safe_text.NOT_A_LINK_SUFFIX].tolist() == ["http://192.168.1.1/", ""]


@pytest.fixture
def local_snapshot(tmp_path, capsys):
    """The HTML snapshot of a store whose incidents' sources are local addresses (and one
    public one)."""
    path = tmp_path / "store.sqlite"
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    rows = [{"incident_id": f"local-{i}", "date_start": "2025-08-08", "date_end": "2025-08-08",
             "date_precision": "day", "category": "strike", "latitude": 46.0 + i * 0.1,
             "longitude": 30.0, "geo_precision": "town", "claim_status": "reported",
             "place": f"place {i}", "source_url": url, "site_id": ""}
            for i, url in enumerate(LOCAL + PUBLIC[:1])]
    store.add_batch("local", coerce_incidents(pd.DataFrame(rows)), file_name="local.csv")
    store.engine.dispose()
    out = tmp_path / "map.html"
    assert main(["snapshot", "-o", str(out), "--db", str(path), "--from", "2025-08-01",
                 "--to", "2025-08-31"]) == 0, capsys.readouterr().err
    return out


def test_the_html_snapshot_links_no_local_address(local_snapshot):
    html = local_snapshot.read_text(encoding="utf-8")
    hrefs = re.findall(r"href=\\*['\"]([^'\"\\]*)", html)
    assert "https://news.az/x" in hrefs
    assert not [h for h in hrefs if "127." in h or "localhost" in h or "0x7f" in h], hrefs


def test_the_app_s_own_site_page_link_on_this_computer_stays_a_link(sqlite_store):
    """The site popups link to the app's own site page, at the address it is served from
    (http://localhost:8501/ when run on one computer): built by the app, not stored."""
    sites = with_page_links(sqlite_store.sites_frame().head(3), "http://localhost:8501/")
    layer = infrastructure.build(sites)
    popup = popups_for(layer.records, layer.popup)[0]
    assert "href='http://localhost:8501/sites?site=" in popup
    stored = sites.assign(source_url="http://192.168.1.1/")
    popup = popup_html(stored.iloc[0].to_dict(), infrastructure.POPUP)
    assert "href" not in popup and "http://192.168.1.1/" in popup


@pytest.mark.browser
def test_no_popup_of_the_snapshot_links_a_local_address_in_the_browser(browser_page,
                                                                        local_snapshot):
    page = browser_page
    page.goto(local_snapshot.as_uri())
    page.wait_for_function("() => window.incidentMapLayers && "
                           "window.incidentMapLayers.strikes", timeout=30_000)
    shown = page.evaluate(SHOW_EVERY_POPUP)
    assert sum("127.0.0.1" in text for text in shown) >= 3  # shown, as text
    hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map("
                          "a => a.href)")
    linked = [h for h in hrefs if h.startswith("http") and safe_link(h) is None]
    assert linked == [] and "https://news.az/x" in hrefs
    assert page.blocked == []


@pytest.mark.parametrize(("url", "shown"), [
    ("https://аррӏе.com/login", "https://xn--80ak6aa92e.com/login"),  # Cyrillic 'apple'
    ("https://pаypal.com/", "https://xn--pypal-4ve.com/"),              # one Cyrillic 'а'
    ("https://ｅｘａｍｐｌｅ.org:8443/a", "https://example.org:8443/a"),   # fullwidth letters
])
def test_a_host_in_other_letters_under_a_latin_domain_is_linked_as_the_browser_reads_it(
        url, shown):
    """A name that looks like a Latin one but is spelt in other letters ('аррӏе.com' in
    Cyrillic): the table's link column and the link show the host as the browser goes to
    it (its xn-- form), so it cannot pass for the Latin name."""
    assert safe_link(url) == shown
    table = safe_text.with_web_links(pd.DataFrame({"Link": [url]}), "Link")
    assert table["Link"].tolist() == [shown]
    assert f"(<{shown}>)" in safe_text.link("source", url)
