"""The Sites page through AppTest (the page function itself, as tests/test_import_page.py
explains): a site from the URL, its claimed history, the link form and its history."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.review.site_links import link_history
from geo.settings import DATA_DIR
from geo.store.incident_store import IncidentStore
from geo.ui.safe_text import text as plain


@pytest.fixture
def page(new_app) -> AppTest:
    return new_app("site_page", timeout=120)


def opened(page: AppTest, site_id: str | None) -> AppTest:
    if site_id is not None:
        page.query_params["site"] = site_id
    page.run()
    assert not page.exception, page.exception
    return page


def history_table(page: AppTest):
    return next(d.value for d in page.dataframe if "Whose claim" in d.value.columns)


def test_without_a_site_the_page_lists_the_sites_with_claims(page):
    opened(page, None)
    assert any("Choose a site above" in info.value for info in page.info)
    overview = page.dataframe[0].value
    assert overview.iloc[0]["Site id"] == "orlivka_gds"  # two claims: first
    assert "kremenchuk_refinery" in set(overview["Site id"])


def test_the_url_picks_the_site_and_its_history_shows_claims_with_their_source(page):
    opened(page, "kremenchuk_refinery")
    assert page.selectbox(key="site_page_site").value == "kremenchuk_refinery"
    assert page.header[0].value == "Kremenchuk oil refinery"
    assert page.subheader[0].value == "Claimed strikes and incidents at this site"
    details = page.markdown[0].value
    assert "**Operator (as recorded):** Ukrtatnafta" in details
    assert "([link](<https://www.geonames.org/704147>))" in details
    table = history_table(page)
    row = table.iloc[0]
    assert row["Incident id"] == "seed-000-01"
    assert row["When (as dated)"].startswith("between 13 Jun 2025 and 15 Jul 2025")
    assert row["Claim status"] == "Claimed (one side only)"
    assert row["Whose claim"].startswith("Pro-Kremlin article (seed 000)")
    assert row["Link"] == "named by the source" and row["km from site point"] == 0.0
    assert [(m.label, m.value) for m in page.metric] == [("Claimed (one side only)", "1")]


def test_a_site_without_claims_and_an_unknown_site_say_so(page):
    opened(page, "odesa_refinery")
    assert any("No claimed incident is linked to this site yet" in i.value for i in page.info)
    page.query_params["site"] = "no_such_site"
    page.run()
    assert any("Unknown site id 'no_such_site'" in w.value.replace("\\", "")
               for w in page.warning)
    page.query_params["site"] = b"odesa\xe9"   # no UTF-8: read as 'odesa�' and unsaid
    page.run()
    assert any("Link parameter 'site' is not UTF-8 text: 'odesa‹0xE9›'" in
               w.value.replace("\\", "") for w in page.warning), [w.value for w in page.warning]


def test_relinking_through_the_form_is_kept_in_the_history(page, db_path):
    opened(page, "kremenchuk_refinery")
    assert page.selectbox(key="site_link_incident").value == "seed-000-01"  # this site's first
    page.selectbox(key="site_link_target").set_value("kremenchuk_tpp")
    page.text_input(key="analyst_name").input("Ana")
    page.text_input(key="site_link_note").input("imagery: the CHP burned")
    page.button[0].click().run()  # the form's Save link
    assert not page.exception
    assert page.success[0].value.replace("\\", "").startswith(
        "Incident seed-000-01 linked to Kremenchuk thermal power plant")
    assert any("No claimed incident is linked" in i.value for i in page.info)  # moved away
    changes = next(d.value for d in page.dataframe if "By" in d.value.columns)
    assert changes.iloc[0][["Incident", "From", "To", "By", "Note"]].tolist() == [
        "seed-000-01", "Kremenchuk oil refinery", "Kremenchuk thermal power plant (CHP)",
        "Ana", "imagery: the CHP burned"]
    assert page.text_input(key="analyst_name").value == "Ana"  # remembered
    store = IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR)
    assert link_history(store, "seed-000-01")["changed_by"].tolist() == ["Ana"]
    frame = store.incidents_frame().set_index("incident_id")
    assert frame.loc["seed-000-01", ["site_id", "site_link"]].tolist() == ["kremenchuk_tpp",
                                                                          "manual"]


def test_a_change_without_a_name_is_refused_and_nothing_is_written(page, db_path):
    opened(page, "orlivka_gds")
    page.selectbox(key="site_link_target").set_value("")  # unlink
    page.button[0].click().run()
    assert "say who makes this change" in page.error[0].value
    store = IncidentStore.open(f"sqlite:///{db_path}", DATA_DIR)
    assert link_history(store).empty
    assert len(history_table(page)) == 2


def test_plain_text_cannot_become_markup():
    assert plain("**x** [a](javascript:y)\n<b> $1$ ![i](http://r/x.png)") == (
        r"\*\*x\*\* \[a\]\(javascript\:y\) \<b\> \$1\$ \!\[i\]\(http\://r/x\.png\)")
    assert plain(float("nan")) == ""
