"""geo.review.site_links: a person's link change, validated, written whole, kept as history;
on SQLite and PostgreSQL (the `store` fixture)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from geo.errors import ValidationError
from geo.review.authorship import MAX_NAME_CHARS, MAX_NOTE_CHARS
from geo.review.site_links import link_history, set_site_link
from geo.store import tables
from tests.support.database import refuse_inserts


def stored_link(store, incident_id: str) -> tuple[str, str]:
    c = tables.incidents.c
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(c.site_id, c.site_link)
                           .where(c.incident_id == incident_id)).one()
    return row.site_id, row.site_link


def test_seed_links_are_recorded_as_named_by_the_source(store):
    assert stored_link(store, "seed-000-01") == ("kremenchuk_refinery", "source")
    assert stored_link(store, "seed-003-02") == ("", "")
    frame = store.incidents_frame()
    assert set(frame["site_link"]) == {"source", ""}


def test_relinking_updates_the_incident_records_history_and_bumps_the_revision(store):
    before = store.revision()
    change = set_site_link(store, "seed-000-01", "kremenchuk_tpp", changed_by="Ana",
                           note="imagery shows the CHP")
    assert store.revision() == before + 1
    assert stored_link(store, "seed-000-01") == ("kremenchuk_tpp", "manual")
    history = link_history(store, "seed-000-01")
    assert history.loc[0, ["change_id", "previous_site_id", "site_id", "changed_by", "note"]
                       ].tolist() == [change, "kremenchuk_refinery", "kremenchuk_tpp", "Ana",
                                      "imagery shows the CHP"]
    assert history.loc[0, "changed_at"].tzinfo is not None
    frame = store.incidents_frame().set_index("incident_id")
    assert frame.loc["seed-000-01", ["site_id", "site_link"]].tolist() == [
        "kremenchuk_tpp", "manual"]


def test_unlinking_and_history_newest_first(store):
    set_site_link(store, "seed-003-02", "socar_office_ukraine", changed_by="Ana")
    set_site_link(store, "seed-003-02", "", changed_by="Ben", note="no site named")
    assert stored_link(store, "seed-003-02") == ("", "")
    history = link_history(store, "seed-003-02")
    assert history["site_id"].tolist() == ["", "socar_office_ukraine"]
    assert history["previous_site_id"].tolist() == ["socar_office_ukraine", ""]
    assert history["changed_by"].tolist() == ["Ben", "Ana"]
    by_site = link_history(store, site_id="socar_office_ukraine")
    assert len(by_site) == 2  # to and from the site
    assert len(link_history(store)) == 2
    assert link_history(store, "seed-000-01").empty


def test_confirming_a_source_link_is_kept_but_repeating_a_manual_one_is_refused(store):
    set_site_link(store, "seed-000-02", "kremenchuk_tpp", changed_by="Ana", note="confirmed")
    assert stored_link(store, "seed-000-02") == ("kremenchuk_tpp", "manual")
    with pytest.raises(ValidationError, match="already linked to 'kremenchuk_tpp'"):
        set_site_link(store, "seed-000-02", "kremenchuk_tpp", changed_by="Ana")
    with pytest.raises(ValidationError, match="already linked to no site"):
        set_site_link(store, "seed-003-02", "", changed_by="Ana")


def test_every_problem_is_reported_and_nothing_is_written(store):
    before = store.revision()
    with pytest.raises(ValidationError) as raised:
        set_site_link(store, "no-such-incident", "no_such_site", changed_by="  ")
    problems = raised.value.problems
    assert problems == [
        "Unknown incident id 'no-such-incident'; pick one from the incident table",
        "Unknown site id 'no_such_site'; pick one from the site register, or unlink",
        "No name given; say who makes this change (your name or initials): the link "
        "history records it",
    ]
    assert "was not changed" in str(raised.value)
    with pytest.raises(ValidationError, match="Unknown site id 'nowhere'"):
        set_site_link(store, "seed-000-01", "nowhere", changed_by="Ana")
    assert store.revision() == before
    assert stored_link(store, "seed-000-01") == ("kremenchuk_refinery", "source")
    assert link_history(store).empty


def test_a_failed_write_leaves_nothing_half_written(store):
    """If the history insert fails, the incident's link is rolled back with it."""
    with store.engine.begin() as conn:  # a history table that refuses every row
        refuse_inserts(conn, "link_history")
    before = store.revision()
    with pytest.raises(sa.exc.IntegrityError):
        set_site_link(store, "seed-000-01", "kremenchuk_tpp", changed_by="Ana")
    assert stored_link(store, "seed-000-01") == ("kremenchuk_refinery", "source")
    assert store.revision() == before


def test_thermal_detections_are_not_linked(store):
    with store.engine.begin() as conn:
        conn.execute(sa.update(tables.incidents)
                     .where(tables.incidents.c.incident_id == "seed-003-02")
                     .values(category="thermal_detection"))
    with pytest.raises(ValidationError, match="is a thermal detection"):
        set_site_link(store, "seed-003-02", "orlivka_gds", changed_by="Ana")


def test_a_link_change_asks_the_same_of_its_author_as_a_claim_review(store):
    """The same name and note limits as geo.review.claims (geo.review.authorship), all
    reported at once."""
    with pytest.raises(ValidationError) as raised:
        set_site_link(store, "seed-000-01", "kremenchuk_tpp",
                      changed_by="A" * (MAX_NAME_CHARS + 1), note="n" * (MAX_NOTE_CHARS + 1))
    assert [problem.split(" ")[0] for problem in raised.value.problems] == ["Name", "Note"]
    assert link_history(store).empty
