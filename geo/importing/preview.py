"""What an import would do, row by row, before anything is written.

Each row has a status, and the reasons for it: `new` (will be stored), `duplicate` (same
category, within 1 km, overlapping dates as a stored incident or an earlier row: skipped
unless kept), `needs review` (an ambiguous place, a date in the future, ...: held back
until a person keeps or fixes it) and `rejected` (cannot be stored as it is). `include`
says what a commit would write. The rows not imported download as a CSV with a reason.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.analysis.duplicates import find_duplicates
from geo.importing.columns import Mapping
from geo.importing.csv_reader import RawTable
from geo.importing.linking import describe_links
from geo.importing.places import PlaceChoice
from geo.importing.presets import Preset
from geo.importing.problems import RowIssues
from geo.importing.thermal import ThermalRows
from geo.schema import INCIDENT_COLUMNS
from geo.sharing.csv_safety import neutralise_formulas
from geo.store.incident_store import IncidentStore, candidate_view

NEW, DUPLICATE, REVIEW, REJECTED = "new", "duplicate", "needs review", "rejected"
STATUSES = (NEW, DUPLICATE, REVIEW, REJECTED)


def find_row_duplicates(incidents: pd.DataFrame, rejected: np.ndarray,
                        store: IncidentStore) -> pd.Series:
    """Why each row that is not rejected duplicates a stored incident or an earlier row.

    Read the store's revision before calling: a write after it cannot be missed then."""
    reasons = pd.Series("", index=incidents.index, dtype=object)
    candidates = incidents.loc[~rejected]
    if candidates.empty:
        return reasons
    view = candidate_view(candidates)
    stored = store.duplicate_candidates(view) if view is not None else incidents.iloc[:0]
    known = store.known_incident_ids(candidates["incident_id"])
    reasons[candidates.index] = find_duplicates(candidates, stored, known)
    return reasons


def _strip_row(message: str) -> str:
    return message.split(": ", 1)[1] if message.startswith("Row ") else message


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

    @property
    def status(self) -> pd.Series:
        index = self.incidents.index
        status = np.full(len(index), NEW, dtype=object)
        status[index.isin(list(self.issues.review))] = REVIEW
        status[(self.duplicates != "").to_numpy()] = DUPLICATE
        status[index.isin(list(self.issues.rejected))] = REJECTED
        return pd.Series(status, index=index, name="status")

    @property
    def include(self) -> pd.Series:
        status = self.status
        include = (status == NEW) | ((status == DUPLICATE) & self.options.keep_duplicates) \
            | ((status == REVIEW) & self.options.include_review)
        for row, keep in self.kept.items():
            if row in include.index and status[row] != REJECTED:
                include[row] = keep
        return include.rename("include")

    def reasons(self) -> pd.Series:
        reasons = pd.Series("", index=self.incidents.index, dtype=object, name="reason")
        for row in {*self.issues.rejected, *self.issues.review}:
            reasons[row] = "; ".join(_strip_row(m) for m in self.issues.messages(row))
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
        """Every row's problems, in row order, then notes about the whole file."""
        rows = sorted({*self.issues.rejected, *self.issues.review})
        return [m for row in rows for m in self.issues.messages(row)]

    def site_proposals(self, sites: pd.DataFrame) -> pd.Series:
        """The site each row would be linked to on commit, in words (geo.importing.linking)."""
        return describe_links(self.incidents, sites)

    def to_commit(self) -> pd.DataFrame:
        return self.incidents.loc[self.include.to_numpy(), list(INCIDENT_COLUMNS)]

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
