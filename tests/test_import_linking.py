"""Links on import: proposed in the preview, written on commit. A link needs evidence: a
site_id in the file, a place naming a registered site, or a point at the site itself
(precision 'site', linked automatically within the tolerance of both precisions). Town
points, ambiguous rows and thermal detections are left unlinked, their candidates named."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from geo.importing.linking import describe_links, propose_links
from geo.importing.pipeline import ImportOptions, commit_import, preview_import, read_upload
from geo.store import tables

OPTIONS = ImportOptions(today=dt.date(2025, 9, 1))
# Kremenchuk TPP is a facility point (49.171, 33.447); the refinery only the town point of
# Kremenchuk (49.06253, 33.40484); Dobrotvir power station (50.2133, 24.375) stands alone.
ROWS = """date,lat,lon,place,category,site_id,geo_precision
2024-03-01,49.1755,33.447,CHP fence,strike,,site
2024-03-02,49.216,33.447,5 km north of the CHP,strike,,site
2024-03-03,50.2633,24.375,Dobrotvir,strike,,town
2024-03-04,49.06253,33.40484,Kremenchuk,strike,,town
2024-03-05,45.3,28.4,Orlivka area,strike,orlivka_gds,town
2024-03-06,49.171,33.447,,thermal_detection,,site
2024-03-07,49.35196,23.51121,Drohobych,strike,,town
2024-03-08,49.1755,33.45,Kremenchuk CHP,strike,,town
"""


def previewed(store, text=ROWS):
    return preview_import(read_upload(text.encode(), "links.csv"), store, OPTIONS)


def stored(store, batch_id) -> pd.DataFrame:
    c = tables.incidents.c
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(c.place, c.category, c.site_id, c.site_link)
                            .where(c.batch_id == batch_id).order_by(c.date_start)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["place", "category", "site_id",
                                                           "site_link"])


def test_links_are_proposed_with_the_tolerance_of_both_precisions(store):
    preview = previewed(store)
    assert preview.counts()["new"] == 8
    links = propose_links(preview.incidents, store.sites_frame())
    assert links["site_id"].tolist() == ["kremenchuk_tpp", "", "", "", "orlivka_gds", "", "",
                                         "kremenchuk_tpp"]
    assert links["site_link"].tolist() == ["auto", "", "", "", "source", "", "", "source"]
    assert links.loc[1, "site_distance_km"] == 0.5  # row 1: within 1 + 1 km of a facility
    # row 3: a town point 5.6 km from the power station is not a strike on it (issue 17)
    assert links.loc[3, "site_candidates"] == "gppd_wri1005096"
    # row 8: a town point whose place names the CHP (an alias of the register) is linked
    # row 4 sits on the refinery's town point (both only "Kremenchuk"), 11 km from the
    # hydro plant and 12 km from the CHP: no guess, all three are candidates, nearest first
    assert links.loc[4, "site_candidates"] == ("kremenchuk_refinery|gppd_wri1005121|"
                                               "kremenchuk_tpp")
    # the Drohobych town point is the refinery's town point too: never linked on that alone
    assert links.loc[7, "site_candidates"] == "drohobych_refinery"


def test_the_preview_says_what_each_row_would_be_linked_to(store):
    words = previewed(store).site_proposals(store.sites_frame())
    assert words[1] == "Kremenchuk thermal power plant (CHP) (linked automatically, 0.5 km)"
    assert words[2] == ""
    assert words[3] == ("not linked, near Dobrotvir power station (5.6 km), but the row's point "
                        "is only known to precision 'town': a link needs the site itself or "
                        "the site named in the row (link it by hand on Sites)")
    assert words[4] == ("not linked, ambiguous: Kremenchuk oil refinery (0.0 km) or Kremenchug "
                        "(11.1 km) or Kremenchuk thermal power plant (CHP) (12.4 km) (link it "
                        "by hand on Sites)")
    assert words[5] == "Orlivka gas distribution station (named in the file)"
    assert words[6] == "not linked (thermal detections never are)"
    assert words[7] == ("not linked, near Drohobych oil refinery (0.0 km), but the row's point "
                        "is only known to precision 'town': a link needs the site itself or "
                        "the site named in the row (link it by hand on Sites)")
    assert words[8] == "Kremenchuk thermal power plant (CHP) (named in the row's place)"


def test_commit_writes_the_links_the_preview_showed(store):
    result = commit_import(previewed(store), store)
    assert result.added == 8
    frame = stored(store, result.batch_id)
    assert frame[["site_id", "site_link"]].values.tolist() == [
        ["kremenchuk_tpp", "auto"], ["", ""], ["", ""], ["", ""],
        ["orlivka_gds", "source"], ["", ""], ["", ""], ["kremenchuk_tpp", "source"]]
    app_frame = store.incidents_frame().set_index("place")
    assert app_frame.loc["CHP fence", "site_link"] == "auto"


def test_rows_moved_in_the_preview_are_linked_where_they_end_up(store):
    preview = previewed(store, "date,lat,lon,category,geo_precision\n"
                               "2024-03-01,49.1755,33.447,strike,site\n")
    preview.incidents.loc[1, ["latitude", "longitude"]] = [50.2136, 24.3752]  # as a fix would
    result = commit_import(preview, store)
    assert stored(store, result.batch_id)["site_id"].tolist() == ["gppd_wri1005096"]


def test_describe_links_with_an_empty_register(store):
    incidents = previewed(store).incidents
    empty = store.sites_frame().iloc[:0]
    assert (propose_links(incidents, empty)["site_link"] == ["", "", "", "", "source", "",
                                                            "", ""]).all()
    assert describe_links(incidents, empty)[1] == ""
