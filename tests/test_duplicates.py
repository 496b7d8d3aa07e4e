"""geo.analysis.duplicates: same category, within 1 km, overlapping dates; checked against
brute force."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.analysis.duplicates import _close_pairs, _distance_km, find_duplicates

COLUMNS = ["category", "latitude", "longitude", "date_start", "date_end", "incident_id",
           "date_text"]


def frame(rows, first_row: int = 1) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=COLUMNS)
    for name in ("date_start", "date_end"):
        out[name] = pd.to_datetime(out[name]).astype("datetime64[s]")
    out.index = range(first_row, first_row + len(out))
    return out


STORED = frame([["strike", 46.0, 30.0, "2025-08-08", "2025-08-08", "s1", ""],
                ["strike", 47.0, 31.0, "2025-08-01", "2025-08-31", "s2", ""]])


@pytest.mark.parametrize("row, duplicate", [
    (["strike", 46.005, 30.0, "2025-08-08", "2025-08-08", "", ""], True),    # 0.56 km, same day
    (["strike", 46.0089, 30.0, "2025-08-08", "2025-08-08", "", ""], True),   # 0.99 km
    (["strike", 46.0092, 30.0, "2025-08-08", "2025-08-08", "", ""], False),  # 1.02 km
    (["strike", 46.0, 30.0128, "2025-08-08", "2025-08-08", "", ""], True),   # 0.99 km east
    (["security", 46.0, 30.0, "2025-08-08", "2025-08-08", "", ""], False),   # other category
    (["strike", 46.0, 30.0, "2025-08-09", "2025-08-09", "", ""], False),     # next day
    (["strike", 46.0, 30.0, "2025-08-01", "2025-08-09", "", ""], True),      # interval overlaps
    (["strike", 47.001, 31.0, "2025-08-15", "2025-08-15", "", ""], True),    # inside s2's month
    (["strike", np.nan, np.nan, "2025-08-08", "2025-08-08", "", ""], False),  # no point
])
def test_the_duplicate_rule(row, duplicate):
    reasons = find_duplicates(frame([row]), STORED)
    assert (reasons.iat[0] != "") is duplicate, reasons.iat[0]


def test_a_record_known_only_to_within_years_is_no_duplicate_of_each_event_at_its_town():
    """A seed claim dated 'since the war began' (2022-02-24 to 2025-08-08, approximate) at
    Kyiv's centre made every strike at Kyiv's centre in its first 400 days a duplicate:
    real files lost those rows."""
    stored = frame([["strike", 50.45466, 30.5238, "2022-02-24", "2025-08-08", "seed-x", ""]])
    new = frame([["strike", 50.45, 30.52, "2022-02-25", "2022-02-25", "", ""],
                 ["strike", 50.451, 30.52, "2022-02-24", "2022-12-31", "", ""],
                 ["strike", 50.452, 30.5238, "2022-02-24", "2025-08-08", "", ""],
                 ["strike", 50.45, 30.52, "2022-02-25", "2022-02-25", "", ""]])
    reasons = find_duplicates(new, stored)
    assert reasons[1] == reasons[2] == ""
    assert reasons[3] == ("same category, 0.3 km away and on an overlapping date as stored "
                          "incident seed-x")        # the same claim, told again
    assert reasons[4] == "same category, place and dates as row 1 of this file"


def test_reasons_name_the_stored_incident_or_the_earlier_row():
    new = frame([["strike", 46.005, 30.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 48.0, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 48.001, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 48.0, 32.0, "2025-08-08", "2025-08-08", "", ""]], first_row=10)
    reasons = find_duplicates(new, STORED)
    assert reasons[10] == ("same category, 0.6 km away and on an overlapping date as stored "
                           "incident s1")
    assert reasons[11] == ""  # the first of a group stays
    assert reasons[12] == ("same category, 0.1 km away and on an overlapping date as row 11 "
                           "of this file")
    assert reasons[13] == "same category, place and dates as row 11 of this file"


def test_rows_of_one_file_naming_different_places_are_not_duplicates_of_each_other():
    """A Google Earth file's placemarks 30 m apart in one year, or two depots of one town:
    the file names them apart. A stored incident, from another source, is still compared
    by its point alone."""
    new = frame([["strike", 48.0, 32.0, "2025-08-01", "2025-08-31", "", ""],
                 ["strike", 48.0003, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 48.0, 32.0, "2025-08-01", "2025-08-31", "", ""],
                 ["strike", 48.0006, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 48.0009, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 46.001, 30.0, "2025-08-08", "2025-08-08", "", ""]], first_row=1)
    new["place"] = ["Oil depot north", "Oil depot south", "oil  DEPOT north", "Oil depot south",
                    "", "Somewhere else"]
    reasons = find_duplicates(new, STORED)
    assert reasons[1] == reasons[2] == ""                       # named apart: both stay
    assert reasons[3] == "same category, place and dates as row 1 of this file"
    assert reasons[4] == ("same category, 0.0 km away and on an overlapping date as row 2 of "
                          "this file")                          # the same place, written so
    assert reasons[5].endswith("as row 1 of this file")       # names no place: compared
    assert reasons[6].endswith("as stored incident s1")       # another source: by its point


def test_rows_of_one_file_citing_different_sources_are_two_claims():
    """A monitor's export (Bellingcat and CIR's map) lists each video of a town on a day as
    its own entry with its own link: 2,140 of 6,650 real rows were skipped as duplicates."""
    new = frame([["strike", 48.0, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 48.0, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 48.0003, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 48.0006, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 46.001, 30.0, "2025-08-08", "2025-08-08", "", ""]])
    new["source_url"] = ["https://t.me/a/1", "https://t.me/a/2", "https://t.me/a/1",
                         "", "https://t.me/a/3"]
    reasons = find_duplicates(new, STORED)
    assert reasons[1] == reasons[2] == ""                       # two links: two claims
    assert reasons[3].endswith("as row 1 of this file")        # the same link again
    assert reasons[4].endswith("as row 1 of this file")        # no link: compared
    assert reasons[5].endswith("as stored incident s1")        # another source: by point


def test_incident_ids_already_stored_or_repeated():
    new = frame([["strike", 10.0, 10.0, "2025-01-01", "2025-01-01", "s1", ""],
                 ["strike", 20.0, 20.0, "2025-01-01", "2025-01-01", "x", ""],
                 ["strike", 30.0, 30.0, "2025-01-01", "2025-01-01", "x", ""]])
    reasons = find_duplicates(new, STORED, {"s1"})
    assert list(reasons) == ["incident_id s1 is already stored", "",
                             "incident_id x repeats an earlier row"]


def test_only_stored_duplicates_when_asked():
    new = frame([["strike", 48.0, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 48.0, 32.0, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 46.0, 30.0, "2025-08-08", "2025-08-08", "", ""]])
    reasons = find_duplicates(new, STORED, within_file=False)
    assert list(reasons != "") == [False, False, True]


def test_thermal_detections_are_duplicates_only_for_the_same_pixel_and_pass():
    stored = frame([["thermal_detection", 49.0, 33.0, "2025-08-08", "2025-08-08", "f1",
                     "2025-08-08 01:23 UTC"]])
    new = frame([["thermal_detection", 49.0, 33.0, "2025-08-08", "2025-08-08", "",
                  "2025-08-08 01:23 UTC"],   # the same detection again
                 ["thermal_detection", 49.003, 33.0, "2025-08-08", "2025-08-08", "",
                  "2025-08-08 01:23 UTC"],   # the next pixel of the same fire
                 ["thermal_detection", 49.0, 33.0, "2025-08-08", "2025-08-08", "",
                  "2025-08-08 12:40 UTC"]])  # a later pass
    assert list(find_duplicates(new, stored) != "") == [True, False, False]


def test_pairs_match_a_brute_force_search_in_a_dense_cluster():
    rng = np.random.default_rng(3)
    n = 2_000
    lat, lon = 50 + rng.normal(0, 0.05, n), 36 + rng.normal(0, 0.08, n)
    days = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 15, n), "D")
    spans = pd.to_timedelta(np.where(rng.random(n) < 0.2, rng.integers(1, 10, n), 0), "D")
    data = pd.DataFrame({"category": np.where(rng.random(n) < 0.8, "strike", "security"),
                         "latitude": lat, "longitude": lon,
                         "date_start": days.astype("datetime64[s]"),
                         "date_end": (days + spans).astype("datetime64[s]"),
                         "incident_id": "", "date_text": ""})
    i, j, _ = _close_pairs(data, data)
    found = set(zip(i.tolist(), j.tolist(), strict=True))
    distance = _distance_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    start, end = data["date_start"].to_numpy(), data["date_end"].to_numpy()
    overlap = (start[:, None] <= end[None, :]) & (end[:, None] >= start[None, :])
    same = data["category"].to_numpy()[:, None] == data["category"].to_numpy()[None, :]
    expected = set(zip(*[a.tolist() for a in np.nonzero((distance <= 1.0) & overlap & same)],
                       strict=True))
    assert found == expected
    assert len(found) - n > n  # beyond each row with itself: dense enough to matter


def test_points_far_north_and_far_apart_in_longitude_are_compared_correctly():
    # at 70 N one degree of longitude is 38 km: 0.02 deg is 0.76 km
    stored = frame([["strike", 70.0, 30.0, "2025-08-08", "2025-08-08", "n1", ""]])
    new = frame([["strike", 70.0, 30.02, "2025-08-08", "2025-08-08", "", ""],
                 ["strike", 70.0, 30.03, "2025-08-08", "2025-08-08", "", ""]])
    reasons = find_duplicates(new, stored, within_file=False)
    assert reasons.iat[0] == ("same category, 0.8 km away and on an overlapping date as "
                              "stored incident n1")
    assert reasons.iat[1] == ""  # 1.14 km
