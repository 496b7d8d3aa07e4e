"""Rows with a source identifier are matched on it: a re-import of the same file adds
nothing, a newer export updates what changed (the old version kept, undo puts it back)
and lists what it no longer holds; rows the source says differ are never merged."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.importing.pipeline import commit_import
from geo.review.claims import claim_history, set_claim_status
from geo.review.site_links import link_history, set_site_link
from geo.store import tables
from geo.store.reviews import latest_reviews
from tests.support.files import TEST_DATA
from tests.support.imports import preview_bytes

ACLED = (TEST_DATA / "acled_constructed_export.csv").read_bytes()


def newer_acled() -> bytes:
    """The export a week later: one event edited, one deleted, one added."""
    frame = pd.read_csv(TEST_DATA / "acled_constructed_export.csv", dtype=str,
                        keep_default_na=False)
    frame.loc[frame["event_id_cnty"] == "UKR900002", ["fatalities", "notes"]] = [
        "3", "Constructed row: missile attack near Kremenchuk; a third death reported."]
    frame = frame[frame["event_id_cnty"] != "UKR900004"]
    added = frame.iloc[[0]].assign(event_id_cnty="UKR900005", event_date="09 August 2025")
    return pd.concat([frame, added]).to_csv(index=False).encode()


def stored(store, incident_id: str) -> pd.Series:
    return store.incidents_frame().set_index("incident_id").loc[incident_id]


def versions(store) -> pd.DataFrame:
    with store.engine.connect() as conn:
        return pd.read_sql(sa.select(tables.incident_versions), conn)


@pytest.mark.parametrize("name", ["acled_constructed_export.csv", "firms_viirs_nrt_silex.csv",
                                  "ucdp_ged_ukraine_export_sample.csv",
                                  "timemap_bellingcat_civharm.json",
                                  "firms_modis_sumatra.geojson"])
def test_a_re_import_of_the_same_export_adds_nothing(store, name):
    data = (TEST_DATA / name).read_bytes()
    first = commit_import(preview_bytes(store, data, name), store)
    assert first.added > 0 and first.rejected == 0
    revision = store.revision()
    again = preview_bytes(store, data, name)
    assert again.counts()["new"] == again.counts()["changed"] == 0
    assert set(again.rows["reason"].str.slice(0, 29)) == {"duplicate: already stored and"}
    result = commit_import(again, store)
    assert (result.added, result.updated, result.batch_id) == (0, 0, None)
    assert store.revision() == revision


def test_a_newer_acled_export_updates_and_lists_what_it_no_longer_holds(store):
    first = commit_import(preview_bytes(store, ACLED, "acled-week1.csv"), store)
    preview = preview_bytes(store, newer_acled(), "acled-week2.csv")
    rows = preview.rows.set_index("incident_id")
    assert rows.loc["acled-UKR900002", "status"] == "changed"
    assert rows.loc["acled-UKR900002", "reason"].startswith(
        "changed since stored: casualties '2' -> '3'; description 'Constructed row: missile")
    assert rows.loc["acled-UKR900005", "status"] == "new"
    assert list(rows.loc[["acled-UKR900001", "acled-UKR900003"], "status"]) == ["duplicate"] * 2
    assert list(preview.missing["incident_id"]) == ["acled-UKR900004"]

    result = commit_import(preview, store)
    assert (result.added, result.updated, result.missing) == (1, 1, ("acled-UKR900004",))
    assert "updated (changed since stored, old versions kept): 1" in result.summary()
    assert "no longer in this file (kept; the source may have deleted them): 1" in \
        result.summary()
    assert stored(store, "acled-UKR900002")["casualties"] == "3"
    assert stored(store, "acled-UKR900002")["batch_id"] == result.batch_id
    assert stored(store, "acled-UKR900004")["batch_id"] == first.batch_id  # kept
    old = versions(store)
    assert list(old["incident_id"]) == ["acled-UKR900002"]
    assert json.loads(old["record"].iat[0])["casualties"] == "2"
    assert old["changes"].iat[0].startswith("casualties '2' -> '3'")
    batch = store.batches_frame().set_index("batch_id").loc[result.batch_id]
    assert (batch.row_count, batch.updated_count) == (1, 1)

    assert store.undo_batch(result.batch_id) == 1  # the added event removed ...
    assert stored(store, "acled-UKR900002")["casualties"] == "2"  # ... the update put back
    assert stored(store, "acled-UKR900002")["batch_id"] == first.batch_id
    assert "acled-UKR900005" not in set(store.incidents_frame()["incident_id"])


def test_an_update_keeps_what_analysts_decided(store):
    commit_import(preview_bytes(store, ACLED, "acled-week1.csv"), store)
    set_claim_status(store, "acled-UKR900002", "confirmed", changed_by="Ana", note="imagery")
    set_site_link(store, "acled-UKR900002", "kremenchuk_refinery", changed_by="Ana",
                  note="the refinery, per the source")
    commit_import(preview_bytes(store, newer_acled(), "acled-week2.csv"), store)
    row = stored(store, "acled-UKR900002")
    assert row["casualties"] == "3"
    assert (row["claim_status"], row["site_id"]) == ("confirmed", "kremenchuk_refinery")
    # the decisions' history stays with the updated record, saying where it came from
    reviews = claim_history(store, "acled-UKR900002")
    assert list(reviews["changed_by"]) == ["Ana"] and list(reviews["status"]) == ["confirmed"]
    assert "carried from batch" in reviews["note"].iat[0]
    assert list(link_history(store, "acled-UKR900002")["site_id"]) == ["kremenchuk_refinery"]
    assert latest_reviews(store).loc["acled-UKR900002", "last_reviewed_by"] == "Ana"


def test_undoing_an_update_brings_back_the_older_record_and_its_history(store):
    commit_import(preview_bytes(store, ACLED, "acled-week1.csv"), store)
    set_claim_status(store, "acled-UKR900002", "confirmed", changed_by="Ana", note="imagery")
    update = commit_import(preview_bytes(store, newer_acled(), "acled-week2.csv"), store)
    set_claim_status(store, "acled-UKR900002", "reported", changed_by="Bo", note="unsure")
    store.undo_batch(update.batch_id)
    row = stored(store, "acled-UKR900002")
    assert (row["casualties"], row["claim_status"]) == ("2", "confirmed")
    reviews = claim_history(store, "acled-UKR900002")
    assert list(reviews["note"]) == ["imagery"]  # the older record's own history


def test_an_overlapping_firms_file_adds_only_the_detections_it_lacks(store):
    lines = (TEST_DATA / "firms_viirs_nrt_silex.csv").read_text().splitlines(keepends=True)
    first = commit_import(preview_bytes(store, "".join(lines[:7]).encode(), "a.csv"), store)
    assert first.added == 6
    second = preview_bytes(store, "".join(lines).encode(), "b.csv")
    assert (second.counts()["new"], second.counts()["duplicate"]) == (3, 6)
    assert commit_import(second, store).added == 3


def test_events_the_source_says_differ_are_never_merged_by_proximity(store):
    frame = pd.read_csv(TEST_DATA / "acled_constructed_export.csv", dtype=str,
                        keep_default_na=False).head(1)
    twins = pd.concat([frame, frame.assign(event_id_cnty="UKR900099")])  # same place, day
    preview = preview_bytes(store, twins.to_csv(index=False).encode(), "twins.csv")
    assert list(preview.status) == ["new", "new"]
    same = pd.concat([frame, frame])  # the same id twice: one event
    assert list(preview_bytes(store, same.to_csv(index=False).encode(), "x.csv").status) == \
        ["new", "duplicate"]
