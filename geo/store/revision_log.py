"""What each write changed, one row per revision, so a copy of an older revision can be
brought forward instead of read again (geo.store.frame_cache).

Every write bumps the store's revision (geo.store.engine.bump_revision) and, in the same
transaction, adds the row of its new revision here. An import or an undo names its batch:
the incidents it touched are those holding the batch now, and those it updated or an undo
put back (incident_versions, append-only, keyed by the batch that replaced them). An edit
names its incident ids. A write that names nothing, or more ids than MAX_IDS, is logged
with no ids: a reader cannot bring a copy across it and reads everything again. So does a
gap with no row at all (a revision bumped before this log existed, by a migration).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from geo.store import tables
from geo.store.meta_keys import META_REVISION

IMPORT, UNDO, EDIT, UNRECORDED = "import", "undo", "edit", "unrecorded"
MAX_IDS = 10_000  # an edit of more incidents is logged without them (a full read follows)


@dataclass(frozen=True)
class Change:
    """What one write changed: `batch_id` for an import or undo, `incident_ids` for an
    edit; None: not said (readers cannot bring a copy across it)."""
    kind: str = UNRECORDED
    batch_id: str = ""
    incident_ids: tuple[str, ...] | None = None


def imported(batch_id: str) -> Change:
    return Change(IMPORT, batch_id=str(batch_id))


def undone(batch_id: str) -> Change:
    return Change(UNDO, batch_id=str(batch_id))


def edited(incident_ids) -> Change:
    return Change(EDIT, incident_ids=tuple(str(i) for i in incident_ids))


def current_revision(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(tables.meta.c.value).where(
        tables.meta.c.key == META_REVISION)).scalar())


def record(conn: sa.Connection, change: Change | None) -> None:
    """The row of the revision this transaction just set (call after bumping it)."""
    change = change or Change()
    revision = current_revision(conn)
    ids = change.incident_ids
    listed = (json.dumps(sorted(set(ids))) if change.kind == EDIT and ids is not None
              and len(ids) <= MAX_IDS else None)
    conn.execute(sa.insert(tables.revision_log).values(
        revision=revision, kind=change.kind if listed or change.batch_id else UNRECORDED,
        batch_id=change.batch_id, incident_ids=listed))


@dataclass(frozen=True)
class Gap:
    """What changed between two revisions: incidents of these batches (then or now), and
    these incident ids."""
    batch_ids: frozenset[str]
    incident_ids: frozenset[str]


def changes_between(conn: sa.Connection, old: int, new: int) -> Gap | None:
    """None when the log does not say what every write in (old, new] changed, or names
    more than MAX_IDS edited incidents over them (reading everything is then as quick)."""
    log = tables.revision_log.c
    rows = conn.execute(sa.select(log.revision, log.kind, log.batch_id, log.incident_ids)
                        .where(log.revision > old, log.revision <= new)
                        .order_by(log.revision)).all()
    if [row.revision for row in rows] != list(range(old + 1, new + 1)):
        return None
    batch_ids: set[str] = set()
    incident_ids: set[str] = set()
    for row in rows:
        if row.kind in (IMPORT, UNDO) and row.batch_id:
            batch_ids.add(row.batch_id)
        elif row.kind == EDIT and row.incident_ids is not None:
            try:
                listed = json.loads(row.incident_ids)
            except ValueError:
                return None
            if not isinstance(listed, list):
                return None
            incident_ids.update(map(str, listed))
        else:
            return None
    if len(incident_ids) > MAX_IDS:
        return None
    return Gap(frozenset(batch_ids), frozenset(incident_ids))


def touched(incident_id: sa.ColumnElement, gap: Gap) -> sa.ColumnElement:
    """The condition on an incident-id column that the writes of `gap` touched the
    incident: one of its batches holds it now or replaced it (an undo put that version
    back), or an edit named it."""
    c, v = tables.incidents.c, tables.incident_versions.c
    batches = sorted(gap.batch_ids)
    return sa.or_(incident_id.in_(sa.select(c.incident_id).where(c.batch_id.in_(batches))),
                  incident_id.in_(sa.select(v.incident_id).where(v.batch_id.in_(batches))),
                  incident_id.in_(sorted(gap.incident_ids)))
