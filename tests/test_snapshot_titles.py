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


def test_long_source_names_leave_the_footer_s_licences_in_place(tmp_path, capsys):
    """The footer keeps three lines of 'Sources: ... Basemap: ...': six source names of
    2,000 characters filled them, and the basemap's and pipelines' attributions (their
    licences ask for them) were cut off without a mark."""
    import pandas as pd

    from geo.records import coerce_incidents
    from geo.settings import DATA_DIR
    from geo.store.incident_store import IncidentStore

    path = tmp_path / "s.sqlite"
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    rows = [{"incident_id": f"long-{i}", "date_start": "2025-08-08", "date_end": "2025-08-08",
             "date_precision": "day", "category": "strike", "latitude": 46.0 + i * 0.1,
             "longitude": 30.0, "geo_precision": "town", "claim_status": "reported",
             "place": "x", "source_name": f"Source {i} " + "S" * 2_000, "site_id": ""}
            for i in range(8)]
    store.add_batch("long", coerce_incidents(pd.DataFrame(rows)), file_name="long.csv")
    store.engine.dispose()
    out = tmp_path / "map.svg"
    assert main(["snapshot", "-o", str(out), "--db", str(path), "--from", "2025-08-08",
                 "--to", "2025-08-08"]) == 0, capsys.readouterr().err
    text = drawn_text(out)
    assert "Natural Earth" in text and "Global Energy Monitor" in text
    assert "S" * 200 not in text and "…" in text and "the export lists every source" in text
