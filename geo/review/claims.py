"""The claim workflow: an analyst moves an incident's claim status, and every move is kept.

`set_claim_status` changes `incidents.claim_status` and appends one `claim_history` row
(previous status, new status, who, when in UTC, note) in one transaction that also bumps
the store revision, so every cached view refreshes. Setting the status an incident already
has is refused with a message: the history records changes, not re-reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from geo.errors import ValidationError
from geo.review.authorship import author_problems
from geo.schema import CLAIM_STATUSES
from geo.store import tables
from geo.store.engine import bump_revision
from geo.store.incident_store import IncidentStore

HISTORY_COLUMNS = ("change_id", "incident_id", "previous_status", "status", "changed_by",
                   "changed_at", "note")


@dataclass(frozen=True)
class ClaimChange:
    incident_id: str
    previous_status: str
    status: str
    changed_by: str
    changed_at: dt.datetime
    note: str


def _argument_problems(status: str, changed_by: str, note: str) -> list[str]:
    problems = []
    if status not in CLAIM_STATUSES:
        problems.append(f"Unknown claim status '{status}'; use one of "
                        f"{', '.join(CLAIM_STATUSES)}")
    return problems + author_problems(changed_by, note, "the claim history")


def set_claim_status(store: IncidentStore, incident_id: str, status: str, *, changed_by: str,
                     note: str = "") -> ClaimChange:
    """Record a new claim status for one incident; raises ValidationError listing every
    problem (and writes nothing) when the change cannot be made."""
    incident_id, status = str(incident_id).strip(), str(status).strip()
    changed_by, note = str(changed_by or "").strip(), str(note or "").strip()
    problems = _argument_problems(status, changed_by, note)
    column = tables.incidents.c
    with store.engine.begin() as conn:
        previous = conn.execute(sa.select(column.claim_status)
                                .where(column.incident_id == incident_id)).scalar()
        if previous is None:
            problems.append(f"Unknown incident id '{incident_id}'; pick one from the map, the "
                            "table or `python -m geo query`")
        elif previous == status:
            problems.append(f"Incident '{incident_id}' is already '{status}'; choose a "
                            "different status to record a change")
        if problems:
            raise ValidationError(problems, summary="Claim status not changed")
        change = ClaimChange(incident_id, previous, status, changed_by,
                             dt.datetime.now(dt.UTC), note)
        conn.execute(sa.update(tables.incidents).where(column.incident_id == incident_id)
                     .values(claim_status=status))
        conn.execute(sa.insert(tables.claim_history).values(
            incident_id=incident_id, previous_status=previous, status=status,
            changed_by=changed_by, changed_at=change.changed_at, note=note))
        bump_revision(conn)
    return change


def claim_history(store: IncidentStore, incident_id: str | None = None) -> pd.DataFrame:
    """Status changes, newest first (of one incident, or of all); `changed_at` is UTC."""
    history = tables.claim_history
    query = sa.select(history).order_by(history.c.changed_at.desc(), history.c.change_id.desc())
    if incident_id is not None:
        query = query.where(history.c.incident_id == str(incident_id))
    with store.engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame = frame.reindex(columns=list(HISTORY_COLUMNS))
    frame["changed_at"] = pd.to_datetime(frame["changed_at"], utc=True)
    return frame
