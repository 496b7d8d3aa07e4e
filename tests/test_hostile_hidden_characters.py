"""Characters that show nothing (zero-width spaces and joiners, soft hyphens, BOMs, bidi
marks) in what a file names: copied from a web page with a table's header, 'da\\u200bte'
looks like 'date' on every screen, yet matched no field, and the file was refused for
having no date, with a fix (--map date_start=da‹U+200B›te) no one can type."""

from __future__ import annotations

import pytest

from geo.commands._cli import main
from geo.importing.presets.base import normalise_header


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
