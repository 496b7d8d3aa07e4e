"""JSON Lines: one JSON object a line. Monitors and scrapers archive events so (a
Liveuamap/Telegram monitor's `historical_dataset.jsonl`: id, timestamp, location_name, lat,
lon, url, ... as `simonkoszu/liveuamap-osint-monitor` @ 03cee45 writes it; no licence is
stated, so the records below are constructed in its layout), BigQuery exports them and
GeoJSON text sequences (RFC 8142) carry features so. Each was refused as 'not valid JSON:
Extra data at line 2'."""

from __future__ import annotations

import json

import pytest

from geo.errors import InputFileError
from geo.importing.pipeline import read_upload
from tests.support.imports import preview_bytes

RECORDS = [
    {"id": "2d73e75c72c7a8b8", "timestamp": "2026-09-09T16:40:38+00:00",
     "event_type": "Uderzenie Rakietowe / Dron", "title": "Explosion at a depot",
     "text": "Explosion at an ammunition depot", "location_name": "Idlib, Syria",
     "lat": 35.9306, "lon": 36.6339, "url": "https://example.org/a", "media_urls": [],
     "weapons": [], "tactical_sources": [{"name": "Osint", "url": "https://example.org/a"}]},
    {"id": "d97a52808fce20bc", "timestamp": "2026-09-09T15:03:37+00:00",
     "location_name": "Kryvyi Rih", "lat": 47.9105, "lon": 33.3918,
     "url": "https://t.me/example/23817", "media_urls": ["https://example.org/a.jpg"],
     "source_channel": "example"},
]


def lines(objects, prefix: str = "") -> bytes:
    return "".join(prefix + json.dumps(o, ensure_ascii=False) + "\n" for o in objects).encode()


def test_json_lines_of_records_are_read_as_records(store):
    preview = preview_bytes(store, lines(RECORDS), "historical_dataset.jsonl")
    assert preview.notes[0] == ("The file holds one JSON object a line (JSON Lines): its 2 "
                                "lines were read as records")
    rows = preview.incidents
    assert list(rows["place"]) == ["Idlib, Syria", "Kryvyi Rih"]
    assert list(rows["latitude"]) == [35.9306, 47.9105]
    assert list(rows["source_url"]) == ["https://example.org/a", "https://t.me/example/23817"]
    assert list(rows["geo_precision"]) == ["unknown", "unknown"]


def test_a_geojson_text_sequence_is_read_as_features():
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.61, 46.7]},
                 "properties": {"date": "2025-08-08", "name": "Depot fire"}},
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [33.42, 49.07]},
                 "properties": {"date": "2025-07-02", "name": "Refinery"}}]
    raw = read_upload(lines(features, prefix="\x1e"), "fires.geojsons")
    assert list(raw.frame["name"]) == ["Depot fire", "Refinery"]
    assert "read as GeoJSON features" in raw.notes[0]


def test_a_line_that_is_not_an_object_refuses_the_file_by_its_number():
    data = lines(RECORDS) + b"{broken\n"
    with pytest.raises(InputFileError, match=r"line 3 is not one \('\{broken'\): correct or "
                                             "remove that line"):
        read_upload(data, "events.jsonl")


def test_a_pretty_printed_json_document_is_not_taken_for_lines():
    raw = read_upload(json.dumps(RECORDS, indent=1).encode(), "events.json")
    assert len(raw.frame) == 2 and not any("JSON Lines" in note for note in raw.notes)
