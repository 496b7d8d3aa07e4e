"""JSON of web maps, constructed in the layouts community scrapers read: Liveuamap's
`venues` (an event's moment as Unix seconds in `time`, its text in `name`, its link and
source) and GeoJSON whose properties nest objects (`meta.source.url`). The first was
refused ('Missing column for date': a column named `time` was taken for a time of day);
the second kept the nested object as one unread column of JSON text."""

from __future__ import annotations

import json

import pandas as pd

from tests.support.imports import preview_bytes

VENUES = {"globaltime": 1754700000, "venues": [
    {"id": 900001, "name": "Explosions reported near a constructed depot", "lat": 49.0612,
     "lng": 33.4031, "time": 1754611200, "source": "https://t.me/example/1",
     "link": "https://example.org/e/900001", "cat_id": 12},
    {"id": 900002, "name": "Drone attack on a constructed port", "lat": "46.4857",
     "lng": "30.7438", "time": "1754614800", "source": "https://t.me/example/2",
     "link": "https://example.org/e/900002", "cat_id": 12},
]}


def test_a_time_column_of_whole_moments_is_the_date(store):
    preview = preview_bytes(store, json.dumps(VENUES).encode(), "venues.json")
    assert preview.counts()["new"] == 2, preview.grouped_problems()
    rows = preview.incidents
    assert list(rows["date_start"]) == [pd.Timestamp("2025-08-08")] * 2
    assert preview.mapping["date_start"] == "time" and not preview.mapping["time"]


def test_a_time_column_of_times_of_day_stays_the_time(store):
    text = b"date,time,lat,lon\n2025-08-08,03:40,49.06,33.40\n"
    preview = preview_bytes(store, text, "t.csv")
    assert (preview.mapping["date_start"], preview.mapping["time"]) == ("date", "time")
    assert preview.incidents.loc[1, "date_text"] == "2025-08-08 03:40"


def test_nested_properties_become_columns_of_their_own(store):
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [33.42, 49.07]},
                 "properties": {"id": "e1", "date": "2025-08-08", "description": "Constructed",
                                "meta": {"source": {"name": "Suspilne",
                                                    "url": "https://example.org/1"},
                                         "verified": True},
                                "tags": ["drone", "depot"]}}]
    data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    preview = preview_bytes(store, data, "events.geojson")
    assert preview.counts()["new"] == 1, preview.grouped_problems()
    assert "meta.source.url" in preview.raw.columns
    assert preview.incidents.loc[1, "source_url"] == "https://example.org/1"
    unread = next(note for note in preview.notes if "not imported" in note)
    assert "'meta.source.name'" in unread and "'meta.verified'" in unread
    assert "'meta'" not in unread
