"""`python -m geo parse`: articles -> a CSV of proposals that `python -m geo import` reads."""

from __future__ import annotations

import csv
import json
import sqlite3

import pandas as pd

from geo.articles.rows import ROW_COLUMNS, rows_csv
from geo.importing.presets.template import TEMPLATE_COLUMNS
from tests.support.cli import geo
from tests.support.files import ARTICLES, SEED_ARTICLES
from tests.support.geocoding import session_geocoder

SEED_002 = SEED_ARTICLES / "002_09fb144f0314244c.txt"
TASS = ARTICLES / "tass_2024-08-26_massive_strike_energy.txt"


def rows(path) -> list[dict]:
    with open(path, encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_parse_writes_proposals_that_import_reads(tmp_path, tmp_path_factory):
    session_geocoder(tmp_path_factory)                   # the index is built once
    out, db = tmp_path / "proposals.csv", tmp_path / "store.sqlite"
    done = geo("parse", TASS, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "14 proposal(s)" in done.stderr and "2024-08-26" in done.stderr
    found = rows(out)
    assert list(found[0]) == list(ROW_COLUMNS)
    assert {r["claim_status"] for r in found} == {"claimed"}
    assert {r["source_name"] for r in found} == {"TASS"}
    assert all(r["description"].startswith("“") and r["evidence_offsets"] for r in found)
    imported = geo("import", out, db=db)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    with sqlite3.connect(db) as conn:  # the batch keeps the article, as the page's does
        (settings,) = conn.execute("SELECT settings FROM batches WHERE file_name = "
                                   "'proposals.csv'").fetchone()
    article = json.loads(settings)["article"]
    assert (article["publisher"], article["date"], article["sha256"]) == (
        "TASS", "2024-08-26", found[0]["article_sha256"])
    # the airfields hit in the Kiev and Dnepropetrovsk regions share their region's point with
    # the substations there, but the article names them apart: not duplicates of each other
    assert "14 added" in imported.stdout and "duplicates skipped: 0" in imported.stdout


def test_the_store_s_duplicates_are_found_as_for_any_import(tmp_path):
    out = tmp_path / "seed.csv"
    assert geo("parse", SEED_002, "--date", "2025-08-15", "-o", out).returncode == 0
    checked = geo("import", out, "--dry-run", db=tmp_path / "store.sqlite")
    assert "duplicates skipped: 5" in checked.stdout     # the seed claims are in the store


def test_folders_and_several_articles_make_one_file(tmp_path):
    out = tmp_path / "all.csv"
    done = geo("parse", SEED_ARTICLES, TASS, "--date", "2025-08-15", "--quiet", "-o", out)
    assert done.returncode == 0, done.stderr
    assert {r["article_sha256"] for r in rows(out)}.__len__() == 4
    assert "not proposed" not in done.stderr


def test_an_undated_article_is_proposed_with_its_dates_unresolved(tmp_path):
    out = tmp_path / "undated.csv"
    done = geo("parse", SEED_ARTICLES / "000_6b014d9026eb9c02.txt", "-o", out)
    assert done.returncode == 0
    assert "the article has no date: relative dates stay unresolved; give --date" in done.stderr
    found = rows(out)
    assert found and all(r["date_start"] == "" and "give its date" in r["date_text"]
                         for r in found)
    checked = geo("import", out, "--dry-run", db=tmp_path / "store.sqlite")
    assert checked.returncode == 1 and "date is empty" in checked.stdout


def test_mistakes_are_named_and_nothing_is_written(tmp_path):
    out = tmp_path / "x.csv"
    missing = geo("parse", tmp_path / "missing.txt", "-o", out)
    assert missing.returncode == 2 and "No such file or folder" in missing.stderr
    bad_date = geo("parse", SEED_002, "--date", "8/8/2025", "-o", out)
    assert bad_date.returncode == 2 and "article date '8/8/2025' is not a date" in \
        bad_date.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds no article" in geo("parse", empty, "-o", out).stderr
    assert not out.exists()


def test_spreadsheet_formulas_are_neutralised_in_the_csv():
    frame = pd.DataFrame([{c: "" for c in ROW_COLUMNS}])
    frame.loc[0, "place"] = "=HYPERLINK(\"http://example.org\")"
    frame.loc[0, "latitude"] = "-33.4"
    text = rows_csv(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",-33.4," in text
    assert set(TEMPLATE_COLUMNS) <= set(ROW_COLUMNS)


def test_an_unsure_proposal_waits_for_a_person_on_the_command_line_too(tmp_path):
    out = tmp_path / "proposals.csv"
    assert geo("parse", TASS, "-o", out).returncode == 0
    found = pd.DataFrame(rows(out))
    found.loc[0, ["confidence", "doubts"]] = ["low", "placed only at the official's region"]
    out.write_bytes(rows_csv(found))
    checked = geo("import", out, "--dry-run", db=tmp_path / "store.sqlite")
    assert "held for review, not imported: 1" in checked.stdout, checked.stdout
    assert "proposed with low confidence (placed only at the official's region)" in \
        checked.stdout
