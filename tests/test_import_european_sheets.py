"""Analysts' own tables as European spreadsheets write them: German and French headers
('Datum', 'Breitengrad', 'Längengrad', 'Ort'; 'Lieu', 'Pays'), dates left as Excel's day
numbers (45123 = 2023-07-16: a date column formatted as a number, then saved as CSV, or a
workbook's number cell), and coordinates with Ukrainian or Russian hemisphere words
('49.068 пн. ш.', '33.42 сх. д.', '50°27′ с.ш.'). Each was refused ('Missing column for
date', 'not a date', 'not a number') before. The rows are constructed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.support.imports import preview_bytes
from tests.support.xlsx import workbook

GERMAN = """Datum;Uhrzeit;Breitengrad;Längengrad;Ort;Land;Bundesland;Kategorie;Waffe;Tote;\
Beschreibung;Quelle;Quelllink
08.08.2025;03:40;49,0680;33,4200;Krementschuk;Ukraine;Poltawa;strike;Drohnen;2;\
Angriff auf die Raffinerie;Tagesschau;https://example.org/de
"""
FRENCH = """Date;Heure;Latitude;Longitude;Lieu;Pays;Catégorie;Armes;Victimes;Remarques;Source;\
Lien
08/08/2025;03:40;49,0680;33,4200;Krementchouk;Ukraine;strike;drones;2;\
Frappe sur la raffinerie;Le Monde;https://example.org/fr
"""


@pytest.mark.parametrize("text, place, source", [
    (GERMAN, "Krementschuk", "Tagesschau"), (FRENCH, "Krementchouk", "Le Monde")])
def test_german_and_french_headers_are_read(store, text, place, source):
    preview = preview_bytes(store, text.encode("utf-8-sig"), "tabelle.csv")
    assert preview.counts()["new"] == 1, preview.grouped_problems()
    row = preview.incidents.loc[1]
    assert row["date_start"] == pd.Timestamp("2025-08-08")
    assert np.isclose(row["latitude"], 49.068) and np.isclose(row["longitude"], 33.42)
    assert (row["place"], row["source_name"], row["munitions"]) == (
        place, source, "Drohnen" if text is GERMAN else "drones")
    assert row["casualties"] == "2" and row["source_url"].startswith("https://example.org/")
    assert row["description"].startswith(("Angriff auf", "Frappe sur"))
    assert row["geo_precision"] == "unknown"
    assert not any("not imported" in note for note in preview.notes), preview.notes


def test_excel_day_numbers_in_a_csv_are_their_dates(store):
    text = ("date,lat,lon,notes\n45123,49.068,33.42,a\n45877.5625,49.07,33.43,b\n"
            "2025-08-09,49.08,33.44,c\n")
    preview = preview_bytes(store, text.encode(), "sheet.csv")
    assert preview.counts()["new"] == 3, preview.grouped_problems()
    rows = preview.incidents
    assert list(rows["date_start"]) == [pd.Timestamp("2023-07-16"), pd.Timestamp("2025-08-08"),
                                        pd.Timestamp("2025-08-09")]
    assert list(rows["date_precision"]) == ["day", "day", "day"]
    assert any("Excel" in note and "45123" in note for note in preview.notes), preview.notes


def test_an_excel_day_number_with_a_decimal_comma(store):
    text = "Datum;Breite;Länge\n45877,5625;49,068;33,42\n"
    preview = preview_bytes(store, text.encode(), "tabelle.csv")
    assert preview.counts()["new"] == 1, preview.grouped_problems()
    assert preview.incidents.loc[1, "date_start"] == pd.Timestamp("2025-08-08")


def test_excel_day_numbers_of_a_workbook_are_their_dates(store):
    data = workbook({"Tabelle1": [["Datum", "Breite", "Länge", "Ort"],
                                  [45123, "49.068", "33.42", "Krementschuk"]]})
    preview = preview_bytes(store, data, "tabelle.xlsx")
    assert preview.counts()["new"] == 1, preview.grouped_problems()
    assert preview.incidents.loc[2, "date_start"] == pd.Timestamp("2023-07-16")


def test_a_number_that_is_no_plausible_day_is_still_refused(store):
    preview = preview_bytes(store, b"date,lat,lon\n123456,49.068,33.42\n", "sheet.csv")
    assert preview.counts()["rejected"] == 1
    assert "date '123456' is not a date" in " ".join(preview.grouped_problems())


@pytest.mark.parametrize("lat, lon", [
    ("49.068 пн. ш.", "33.42 сх. д."), ("49,068 пн.ш.", "33,42 сх.д."),
    ("49.068 с.ш.", "33.42 в.д."), ("49.068° с. ш.", "33.42° в. д."),
    ("49°04′05″ північної широти", "33°25′12″ східної довготи"),
    ("49.068 северной широты", "33.42 восточной долготы"),
])
def test_ukrainian_and_russian_hemisphere_words(store, lat, lon):
    text = f'дата,широта,довгота\n2025-08-08,"{lat}","{lon}"\n'
    preview = preview_bytes(store, text.encode(), "удари.csv")
    assert preview.counts()["new"] == 1, preview.grouped_problems()
    row = preview.incidents.loc[1]
    assert abs(row["latitude"] - 49.068) < 1e-3 and abs(row["longitude"] - 33.42) < 1e-3


def test_southern_and_western_words_give_negative_degrees(store):
    text = 'дата,широта,долгота\n2025-08-08,"12.5 ю.ш.","45.25 з.д."\n'
    row = preview_bytes(store, text.encode(), "x.csv").incidents.loc[1]
    assert (row["latitude"], row["longitude"]) == (-12.5, -45.25)


def test_a_coordinate_pair_with_hemisphere_words(store):
    text = 'дата,координати\n2025-08-08,"49.068 пн. ш., 33.42 сх. д."\n'
    preview = preview_bytes(store, text.encode(), "удари.csv")
    assert preview.counts()["new"] == 1, preview.grouped_problems()
    row = preview.incidents.loc[1]
    assert (row["latitude"], row["longitude"]) == (49.068, 33.42)


@pytest.mark.parametrize("header", ["Koordinaten", "Coordonnées", "GPS-Koordinaten"])
def test_a_point_in_one_german_or_french_column(store, header):
    text = f'Datum;{header}\n08.08.2025;"49,068; 33,42"\n'
    preview = preview_bytes(store, text.encode(), "punkte.csv")
    assert preview.counts()["new"] == 1, preview.grouped_problems()
    row = preview.incidents.loc[1]
    assert (row["latitude"], row["longitude"]) == (49.068, 33.42)


def test_a_longitude_ending_in_o_is_refused_with_why(store):
    """'33° 25′ O' is east in a German table (Ost) and west in a French one (Ouest): a
    column without a German name says no which."""
    text = "date;latitude;longitude\n2025-08-08;49° 4′ N;33° 25′ O\n"
    problems = " ".join(preview_bytes(store, text.encode(), "x.csv").grouped_problems())
    assert "longitude '33° 25′ O' ends in 'O', which is east in German (Ost) and west in " \
        "French (Ouest); write E or W instead" in problems


@pytest.mark.parametrize("text", [
    "Datum;Breite;Länge\n08.08.2025;49° 4′ N;33° 25′ O\n",
    'Datum;Koordinaten\n08.08.2025;"49° 4′ N, 33° 25′ O"\n',
])
def test_o_is_east_in_a_german_column(store, text):
    preview = preview_bytes(store, text.encode(), "punkte.csv")
    assert preview.counts()["new"] == 1, preview.grouped_problems()
    row = preview.incidents.loc[1]
    assert abs(row["latitude"] - 49.0667) < 1e-3 and abs(row["longitude"] - 33.4167) < 1e-3


@pytest.mark.parametrize("word, subtype", [
    ("Luftangriff", "airstrike"), ("Drohnenangriff", "drone"), ("Beschuss", "shelling"),
    ("Explosion", ""), ("Raketenangriff", "missile"),
    ("frappe aérienne", "airstrike"), ("attaque de drone", "drone"), ("bombardement", ""),
    ("explosion", ""), ("frappe de missile", "missile"), ("FRAPPE_AERIENNE", "airstrike"),
    ("авіаудар", "airstrike"), ("обстрел", "shelling"), ("drone strike", "drone"),
])
def test_german_and_french_category_words_are_strikes(store, word, subtype):
    """A German or French table's Kategorie/Catégorie in its own words was refused
    ("category 'Luftangriff' is not known")."""
    text = f"Datum;Breite;Länge;Kategorie\n08.08.2025;49,068;33,42;{word}\n"
    preview = preview_bytes(store, text.encode("utf-8"), "tabelle.csv")
    assert preview.counts()["new"] == 1, preview.grouped_problems()
    row = preview.incidents.loc[1]
    assert (row["category"], row["subtype"]) == ("strike", subtype)


def test_a_category_word_keeps_the_subtype_the_file_gives(store):
    text = "Date;Latitude;Longitude;Catégorie;Sous_type\n08/08/2025;49,068;33,42;" \
           "frappe aérienne;glide bomb\n"
    row = preview_bytes(store, text.encode("utf-8"), "tableau.csv").incidents.loc[1]
    assert (row["category"], row["subtype"]) == ("strike", "glide bomb")


def test_an_unknown_category_word_is_refused_by_name_with_what_to_do(store):
    text = "Datum;Breite;Länge;Kategorie\n08.08.2025;49,068;33,42;Sprengübung\n"
    preview = preview_bytes(store, text.encode("utf-8"), "tabelle.csv")
    assert preview.counts()["rejected"] == 1
    problems = " ".join(preview.grouped_problems())
    assert "category 'Sprengübung' is not known; use one of: strike," in problems
    assert "or an event word such as 'air strike', 'обстріл', 'Luftangriff'" in problems
