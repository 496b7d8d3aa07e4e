"""`python -m geo query` lists the incidents found in a table a terminal can show: a long
value is cut for the listing only, with a mark and a note saying so; a line break or a
tab in a value shows as a mark, so no value can pass for another row; what -o and
`export` write is whole."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from geo.commands._cli import main
from geo.records import coerce_incidents
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore

LONG_PLACE = "Kremenchuk refinery " + "A" * 5_000
LONG_ID = "w-" + "I" * 300
WIDE = "Кременчук 精油 🔥 " * 30
FAKE_ROW = "line one\nseed-002-01 2025-08-08 2025-08-08 strike fake row"
WINDOW = ("--from", "2025-08-07", "--to", "2025-08-07")


@pytest.fixture(scope="module")
def long_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("listing") / "store.sqlite"
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    places = [LONG_PLACE, FAKE_ROW, WIDE, "x\ty"]
    rows = [{"incident_id": LONG_ID if i == 0 else f"w-{i}", "date_start": "2025-08-07",
             "date_end": "2025-08-07", "date_precision": "day", "category": "strike",
             "latitude": 46.0, "longitude": 30.0, "geo_precision": "town",
             "claim_status": "reported", "place": place, "site_id": ""}
            for i, place in enumerate(places)]
    store.add_batch("w", coerce_incidents(pd.DataFrame(rows)), file_name="w.csv")
    store.engine.dispose()
    return str(path)


def listed(capsys, *argv) -> str:
    assert main(["query", *argv]) == 0
    return capsys.readouterr().out


def test_long_values_are_cut_for_the_listing_with_a_mark_and_a_note(capsys, long_db):
    out = listed(capsys, *WINDOW, "--db", long_db)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 400, max(len(line) for line in lines)
    assert "Kremenchuk refinery AAAA" in out and "…" in out and "A" * 100 not in out
    assert "w-IIII" in out and "I" * 100 not in out
    assert any("cut for this listing" in line and "-o" in line for line in lines), lines


def test_a_line_break_or_tab_in_a_value_cannot_pass_for_another_row(capsys, long_db):
    out = listed(capsys, *WINDOW, "--db", long_db)
    assert not any(line.startswith("seed-002-01 2025-08-08 2025-08-08 strike fake")
                   for line in out.splitlines())
    assert "line one‹U+000A›seed-002-01" in out and "x‹U+0009›y" in out
    assert len([line for line in out.splitlines() if line.lstrip().startswith("w-")]) == 4


def test_the_csv_written_holds_every_value_whole(capsys, long_db, tmp_path):
    out = tmp_path / "found.csv"
    listed(capsys, *WINDOW, "--db", long_db, "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {r["place"] for r in rows} >= {LONG_PLACE, FAKE_ROW, WIDE, "x\ty"}
    assert LONG_ID in {r["incident_id"] for r in rows}


def test_the_batches_and_claim_history_listings_cut_long_values_too(capsys, tmp_path):
    """A 300-character file name or a 2,000-character note made every line as wide, and a
    line break in a note printed as '\\n', like the two characters a note may hold."""
    from geo.review.claims import set_claim_status

    path = tmp_path / "store.sqlite"
    store = IncidentStore.open(f"sqlite:///{path}", DATA_DIR)
    rows = [{"incident_id": "w-1", "date_start": "2025-08-07", "date_end": "2025-08-07",
             "date_precision": "day", "category": "strike", "latitude": 46.0,
             "longitude": 30.0, "geo_precision": "town", "claim_status": "reported",
             "place": "Odesa", "site_id": ""}]
    store.add_batch("w", coerce_incidents(pd.DataFrame(rows)),
                    file_name="report " + "F" * 300 + "\nfake.csv")
    set_claim_status(store, "w-1", "confirmed", changed_by="Ana",
                     note="seen on video " + "N" * 1_900 + "\nsecond line")
    store.engine.dispose()
    for verb in (["batches"], ["claim", "--history"]):
        assert main([*verb, "--db", str(path)]) == 0
        out = capsys.readouterr().out
        assert max(len(line) for line in out.splitlines()) <= 400, (verb, out[:300])
        assert "F" * 100 not in out and "N" * 100 not in out, verb
        assert "cut for this listing" in out, verb
        assert not any(line.startswith(("fake.csv", "second line"))
                       for line in out.splitlines()), verb
