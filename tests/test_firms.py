"""FIRMS matching windows: space (with strike precision), time, coverage and honest absence."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from geo.analysis.corroboration import VIIRS_DEFAULT, Window, corroborate
from geo.analysis.site_matching import haversine_km

TPP = (49.171, 33.447)  # Kremenchuk thermal power plant, a facility point
KM_PER_DEGREE_LAT = 6371.0088 * np.pi / 180


def strikes_frame(**overrides) -> pd.DataFrame:
    frame = pd.DataFrame({
        "latitude": [TPP[0], 49.0625, 46.64, 45.0, None],
        "longitude": [TPP[1], 33.4048, 30.57, 30.0, None],
        "geo_precision": ["site", "town", "admin1", "site", "country"],
        "date_start": pd.to_datetime(["2025-08-08"] * 3 + ["2025-08-09", "2025-08-08"]),
        "date_end": pd.to_datetime(["2025-08-08"] * 3 + ["2025-08-09", "2025-08-08"]),
    }, index=[10, 11, 12, 13, 14])
    return frame.assign(**overrides)


def detections_frame(rows) -> pd.DataFrame:
    """rows: (lat, lon, 'YYYY-MM-DD HH:MM', frp)."""
    frame = pd.DataFrame(rows, columns=["latitude", "longitude", "detected_at", "frp"])
    return frame.assign(detected_at=pd.to_datetime(frame["detected_at"]), confidence="high",
                        satellite="N20", instrument="VIIRS")


def coverage_frame(date_from="2025-08-01", date_to="2025-08-31",
                   box=(22.0, 44.0, 41.0, 53.0)) -> pd.DataFrame:
    return pd.DataFrame([{"date_from": dt.date.fromisoformat(date_from),
                          "date_to": dt.date.fromisoformat(date_to),
                          **dict(zip(("west", "south", "east", "north"), box, strict=True))}])


def north_of(point, km: float) -> tuple[float, float]:
    return point[0] + km / KM_PER_DEGREE_LAT, point[1]


def one(strike_index: int, detections, coverage=None, window=VIIRS_DEFAULT):
    strikes = strikes_frame().loc[[strike_index]]
    return corroborate(strikes, detections, coverage_frame() if coverage is None
                       else coverage, window).iloc[0]


@pytest.mark.parametrize(("km", "status"), [(1.99, "detected"), (2.01, "none_detected")])
def test_space_window_of_a_site_point_is_2_km(km, status):
    lat, lon = north_of(TPP, km)
    assert haversine_km(TPP[0], TPP[1], lat, lon) == pytest.approx(km, abs=1e-6)
    result = one(10, detections_frame([(lat, lon, "2025-08-08 10:00", 20.0)]))
    assert result["thermal_status"] == status
    assert result["thermal_radius_km"] == 2.0


@pytest.mark.parametrize(("km", "count"), [(13.9, 1), (14.1, 0)])
def test_a_town_point_widens_the_search_by_the_towns_uncertainty(km, count):
    town = (49.0625, 33.4048)
    result = one(11, detections_frame([(*north_of(town, km), "2025-08-08 10:00", 20.0)]))
    assert result["thermal_count"] == count
    assert result["thermal_radius_km"] == 14.0


@pytest.mark.parametrize(("when", "count"), [
    ("2025-08-07 12:00", 1),  # exactly 12 h before the strike's day begins (00:00 UTC)
    ("2025-08-07 11:59", 0),  # just outside
    ("2025-08-10 23:59", 1),  # 48 h after the day ends, less a minute
    ("2025-08-11 00:00", 1),  # exactly 48 h after
    ("2025-08-11 00:01", 0),  # just outside
])
def test_time_window_runs_12_h_before_to_48_h_after_the_day(when, count):
    result = one(10, detections_frame([(*TPP, when, 20.0)]))
    assert result["thermal_count"] == count


def test_the_time_window_follows_an_approximate_interval_and_a_custom_window():
    strikes = strikes_frame(date_end=pd.to_datetime(["2025-08-12"] * 5)).loc[[10]]
    late = detections_frame([(*TPP, "2025-08-13 20:00", 5.0)])
    assert corroborate(strikes, late, coverage_frame())["thermal_count"].iat[0] == 1
    narrow = Window(radius_km=0.5, hours_before=0, hours_after=0)
    assert corroborate(strikes, late, coverage_frame(), narrow)["thermal_count"].iat[0] == 0
    near = detections_frame([(*north_of(TPP, 0.4), "2025-08-12 23:59", 5.0)])
    assert corroborate(strikes, near, coverage_frame(), narrow)["thermal_count"].iat[0] == 1


def test_the_strongest_detection_is_reported_with_the_evidence_wording():
    detections = detections_frame([
        (*TPP, "2025-08-08 01:10", 12.5),
        (*north_of(TPP, 0.5), "2025-08-08 10:40", 80.1),
        (*north_of(TPP, 1.0), "2025-08-09 00:20", float("nan")),
        (*north_of(TPP, 9.0), "2025-08-08 10:40", 500.0),  # too far for a site point
    ])
    detections.loc[1, ["confidence", "satellite"]] = ["nominal", "N"]
    result = one(10, detections)
    assert result["thermal_status"] == "detected" and result["thermal_count"] == 3
    assert result["best_frp"] == 80.1 and result["best_confidence"] == "nominal"
    assert result["best_satellite"] == "N VIIRS"
    assert result["best_detected_at"] == pd.Timestamp("2025-08-08 10:40")
    assert "3 FIRMS detections within 2 km" in result["thermal_summary"]
    assert "80.1 MW" in result["thermal_summary"]
    assert "08 Aug 2025 10:40 UTC" in result["thermal_summary"]
    assert result["thermal_summary"].endswith("Evidence, not proof.")


def test_region_and_country_points_are_too_vague_to_search():
    everywhere = detections_frame([(46.64, 30.57, "2025-08-08 10:00", 50.0)])
    result = corroborate(strikes_frame(), everywhere, coverage_frame())
    assert result.loc[12, "thermal_status"] == "location_too_vague"  # oblast only
    assert result.loc[14, "thermal_status"] == "location_too_vague"  # no point
    assert result.loc[12, "thermal_count"] == 0


def test_absence_is_stated_only_where_imported_data_cover_the_days_and_the_place():
    nothing_near = detections_frame([(50.5, 30.5, "2025-08-09 10:00", 3.0)])
    result = corroborate(strikes_frame(), nothing_near, coverage_frame())
    assert result.loc[13, "thermal_status"] == "none_detected"
    assert "Absence is not proof" in result.loc[13, "thermal_summary"]
    no_import = corroborate(strikes_frame(), nothing_near, coverage_frame().iloc[:0])
    assert no_import.loc[13, "thermal_status"] == "no_data"
    other_days = coverage_frame("2025-08-10", "2025-08-20")
    assert corroborate(strikes_frame(), nothing_near, other_days).loc[13, "thermal_status"] \
        == "no_data"
    other_area = coverage_frame(box=(33.0, 48.0, 35.0, 50.0))  # Kremenchuk only
    by_area = corroborate(strikes_frame(), nothing_near, other_area)
    assert by_area.loc[13, "thermal_status"] == "no_data"  # 45 N, 30 E: outside the box
    assert by_area.loc[10, "thermal_status"] == "none_detected"  # inside it


def test_an_interval_is_covered_only_when_batches_cover_every_day_of_it():
    strikes = strikes_frame(date_start=pd.to_datetime(["2025-08-06"] * 5),
                            date_end=pd.to_datetime(["2025-08-09"] * 5)).loc[[10]]
    first = coverage_frame("2025-08-01", "2025-08-07")
    second = coverage_frame("2025-08-08", "2025-08-14")
    gap = coverage_frame("2025-08-09", "2025-08-14")
    empty = detections_frame([])
    assert corroborate(strikes, empty, first)["thermal_status"].iat[0] == "no_data"
    joined = pd.concat([second, first], ignore_index=True)
    assert corroborate(strikes, empty, joined)["thermal_status"].iat[0] == "none_detected"
    with_gap = pd.concat([first.assign(date_to=dt.date(2025, 8, 6)), gap], ignore_index=True)
    assert corroborate(strikes, empty, with_gap)["thermal_status"].iat[0] == "no_data"


def test_a_detection_counts_even_without_recorded_coverage():
    result = one(10, detections_frame([(*TPP, "2025-08-08 10:00", 20.0)]),
                 coverage=coverage_frame().iloc[:0])
    assert result["thermal_status"] == "detected"


def test_ten_thousand_strikes_against_a_hundred_thousand_detections_match_brute_force():
    rng = np.random.default_rng(7)
    days = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, 10_000), "D")
    strikes = pd.DataFrame({
        "latitude": rng.uniform(44, 52, 10_000), "longitude": rng.uniform(22, 40, 10_000),
        "geo_precision": rng.choice(["site", "town", "admin1"], 10_000),
        "date_start": days, "date_end": days + pd.to_timedelta(
            np.where(rng.random(10_000) < 0.05, 30, 0), "D")})
    detections = pd.DataFrame({
        "latitude": rng.uniform(44, 52, 100_000), "longitude": rng.uniform(22, 40, 100_000),
        "detected_at": pd.Timestamp("2025-01-01") + pd.to_timedelta(
            rng.integers(0, 365 * 86400, 100_000), "s"),
        "frp": rng.gamma(2, 10, 100_000), "confidence": "nominal", "satellite": "N20",
        "instrument": "VIIRS"})
    result = corroborate(strikes, detections, coverage_frame("2025-01-01", "2025-12-31"))
    # a brute-force check of a sample of strikes
    for i in rng.choice(np.flatnonzero(result["thermal_status"] != "location_too_vague"), 40):
        s = strikes.iloc[i]
        radius = result["thermal_radius_km"].iat[i]
        start = s["date_start"] - pd.Timedelta(hours=12)
        end = s["date_end"] + pd.Timedelta(days=1, hours=48)
        near = haversine_km(s["latitude"], s["longitude"], detections["latitude"],
                            detections["longitude"]) <= radius
        timely = detections["detected_at"].between(start, end)
        assert result["thermal_count"].iat[i] == int((near & timely).sum())
    assert (result["thermal_status"] == "detected").sum() > 100
