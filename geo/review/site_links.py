"""A person's change of an incident's site link, kept as history.

`set_site_link` checks everything first and reports every problem; then, in one
transaction, it sets the incident's site_id (site_link "manual"), records the change in
link_history with who made it and why, and bumps the store's revision. Either all of it
is written or nothing is.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from geo.errors import ValidationError
from geo.review.authorship import author_problems
from geo.schema import THERMAL_CATEGORY
from geo.store import history as history_rows
from geo.store import revision_log, tables
from geo.store.engine import bump_revision, writing
from geo.store.incident_store import IncidentStore
from geo.store.stored_values import stored_table

UNLINKED = ""
MANUAL = "manual"
HISTORY_COLUMNS = ("change_id", "incident_id", "previous_site_id", "site_id", "changed_by",
                   "changed_at", "note", "batch_id", "changed_from")


def _problems(conn, incident_id: str, site_id: str, changed_by: str,
              note: str) -> tuple[list[str], str]:
    """Every reason the change cannot be made, and the incident's current site_id."""
    problems = []
    c = tables.incidents.c
    found = conn.execute(sa.select(c.site_id, c.category, c.site_link, c.batch_id)
                         .where(c.incident_id == incident_id)).first()
    if found is None:
        problems.append(f"Unknown incident id '{incident_id}'; pick one from the incident "
                        "table")
    elif found.category == THERMAL_CATEGORY:
        problems.append(f"Incident '{incident_id}' is a thermal detection (FIRMS): "
                        "detections are evidence, not incidents at a site, and are not linked")
    elif found.site_id == site_id and (site_id == UNLINKED or found.site_link == MANUAL):
        # re-linking an automatic or source link to the same site is a person confirming it
        where = f"linked to '{site_id}'" if site_id else "linked to no site"
        problems.append(f"Incident '{incident_id}' is already {where}; nothing to change")
    if site_id != UNLINKED:
        known = conn.execute(sa.select(tables.sites.c.site_id)
                             .where(tables.sites.c.site_id == site_id)).first()
        if known is None:
            problems.append(f"Unknown site id '{site_id}'; pick one from the site register, "
                            "or unlink")
    problems += author_problems(changed_by, note, "the link history")
    return problems, found


def set_site_link(store: IncidentStore, incident_id: str, site_id: str, *, changed_by: str,
                  note: str = "", changed_from: str = "") -> int:
    """Link `incident_id` to `site_id` ("" unlinks it); returns the history change_id.
    `changed_from`: where the change was made (geo.access.actor.Actor.origin).

    Raises ValidationError listing every problem; nothing is written then.
    """
    incident_id, site_id = str(incident_id).strip(), str(site_id or UNLINKED).strip()
    changed_by, note = str(changed_by or "").strip(), str(note or "").strip()
    with writing(store.engine) as conn:
        problems, found = _problems(conn, incident_id, site_id, changed_by, note)
        if problems:
            raise ValidationError(problems, summary=f"The site link of incident "
                                  f"'{incident_id}' was not changed")
        conn.execute(sa.update(tables.incidents)
                     .where(tables.incidents.c.incident_id == incident_id)
                     .values(site_id=site_id, site_link=MANUAL if site_id else UNLINKED))
        [change_id] = history_rows.append(conn, tables.link_history, [dict(
            incident_id=incident_id, batch_id=found.batch_id, previous_site_id=found.site_id,
            site_id=site_id, changed_by=changed_by, changed_at=dt.datetime.now(dt.UTC),
            changed_from=str(changed_from), note=note)])
        bump_revision(conn, revision_log.edited([incident_id]))
    return change_id


def link_history(store: IncidentStore, incident_id: str | None = None,
                 site_id: str | None = None) -> pd.DataFrame:
    """Every recorded link change, newest first; of one incident (the record stored now),
    or to or from one site (every change ever made, with its batch)."""
    h = tables.link_history.c
    query = sa.select(tables.link_history).order_by(h.change_id.desc())
    if incident_id is not None:
        query = query.where(h.incident_id == incident_id,
                            history_rows.is_current(tables.link_history))
    if site_id is not None:
        query = query.where(sa.or_(h.site_id == site_id, h.previous_site_id == site_id))
    with store.engine.connect() as conn, stored_table("link_history"):
        rows = conn.execute(query).mappings().all()
        frame = pd.DataFrame([dict(row) for row in rows], columns=list(HISTORY_COLUMNS))
        frame["changed_at"] = pd.to_datetime(frame["changed_at"], utc=True)
    return frame
