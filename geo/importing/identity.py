"""Rows that carry a source identifier, matched on it against the store before anything else.

A preset with `identity` (geo.importing.presets) gives each row the source's id as its
incident_id ('acled-UKR12345'). A row whose id is stored is *unchanged* (nothing to do)
or *changed* (the newer export differs: the stored incident is updated on commit, the old
version kept, geo.store.versions); the preview names the fields that changed. For living
datasets (`lists_missing`), the stored events of that source, within the file's dates and
countries, that the file no longer holds are listed: the source may have deleted them.
They are kept; a person decides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.importing.presets.base import Preset
from geo.store import versions
from geo.store.incident_store import IncidentStore

UNCHANGED, CHANGED = "unchanged", "changed"
# What a source's newer export can change (claim status and site link belong to analysts).
COMPARED = ("date_start", "date_end", "date_precision", "date_text", "category", "subtype",
            "place", "latitude", "longitude", "geo_precision", "geo_method", "country",
            "admin1", "operator", "munitions", "casualties", "description", "source_name",
            "source_url", "claimant")
SHOWN_TEXT = 40


@dataclass
class IdentityMatch:
    state: pd.Series        # per row: '' (not stored), UNCHANGED or CHANGED
    changes: pd.Series      # per row: what changed, in words
    missing: pd.DataFrame   # stored events of this source the file no longer holds


def _same(new: pd.Series, old: pd.Series, name: str) -> np.ndarray:
    if name in ("latitude", "longitude"):
        a, b = new.to_numpy(np.float64), old.to_numpy(np.float64)
        return (np.isnan(a) & np.isnan(b)) | (np.abs(a - b) < 1e-7)
    if name in ("date_start", "date_end"):
        return new.to_numpy("datetime64[s]") == old.to_numpy("datetime64[s]")
    return new.astype(str).to_numpy() == old.astype(str).to_numpy()


def _shown(value) -> str:
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return "" if np.isnan(value) else f"{value:g}"
    text = str(value)
    return text if len(text) <= SHOWN_TEXT else text[:SHOWN_TEXT - 1] + "…"


def _change_words(new: pd.DataFrame, old: pd.DataFrame, differs: dict) -> list[str]:
    words = []
    for position in range(len(new)):
        parts = [f"{name} '{_shown(old[name].iat[position])}' -> "
                 f"'{_shown(new[name].iat[position])}'"
                 for name in COMPARED if differs[name][position]]
        words.append("; ".join(parts))
    return words


def match_identities(incidents: pd.DataFrame, rejected: np.ndarray, store: IncidentStore,
                     preset: Preset) -> IdentityMatch:
    state = pd.Series("", index=incidents.index, dtype=object)
    changes = pd.Series("", index=incidents.index, dtype=object)
    missing = pd.DataFrame(columns=["incident_id", "date_start", "place", "country",
                                    "description", "batch_id"])
    if not preset.identity:
        return IdentityMatch(state, changes, missing)
    ids = incidents["incident_id"]
    usable = (ids != "").to_numpy() & ~rejected
    with store.engine.connect() as conn:
        stored = versions.stored_rows(conn, ids[usable])
        if preset.lists_missing:
            missing = _missing(conn, incidents, usable, preset)
    found = usable & ids.isin(stored.index).to_numpy()
    if found.any():
        new = incidents.loc[found]
        old = stored.loc[new["incident_id"]]
        differs = {name: ~_same(new[name], old[name], name) for name in COMPARED}
        changed = np.logical_or.reduce(list(differs.values()))
        rows = new.index
        state[rows] = np.where(changed, CHANGED, UNCHANGED)
        changes[rows] = _change_words(new, old, differs)
    return IdentityMatch(state, changes, missing)


def _missing(conn, incidents: pd.DataFrame, usable: np.ndarray,
             preset: Preset) -> pd.DataFrame:
    dated = incidents.loc[usable & incidents["date_start"].notna().to_numpy()]
    if dated.empty:
        return pd.DataFrame()
    countries = {c for c in dated["country"] if c}
    return versions.missing_ids(conn, preset.id_prefix, dated["date_start"].min().date(),
                                dated["date_end"].max().date(), countries,
                                incidents["incident_id"])
