"""GDELT event files, read as their own source. GDELT publishes its events tab-separated and
without a header row: such a file was refused as having no header ('its first line holds
values'), and a table exported with GDELT's column names took FractionDate ('2022.1507')
for the date and refused every row. Real GDELT 1.0 rows (tests/data/README.md): the daily
files' 58 columns and the 1979-2013 backfile's 57."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from geo.importing.presets.gdelt import LAYOUTS
from tests.support.imports import preview_bytes

DATA = Path(__file__).parent / "data"
DAILY = (DATA / "gdelt_v1_daily_events_sample.csv").read_bytes()
BACKFILE = (DATA / "gdelt_v1_backfile_events_sample.csv").read_bytes()


def by_id(preview, event_id: str):
    return preview.incidents.loc[preview.incidents["incident_id"] == f"gdelt-{event_id}"].iloc[0]


def test_gdelt_daily_file_without_header_is_read_in_gdelt_layout(store):
    preview = preview_bytes(store, DAILY, "20160728.export.CSV")
    assert preview.preset.name == "gdelt"
    assert any("column layout of GDELT events" in note for note in preview.notes)
    assert len(preview.incidents) == 13
    city = by_id(preview, "564111684")  # ActionGeo_Type 3: a US city
    assert (str(city["date_start"].date()), city["place"]) == (
        "2016-07-21", "Washington, District of Columbia, United States")
    assert (city["geo_precision"], city["latitude"], city["longitude"]) == ("town", 38.8951,
                                                                            -77.0364)
    assert city["source_url"].startswith("http://neworleanscitybusiness.com/blog/2016/07/27/")
    assert city["claimant"] == "neworleanscitybusiness.com (the article GDELT coded)"
    assert city["claim_status"] == "reported" and city["source_name"] == "GDELT"
    assert "CAMEO 172" in city["description"] and "VANCOUVER -> WASHINGTON" in city["description"]
    assert by_id(preview, "564111674")["geo_precision"] == "admin1"  # 2: Illinois
    assert by_id(preview, "564137768")["geo_precision"] == "admin1"  # 5: Kerala
    assert by_id(preview, "564111694")["geo_precision"] == "town"    # 4: Wellington
    country = by_id(preview, "564114914")  # 1: Russia, GDELT's point 60, 100 not drawn
    assert country["geo_precision"] == "country" and "60, 100" in country["geo_method"]
    # CAMEO 193, small arms: a fight, not a strike; never 'site' however precise
    assert (country["category"], country["subtype"]) == ("other", "fight_with_small_arms_and_"
                                                                  "light_weapons")
    assert "site" not in set(preview.incidents["geo_precision"])


def test_gdelt_event_without_a_place_is_refused_by_row(store):
    preview = preview_bytes(store, DAILY, "20160728.export.CSV")
    nowhere = preview.incidents.index[preview.incidents["incident_id"] == "gdelt-564111654"][0]
    assert preview.issues.messages(nowhere) == [
        "Row 2: no coordinates and no place name; give latitude and longitude, or a place name to "
        "look up"]


def test_gdelt_backfile_has_57_columns_and_no_place_at_zero_zero(store):
    preview = preview_bytes(store, BACKFILE, "1982.csv")
    assert preview.preset.name == "gdelt" and len(preview.incidents) == 7
    zero = preview.incidents.index[preview.incidents["incident_id"] == "gdelt-1553179"][0]
    assert preview.issues.messages(zero) == [
        "Row 6: no coordinates and no place name; give latitude and longitude, or a place name to "
        "look up"]
    typeless = by_id(preview, "1553309")  # type 0, yet a place and its point
    assert (typeless["place"], typeless["latitude"]) == ("Moscow, Moskva, Russia", 55.7522)
    assert typeless["geo_precision"] == "unknown"


def test_gdelt_table_with_its_column_names_takes_sqldate_not_fraction_date(store):
    rows = [line.split("\t") for line in DAILY.decode().splitlines()]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LAYOUTS[1])
    writer.writerows(rows)
    preview = preview_bytes(store, out.getvalue().encode(), "bigquery.csv")
    assert preview.preset.name == "gdelt"
    assert str(by_id(preview, "564111684")["date_start"].date()) == "2016-07-21"
    assert preview.counts()["rejected"] == 1  # the row GDELT found no place for


def test_gdelt_2_file_with_adm2_codes(store):
    """GDELT 2.0's 61 columns: each place gains an ADM2 code (derived from a real 1.0 row:
    the three ADM2 cells inserted empty, DATEADDED as 2.0 writes it)."""
    cells = DAILY.decode().splitlines()[4].split("\t")
    for at in (38, 46, 54):  # after each ADM1 code
        cells.insert(at, "")
    cells[59] = "20160728031500"
    assert len(cells) == len(LAYOUTS[2]) == 61
    preview = preview_bytes(store, ("\t".join(cells) + "\n").encode(), "export.CSV")
    event = by_id(preview, "564111684")
    assert (event["latitude"], event["geo_precision"]) == (38.8951, "town")


def test_gdelt_aerial_and_artillery_codes_are_strikes(store):
    rows = [line.split("\t") for line in DAILY.decode().splitlines()[:2]]
    rows[0][26:29] = ["1952", "195", "19"]
    rows[1][26:29] = ["194", "194", "19"]
    rows[1][49:56] = rows[0][49:56]
    data = "".join("\t".join(row) + "\n" for row in rows).encode()
    preview = preview_bytes(store, data, "export.CSV")
    assert list(preview.incidents["category"]) == ["strike", "strike"]
    assert list(preview.incidents["subtype"]) == ["employ_remotely_piloted_aerial_munitions",
                                                  "fight_with_artillery_and_tanks"]
