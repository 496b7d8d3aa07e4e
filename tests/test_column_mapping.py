"""geo.importing.columns and geo.importing.presets: columns matched by name, the template,
ACLED, FIRMS."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from geo.errors import ValidationError
from geo.importing.columns import apply_mapping, auto_mapping, check_mapping
from geo.importing.presets.registry import detect_preset
from geo.importing.presets.template import template_csv
from geo.importing.readers.dispatch import read_file as read_csv_bytes
from geo.importing.rows import ParseOptions, parse_rows
from geo.schema import INCIDENT_COLUMNS


def csv_text(rows: list[list[str]]) -> str:
    return "\n".join(",".join(row) for row in rows) + "\n"


ACLED = csv_text([
    ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
     "sub_event_type", "actor1", "country", "admin1", "admin2", "location", "latitude",
     "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
     "timestamp"],
    ["UKR12345", "08 August 2025", "2025", "1", "Political violence",
     "Explosions/Remote violence", "Air/drone strike", "Military Forces of Russia", "Ukraine",
     "Odesa", "Izmailskyi", "Orlivka", "45.3166", "28.4405", "2", "Ukrainska Pravda; Suspilne",
     "National", "Drones hit the gas distribution station.", "0", "", "1754900000"],
    ["UKR12346", "13 August 2025", "2025", "2", "Political violence",
     "Explosions/Remote violence", "Shelling/artillery/missile attack",
     "Military Forces of Russia", "Ukraine", "Kherson", "", "Kherson", "46.6354", "32.6169",
     "1", "Suspilne", "Regional", "Shelling.", "2", "", "1754900000"],
    ["UKR12347", "15 August 2025", "2025", "3", "Strategic developments",
     "Strategic developments", "Arrests", "Police Forces of Ukraine", "Ukraine", "Odesa", "",
     "Odesa", "46.4825", "30.7233", "3", "Media", "Regional", "Arrest.", "0", "", "1754900000"],
])
FIRMS = csv_text([
    ["latitude", "longitude", "bright_ti4", "scan", "track", "acq_date", "acq_time",
     "satellite", "instrument", "confidence", "version", "bright_ti5", "frp", "daynight"],
    ["49.06253", "33.40484", "345.2", "0.39", "0.36", "2025-08-08", "0123", "N", "VIIRS", "h",
     "2.0NRT", "290.1", "12.3", "N"],
    ["45.31659", "28.44046", "330.0", "0.40", "0.37", "2025-08-08", "2359", "N20", "VIIRS", "n",
     "2.0NRT", "288.0", "3.4", "N"],
])


def raw(text: str):
    return read_csv_bytes(text.encode(), "f.csv")


def test_columns_are_matched_by_their_usual_names():
    mapping = auto_mapping(["Event Date", "LAT", "lng", "Town", "Notes", "URL", "Source"])
    assert {k: v for k, v in mapping.items() if v} == {
        "date_start": "Event Date", "latitude": "LAT", "longitude": "lng", "place": "Town",
        "description": "Notes", "source_url": "URL", "source_name": "Source"}


@pytest.mark.parametrize("lat, lon", [("latitude", "longitude"), ("lat", "lon"), ("y", "x"),
                                      ("Lat", "Long")])
def test_coordinate_synonyms(lat, lon):
    mapping = auto_mapping(["date", lat, lon])
    assert (mapping["latitude"], mapping["longitude"]) == (lat, lon)


@pytest.mark.parametrize("header", [
    ["Дата", "Населений пункт", "Область", "Широта", "Довгота", "Опис", "Джерело"],
    ["Дата события", "Населенный пункт", "Регион", "Широта", "Долгота", "Описание",
     "Источник"],
    # 'ё' where the names have 'е', as Russian writers use either: it went unread
    ["Дата", "Населённый пункт", "Регион", "Широта", "Долгота", "Описание", "Источник"],
])
def test_ukrainian_and_russian_headers_are_matched(header):
    mapping = auto_mapping(header)
    fields = ["date_start", "place", "admin1", "latitude", "longitude", "description",
              "source_name"]
    assert [mapping[field] for field in fields] == header


def test_a_windows_1251_table_with_cyrillic_headers_imports():
    """Cyrillic headers were all read as one empty name: nothing matched, 0 rows."""
    text = ("Дата;Населений пункт;Широта;Довгота;Опис\r\n"
            "14.06.2025;Кременчук;49°04'06\"N;33°25'12\"E;Удар по НПЗ\r\n")
    table = read_csv_bytes(text.encode("cp1251"), "удари.csv")
    frame = apply_mapping(table.frame, auto_mapping(table.columns))
    parsed = parse_rows(frame, ParseOptions(file_name="удари.csv"))
    rows = parsed.incidents
    assert not parsed.issues.rejected
    assert rows.loc[1, "date_start"] == pd.Timestamp("2025-06-14")
    assert round(rows.loc[1, "latitude"], 4) == 49.0683 and rows.loc[1, "place"] == "Кременчук"


def test_a_map_tools_columns_are_found_by_their_last_word():
    """The header of Bellingcat and CIR's Russia-Ukraine monitor map export (maphub): its
    description, town and weapon went unread."""
    header = ["entry", "date", "event_group", "title", "brief description", "lat", "lon",
              "country", "province", "district", "town/city", "arms/munition",
              "violence level", "link", "geolocation"]
    mapping = auto_mapping(header)
    assert (mapping["description"], mapping["place"], mapping["munitions"]) == (
        "brief description", "town/city", "arms/munition")
    assert (mapping["source_url"], mapping["admin1"], mapping["admin2"]) == (
        "link", "province", "district")


def test_camel_case_headers_of_a_web_maps_export_are_matched():
    """The properties of Bellingcat and CIR's Eyes on Russia events.geojson: its date,
    'verifiedDate', was not found and the file was refused for having none."""
    header = ["id", "verifiedDate", "url", "status", "credit", "description", "country",
              "province", "district", "city", "categories", "latitude", "longitude"]
    mapping = auto_mapping(header)
    assert (mapping["date_start"], mapping["place"], mapping["admin1"]) == (
        "verifiedDate", "city", "province")
    assert auto_mapping(["eventDate", "sourceUrl", "geoPrecision", "lat", "lon"])[
        "geo_precision"] == "geoPrecision"


def test_a_gazetteer_coded_event_tables_columns_are_matched():
    """VIINA's event table: GeoNames' asciiname, the ADM1_NAME/ADM2_NAME of admin codes."""
    mapping = auto_mapping(["event_id", "date", "time", "geonameid", "asciiname",
                            "ADM1_NAME", "ADM2_NAME", "longitude", "latitude", "text"])
    assert (mapping["place"], mapping["admin1"], mapping["admin2"]) == (
        "asciiname", "ADM1_NAME", "ADM2_NAME")


def test_two_columns_ending_in_a_fields_word_are_no_guess():
    mapping = auto_mapping(["date", "lat", "lon", "short description", "long description"])
    assert mapping["description"] is None


def test_a_missing_date_column_is_named_with_what_was_found():
    # Spanish headers: no field knows them (German ones are read, geo.importing.european_headers)
    problems = check_mapping(auto_mapping(["Fecha", "Lugar", "Latitud"]),
                             ["Fecha", "Lugar", "Latitud"])
    assert problems[0].startswith("Missing column for date; found: Fecha, Lugar, Latitud")
    assert "Missing column for a location" in problems[1]


def test_half_a_coordinate_pair_is_named():
    problems = check_mapping(auto_mapping(["date", "lat"]), ["date", "lat"])
    assert problems == ["Missing column for longitude (latitude is 'lat'); found: date, lat"]


def test_the_user_can_change_the_mapping():
    table = raw("Datum,Breite,Laenge\n2025-08-08,46.1,30.2\n")
    fields = apply_mapping(table.frame, {**auto_mapping(table.columns), "date_start": "Datum",
                                         "latitude": "Breite", "longitude": "Laenge"})
    assert fields.loc[1, ["date_start", "latitude", "longitude"]].tolist() == \
        ["2025-08-08", "46.1", "30.2"]


def test_apply_mapping_refuses_unusable_columns():
    table = raw("Fecha,Lugar\n2025-08-08,Odesa\n")
    with pytest.raises(ValidationError) as error:
        apply_mapping(table.frame, auto_mapping(table.columns))
    assert any("Missing column for date" in p for p in error.value.problems)


def test_presets_are_detected_from_the_header():
    assert detect_preset(raw(ACLED).columns).name == "acled"
    assert detect_preset(raw(FIRMS).columns).name == "firms"
    assert detect_preset(list(INCIDENT_COLUMNS)).name == "template"
    assert detect_preset(["date", "lat", "lon"]).name == "auto"


def test_the_template_round_trips_through_the_template_preset():
    table = read_csv_bytes(template_csv(), "template.csv")
    assert list(table.columns) == [c for c in INCIDENT_COLUMNS if c != "batch_id"]
    assert detect_preset(table.columns).name == "template"
    fields = apply_mapping(table.frame, auto_mapping(table.columns, "template"), "template")
    rows = parse_rows(fields, ParseOptions(file_name="template.csv"))
    assert not rows.issues.rejected
    assert rows.incidents.loc[1, "place"] == "Orlivka gas distribution station"
    assert rows.incidents.loc[1, "geo_precision"] == "town"


def test_acled_codes_become_the_record_vocabulary():
    table = raw(ACLED)
    fields = apply_mapping(table.frame, auto_mapping(table.columns, "acled"), "acled")
    rows = parse_rows(fields, ParseOptions(file_name="acled.csv"))
    frame = rows.incidents
    assert not rows.issues.rejected
    # ACLED geo_precision 1 is the named town's point, 2 a place near it (placed at the
    # town), 3 a region: never the site itself (issue 17)
    assert list(frame["geo_precision"]) == ["town", "town", "admin1"]
    assert list(frame["date_precision"]) == ["day", "week", "month"]
    assert list(frame["date_start"]) == [pd.Timestamp("2025-08-08"), pd.Timestamp("2025-08-10"),
                                         pd.Timestamp("2025-08-01")]
    assert list(frame["date_end"]) == [pd.Timestamp("2025-08-08"), pd.Timestamp("2025-08-16"),
                                       pd.Timestamp("2025-08-31")]
    assert list(frame["category"]) == ["strike", "strike", "security"]
    assert list(frame["subtype"]) == ["air_drone_strike", "shelling_artillery_missile_attack",
                                      "arrests"]
    assert set(frame["claim_status"]) == {"reported"}
    assert set(frame["source_name"]) == {"ACLED"}
    assert frame.loc[1, "claimant"] == "Ukrainska Pravda; Suspilne"
    assert frame.loc[1, "incident_id"] == "acled-UKR12345"
    assert frame.loc[2, "casualties"] == "2"
    assert frame.loc[1, "geo_method"] == ("ACLED geo_precision 2: near the named town, placed "
                                          "at the town's coordinates")
    assert frame.loc[2, "geo_method"] == ("ACLED geo_precision 1: the coordinates of the "
                                          "named town")
    assert frame.loc[2, "date_text"] == "ACLED event_date 13 August 2025, time_precision 2"


def test_firms_detections_are_thermal_detections_not_strikes():
    table = raw(FIRMS)
    fields = apply_mapping(table.frame, auto_mapping(table.columns, "firms"), "firms")
    rows = parse_rows(fields, ParseOptions(file_name="firms.csv"))
    frame = rows.incidents
    assert not rows.issues.rejected
    assert set(frame["category"]) == {"thermal_detection"}
    assert set(frame["geo_precision"]) == {"unknown"}  # a pixel, not a located site
    assert set(frame["source_name"]) == {"NASA FIRMS"}
    assert frame.loc[1, "description"] == ("Thermal detection: fire radiative power 12.3 MW, "
                                           "confidence high, satellite N VIIRS, acquired "
                                           "01:23 UTC, version 2.0NRT")
    assert frame.loc[2, "date_text"] == "2025-08-08 23:59 UTC"
    assert frame.loc[1, "date_start"] == pd.Timestamp("2025-08-08")


def test_template_csv_is_one_header_and_one_example_row():
    frame = pd.read_csv(io.BytesIO(template_csv()), dtype=str, keep_default_na=False,
                        encoding="utf-8-sig")
    assert len(frame) == 1 and frame.loc[0, "category"] == "strike"


def test_a_german_length_or_width_alone_is_no_coordinate():
    """'Länge' is also a length and 'Breite' a width: alone, neither is half a point (the
    file was refused as missing its latitude though its place names could place it)."""
    mapping = auto_mapping(["Datum", "Ort", "Länge"])
    assert (mapping["latitude"], mapping["longitude"], mapping["place"]) == (None, None, "Ort")
    assert auto_mapping(["Datum", "Breite", "Länge"])["longitude"] == "Länge"
