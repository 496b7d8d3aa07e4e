"""Rows whose file states no category, compared with stored incidents of any category.

Duplicates are found by category, distance and dates (geo.analysis.duplicates). A row whose
file states no category is 'other' (geo.importing.unstated_category), which says nothing
of what happened: a point at the seed's SOCAR depot on the day of its strike is most likely
that strike, and it was kept as new beside it once rows without a category stopped being
strikes. Such rows (of a file without source ids) are also compared with the stored
incidents of every category but thermal detections, by distance and dates alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.analysis.duplicates import find_duplicates
from geo.importing.unstated_category import CATEGORY
from geo.schema import THERMAL_CATEGORY
from geo.store.incident_store import IncidentStore, candidate_view


def unstated_rows(category_cells: pd.Series, categories: pd.Series) -> np.ndarray:
    """The rows whose file states no category and that took 'other' for it."""
    return ((category_cells == "") & (categories == CATEGORY)).to_numpy()


def with_any_category(reasons: pd.Series, incidents: pd.DataFrame, unstated: np.ndarray,
                      rejected: np.ndarray, store: IncidentStore) -> pd.Series:
    """`reasons` (why each row is a duplicate, '' when not) with each unstated row that is
    not yet a duplicate compared with the stored incidents of any category."""
    rows = unstated & ~rejected & (reasons == "").to_numpy()
    if not rows.any():
        return reasons
    subset = incidents.loc[rows]
    view = candidate_view(subset)
    stored = store.duplicate_candidates(view) if view is not None else subset.iloc[:0]
    stored = stored[stored["category"] != THERMAL_CATEGORY]
    if stored.empty:
        return reasons
    found = find_duplicates(subset, stored.assign(category=CATEGORY), within_file=False)
    found = found[found != ""]
    result = reasons.copy()
    result[found.index] = found.str.replace("same category, ", "no category stated, ",
                                            n=1, regex=False)
    return result
