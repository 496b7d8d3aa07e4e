"""geo.review.claims on a real store (SQLite and PostgreSQL): a status change, its history,
and every refusal."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo.analysis.sources import with_last_review
from geo.dates import review_text
from geo.errors import IncidentMapError, ValidationError
from geo.review.authorship import MAX_NAME_CHARS, MAX_NOTE_CHARS
from geo.review.claims import (
    claim_history,
    set_claim_status,
)
from geo.store.reviews import latest_reviews
from tests.support.database import scalar

TPP = "seed-000-02"  # Kremenchuk thermal power plant, imported as "claimed"
DEPOT = "seed-002-01"


def status_of(database_url, incident_id: str) -> str:
    return scalar(database_url, "SELECT claim_status FROM incidents WHERE incident_id = :id",
                  id=incident_id)


def history_rows(database_url) -> int:
    return scalar(database_url, "SELECT count(*) FROM claim_history")


def test_a_change_updates_the_incident_records_history_and_bumps_the_revision(store, database_url):
    before = store.revision()
    assert status_of(database_url, TPP) == "claimed"
    started = dt.datetime.now(dt.UTC)
    change = set_claim_status(store, TPP, "geolocated", changed_by="  Anna K. ",
                              note="matched smoke plume on imagery")
    assert status_of(database_url, TPP) == "geolocated"
    assert store.revision() == before + 1
    assert (change.previous_status, change.status, change.changed_by) == (
        "claimed", "geolocated", "Anna K.")
    history = claim_history(store, TPP)
    assert len(history) == 1
    row = history.iloc[0]
    assert (row.incident_id, row.previous_status, row.status, row.changed_by, row.note) == (
        TPP, "claimed", "geolocated", "Anna K.", "matched smoke plume on imagery")
    assert str(row.changed_at.tz) == "UTC"
    assert started - dt.timedelta(seconds=1) <= row.changed_at <= dt.datetime.now(dt.UTC)


def test_history_is_newest_first_and_can_be_read_per_incident(store):
    set_claim_status(store, TPP, "reported", changed_by="Anna")
    set_claim_status(store, DEPOT, "geolocated", changed_by="Bo")
    set_claim_status(store, TPP, "confirmed", changed_by="Chen", note="second source")
    tpp = claim_history(store, TPP)
    assert list(zip(tpp.previous_status, tpp.status, strict=True)) == [
        ("reported", "confirmed"), ("claimed", "reported")]
    everything = claim_history(store)
    assert list(everything.changed_by) == ["Chen", "Bo", "Anna"]
    assert everything["changed_at"].is_monotonic_decreasing
    assert claim_history(store, "seed-999").empty


def test_the_latest_review_is_joined_to_the_incidents(store):
    set_claim_status(store, TPP, "reported", changed_by="Anna")
    set_claim_status(store, TPP, "confirmed", changed_by="Chen")
    reviews = latest_reviews(store)
    assert list(reviews.index) == [TPP] and reviews.loc[TPP, "last_reviewed_by"] == "Chen"
    joined = with_last_review(store.incidents_frame(), reviews).set_index("incident_id")
    assert joined.loc[TPP, "last_reviewed_by"] == "Chen"
    assert joined.loc[DEPOT, "last_reviewed_by"] == ""
    assert pd.isna(joined.loc[DEPOT, "last_reviewed_at"])
    text = review_text(joined["last_reviewed_by"], joined["last_reviewed_at"])
    assert text[TPP].startswith("Chen, ") and text[TPP].endswith(" UTC")
    assert text[DEPOT] == ""


def test_no_reviews_join_as_empty_columns(store):
    joined = with_last_review(store.incidents_frame(), latest_reviews(store))
    assert (joined["last_reviewed_by"] == "").all() and joined["last_reviewed_at"].isna().all()


@pytest.mark.parametrize(("incident_id", "status", "by", "note", "expected"), [
    ("seed-999", "confirmed", "Anna", "", "Unknown incident id 'seed-999'"),
    (TPP, "verified", "Anna", "", "Unknown claim status 'verified'; use one of claimed, "
                                  "reported, geolocated, confirmed"),
    (TPP, "confirmed", "   ", "", "No name given"),
    (TPP, "confirmed", "x" * (MAX_NAME_CHARS + 1), "", f"use at most {MAX_NAME_CHARS}"),
    (TPP, "confirmed", "Anna", "n" * (MAX_NOTE_CHARS + 1), "shorten it to at most"),
    (TPP, "claimed", "Anna", "", f"Incident '{TPP}' is already 'claimed'; choose a "
                                 "different status"),
])
def test_a_refused_change_writes_nothing(store, database_url, incident_id, status, by, note,
                                         expected):
    before = store.revision()
    with pytest.raises(ValidationError) as caught:
        set_claim_status(store, incident_id, status, changed_by=by, note=note)
    assert expected in str(caught.value)
    assert isinstance(caught.value, IncidentMapError)
    assert str(caught.value).startswith("Claim status not changed")
    assert history_rows(database_url) == 0 and claim_history(store).empty
    assert store.revision() == before
    assert status_of(database_url, TPP) == "claimed"


def test_every_problem_is_reported_at_once(store):
    with pytest.raises(ValidationError) as caught:
        set_claim_status(store, "seed-999", "maybe", changed_by="")
    assert len(caught.value.problems) == 3
    assert {p.split(" ")[1] for p in caught.value.problems} == {"claim", "name",
                                                                "incident"}
