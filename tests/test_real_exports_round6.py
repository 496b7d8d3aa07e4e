"""Exports of other tools met in the sixth round (tests/data/README.md): FIRMS's Landsat
layout, ..."""

from __future__ import annotations

from tests.support.imports import preview_bytes

# FIRMS's Landsat 30 m CSV layout (as FIRMS documents it and `openwfm/wrfxpy`-style readers
# list it: latitude,longitude,path,row,scan,track,acq_date,acq_time,satellite,confidence,
# daynight): no frp, no brightness, confidence H/M/L, satellite L8/L9, scan and track the
# pixel's place in the scene. Constructed rows in that layout.
LANDSAT = ("latitude,longitude,path,row,scan,track,acq_date,acq_time,satellite,confidence,"
           "daynight\n"
           "47.51234,34.58812,177,27,756,2664,2025-07-06,832,L9,H,D\n"
           "47.50111,34.60012,177,27,760,2670,2025-07-06,832,L8,M,D\n")


def test_firms_landsat_csv_is_thermal_detections_at_unknown_precision(store):
    """It was taken for a table of strikes (no FIRMS signature matched: no frp, no
    brightness); with the FIRMS preset chosen every row was rejected for its empty frp and
    'M' confidence, and scan/track would have been read as a 756 km x 2664 km pixel."""
    result = preview_bytes(store, LANDSAT.encode(), "fire_nrt_LS_123.csv")
    rows = result.incidents
    assert result.preset.name == "firms" and result.counts()["new"] == 2
    assert set(rows["category"]) == {"thermal_detection"}
    assert set(rows["subtype"]) == {"landsat_oli"} and set(rows["geo_precision"]) == {"unknown"}
    first, second = rows.iloc[0], rows.iloc[1]
    assert first["incident_id"] == "firms-L9-20250706T0832-47.51234-34.58812"
    assert "a Landsat OLI pixel (30 m)" in first["geo_method"] and "km" not in first["geo_method"]
    assert "no fire radiative power given, confidence high" in first["description"]
    assert "confidence medium" in second["description"]
    detections = result.thermal.detections
    assert list(detections["confidence"]) == ["high", "medium"]
    assert detections["frp"].isna().all()
