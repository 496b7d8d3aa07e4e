"""Changes a person makes in the import preview: a point typed in, a candidate place chosen
for an ambiguous name, a row kept or left out. Fixing a row's location clears the review
it was held for; duplicates are then looked for again, since a moved row may now be one.
A point typed by hand states no precision: a row that had none gets 'unknown'.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import numpy as np
import pandas as pd

from geo.importing.preview import ImportPreview, check_against_store
from geo.schema import UNKNOWN_PRECISION
from geo.store.incident_store import IncidentStore

HAND_PLACED = "placed by hand in the import preview"


def _point_problem(lat: float, lon: float) -> str | None:
    if not (np.isfinite(lat) and np.isfinite(lon)):
        return "give both latitude and longitude as decimal degrees"
    if abs(lat) > 90:
        return f"latitude {lat:g} is out of range (-90..90)"
    if abs(lon) > 180:
        return f"longitude {lon:g} is out of range (-180..180)"
    return None


def _number(value) -> float:
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iat[0]
    return float(number) if pd.notna(number) else float("nan")


def apply_fixes(preview: ImportPreview, edits: pd.DataFrame,
                store: IncidentStore) -> ImportPreview:
    """A new preview with `edits` applied: a frame indexed by row number with any of
    `latitude`, `longitude`, `choice` (a candidate's option text) and `include`."""
    incidents = preview.incidents.copy()
    issues = copy.deepcopy(preview.issues)
    kept = dict(preview.kept)
    include_before = preview.include
    for row, edit in edits.iterrows():
        if row not in incidents.index or row in issues.rejected:
            continue
        issues.clear_review(row, "fix")
        options = {c.option(): c for c in preview.choices.get(row, [])}
        choice = str(edit.get("choice") or "")
        lat, lon = _number(edit.get("latitude")), _number(edit.get("longitude"))
        moved = not (np.isclose(lat, incidents.at[row, "latitude"], equal_nan=True)
                     and np.isclose(lon, incidents.at[row, "longitude"], equal_nan=True))
        if choice and choice not in options:
            issues.add("review", [row], [f"'{choice}' is not a candidate for this row; pick "
                                         "one from its list"], topic="fix")
        elif choice:
            chosen = options[choice]
            drawn = chosen.precision != "country" and chosen.latitude is not None
            incidents.loc[row, ["latitude", "longitude"]] = (
                (chosen.latitude, chosen.longitude) if drawn else (np.nan, np.nan))
            incidents.loc[row, ["geo_precision", "geo_method"]] = (
                chosen.precision, chosen.geo_method("chosen in the import preview"))
            incidents.loc[row, ["country", "admin1"]] = (chosen.country, chosen.admin1)
            issues.clear_review(row, "location")
        elif moved:
            problem = _point_problem(lat, lon)
            if problem:
                issues.add("review", [row], [problem], topic="fix")
            else:
                incidents.loc[row, ["latitude", "longitude", "geo_method"]] = (lat, lon,
                                                                                HAND_PLACED)
                if incidents.at[row, "geo_precision"] in ("", "country"):
                    incidents.at[row, "geo_precision"] = UNKNOWN_PRECISION
                issues.clear_review(row, "location")
        if "include" in edit and pd.notna(edit["include"]) \
                and bool(edit["include"]) != bool(include_before.get(row, False)):
            kept[row] = bool(edit["include"])
    rejected = incidents.index.isin(list(issues.rejected))
    revision = store.revision()
    duplicates, identity = check_against_store(incidents, rejected, store, preview.preset,
                                               preview.unstated)
    return replace(preview, incidents=incidents, issues=issues, duplicates=duplicates,
                   kept=kept, store_revision=revision, identity=identity)
