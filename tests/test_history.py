"""History with identity: every write records who, when and from where; an import that sets
a checked claim status writes history; history belongs to the record (an id imported again
after an undo starts clean); the history tables are append-only, and no code path updates
or deletes them. On SQLite and PostgreSQL alike (the `store` and `database_url` fixtures)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.records import coerce_incidents
from geo.review.claims import claim_history, set_claim_status
from geo.review.site_links import link_history, set_site_link
from geo.store import history, tables
from geo.store.reviews import latest_reviews
from tests.support.cli import geo
from tests.support.database import outside

ROOT = Path(__file__).resolve().parent.parent


def rows(ids_and_statuses) -> pd.DataFrame:
    return coerce_incidents(pd.DataFrame([{
        "incident_id": incident_id, "date_start": "2025-08-08", "date_end": "2025-08-08",
        "date_precision": "day", "category": "strike", "place": "Odesa",
        "latitude": 46.48, "longitude": 30.72, "geo_precision": "town",
        "claim_status": status, "source_name": "test"} for incident_id, status in
        ids_and_statuses]))


def test_an_import_that_sets_a_checked_status_writes_history(store):
    store.add_batch("b1", rows([("x-1", "confirmed"), ("x-2", "reported"),
                                ("x-3", "geolocated"), ("x-4", "claimed")]),
                    file_name="claims.csv", imported_by="ana@newsroom.example",
                    imported_from="app, 203.0.113.7")
    found = claim_history(store).set_index("incident_id")
    assert sorted(found.index) == ["x-1", "x-3"]
    first = found.loc["x-1"]
    assert (first.previous_status, first.status, first.changed_by, first.changed_from,
            first.batch_id) == ("", "confirmed", "ana@newsroom.example", "app, 203.0.113.7",
                                "b1")
    assert first.note == "set by import of 'claims.csv' (batch b1)"
    assert latest_reviews(store).loc["x-3", "last_reviewed_by"] == "ana@newsroom.example"
    batch = store.batches_frame().set_index("batch_id").loc["b1"]
    assert (batch.imported_by, batch.imported_from) == ("ana@newsroom.example",
                                                        "app, 203.0.113.7")


def test_the_seed_writes_no_history_and_a_caller_that_does_not_say_who_is_marked(store):
    assert claim_history(store).empty  # the shipped statuses are the record
    store.add_batch("b2", rows([("y-1", "confirmed")]))
    assert claim_history(store)["changed_by"].tolist() == [history.NOT_RECORDED]


def test_an_id_imported_again_after_an_undo_does_not_inherit_the_old_review(store):
    store.add_batch("old", rows([("z-1", "reported")]), imported_by="Ana")
    set_claim_status(store, "z-1", "confirmed", changed_by="Bo", changed_from="app, x",
                     note="two videos")
    set_site_link(store, "z-1", "odesa_refinery", changed_by="Bo", note="seen")
    store.undo_batch("old", undone_by="Cy", undone_from="command line, cy@host")
    store.add_batch("new", rows([("z-1", "reported")]), imported_by="Ana")
    assert claim_history(store, "z-1").empty
    assert link_history(store, "z-1").empty
    assert "z-1" not in latest_reviews(store).index
    everything = claim_history(store)  # the old record's review is kept, under its batch
    assert everything[["incident_id", "batch_id", "changed_by"]].values.tolist() == [
        ["z-1", "old", "Bo"]]
    undone = store.batches_frame().set_index("batch_id").loc["old"]
    assert (undone.undone_by, undone.undone_from) == ("Cy", "command line, cy@host")
    set_claim_status(store, "z-1", "geolocated", changed_by="Di")
    assert claim_history(store, "z-1")["changed_by"].tolist() == ["Di"]


def test_reviews_and_links_record_from_where(store):
    change = set_claim_status(store, "seed-000-02", "reported", changed_by="Ana",
                              changed_from="app, 198.51.100.4")
    assert change.changed_from == "app, 198.51.100.4"
    assert claim_history(store, "seed-000-02")["changed_from"].tolist() == ["app, 198.51.100.4"]
    set_site_link(store, "seed-000-01", "kremenchuk_tpp", changed_by="Ana",
                  changed_from="app, this computer")
    assert link_history(store, "seed-000-01")["changed_from"].tolist() == ["app, this computer"]


@pytest.mark.parametrize("statement", [
    "UPDATE claim_history SET changed_by = 'someone else'",
    "DELETE FROM claim_history",
    "UPDATE link_history SET note = ''",
    "DELETE FROM link_history WHERE true",
])
def test_the_database_refuses_to_rewrite_history(store, database_url, statement):
    """Another program's connection, not the store's: the database itself refuses."""
    set_claim_status(store, "seed-000-02", "reported", changed_by="Ana")
    set_site_link(store, "seed-000-01", "kremenchuk_tpp", changed_by="Ana")
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), \
            outside(database_url) as conn:
        conn.execute(sa.text(statement))
    assert len(claim_history(store)) == 1 and len(link_history(store)) == 1


def test_no_code_path_updates_or_deletes_history():
    """Every sa.update / sa.delete / SQL UPDATE or DELETE in geo/ names another table; the
    one exception is the version 7 migration, which fills the column it adds."""
    names = {table.name for table in tables.HISTORY_TABLES}
    offenders = []
    for path in sorted((ROOT / "geo").rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in (
                    "update", "delete") and node.args:
                target = ast.unparse(node.args[0])
                if any(name in target for name in names) or target == "history":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {target}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = " ".join(node.value.upper().split())
                if any(f"{verb} {name.upper()}" in text for name in names
                       for verb in ("UPDATE", "DELETE FROM")):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} SQL")
    attach = next(node for node in ast.walk(ast.parse((ROOT / "geo/store/history.py")
                                                    .read_text()))
                  if getattr(node, "name", "") == "attach_old_rows")
    assert offenders == [f"geo/store/history.py:{attach.body[-1].body[-1].lineno} history"]


def test_command_line_writes_record_the_account(database_url, tmp_path):
    csv = tmp_path / "one.csv"
    csv.write_text("date,latitude,longitude,category,claim_status,source_name\n"
                   "2025-08-08,46.48,30.72,strike,confirmed,test\n")
    done = geo("import", csv, "--by", "Ana", db=database_url)
    assert done.returncode == 0, done.stderr
    listed = geo("claim", "--history", db=database_url)
    assert "Ana" in listed.stdout and "command line, " in listed.stdout
    batch = next(line.split()[0] for line in geo("batches", db=database_url).stdout.splitlines()
                 if "one.csv" in line)
    undone = geo("undo", batch, db=database_url)
    assert undone.returncode == 0, undone.stderr
    with outside(database_url) as conn:
        by, where = conn.execute(sa.text("SELECT undone_by, undone_from FROM batches WHERE "
                                         "batch_id = :batch"), {"batch": batch}).one()
    assert by and where.startswith("command line, ")
    refused = geo("undo", batch, "--by", "\u202eevil", db=database_url)
    assert refused.returncode == 2 and "invisible or control characters" in refused.stderr


def test_history_times_are_utc(store):
    before = dt.datetime.now(dt.UTC)
    set_claim_status(store, "seed-000-02", "reported", changed_by="Ana")
    assert claim_history(store)["changed_at"].iloc[0] >= pd.Timestamp(before).floor("s")


def test_stored_text_cannot_drive_the_terminal(database_url, tmp_path):
    csv = tmp_path / "report \x1b]0;pwned\x07\x1b[2J.csv"
    csv.write_text("date,latitude,longitude,category\n2025-08-08,46.48,30.72,strike\n")
    assert geo("import", csv, "--by", "Ana", db=database_url).returncode == 0
    listed = geo("batches", db=database_url)
    assert "\x1b" not in listed.stdout and "\x07" not in listed.stdout
    assert "report ‹U+001B›]0;pwned‹U+0007›‹U+001B›[2J.csv" in listed.stdout
