"""Files from the Humanitarian Data Exchange carry an HXL hashtag row below the header: it
names the columns and is left out, said, instead of being rejected as an event."""

from __future__ import annotations

import datetime as dt

from geo.importing.readers.dispatch import read_file
from geo.importing.readers.hxl import is_hxl_row
from tests.support.files import TEST_DATA
from tests.support.imports import preview_bytes

# ACLED's country file as HDX publishes it: the API's columns, then the hashtags OCHA's
# scraper writes (ocha-dap: event_id_cnty #event+code, event_date #date+occurred, ...).
# Constructed rows, not ACLED data (ACLED's terms restrict redistribution).
ACLED_HDX = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,"
    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,"
    "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,timestamp,iso3\n"
    ",,#event+code,,#date+occurred,#date+year,,#event+type,,#group+name+first,"
    "#group+name+first+assoc,,#group+name+second,#group+name+second+assoc,,,#region+name,"
    "#country+name,#adm1+name,#adm2+name,#adm3+name,#loc+name,#geo+lat,#geo+lon,,"
    "#meta+source,,#description,#affected+killed,,#country+code\n"
    "9000001,804,UKR900001,900001,2025-08-08,2025,1,Explosions/Remote violence,"
    "Air/drone strike,Military Forces of Russia (2000-),,8,,,0,80,Europe,Ukraine,Odesa,"
    "Odeskyi,Odesa,Odesa,46.4857,30.7438,1,Constructed,National,Constructed row.,0,"
    "1754600000,UKR\n"
)


def test_an_hxl_row_is_told_from_a_row_of_values():
    assert is_hxl_row(["", "#date+start", "#geo+lat", "#adm1 +name"])
    assert not is_hxl_row(["#1", "", ""])                  # one tag-like value
    assert not is_hxl_row(["#1 depot", "#2 depot"])        # values that begin with '#'
    assert not is_hxl_row(["2025-08-08", "#geo+lat"])


def test_ucdp_file_from_hdx_reads_its_events_without_the_hashtag_row(store):
    data = (TEST_DATA / "ucdp_ged_hdx_hxl_sample.csv").read_bytes()
    raw = read_file(data, "conflict_data_ukr.csv")
    assert list(raw.frame.index) == [2, 3, 4, 5, 6]       # rows keep the file's numbers
    assert any("HXL" in note and "#date+year" in note for note in raw.notes)
    preview = preview_bytes(store, data, "conflict_data_ukr.csv")
    assert preview.preset.name == "ucdp"
    assert preview.counts()["rejected"] == 0
    assert preview.counts()["new"] == 5
    first = preview.incidents.loc[2]                      # UCDP id 239008, where_prec 1
    assert first["incident_id"] == "ucdp-239008"
    assert first["date_start"].date() == dt.date(2017, 1, 30)
    assert (first["latitude"], first["longitude"]) == (48.145278, 37.745)
    assert first["geo_precision"] == "town"


def test_acled_file_from_hdx_reads_its_events_without_the_hashtag_row(store):
    preview = preview_bytes(store, ACLED_HDX.encode(), "conflict_data_ukr.csv")
    assert preview.preset.name == "acled"
    assert preview.counts()["rejected"] == 0
    assert list(preview.incidents.index) == [2]
    row = preview.incidents.loc[2]
    assert row["date_start"].date() == dt.date(2025, 8, 8)
    assert row["geo_precision"] == "town"
