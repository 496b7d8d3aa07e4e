"""The claim workflow: an analyst moves an incident's claim status, and every move is kept.

`set_claim_status` changes `incidents.claim_status` and appends one `claim_history` row
(previous status, new status, who, when in UTC, from where, note) in one transaction that
also bumps the store revision, so every cached view refreshes. Setting the status an
incident already has is refused with a message: the history records changes, not re-reads.
History rows belong to the record (incident id and batch, geo.store.history): an id
imported again after an undo does not inherit the old record's reviews.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from geo.errors import ValidationError
from geo.review.authorship import author_problems
from geo.schema import CLAIM_STATUSES
from geo.store import history as history_rows
from geo.store import revision_log, tables
from geo.store.engine import bump_revision, writing
from geo.store.incident_store import IncidentStore
from geo.store.stored_values import decoded_text, stored_table

HISTORY_COLUMNS = ("change_id", "incident_id", "previous_status", "status", "changed_by",
                   "changed_at", "note", "changed_from", "batch_id")


@dataclass(frozen=True)
class ClaimChange:
    incident_id: str
    previous_status: str
    status: str
    changed_by: str
    changed_at: dt.datetime
    note: str
    changed_from: str = ""


def _argument_problems(status: str, changed_by: str, note: str) -> list[str]:
    problems = []
    if status not in CLAIM_STATUSES:
        problems.append(f"Unknown claim status '{status}'; use one of "
                        f"{', '.join(CLAIM_STATUSES)}")
    return problems + author_problems(changed_by, note, "the claim history")


def set_claim_status(store: IncidentStore, incident_id: str, status: str, *, changed_by: str,
                     note: str = "", changed_from: str = "") -> ClaimChange:
    """Record a new claim status for one incident; raises ValidationError listing every
    problem (and writes nothing) when the change cannot be made. `changed_from`: where
    the change was made (geo.access.actor.Actor.origin)."""
    incident_id, status = str(incident_id).strip(), str(status).strip()
    changed_by, note = str(changed_by or "").strip(), str(note or "").strip()
    problems = _argument_problems(status, changed_by, note)
    column = tables.incidents.c
    with writing(store.engine) as conn:
        found = conn.execute(sa.select(column.claim_status, column.batch_id)
                             .where(column.incident_id == incident_id)).first()
        previous = found.claim_status if found is not None else None
        if previous is None:
            problems.append(f"Unknown incident id '{incident_id}'; pick one from the map, the "
                            "table or `python -m geo query`")
        elif previous == status:
            problems.append(f"Incident '{incident_id}' is already '{status}'; choose a "
                            "different status to record a change")
        if problems:
            raise ValidationError(problems, summary="Claim status not changed")
        change = ClaimChange(incident_id, previous, status, changed_by,
                             dt.datetime.now(dt.UTC), note, str(changed_from))
        conn.execute(sa.update(tables.incidents).where(column.incident_id == incident_id)
                     .values(claim_status=status))
        history_rows.append(conn, tables.claim_history, [dict(
            incident_id=incident_id, batch_id=found.batch_id, previous_status=previous,
            status=status, changed_by=changed_by, changed_at=change.changed_at,
            changed_from=change.changed_from, note=note)])
        bump_revision(conn, revision_log.edited([incident_id]))
    return change


def claim_history(store: IncidentStore, incident_id: str | None = None) -> pd.DataFrame:
    """Status changes, newest first; `changed_at` is UTC. Of one incident: the changes of
    the record stored now. Of all: every change ever recorded, with its batch (a record
    since undone keeps its rows)."""
    history = tables.claim_history
    query = sa.select(history).order_by(history.c.changed_at.desc(), history.c.change_id.desc())
    if incident_id is not None:
        query = query.where(history.c.incident_id == str(incident_id),
                            history_rows.is_current(history))
    with store.engine.connect() as conn, stored_table("claim_history"):
        frame = decoded_text(pd.read_sql(query, conn), "incident", "incident_id")
        frame = frame.reindex(columns=list(HISTORY_COLUMNS))
        frame["changed_at"] = pd.to_datetime(frame["changed_at"], utc=True)
    return frame
