"""FIRMS matching windows: space (with strike precision), time, and honest absence."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.firms import Window, corroborate


def strikes_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "latitude": [49.171, 49.0625, 46.64, 45.0, None],
        "longitude": [33.447, 33.4048, 30.57, 30.0, None],
        "geo_precision": ["site", "town", "admin1", "site", "country"],
        "date_start": pd.to_datetime(["2025-08-08", "2025-08-08", "2025-08-08", "2025-08-09",
                                      "2025-08-08"]),
        "date_end": pd.to_datetime(["2025-08-08", "2025-08-08", "2025-08-08", "2025-08-09",
                                    "2025-08-08"]),
    })


def detections_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "latitude": [49.175, 49.13, 49.175],
        "longitude": [33.45, 33.50, 33.45],
        "detected_at": pd.to_datetime(["2025-08-08 23:40", "2025-08-09 10:20",
                                       "2025-08-20 10:00"]),
        "frp": [35.2, 80.1, 12.0],
        "confidence": ["h", "n", "l"],
        "satellite": ["N20", "N", "N20"],
    })


def test_detections_are_matched_in_space_and_time():
    result = corroborate(strikes_frame(), detections_frame(),
                         covered_days={dt.date(2025, 8, 8), dt.date(2025, 8, 9)})
    tpp = result.iloc[0]
    assert tpp["thermal_status"] == "detected" and tpp["thermal_count"] == 1  # 0.4 km away
    assert "35.2 MW" in tpp["thermal_summary"] and "not proof" in tpp["thermal_summary"]
    town = result.iloc[1]  # town point: 12 km of uncertainty, so both near detections count
    assert town["thermal_count"] == 2 and town["best_frp"] == 80.1
    assert result.iloc[2]["thermal_status"] == "location_too_vague"  # oblast only
    assert result.iloc[3]["thermal_status"] == "none_detected"  # covered day, nothing near
    assert result.iloc[4]["thermal_status"] == "location_too_vague"


def test_absence_is_only_stated_for_days_with_imported_detections():
    result = corroborate(strikes_frame(), detections_frame(), covered_days=set())
    assert result.iloc[3]["thermal_status"] == "no_data"


def test_the_time_window_is_respected():
    narrow = Window(hours_before=0, hours_after=0)
    result = corroborate(strikes_frame().iloc[:1], detections_frame(),
                         covered_days={dt.date(2025, 8, 8)}, window=narrow)
    assert result.iloc[0]["thermal_count"] == 1  # 23:40 on the day itself
    late = detections_frame().assign(detected_at=pd.to_datetime(["2025-08-11 12:00"] * 3))
    result = corroborate(strikes_frame().iloc[:1], late, covered_days={dt.date(2025, 8, 8)})
    assert result.iloc[0]["thermal_status"] == "none_detected"
