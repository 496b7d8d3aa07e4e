"""The claim workflow and the "Only confirmed claims" switch on the map page, through AppTest.

AppTest cannot switch to a page st.navigation registers as a function (Streamlit 1.67), so
these tests run the map page function itself; an incident is selected through the
permalink's `sel` parameter, as a shared link would.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.review.claims import claim_history, set_claim_status
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore

TPP = "seed-000-02"  # Kremenchuk thermal power plant strike, imported as "claimed"
DEPOT = "seed-002-01"


def store_of(db_path) -> IncidentStore:
    return IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR)


@pytest.fixture
def page(new_app):
    """A map page factory on this test's database: page(**query) -> AppTest after one run."""

    def open_page(**query) -> AppTest:
        return new_app("map_page", timeout=120, query=query).run()

    return open_page


def table(app: AppTest):
    return app.dataframe[-1].value.set_index("Id")


def captions(app: AppTest) -> str:
    return " ".join(c.value for c in app.caption)


def save_button(app: AppTest):
    return next(b for b in app.button if b.label == "Save review")


def review(app: AppTest, incident_id: str, status: str, name: str | None, note: str = ""):
    app.selectbox(key=f"claim_status_{incident_id}").select(status)
    if name is not None:
        app.text_input(key="analyst_name").input(name)
    app.text_area(key=f"claim_note_{incident_id}").input(note)
    save_button(app).click().run()
    assert not app.exception


def test_reviewing_a_selected_claim_records_it_and_every_view_follows(page, db_path):
    app = page(sel=TPP)
    assert not app.exception
    assert app.selectbox(key=f"claim_status_{TPP}").value == "claimed"  # current status
    assert "No review yet: status as imported." in captions(app)
    assert "Claim status now: **Claimed**" in captions(app)

    review(app, TPP, "confirmed", "Anna *K*", "Two independent videos")
    assert "Saved: Claimed → Confirmed" in app.success[0].value.replace("\\", "")
    history = app.dataframe[1].value  # under the clicked incident's own row
    assert list(history.columns) == ["When (UTC)", "Who", "From → to", "Note", "From where"]
    assert history.iloc[0].tolist()[1:] == ["Anna *K*", "Claimed → Confirmed",
                                            "Two independent videos", "app, this computer"]
    assert "Claim status now: **Confirmed**" in captions(app)
    rows = table(app)
    assert rows.loc[TPP, "Claim status"].startswith("Confirmed")
    assert rows.loc[TPP, "Last reviewed"].startswith("Anna *K*, ")
    assert rows.loc[DEPOT, "Last reviewed"] == ""
    assert app.text_area(key=f"claim_note_{TPP}").value == ""  # ready for the next review
    stored = claim_history(store_of(db_path), TPP)
    assert stored[["previous_status", "status", "changed_by"]].iloc[0].tolist() == [
        "claimed", "confirmed", "Anna *K*"]

    # the name is remembered for the next incident
    app.session_state["selected_incident"] = DEPOT
    app.run()
    assert app.text_input(key="analyst_name").value == "Anna *K*"
    assert app.selectbox(key=f"claim_status_{DEPOT}").value == "reported"
    assert "No review yet: status as imported." in captions(app)


def test_a_review_without_a_change_or_a_name_is_refused_and_says_why(page, db_path):
    app = page(sel=TPP)
    review(app, TPP, "claimed", "Anna")
    assert "already 'claimed'" in app.error[0].value.replace("\\", "")
    review(app, TPP, "geolocated", "   ")
    assert "No name given" in app.error[0].value
    assert claim_history(store_of(db_path)).empty
    assert table(app).loc[TPP, "Claim status"].startswith("Claimed")


def test_only_confirmed_claims_narrows_the_map_and_table(page, db_path):
    set_claim_status(store_of(db_path), TPP, "confirmed", changed_by="Anna")
    app = page()
    assert len(table(app)) == 17
    app.toggle(key="filter_confirmed_only").set_value(True).run()
    assert not app.exception
    assert list(table(app).index) == [TPP]
    assert "**1** of 17 incidents in view" in app.markdown[0].value
    assert app.multiselect(key="filter_claim_statuses").disabled
    assert app.query_params["confirmed_only"] == "1"
    app.toggle(key="filter_confirmed_only").set_value(False).run()
    assert len(table(app)) == 17
    assert not app.multiselect(key="filter_claim_statuses").disabled
    assert "confirmed_only" not in app.query_params


def test_a_link_with_only_confirmed_opens_with_the_switch_on(page, db_path):
    app = page(confirmed_only="1")
    assert not app.exception
    assert app.toggle(key="filter_confirmed_only").value is True
    assert any("No incidents match" in info.value for info in app.info)  # none confirmed yet


def test_a_claim_known_only_to_country_level_is_reviewed_without_a_map_point(page, db_path):
    app = page()
    app.selectbox(key="review_unmapped_incident").select("seed-003-04").run()
    assert not app.exception
    review(app, "seed-003-04", "geolocated", "Lead", "office located from a photo")
    history = claim_history(store_of(db_path), "seed-003-04")
    assert list(history["status"]) == ["geolocated"]
    assert list(history["changed_by"]) == ["Lead"]
    assert app.selectbox(key="claim_status_seed-003-04").value == "geolocated"


def test_a_note_past_the_limit_is_refused_with_the_limit_and_kept_in_the_form(page, db_path):
    app = page(sel=TPP)
    pasted = "Two independent videos." * 100  # 2,300 characters, pasted at once
    review(app, TPP, "confirmed", "Anna", pasted)
    shown = app.error[0].value.replace("\\", "")
    assert "Note is 2,300 characters long; shorten it to at most 2,000" in shown
    assert app.text_area(key=f"claim_note_{TPP}").value == pasted  # nothing was cut
    assert claim_history(store_of(db_path)).empty
    review(app, TPP, "confirmed", "Anna", pasted[:1990])
    assert claim_history(store_of(db_path), TPP)["note"].tolist() == [pasted[:1990]]


def test_hostile_text_in_a_review_is_stored_as_written_and_shown_as_text(page, db_path):
    app = page(sel=TPP)
    note = "[click](javascript:alert(1)) ![x](http://203.0.113.9/p.png) <script>x</script>"
    review(app, TPP, "reported", "Ana", note)
    assert claim_history(store_of(db_path), TPP)["note"].tolist() == [note]
    review(app, TPP, "confirmed", "An\u200ba", "x")
    assert "invisible or control characters (U+200B)" in app.error[0].value.replace("\\", "")
    review(app, TPP, "confirmed", "Ana", "null \x00 byte")
    assert "control characters (U+0000)" in app.error[0].value.replace("\\", "")
    assert len(claim_history(store_of(db_path), TPP)) == 1
