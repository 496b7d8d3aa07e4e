"""geo.importing.date_fields and geo.importing.rows: every rule, every problem named by row
and column."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from geo.importing.columns import apply_mapping, auto_mapping
from geo.importing.date_fields import numeric_order_evidence, parse_dates
from geo.importing.readers.dispatch import read_file as read_csv_bytes
from geo.importing.rows import ParseOptions, parse_rows

TODAY = dt.date(2025, 9, 1)


def parsed(csv: str, **options):
    raw = read_csv_bytes(csv.encode(), "t.csv")
    fields = apply_mapping(raw.frame, auto_mapping(raw.columns))
    return parse_rows(fields, ParseOptions(file_name="t.csv", today=TODAY, **options))


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


@pytest.mark.parametrize("text, expected, precision, timed", [
    ("2025-08-08", "2025-08-08", "day", False),
    ("2025-08-08T14:30:00Z", "2025-08-08", "day", True),
    ("2025-08-08 14:30", "2025-08-08", "day", True),
    ("8 August 2025", "2025-08-08", "day", False),
    ("8 Aug 2025", "2025-08-08", "day", False),
    ("08-Aug-2025", "2025-08-08", "day", False),
    ("Aug 8, 2025", "2025-08-08", "day", False),
    ("Friday, 8th August 2025", "2025-08-08", "day", False),
    ("08/08/2025", "2025-08-08", "day", False),
    ("25/08/2025", "2025-08-25", "day", False),
    ("08.08.2025", "2025-08-08", "day", False),
    ("2025/8/8", "2025-08-08", "day", False),
    ("August 2025", "2025-08-01", "month", False),
    ("2025-08", "2025-08-01", "month", False),
    ("2025", "2025-01-01", "year", False),
    # real ACLED exports: every September date was unreadable ("sept" -> "sep" inside it)
    ("30 September 2020", "2020-09-30", "day", False),
    ("01-September-2015", "2015-09-01", "day", False),
    ("September 2020", "2020-09-01", "month", False),
    ("8 Sept 2025", "2025-09-08", "day", False),
    ("Sept. 8, 2025", "2025-09-08", "day", False),
    # an ACLED export re-saved by Excel: day-Mon-yy (1997.. 2068 as Excel and pandas read it)
    ("9-May-20", "2020-05-09", "day", False),
    ("27-Apr-97", "1997-04-27", "day", False),
    ("9 May 20", "2020-05-09", "day", False),
    ("20220224", "2022-02-24", "day", False),   # ISO 8601's basic form (VIINA, GDELT)
    ("1754697599", "2025-08-08", "day", True),  # Unix time: 23:59:59 UTC
    ("1754611200000", "2025-08-08", "day", True),  # in milliseconds (kepler.gl)
    ("14 червня 2025", "2025-06-14", "day", False),  # Ukrainian and Russian month names
    ("14 июня 2025 г.", "2025-06-14", "day", False), ("1 травня 2024 року", "2024-05-01",
                                                      "day", False),
    ("14.06.2025 р.", "2025-06-14", "day", False), ("червень 2025", "2025-06-01", "month", False),
])
def test_date_shapes(text, expected, precision, timed):
    result = parse_dates(pd.Series([text]))
    assert result.value.iat[0] == day(expected)
    assert result.precision.iat[0] == precision
    assert bool(result.has_time[0]) is timed


def test_day_first_is_the_default_and_switchable():
    text = pd.Series(["03/04/2025"])
    assert parse_dates(text).value.iat[0] == day("2025-04-03")
    assert parse_dates(text, day_first=False).value.iat[0] == day("2025-03-04")
    assert parse_dates(text).ambiguous[0]


@pytest.mark.parametrize("dates, expected", [
    (["25/08/2025", "03/04/2025"], True), (["08/25/2025", "03/04/2025"], False),
    (["25/08/2025", "08/25/2025"], None), (["03/04/2025", "04/03/2025"], None),
    (["1/08/2019", "2/08/2019"], True),    # d/MM/yyyy: Excel in Australia, New Zealand
    (["08/1/2019"], False), (["8/1/2019", "10/1/2019"], None),   # US Excel pads neither
    (["1/08/2019", "08/1/2019"], None), (["2025-08-08"], None),
])
def test_the_order_of_numeric_dates_from_the_files_evidence(dates, expected):
    assert numeric_order_evidence(pd.Series(dates)) is expected


def test_an_impossible_date_is_not_guessed():
    result = parse_dates(pd.Series(["2025-02-30", "32/01/2025", "soon", ""]))
    assert result.value.isna().all()
    assert (result.precision == "").all()


def test_bad_dates_are_named_with_the_fix():
    rows = parsed("date,lat,lon\n2025-02-30,46,30\n08/25/2025,46,30\n,46,30\n")
    assert rows.issues.rejected[1] == [
        "Row 1: date '2025-02-30' is not a date; write it as YYYY-MM-DD (2025-08-08), "
        "'8 August 2025' or day/month/year"]
    assert rows.issues.rejected[2] == [
        "Row 2: date '08/25/2025' is not a date; it reads as month/day/year: switch "
        "day-first off"]
    assert rows.issues.rejected[3] == ["Row 3: date is empty; fill it in"]


def test_mixed_date_formats_in_one_file_all_read():
    rows = parsed("date,lat,lon\n2025-08-08,46,30\n9 August 2025,46,30\n10/08/2025,46,30\n"
                  "2025-08-11 06:00,46,30\n")
    assert not rows.issues.rejected
    assert list(rows.incidents["date_start"]) == [day("2025-08-08"), day("2025-08-09"),
                                                  day("2025-08-10"), day("2025-08-11")]
    # the date as written is kept where it says more than the day
    assert list(rows.incidents["date_text"]) == ["", "9 August 2025", "10/08/2025",
                                                 "2025-08-11 06:00"]


def test_a_time_column_holding_the_whole_moment_is_kept_once():
    """A GeoPackage's or a database's datetime in the 'time' column beside the date: the
    date as written read '2025-08-08 2025-08-08T03:40:00'."""
    rows = parsed("date,time,lat,lon\n2025-08-08,2025-08-08T03:40:00,46,30\n"
                  "2025-08-09,03:40,46,30\n")
    assert list(rows.incidents["date_text"]) == ["2025-08-08T03:40:00", "2025-08-09 03:40"]


def test_precision_widens_the_interval():
    rows = parsed("date,date_end,date_precision,lat,lon\n"
                  "August 2025,,,46,30\n2025,,,46,30\n2025-08-13,,week,46,30\n"
                  "2025-08-13,,month,46,30\n2025-08-01,2025-08-07,,46,30\n")
    frame = rows.incidents
    assert list(frame["date_precision"]) == ["month", "approximate", "week", "month",
                                             "approximate"]
    assert list(frame["date_start"]) == [day("2025-08-01"), day("2025-01-01"),
                                         day("2025-08-10"), day("2025-08-01"), day("2025-08-01")]
    assert list(frame["date_end"]) == [day("2025-08-31"), day("2025-12-31"),
                                       day("2025-08-16"), day("2025-08-31"), day("2025-08-07")]


def test_reversed_intervals_and_lonely_approximate_dates_are_rejected():
    rows = parsed("date,date_end,date_precision,lat,lon\n2025-08-08,2025-08-01,,46,30\n"
                  "2025-08-08,,approximate,46,30\n")
    assert rows.issues.rejected[1] == [
        "Row 1: date_end 2025-08-01 is before date_start 2025-08-08; swap them"]
    assert "date_precision is 'approximate' but date_end is empty" in \
        rows.issues.rejected[2][0]


def test_dates_in_the_future_are_flagged_for_review_not_rejected():
    rows = parsed("date,lat,lon\n2030-01-01,46,30\n2025-08-08,46,30\n")
    assert rows.issues.review[1] == [
        "Row 1: date 2030-01-01 is in the future (today is 2025-09-01); check the year"]
    assert 1 not in rows.issues.rejected and 2 not in rows.issues.review


def test_coordinate_problems_are_named_by_row_and_column():
    rows = parsed("date,lat,lon\n2025-08-08,95.2,30\n2025-08-08,46,200\n2025-08-08,abc,30\n"
                  "2025-08-08,nan,30\n2025-08-08,46,inf\n2025-08-08,46,\n2025-08-08,0,0\n")
    assert rows.issues.rejected[1] == ["Row 1: latitude 95.2 is out of range (-90..90)"]
    assert rows.issues.rejected[2] == ["Row 2: longitude 200 is out of range (-180..180)"]
    assert rows.issues.rejected[3][0].startswith("Row 3: latitude 'abc' is not a number")
    # 'nan' is a missing value (as numpy writes one), not a number: half a point, named
    assert rows.issues.rejected[4] == ["Row 4: longitude is given but latitude is 'nan', which "
                                       "is no number (a missing value); give both, or neither "
                                       "to look the place name up"]
    assert rows.issues.rejected[5][0].startswith("Row 5: longitude 'inf' is not a finite")
    assert rows.issues.rejected[6] == ["Row 6: latitude is given but longitude is empty; give "
                                       "both, or neither to look the place name up"]
    assert "both 0" in rows.issues.review[7][0]
    assert np.isnan(rows.incidents.loc[1, "latitude"])


def test_coordinates_written_in_other_ways():
    rows = parsed('date;lat;lon\n2025-08-08;46,48;30,74\n2025-08-08;46.5° N;30.7E\n'
                  '2025-08-08;S 12.5;W 45\n')
    frame = rows.incidents
    assert list(frame["latitude"]) == [46.48, 46.5, -12.5]
    assert list(frame["longitude"]) == [30.74, 30.7, -45.0]


def test_coordinates_in_degrees_minutes_and_seconds():
    rows = parsed('date;lat;lon\n2025-08-08;46°29′08″N;30°44′E\n'
                  '2025-08-08;N 46 29 08;E 30 44 00\n2025-08-08;46 29.13 N;30:44:00\n'
                  '2025-08-08;46°75′N;30°44′E\n')
    frame = rows.incidents
    assert frame.loc[[1, 2], "latitude"].round(5).tolist() == [46.48556, 46.48556]
    assert frame.loc[3, "latitude"] == 46.4855
    assert frame.loc[[1, 2, 3], "longitude"].round(5).tolist() == [30.73333] * 3
    assert rows.issues.rejected[4][0].startswith("Row 4: latitude '46°75′N' is not a number")


def test_swapped_columns_are_detected_only_when_no_other_reading_fits():
    swapped = parsed("date,lat,lon\n2025-08-08,135.1,48.2\n2025-08-09,136.0,47.9\n")
    assert swapped.swap_suggested
    assert "look swapped" in swapped.hints[0]
    fixed = parsed("date,lat,lon\n2025-08-08,135.1,48.2\n", swap_coordinates=True)
    assert not fixed.issues.rejected
    assert fixed.incidents.loc[1, "latitude"] == 48.2
    assert "swapped on import" in fixed.incidents.loc[1, "geo_method"]
    # Ukraine: both orders are valid numbers, so nothing can be suggested
    assert not parsed("date,lat,lon\n2025-08-08,30.7,46.5\n").swap_suggested


def test_rows_without_a_point_are_geocoded_or_rejected():
    rows = parsed("date,lat,lon,place,country\n2025-08-08,,,Orlivka,\n2025-08-08,,,,\n"
                  "2025-08-08,46,30,Somewhere,\n")
    assert list(rows.needs_geocoding) == [True, False, False]
    assert rows.issues.rejected[2] == ["Row 2: no coordinates and no place name; give "
                                       "latitude and longitude, or a place name to look up"]


def test_vocabularies_accept_labels_and_reject_unknown_values_with_the_list():
    rows = parsed("date,lat,lon,category,claim_status\n2025-08-08,46,30,Infrastructure event,"
                  "Confirmed\n2025-08-08,46,30,picnic,maybe\n2025-08-08,46,30,,\n")
    frame = rows.incidents
    assert frame.loc[1, "category"] == "infrastructure_event"
    assert frame.loc[1, "claim_status"] == "confirmed"
    assert rows.issues.rejected[2] == [
        "Row 2: category 'picnic' is not known; use one of: strike, infrastructure_event, "
        "diplomatic, security, aviation, thermal_detection, other, or an event word such as "
        "'air strike', 'обстріл', 'Luftangriff', 'frappe aérienne'",
        "Row 2: claim_status 'maybe' is not known; use one of: claimed, reported, geolocated, "
        "confirmed"]
    # empty values take the defaults: other (a row that states no category is no strike on
    # no evidence), reported, and the file name as source
    assert (frame.loc[3, "category"], frame.loc[3, "claim_status"],
            frame.loc[3, "source_name"]) == ("other", "reported", "t.csv")


def test_a_source_that_is_a_link_becomes_the_source_url():
    """An OSINT sheet's 'source' holding the post's address was stored as a name, with no
    link on the map."""
    rows = parsed("date,lat,lon,source,url\n2025-08-08,46,30,https://t.me/chan/17,\n"
                  "2025-08-09,46,30,Suspilne,\n"
                  "2025-08-10,46,30,https://x.com/a/1,https://suspilne.media/1\n").incidents
    assert (rows.loc[1, "source_name"], rows.loc[1, "source_url"]) == (
        "t.me", "https://t.me/chan/17")
    assert (rows.loc[2, "source_name"], rows.loc[2, "source_url"]) == ("Suspilne", "")
    assert (rows.loc[3, "source_name"], rows.loc[3, "source_url"]) == (
        "https://x.com/a/1", "https://suspilne.media/1")   # the file's own link stays


def test_defaults_can_be_chosen():
    rows = parsed("date,lat,lon\n2025-08-08,46,30\n",
                  defaults={"category": "security", "claim_status": "claimed"})
    assert (rows.incidents.loc[1, "category"], rows.incidents.loc[1, "claim_status"]) == \
        ("security", "claimed")


def test_html_is_kept_verbatim():
    rows = parsed('date,lat,lon,notes\n2025-08-08,46,30,"<script>alert(1)</script><b>x</b>"\n')
    assert rows.incidents.loc[1, "description"] == "<script>alert(1)</script><b>x</b>"


def test_unknown_site_ids_are_held_for_review():
    rows = parsed("date,lat,lon,site_id\n2025-08-08,46,30,nowhere\n2025-08-08,46,30,known\n",
                  known_site_ids=frozenset({"known"}))
    assert rows.issues.review[1] == ["Row 1: site_id 'nowhere' is not in the site register; "
                                     "check it or leave it empty"]
    assert 2 not in rows.issues.review


def test_the_frame_has_the_schema_types():
    frame = parsed("date,lat,lon\n2025-08-08,46,30\n").incidents
    assert str(frame["date_start"].dtype) == "datetime64[s]"
    assert frame["latitude"].dtype == np.float64
    assert frame["description"].dtype == object
