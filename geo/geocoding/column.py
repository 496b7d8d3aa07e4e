"""Geocoding a whole column: each distinct (place, hints) once, then the file as context
for its own names (geo.geocoding.file_context)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.errors import GeocodeError
from geo.geocoding.file_context import apply_file_context
from geo.geocoding.results import OUTPUT_COLUMNS, PlaceGeocoder, given


def geocode_column(geocoder: PlaceGeocoder, places, *, country=None, admin1=None, admin2=None,
                   default_country=None, use_file_context: bool = True) -> pd.DataFrame:
    """One row per input (same index), columns OUTPUT_COLUMNS (floats, and text as object
    dtype). Each distinct (place, hints) is resolved once; `country`/`admin1`/`admin2` are one
    value for all places or one per place."""
    places = places if isinstance(places, pd.Series) else pd.Series(list(places), dtype=object)
    if given(default_country) and geocoder.index.country_code(default_country) is None:
        raise GeocodeError(f"Unknown default country '{default_country}'; give an ISO2 code "
                           "such as UA or a country name such as Ukraine")
    hints = {"country": country, "admin1": admin1, "admin2": admin2}
    columns = [places.to_numpy(dtype=object)] + [
        _aligned(value, len(places), name) for name, value in hints.items()]
    # a hint given once for all places splits no group
    first, codes = _groups(columns[:1] + [column for column, value in zip(
        columns[1:], hints.values(), strict=True) if not _one_for_all(value)])
    distinct = [[_text(column[i]) for column in columns] for i in first]
    geocoder.prefetch(row[0] for row in distinct)
    results = [geocoder.geocode(place, country=nation, admin1=region, admin2=district,
                                default_country=default_country)
               for place, nation, region, district in distinct]
    if use_file_context:
        results = apply_file_context(geocoder, results, distinct, given(default_country))
    rows = [r.row() for r in results]
    table = {}
    for name in OUTPUT_COLUMNS:  # object columns: taking 100k rows of str dtype costs 0.2 s
        numeric = name in ("latitude", "longitude", "geocode_score")   # None is NaN
        values = np.array([row[name] for row in rows], dtype=np.float64 if numeric else object)
        table[name] = pd.Series(values[codes], index=places.index, dtype=values.dtype)
    return pd.DataFrame(table)


def _groups(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each distinct combination of the columns' values (the place and the
    hints given per place), and each row's group: groups numbered in the order of their first
    rows."""
    codes = np.zeros(len(columns[0]), np.int64)
    for column in columns:   # pd.factorize numbers values in the order they first appear
        values, _ = pd.factorize(column)
        codes = pd.factorize(codes * (values.max(initial=0) + 2) + values + 1)[0]
    first = np.flatnonzero(~pd.Series(codes).duplicated().to_numpy())
    return first, codes


def _text(value) -> str:
    return "" if not given(value) else str(value)


def _one_for_all(value) -> bool:
    return value is None or isinstance(value, str)


def _aligned(value, length: int, name: str) -> np.ndarray:
    if _one_for_all(value):
        return np.full(length, value or "", dtype=object)
    values = np.asarray(list(value), dtype=object)
    if len(values) != length:
        raise GeocodeError(f"'{name}' has {len(values)} values but there are {length} places; "
                           "give one value per place or a single value for all")
    return values
