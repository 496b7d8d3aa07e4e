"""Paths of the files the tests read: the test data in tests/data (see its README.md)."""

from __future__ import annotations

from pathlib import Path

TEST_DATA = Path(__file__).resolve().parent.parent / "data"
# synthetic rows in the layout of a NASA FIRMS VIIRS export, near the Kremenchuk seed strikes
FIRMS_CSV = TEST_DATA / "firms_kremenchuk_synthetic.csv"
# place names with reference points, for the geocoder's accuracy check
ACCURACY_CSV = TEST_DATA / "geocode_accuracy.csv"
# real news articles with their origin, a hand annotation of their incidents, and the seeds
ARTICLES = TEST_DATA / "articles"
SEED_ARTICLES = ARTICLES / "seeds"
# UCDP GED v22.1 Ukraine, trimmed to the place columns and the true points (CC BY 4.0)
UCDP_CSV = TEST_DATA / "ucdp_ged_ukraine_sample.csv"
