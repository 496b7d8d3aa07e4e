"""The latest reviews brought forward from an older revision's read with the revision log
equal a whole read, after every kind of write; what the log cannot vouch for is read whole."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from geo.review.claims import set_claim_status
from geo.store import reviews as store_reviews
from geo.store import tables
from geo.store.engine import bump_revision
from geo.store.reviews import latest_reviews, reviews_at
from tests.support.synthetic import synthetic_incidents

SYNTHETIC = 500


@pytest.fixture
def whole_reads(monkeypatch) -> list[bool]:
    """One entry per read of the claim history: True for a whole read."""
    made: list[bool] = []
    real = store_reviews._read

    def recorded(conn, of_incidents=None):
        made.append(of_incidents is None)
        return real(conn, of_incidents)

    monkeypatch.setattr(store_reviews, "_read", recorded)
    return made


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_index(kind="stable")


def assert_brought_forward(store, older):
    revision, reviews = reviews_at(store, older)
    assert revision == store.revision()
    pd.testing.assert_frame_equal(by_id(reviews), by_id(latest_reviews(store)),
                                  check_exact=True)
    return revision, reviews


def started(store):
    store.add_batch("first", synthetic_incidents(SYNTHETIC))
    revision, reviews = reviews_at(store, None)
    assert len(reviews) > 0  # the synthetic rows imported as checked carry a change
    return revision, reviews


def review(store, incident_id: str, who: str = "Ana") -> None:
    now = store.incidents_frame().set_index("incident_id").at[incident_id, "claim_status"]
    status = "confirmed" if now != "confirmed" else "geolocated"
    set_claim_status(store, incident_id, status, changed_by=who, note="checked")


def updated_rows(store, ids, text: str) -> pd.DataFrame:
    rows = store.incidents_frame().set_index("incident_id", drop=False).loc[ids]
    return rows.assign(description=text, claim_status="confirmed").reset_index(drop=True)


def test_a_review_reads_only_what_it_touched(store, whole_reads):
    older = started(store)
    review(store, "syn-0000010", "Bo")
    review(store, "syn-0000011", "Chen")
    _, reviews = assert_brought_forward(store, older)
    assert reviews.at["syn-0000010", "last_reviewed_by"] == "Bo"
    assert whole_reads == [True, False, True]  # started, brought forward, the check's read


def test_an_update_import_its_undo_and_a_reimport(store, whole_reads):
    older = started(store)
    ids = ["syn-0000003", "syn-0000400"]
    review(store, "syn-0000003", "Bo")
    store.add_batch("update", synthetic_incidents(20, seed=9).assign(
        incident_id=lambda f: "new-" + f.index.astype(str)),
        updates=updated_rows(store, ids, "newer"))
    older = assert_brought_forward(store, older)
    review(store, "new-3", "Chen")
    older = assert_brought_forward(store, older)
    store.undo_batch("update")
    older = assert_brought_forward(store, older)
    assert "new-3" not in older[1].index
    store.undo_batch("first")
    older = assert_brought_forward(store, older)
    assert older[1].empty
    store.add_batch("again", synthetic_incidents(SYNTHETIC))
    assert_brought_forward(store, older)
    assert whole_reads.count(True) == 1 + 5  # started, then only the checks' own reads


def test_a_write_the_log_does_not_describe_is_read_whole(store, whole_reads):
    older = started(store)
    with store.engine.begin() as conn:
        conn.execute(sa.update(tables.incidents).where(
            tables.incidents.c.incident_id == "syn-0000002").values(place="Elsewhere"))
        bump_revision(conn)  # says nothing of what it changed
    assert_brought_forward(store, older)
    assert whole_reads == [True, True, True]


def test_no_write_since_keeps_the_older_read(store):
    older = started(store)
    revision, reviews = reviews_at(store, older)
    assert revision == older[0] and reviews is older[1]
