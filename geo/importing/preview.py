"""What an import would do, row by row, before anything is written.

Each row has a status, and the reasons for it: `new` (will be stored), `changed` (its
source id is stored and the file's row differs: the stored incident is updated, its old
version kept), `duplicate` (stored already and unchanged; or, for a row without a source
id, the same category within 1 km on an overlapping date as a stored incident or an
earlier row: skipped unless kept), `needs review` (an ambiguous place, a date in the
future, ...: held back until a person keeps or fixes it) and `rejected` (cannot be stored
as it is). `include` says what a commit would write. The rows not imported download as a
CSV with a reason.

The interface other features build on (issue 20 feeds article proposals through it):
`preview_import` (geo.importing.pipeline) makes an ImportPreview from a RawTable;
`rows` is the table shown; `apply_fixes` (geo.importing.fixes) returns a new preview
with a person's changes; `commit_import` writes `to_insert()` and `to_update()`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from geo.analysis.duplicates import find_duplicates
from geo.importing.columns import Mapping
from geo.importing.identity import CHANGED as CHANGED_STATE
from geo.importing.identity import UNCHANGED, IdentityMatch, match_identities
from geo.importing.linking import describe_links
from geo.importing.places import PlaceChoice
from geo.importing.presets.base import Preset
from geo.importing.problems import RowIssues, grouped_problems, strip_row
from geo.importing.readers.table import RawTable
from geo.importing.thermal import ThermalRows
from geo.importing.unstated_duplicates import with_any_category
from geo.schema import INCIDENT_COLUMNS
from geo.sharing.csv_safety import neutralise_formulas
from geo.store.incident_store import IncidentStore, candidate_view

NEW, CHANGED, DUPLICATE, REVIEW, REJECTED = ("new", "changed", "duplicate", "needs review",
                                             "rejected")
STATUSES = (NEW, CHANGED, DUPLICATE, REVIEW, REJECTED)


def _identified(incidents: pd.DataFrame, candidates: pd.Index, preset: Preset) -> np.ndarray:
    """Rows matched on their source id, not on proximity (see geo.importing.identity)."""
    if not preset.identity:
        return np.zeros(len(candidates), dtype=bool)
    return (incidents.loc[candidates, "incident_id"] != "").to_numpy()


def find_row_duplicates(incidents: pd.DataFrame, rejected: np.ndarray, store: IncidentStore,
                        preset: Preset | None = None,
                        identity: IdentityMatch | None = None) -> pd.Series:
    """Why each row that is not rejected duplicates a stored incident or an earlier row.

    Rows with a source id (a preset with `identity`) are duplicates only when stored and
    unchanged, or when an earlier row of the file has the same id: a near point of another
    id is a different event by the source's word. Other rows are compared by category,
    distance and dates (geo.analysis.duplicates). Read the store's revision before
    calling: a write after it cannot be missed then."""
    reasons = pd.Series("", index=incidents.index, dtype=object)
    candidates = incidents.loc[~rejected]
    if candidates.empty:
        return reasons
    by_id = _identified(incidents, candidates.index, preset) if preset else \
        np.zeros(len(candidates), dtype=bool)
    plain = candidates.loc[~by_id]
    if len(plain):
        view = candidate_view(plain)
        stored = store.duplicate_candidates(view) if view is not None else incidents.iloc[:0]
        known = store.known_incident_ids(plain["incident_id"])
        reasons[plain.index] = find_duplicates(plain, stored, known)
    if by_id.any():
        identified = candidates.loc[by_id]
        ids = identified["incident_id"]
        repeated = ids.duplicated(keep="first").to_numpy()
        if repeated.any():
            first = pd.Series(identified.index, index=ids.to_numpy())
            first = first[~first.index.duplicated()]
            reasons[identified.index[repeated]] = [
                f"repeats the id {i} of row {first[i]}" for i in ids[repeated]]
        if identity is not None:
            same = (identity.state[identified.index] == UNCHANGED) & ~repeated
            reasons[same.index[same]] = [f"already stored and unchanged ({i})"
                                         for i in ids[same]]
    return reasons


def check_against_store(incidents: pd.DataFrame, rejected: np.ndarray, store: IncidentStore,
                        preset: Preset, unstated: np.ndarray | None = None,
                        ) -> tuple[pd.Series, IdentityMatch]:
    """(duplicate reasons, identity matches) of the rows against the store and each other;
    `unstated` rows (their file states no category) are also compared with stored incidents
    of any category (geo.importing.unstated_duplicates)."""
    identity = match_identities(incidents, rejected, store, preset)
    reasons = find_row_duplicates(incidents, rejected, store, preset, identity)
    if unstated is not None and not preset.identity:
        reasons = with_any_category(reasons, incidents, unstated, rejected, store)
    return reasons, identity


@dataclass
class ImportPreview:
    file_name: str
    file_sha256: str
    raw: RawTable
    preset: Preset
    mapping: Mapping
    options: object                 # geo.importing.pipeline.ImportOptions
    incidents: pd.DataFrame         # INCIDENT_COLUMNS, typed; index = row numbers
    issues: RowIssues
    duplicates: pd.Series           # why a row is a duplicate ('' when it is not)
    notes: list[str] = field(default_factory=list)
    swap_suggested: bool = False
    choices: dict[int, list[PlaceChoice]] = field(default_factory=dict)
    kept: dict[int, bool] = field(default_factory=dict)  # a person's include / leave out
    store_revision: int | None = None  # the store's revision the duplicates were found at
    thermal: ThermalRows | None = None  # FIRMS files: typed detections and coverage
    identity: IdentityMatch | None = None  # rows matched on their source id
    unstated: np.ndarray | None = None  # rows whose file states no category ('other')

    @property
    def changed(self) -> pd.Series:
        """Rows whose source id is stored with other values (updated on commit)."""
        if self.identity is None:
            return pd.Series(False, index=self.incidents.index)
        return self.identity.state == CHANGED_STATE

    @property
    def missing(self) -> pd.DataFrame:
        """Stored events of this source the file no longer holds (a living dataset)."""
        return self.identity.missing if self.identity is not None else pd.DataFrame()

    @cached_property
    def status(self) -> pd.Series:
        """Each row's status (computed once: a preview is replaced, never changed, by a fix)."""
        index = self.incidents.index
        status = np.full(len(index), NEW, dtype=object)
        status[self.changed.to_numpy()] = CHANGED
        status[index.isin(list(self.issues.review))] = REVIEW
        status[(self.duplicates != "").to_numpy()] = DUPLICATE
        status[index.isin(list(self.issues.rejected))] = REJECTED
        return pd.Series(status, index=index, name="status")

    @property
    def include(self) -> pd.Series:
        status = self.status
        include = status.isin([NEW, CHANGED]) \
            | ((status == DUPLICATE) & self.options.keep_duplicates) \
            | ((status == REVIEW) & self.options.include_review)
        for row, keep in self.kept.items():
            if row in include.index and status[row] != REJECTED:
                include[row] = keep
        return include.rename("include")

    def reasons(self) -> pd.Series:
        reasons = pd.Series("", index=self.incidents.index, dtype=object, name="reason")
        for row in {*self.issues.rejected, *self.issues.review}:
            reasons[row] = "; ".join(strip_row(m) for m in self.issues.messages(row))
        changed = self.changed & (reasons == "")
        if self.identity is not None:
            reasons[changed] = "changed since stored: " + self.identity.changes[changed]
        duplicate = self.duplicates != ""
        both = duplicate & (reasons != "")
        reasons[duplicate & ~both] = "duplicate: " + self.duplicates[duplicate & ~both]
        reasons[both] = reasons[both] + "; duplicate: " + self.duplicates[both]
        return reasons

    @property
    def rows(self) -> pd.DataFrame:
        """The incidents with status, reason and include: the preview table."""
        return pd.concat([self.status, self.reasons(), self.include, self.incidents], axis=1)

    def counts(self) -> dict[str, int]:
        found = self.status.value_counts()
        return {name: int(found.get(name, 0)) for name in STATUSES}

    def problems(self) -> list[str]:
        """Every row's problems, in row order."""
        rows = sorted({*self.issues.rejected, *self.issues.review})
        return [m for row in rows for m in self.issues.messages(row)]

    def grouped_problems(self) -> list[str]:
        """The problems, one line per rule broken with its rows (geo.importing.problems)."""
        return grouped_problems(self.issues)

    def site_proposals(self, sites: pd.DataFrame) -> pd.Series:
        """The site each row would be linked to on commit, in words (geo.importing.linking)."""
        return describe_links(self.incidents, sites)

    def to_commit(self) -> pd.DataFrame:
        """Every row a commit would write: to_insert() and to_update() together."""
        return self.incidents.loc[self.include.to_numpy(), list(INCIDENT_COLUMNS)]

    def to_update(self) -> pd.DataFrame:
        """Included rows that replace a stored incident with the same source id."""
        chosen = self.include & self.changed
        return self.incidents.loc[chosen.to_numpy(), list(INCIDENT_COLUMNS)]

    def to_insert(self) -> pd.DataFrame:
        chosen = self.include & ~self.changed
        return self.incidents.loc[chosen.to_numpy(), list(INCIDENT_COLUMNS)]

    def not_imported_csv(self) -> bytes:
        """The file's own cells of every row a commit would leave out, with why; safe to
        open in a spreadsheet (see geo.sharing.csv_safety)."""
        left_out = ~self.include
        cells = self.raw.frame.loc[left_out[left_out].index]
        table = pd.concat([self.status[left_out], self.reasons()[left_out], cells], axis=1)
        table.insert(0, "row", table.index, allow_duplicates=True)
        buffer = io.StringIO()
        neutralise_formulas(table).to_csv(buffer, index=False)
        return buffer.getvalue().encode("utf-8-sig")
