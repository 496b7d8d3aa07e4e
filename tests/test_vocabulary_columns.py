"""A column matched to a vocabulary field by a generic name whose cells name none of its
words is left unread. A real kepler.gl map of geotagged tweets (`jalberse/geotwit` @
d768cb4, `keplergl.json`: fields tweet_longitude, tweet_latitude, timestamp, status,
phrase) keeps each tweet's text under `status`; read as the claim status it refused all
484 rows. The tweets are not copied: the rows below are constructed in its layout."""

from __future__ import annotations

import json

from tests.support.imports import preview_bytes


def kepler(statuses: list[str]) -> bytes:
    fields = [{"name": n, "type": t} for n, t in (
        ("tweet_longitude", "real"), ("tweet_latitude", "real"), ("timestamp", "timestamp"),
        ("status", "string"), ("phrase", "string"))]
    rows = [[30.52 + i / 100, 50.45, f"2019-02-1{i} 14:33:10", status, "book"]
            for i, status in enumerate(statuses)]
    return json.dumps({"datasets": [{"version": "v1", "data": {
        "id": "z53jom946", "label": "all_tweets.csv", "fields": fields, "allData": rows}}],
        "config": {"version": "v1", "config": {}}, "info": {"app": "kepler.gl"}}).encode()


def test_a_status_column_of_free_text_is_not_the_claim_status(store):
    preview = preview_bytes(store, kepler(["Please watch Green Book!", "I got this book",
                                           "Book your wedding today"]), "keplergl.json")
    assert preview.mapping["claim_status"] is None
    assert preview.counts()["new"] == 3
    assert set(preview.incidents["claim_status"]) == {"reported"}
    assert any("'status'" in note and "not imported" in note for note in preview.notes)


def test_a_status_column_of_claim_statuses_is_read(store):
    preview = preview_bytes(store, kepler(["confirmed", "Reported", "claimed"]),
                            "keplergl.json")
    assert preview.mapping["claim_status"] == "status"
    assert list(preview.incidents["claim_status"]) == ["confirmed", "reported", "claimed"]


def test_a_type_column_is_the_category_only_when_it_names_categories(store):
    text = "date,lat,lon,type\n2025-08-08,46.49,30.74,{}\n2025-08-09,46.5,30.75,{}\n"
    osm = preview_bytes(store, text.format("multipolygon", "multipolygon").encode(), "x.csv")
    assert osm.mapping["category"] is None and osm.counts()["new"] == 2
    strikes = preview_bytes(store, text.format("air strike", "shelling").encode(), "y.csv")
    assert strikes.mapping["category"] == "type"
    assert set(strikes.incidents["category"]) == {"strike"}
