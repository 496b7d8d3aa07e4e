"""Shared pieces of the geocoder tests: one gazetteer build per session, and the accuracy check.

The index is built once into the session's cache folder (the folder tests/conftest.py points
INCIDENT_MAP_CACHE at), so every test module and the CLI subprocesses reuse it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.geocoding.geocoder import Geocoder, load_geocoder
from geo.geocoding.reverse import haversine_km
from geo.settings import Settings
from tests.support.files import ACCURACY_CSV, UCDP_CSV

WITHIN_KM = 10.0
WRONG_KM = 25.0
CONFIDENT = ("exact", "alias", "fuzzy")
UCDP_COLUMNS = {"place": "where_coordinates", "admin1": "adm_1", "country": "country"}


def session_settings(tmp_path_factory) -> Settings:
    root = tmp_path_factory.getbasetemp()
    return Settings(database_url=f"sqlite:///{root / 'unused.sqlite'}", cache_dir=root / "cache")


def session_geocoder(tmp_path_factory) -> Geocoder:
    """The real geocoder on the real data; the first call in a session builds the index."""
    return load_geocoder(session_settings(tmp_path_factory))


@dataclass
class Accuracy:
    rows: pd.DataFrame            # the accuracy table with the geocoder's answers added

    def _share(self, mask) -> float:
        return float(np.mean(mask)) if len(mask) else float("nan")

    @property
    def pointed(self) -> pd.DataFrame:
        """Rows whose truth is a point in the gazetteer (towns and sites)."""
        return self.rows[self.rows.true_latitude.notna()]

    @property
    def within(self) -> float:
        return self._share(self.pointed.error_km <= WITHIN_KM)

    @property
    def ambiguous(self) -> float:
        return self._share(self.rows.geocode_status == "ambiguous")

    @property
    def confident_wrong(self) -> float:
        return self._share(self.rows.confident_wrong)

    def summary(self) -> str:
        by_id = self.rows[self.rows.true_latitude.isna() & (self.rows.expected_id != "none")]
        return (f"{len(self.rows)} names: {self.within:.1%} of {len(self.pointed)} towns/sites "
                f"within {WITHIN_KM:.0f} km; regions/countries right "
                f"{self._share(by_id.geocode_match_id == by_id.expected_id):.1%} of {len(by_id)}; "
                f"flagged ambiguous {self.ambiguous:.1%}; confident but wrong "
                f"{self.confident_wrong:.1%} ({int(self.rows.confident_wrong.sum())})")

    def failures(self) -> pd.DataFrame:
        wrong = self.rows.confident_wrong | (self.rows.true_latitude.notna()
                                             & ~(self.rows.error_km <= WITHIN_KM))
        return self.rows.loc[wrong, ["query", "country_hint", "admin1_hint", "expected_id",
                                     "geocode_status", "geocode_match", "geocode_match_id",
                                     "error_km"]]


def measure_accuracy(geocoder: Geocoder, *, file_context: bool = True) -> Accuracy:
    rows = pd.read_csv(ACCURACY_CSV, dtype={"country_hint": str, "admin1_hint": str},
                       keep_default_na=False, na_values={"true_latitude": [""],
                                                         "true_longitude": [""]})
    found = geocoder.geocode_column(rows["query"], country=rows["country_hint"],
                                    admin1=rows["admin1_hint"], use_file_context=file_context)
    rows = pd.concat([rows, found.reset_index(drop=True)], axis=1)
    rows["error_km"] = haversine_km(rows.true_latitude, rows.true_longitude,
                                    rows.latitude, rows.longitude)
    confident = rows.geocode_status.isin(CONFIDENT)
    by_point = rows.true_latitude.notna()
    wrong_point = by_point & ~(rows.error_km <= WITHIN_KM)
    wrong_id = ~by_point & (rows.expected_id != "none") & (rows.geocode_match_id
                                                            != rows.expected_id)
    invented = rows.expected_id == "none"
    rows["confident_wrong"] = confident & (wrong_point | wrong_id | invented)
    return Accuracy(rows)


@dataclass
class WorldBars:
    """The issue's bars on a file of real place names with true points (UCDP's where_prec:
    1 exact place, 2 within 25 km of a named place, 3+ an area's representative point)."""

    within: float          # of rows whose truth is a precise place (where_prec 1-2): <= 10 km
    confident_far: float   # of all rows: town/site precision, not ambiguous, > 25 km off
    ambiguous: float       # of all rows
    rows: int
    precise: int

    def summary(self) -> str:
        return (f"{self.within:.1%} of {self.precise} precise places within {WITHIN_KM:.0f} km; "
                f"{self.confident_far:.2%} of {self.rows} rows placed at town/site "
                f"precision > {WRONG_KM:.0f} km off and not flagged; "
                f"{self.ambiguous:.1%} flagged ambiguous")


def world_bars(found: pd.DataFrame, truth: pd.DataFrame) -> WorldBars:
    """Bars of `found` (geocode output columns) against `truth` (where_prec, latitude,
    longitude), row for row."""
    error = haversine_km(truth["latitude"].to_numpy(), truth["longitude"].to_numpy(),
                         found["latitude"].to_numpy(float), found["longitude"].to_numpy(float))
    precise = truth["where_prec"].isin([1, 2]).to_numpy()
    placed = found["geocode_precision"].isin(["town", "site"]).to_numpy()
    flagged = (found["geocode_status"] == "ambiguous").to_numpy()
    far = placed & ~flagged & ~(error <= WRONG_KM)
    return WorldBars(float(np.mean(error[precise] <= WITHIN_KM)), float(np.mean(far)),
                     float(np.mean(flagged)), len(truth), int(precise.sum()))


def read_ucdp() -> pd.DataFrame:
    return pd.read_csv(UCDP_CSV, dtype={"where_coordinates": str, "adm_1": str, "adm_2": str})
