"""Hostile stored and typed text in what leaves the app (issue 18, second round): the
popups and the canvas labels, and the marks for characters that hide or reorder text."""

from __future__ import annotations

import pytest

from geo.render.canvas_points import layer_spec
from geo.render.popups import popup_html
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from geo.visible import safe_link, visible
from layers import infrastructure
from layers.base import PopupSpec


def test_popups_show_hidden_characters_as_marks_and_link_only_clean_addresses():
    spec = PopupSpec(title_column="place", fields=(("Source", "source_name"),),
                     link_column="source_url", link_label="source")
    html = popup_html({"place": "evil\u202eexe.txt", "source_name": "a\u200fb\x00",
                       "source_url": "https://news.example/\u202egpj.exe"}, spec)
    assert "\u202e" not in html and "\u200f" not in html and "\x00" not in html
    assert "evil‹U+202E›exe.txt" in html and "a‹U+200F›b‹U+0000›" in html
    assert "href" not in html and "source: https://news.example/‹U+202E›gpj.exe" in html
    linked = popup_html({"place": "x", "source_url": "https://news.example/a"}, spec)
    assert "href='https://news.example/a'" in linked


@pytest.mark.parametrize("url", ["https://news.example/\u202egpj.exe", "https://a.example/ b",
                                 "https://a.example/\u200ex", "http://a.example/\U000e0041"])
def test_no_address_with_a_hidden_character_or_a_space_is_a_link(url):
    assert safe_link(url) is None


def test_bidi_marks_tag_characters_and_noncharacters_show_as_marks():
    assert visible("a\u200eb\u200fc\u061cd") == "a‹U+200E›b‹U+200F›c‹U+061C›d"
    assert visible("pay\U000e0041\U000e0042") == "pay‹U+E0041›‹U+E0042›"
    assert visible("\ufffe\uffff\u3164") == "‹U+FFFE›‹U+FFFF›‹U+3164›"
    # joiners and variation selectors are left: scripts and emoji need them
    assert visible("\u0645\u200c\u0646 \U0001f3f3\ufe0f\u200d\U0001f308") == \
        "\u0645\u200c\u0646 \U0001f3f3\ufe0f\u200d\U0001f308"
    assert visible("one\u2028two\u2029three", one_line=True) == "one two three"


def test_canvas_labels_show_hidden_characters_as_marks(tmp_path):
    store = IncidentStore.open(f"sqlite:///{tmp_path / 'x.sqlite'}", DATA_DIR)
    sites = store.sites_frame()
    named = sites.index[~sites["site_id"].str.startswith(infrastructure.CONTEXT_PREFIX)][0]
    sites.loc[named, "name"] = "depot\u202eexe"
    labels = layer_spec(infrastructure.build(sites), None)["labels"]
    assert "depot‹U+202E›exe" in labels.values()
    assert not any("\u202e" in label for label in labels.values())
