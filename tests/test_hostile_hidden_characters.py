"""Characters that show nothing (zero-width spaces and joiners, soft hyphens, BOMs, bidi
marks) in what a file names: copied from a web page with a table's header, 'da\\u200bte'
looks like 'date' on every screen, yet matched no field, and the file was refused for
having no date, with a fix (--map date_start=da‹U+200B›te) no one can type; a date,
number or category so written was refused as none."""

from __future__ import annotations

import pytest

from geo.commands._cli import main
from geo.importing.presets.base import normalise_header
from tests.support.database import scalar


@pytest.mark.parametrize("header, key", [
    ("da\u200bte", "date"), ("\ufeffLatitude", "latitude"), ("lon\u200dgitude", "longitude"),
    ("pla\u00adce", "place"), ("\u200fEvent\u200e Date", "event_date"),
    ("\u2066date\u2069", "date"), ("Event\tDate", "event_date"),
])
def test_a_header_is_matched_without_what_it_does_not_show(header, key):
    assert normalise_header(header) == key


def test_a_file_whose_header_holds_zero_width_characters_imports(tmp_path, capsys):
    path = tmp_path / "copied.csv"
    path.write_text("da\u200bte,pla\u200bce,lati\u200dtude,\u200blongitude\n"
                    "2025-08-01,Kyiv,50.45,30.52\n", encoding="utf-8")
    assert main(["import", str(path), "--db", str(tmp_path / "s.sqlite")]) == 0
    assert "1 added" in capsys.readouterr().out


def test_a_date_number_or_word_holding_what_does_not_show_is_read_without_it(tmp_path,
                                                                              capsys):
    """'50.4\\u200b' was refused as no number, 'strike\\u200b' as no category, and
    '\\ufeff2025-08-01' as no date: the message showed a mark (‹U+200B›) of what no
    spreadsheet shows, to remove. Text kept as text (a description) is stored as given."""
    path = tmp_path / "copied.csv"
    path.write_text("date,place,lat,lon,category,claim_status,description\n"
                    "\ufeff2025-08-01,Kyiv,50.4\u200b,30.5,strike\u200b,reported\ufeff,a\u200bb\n"
                    "2025-08-02\u200b,Kyiv,\u202d50.4,30.5\u2060,strike,reported,x\n",
                    encoding="utf-8")
    db = tmp_path / "s.sqlite"
    assert main(["import", str(path), "--db", str(db)]) == 0
    said = capsys.readouterr().out
    assert "2 added" in said and "rejected: 0" in said, said
    url = f"sqlite:///{db}"
    assert scalar(url, "SELECT latitude || ' ' || category || ' ' || claim_status FROM "
                       "incidents WHERE date_start = '2025-08-01' AND place = 'Kyiv' "
                       "AND description = 'a\u200bb'") == "50.4 strike reported"
