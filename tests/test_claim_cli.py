"""`python -m geo claim` in a subprocess, on a temporary database (SQLite and PostgreSQL)."""

from __future__ import annotations

from tests.support.cli import geo, side_by_side
from tests.support.database import scalar


def status_and_history(database_url) -> tuple[str, int]:
    status = scalar(database_url, "SELECT claim_status FROM incidents "
                                  "WHERE incident_id = 'seed-002-01'")
    return status, scalar(database_url, "SELECT count(*) FROM claim_history")


def test_claim_sets_the_status_and_history_lists_it(database_url):
    db = database_url
    done = geo("claim", "seed-002-01", "geolocated", "--by", "Anna K.", "--note",
               "depot fire on imagery", db=db)
    assert done.returncode == 0, done.stderr
    assert "Incident seed-002-01: reported -> geolocated by Anna K. at " in done.stdout
    assert status_and_history(db) == ("geolocated", 1)
    listed = geo("claim", "--history", "seed-002-01", db=db)
    assert listed.returncode == 0, listed.stderr
    assert "reported -> geolocated" in listed.stdout
    assert "Anna K." in listed.stdout and "depot fire on imagery" in listed.stdout
    everything = geo("claim", "--history", db=db)
    assert "seed-002-01" in everything.stdout
    untouched = geo("claim", "--history", "seed-000-01", db=db)
    assert untouched.returncode == 0
    assert "No claim status changes recorded for incident 'seed-000-01'" in untouched.stdout


def test_bad_claims_exit_2_naming_the_value_and_change_nothing(database_url):
    db = database_url
    bad_status, same, no_name, unknown = side_by_side(lambda args: geo(*args, db=db), [
        ("claim", "seed-002-01", "verified", "--by", "Anna"),
        ("claim", "seed-002-01", "reported", "--by", "Anna"),
        ("claim", "seed-002-01", "confirmed"),
        ("claim", "--history", "seed-999")])
    assert bad_status.returncode == 2
    assert "Unknown claim status 'verified'; use one of claimed" in bad_status.stderr
    assert same.returncode == 2 and "is already 'reported'" in same.stderr
    assert no_name.returncode == 2 and "Missing --by NAME" in no_name.stderr
    assert unknown.returncode == 2 and "Unknown incident id 'seed-999'" in unknown.stderr
    assert status_and_history(db) == ("reported", 0)
