"""The operator filter by family over incidents and their linked sites; the site layer and
its popup history; exports with the linked site. On the seed data, through real code."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.analysis.filters import apply_filter
from geo.analysis.operators import family_mask, incident_mask, operator_options, sites_of_operators
from geo.analysis.site_history import sites_with_history, with_site_columns
from geo.render.popups import popups_for
from geo.review.site_links import set_site_link
from geo.sharing.exports import export_frame
from geo.ui.site_data import with_page_links
from geo.viewstate import ViewFilter
from layers import infrastructure
from tests.support.views import store_view, whole_state

SOCAR = ViewFilter(operators=("SOCAR",))


def frames(store):
    sites = store.sites_frame()
    return with_site_columns(store.incidents_frame(), sites), sites


def test_family_matching():
    values = pd.Series(["SOCAR", "SOCAR Energy Ukraine", "SOCAR (per seed article 000)",
                        "SOCAR(x)", "SOCARGAS", "Not SOCAR", "", "socar"])
    assert family_mask(values, ["SOCAR"]).tolist() == [True, True, True, True, False, False,
                                                        False, False]
    assert family_mask(values, [""]).tolist() == [False] * 6 + [True, False]
    assert family_mask(values, ["SOCAR Energy Ukraine", "socar"]).tolist() == [
        False, True, False, False, False, False, False, True]


def test_which_socar_sites_were_hit_when_and_by_whose_claim_is_one_filter(store):
    incidents, _ = frames(store)
    found = apply_filter(incidents, SOCAR)
    hit = found.loc[found["site_id"] != ""].set_index("site_id")
    assert set(hit.index) == {"kremenchuk_refinery", "kremenchuk_tpp", "drohobych_refinery",
                              "odesa_socar_logistics", "socar_odesa_oblast_depot",
                              "socar_office_ukraine"}
    depot = hit.loc["socar_odesa_oblast_depot"]
    assert (depot["site_operator"], depot["claimant"], str(depot["date_start"].date())) == (
        "SOCAR Energy Ukraine", "Pro-Azerbaijan opinion article (seed 002)", "2025-08-08")
    assert hit.loc["kremenchuk_refinery", "site_operator"] == "Ukrtatnafta"  # by its claim
    assert set(found["incident_id"]) == set(store.query(SOCAR)["incident_id"])  # SQL agrees


def test_an_incident_matches_by_its_linked_sites_operator(store):
    incidents, _ = frames(store)
    orlivka_strike = incidents["incident_id"] == "seed-002-02"
    assert incidents.loc[orlivka_strike, "operator"].item() == ""
    assert not incident_mask(incidents, ("SOCAR",))[orlivka_strike.to_numpy()].any()
    set_site_link(store, "seed-002-02", "socar_odesa_oblast_depot", changed_by="test")
    incidents, _ = frames(store)
    assert "seed-002-02" in set(apply_filter(incidents, SOCAR)["incident_id"])
    assert "seed-002-02" in set(store.query(SOCAR)["incident_id"])
    assert incident_mask(incidents, ("SOCAR",))[(incidents["incident_id"] == "seed-002-02")
                                                .to_numpy()].all()
    # "(not stated)" means the incident's own operator is empty, whatever its site says
    not_stated = apply_filter(incidents, ViewFilter(operators=("",)))
    assert "seed-002-02" in set(not_stated["incident_id"])


def test_options_come_from_incidents_and_sites(store):
    incidents, sites = frames(store)
    options = operator_options(incidents, sites)
    assert {"SOCAR", "SOCAR (claimed by source)", "SOCAR Energy Ukraine", "Ukrtatnafta",
            "NPK Halychyna"} <= set(options)
    assert options[-1] == ""
    assert set(sites_of_operators(sites, ("SOCAR",))["site_id"]) == {
        "odesa_socar_logistics", "socar_odesa_oblast_depot", "socar_office_ukraine",
        "socar_hq_baku"}
    assert sites_of_operators(sites, None) is sites


def test_the_site_layer_shows_the_chosen_operators_sites_and_their_history(store):
    sites = store.sites_frame()
    everything = infrastructure.build(store_view(store).sites)
    socar_view = store_view(store, whole_state(store.incidents_frame(), operators=("SOCAR",)))
    socar = infrastructure.build(with_page_links(socar_view.sites, "http://host/"))
    assert len(everything) == len(sites.dropna(subset=["latitude"]))
    assert set(socar.ids) == {"odesa_socar_logistics", "socar_odesa_oblast_depot",
                              "socar_hq_baku"}  # the office has no point
    popups = dict(zip(socar.ids, popups_for(socar.records, socar.popup), strict=True))
    depot = popups["socar_odesa_oblast_depot"]
    assert "<th>Claimed here</th><td>1 claimed incident</td>" in depot
    assert "8 Aug 2025 · Pro-Azerbaijan opinion article (seed 002) · reported" in depot
    assert ("href='http://host/sites?site=socar_odesa_oblast_depot'" in depot
            and "Site page: full history of claims" in depot)
    plain = dict(zip(everything.ids, popups_for(everything.records, everything.popup),
                     strict=True))
    assert "Coordinate source link" in plain["orlivka_gds"]
    assert "2 claimed incidents (latest first)" in plain["orlivka_gds"]
    assert "Claimed here" not in plain["odesa_refinery"]  # no claims: no history lines


def test_popup_history_text_is_escaped(store):
    incidents, sites = frames(store)
    incidents.loc[incidents["incident_id"] == "seed-002-01", "claimant"] = "<script>x</script>"
    with_history = sites_with_history(sites, incidents)
    layer = infrastructure.build(with_history)
    html = "".join(popups_for(layer.records, layer.popup))
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_exports_carry_the_linked_site(store):
    incidents, _ = frames(store)
    frame = export_frame(incidents).set_index("incident_id")
    columns = list(frame.columns)
    assert columns[columns.index("site_id") + 1:columns.index("site_id") + 3] == [
        "site_name", "site_link"]
    assert frame.loc["seed-000-01", ["site_id", "site_name", "site_link"]].tolist() == [
        "kremenchuk_refinery", "Kremenchuk oil refinery", "source"]
    assert frame.loc["seed-003-02", ["site_id", "site_name", "site_link"]].tolist() == [
        "", "", ""]
    bare = export_frame(store.incidents_frame().drop(columns="site_link"))
    assert set(bare["site_name"]) == {""} and set(bare["site_link"]) == {""}


@pytest.fixture
def app(new_app) -> AppTest:
    return new_app(timeout=90)


def test_the_operator_filter_in_the_app_matches_the_family_and_keeps_the_link(app):
    app.query_params["op"] = "SOCAR"
    app.run()
    assert not app.exception
    widget = app.multiselect(key="filter_operators")
    assert widget.value == ["SOCAR"]
    assert "SOCAR Energy Ukraine" in widget.help and "Ukrtatnafta" in widget.options
    assert "**8** of 17 incidents in view" in app.markdown[0].value
    assert app.query_params["op"] == "SOCAR"  # the permalink keeps the choice
