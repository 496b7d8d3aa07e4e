"""A snapshot's title is drawn whole: a title of one long word (a URL, a file name, a
language written without spaces) was shortened by words to '…' alone, so the snapshot
showed no title at all; the command line took a title of any length, past the 140
characters the Share panel allows, and drew '…'."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from geo.commands._cli import main
from geo.sharing.citation import MAX_TITLE_CHARS


def drawn_text(svg) -> str:
    return " ".join(e.text for e in ET.parse(svg).getroot().iter() if e.text)


@pytest.mark.parametrize("title", ["W" * MAX_TITLE_CHARS, "https://news.example/" + "a" * 100,
                                   "烏克蘭煉油廠遭無人機襲擊" * 11])
def test_a_title_of_one_long_word_is_drawn_whole(tmp_path, capsys, title):
    out = tmp_path / "map.svg"
    assert main(["snapshot", "-o", str(out), "--title", title[:MAX_TITLE_CHARS],
                 "--db", str(tmp_path / "s.sqlite")]) == 0, capsys.readouterr().err
    assert title[:MAX_TITLE_CHARS] in drawn_text(out)


def test_the_command_refuses_a_title_longer_than_a_snapshot_takes(tmp_path, capsys):
    out = tmp_path / "map.png"
    code = main(["snapshot", "-o", str(out), "--title", "x" * 100_000,
                 "--db", str(tmp_path / "s.sqlite")])
    err = capsys.readouterr().err
    assert code == 2 and "--title is 100,000 characters long; a snapshot takes at most " \
        f"{MAX_TITLE_CHARS}" in err, err
    assert not out.exists()
