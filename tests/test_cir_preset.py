"""The Centre for Information Resilience (CIR) and Bellingcat's Russia-Ukraine monitor map
export, read as its own source: its `entry` is the event's id (a re-import of the same file
matched rows by proximity instead, and skipped as duplicates distinct entries the map
placed at one point on one day), its event group is kept and sorts strikes from troop
movements (every row was stored as a strike), and a row whose `date` is empty takes the
date its title starts with.

The rows are constructed in the export's layout (the header of `mauforonda/ukraine` @
534a8bebd41215a2d17e02142cae15178ea8b9d1, `events.csv`; its data carries no licence)."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd

from geo.importing.pipeline import commit_import
from tests.support.imports import preview_bytes

HEADER = ["entry", "date", "event_group", "title", "brief description", "lat", "lon",
          "country", "province", "district", "town/city", "arms/munition", "violence level",
          "link", "geolocation"]
ROWS = [
    ["UW9001", "2022-03-14", "Bombing or Explosion Feb - June",
     "14/03/2022 Strike on a fuel depot", "Strike on a fuel depot", "49.5001", "30.5001",
     "Ukraine", "Constructed Oblast", "", "Constructed town", "Missile", "2",
     "https://example.org/a", "https://example.org/geo-a"],
    # another entry at the same point on the same day: a different event by CIR's word
    ["UW9002", "2022-03-14", "Bombing or Explosion Feb - June",
     "14/03/2022 Second explosion at the depot", "Second explosion at the depot", "49.5001",
     "30.5001", "Ukraine", "Constructed Oblast", "", "Constructed town", "", "2",
     "https://example.org/b", ""],
    ["UW9003", "2022-02-20", "Russian Military Presence February 2022",
     "20/02/2022 Convoy on the road", "Convoy on the road", "51.2002", "31.2002", "Russia",
     "", "", "Constructed village", "", "1", "https://example.org/c", ""],
    # the export's last rows have no date: the title starts with it (day first)
    ["UW9004", "", "Russian Military Losses Feb - June", "01/03/2022 Destroyed launcher",
     "Destroyed launcher", "50.6003", "29.9003", "Ukraine", "Constructed Oblast", "",
     "Constructed town", "", "GRAPHIC", "https://example.org/d", ""],
]


def export(rows=ROWS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def test_cir_entries_are_the_identity_of_a_reimport(store):
    first = preview_bytes(store, export(), "events.csv")
    assert first.preset.name == "cir"
    assert first.counts()["new"] == 4
    assert list(first.incidents["incident_id"]) == ["cir-UW9001", "cir-UW9002", "cir-UW9003",
                                                    "cir-UW9004"]
    commit_import(first, store)
    again = preview_bytes(store, export(), "events.csv")
    assert again.counts()["new"] == 0
    assert list(again.duplicates) == [f"already stored and unchanged (cir-UW900{i})"
                                      for i in range(1, 5)]
    edited = [row[:] for row in ROWS]
    edited[1][4] = "Second explosion at the depot; fire spread"
    newer = preview_bytes(store, export(edited), "events.csv")
    assert newer.counts()["changed"] == 1 and newer.counts()["new"] == 0


def test_cir_rows_keep_their_group_level_and_geolocation(store):
    rows = preview_bytes(store, export(), "events.csv").incidents
    assert list(rows["category"]) == ["strike", "strike", "other", "other"]
    assert rows.loc[1, "subtype"] == "bombing_or_explosion"
    assert rows.loc[3, "subtype"] == "russian_military_presence"
    assert set(rows["geo_precision"]) == {"unknown"}   # CIR states no precision
    assert rows.loc[1, "munitions"] == "Missile" and rows.loc[1, "place"] == "Constructed town"
    assert rows.loc[1, "source_url"] == "https://example.org/a"
    described = rows.loc[1, "description"]
    for kept in ("Strike on a fuel depot", "Bombing or Explosion Feb - June",
                 "violence level 2", "https://example.org/geo-a"):
        assert kept in described
    assert "violence level GRAPHIC" in rows.loc[4, "description"]


def test_a_cir_row_without_a_date_takes_its_titles(store):
    rows = preview_bytes(store, export(), "events.csv").incidents
    assert rows.loc[4, "date_start"] == pd.Timestamp("2022-03-01")
    assert rows.loc[4, "date_precision"] == "day"
    assert "title" in rows.loc[4, "date_text"]


def test_an_entry_the_export_reuses_for_another_event_keeps_both(store):
    """The export gives 'UW0132' to a convoy on 6 February and to another on 9 February,
    far apart: the second was skipped as repeating the first's id. A row repeated whole is
    still one event."""
    reused = [*ROWS[2][:1], "2022-02-23", *ROWS[2][2:5], "52.3003", "32.3003", *ROWS[2][7:]]
    preview = preview_bytes(store, export([*ROWS, reused, ROWS[0]]), "events.csv")
    assert preview.counts()["new"] == 5
    rows = preview.incidents
    assert rows.loc[5, "incident_id"] == "" and "CIR entry UW9003" in rows.loc[5, "description"]
    assert preview.duplicates[6] == "repeats the id cir-UW9001 of row 1"


def eyes_on_russia(description: str = "Constructed strike") -> bytes:
    """CIR's Eyes on Russia map's events.geojson, as community scrapers read it (id,
    verifiedDate, url, status, credit, description, country, province, district, city,
    categories); constructed values."""
    def feature(event_id, lon, lat, text, categories):
        return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"id": event_id, "verifiedDate": "2022-03-14",
                               "url": f"https://example.org/{event_id}", "status": "Verified",
                               "credit": "Constructed credit", "description": text,
                               "country": "Ukraine", "province": "Constructed Oblast",
                               "district": "", "city": "Constructed town",
                               "categories": categories}}
    return json.dumps({"type": "FeatureCollection", "features": [
        feature("UW9101", 30.5001, 49.5001, description, ["Bombing or explosion"]),
        feature("UW9102", 30.5002, 49.5002, "Constructed convoy",
                ["Russian Military Presence", "Munitions"]),
    ]}).encode()


def test_eyes_on_russia_events_are_matched_on_their_id(store):
    """The same map's GeoJSON: its rows were matched by proximity, so an edited event was
    skipped as a duplicate of its stored version instead of updating it."""
    first = preview_bytes(store, eyes_on_russia(), "events.geojson")
    assert first.preset.name == "cir" and first.counts()["new"] == 2
    rows = first.incidents
    assert list(rows["incident_id"]) == ["cir-UW9101", "cir-UW9102"]
    assert list(rows["category"]) == ["strike", "other"]
    assert rows.loc[1, "date_start"] == pd.Timestamp("2022-03-14")
    assert (rows.loc[1, "place"], rows.loc[1, "source_url"]) == (
        "Constructed town", "https://example.org/UW9101")
    for kept in ("Constructed strike", "CIR event group: Bombing or explosion",
                 "CIR status: Verified", "Credit: Constructed credit"):
        assert kept in rows.loc[1, "description"]
    assert "Russian Military Presence; Munitions" in rows.loc[2, "description"]
    commit_import(first, store)
    newer = preview_bytes(store, eyes_on_russia("Constructed strike, edited"), "events.geojson")
    assert (newer.counts()["changed"], newer.counts()["new"]) == (1, 0)
