"""Reads of the claim history (geo.review.claims writes it): the latest review of each
incident, for the columns every incident carries (geo.analysis.sources); and the same
brought forward from an older revision's read with the revision log, as the incident frame
is (geo.store.frame_delta): at 1,000,000 incidents a whole read takes about a second."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from geo.store import history as history_rows
from geo.store import revision_log, tables
from geo.store.stored_values import decoded_text, stored_table

REVIEW_COLUMNS = ("last_reviewed_by", "last_reviewed_at", "batch_id")


def _read(conn: sa.Connection, of_incidents=None) -> pd.DataFrame:
    """The latest review of each record stored now (of the incidents `of_incidents` selects,
    a condition on claim_history's incident_id, when given), with the batch of that record."""
    history = tables.claim_history
    current = [history_rows.is_current(history)]
    if of_incidents is not None:
        current.append(of_incidents)
    newest = (sa.select(sa.func.max(history.c.change_id)).where(*current)
              .group_by(history.c.incident_id).scalar_subquery())
    query = sa.select(history.c.incident_id, history.c.changed_by.label("last_reviewed_by"),
                      history.c.changed_at.label("last_reviewed_at"), history.c.batch_id
                      ).where(history.c.change_id.in_(newest))
    with stored_table("claim_history"):
        frame = decoded_text(pd.read_sql(query, conn), "incident", "incident_id")
        # one type whatever the rows read (pandas infers it from them, empty or not): reads
        # are concatenated
        frame = frame.astype({"incident_id": "str", "last_reviewed_by": "str",
                              "batch_id": "str"})
        frame["last_reviewed_at"] = pd.to_datetime(frame["last_reviewed_at"], utc=True).astype(
            "datetime64[us, UTC]")
    return frame.set_index("incident_id")


def latest_reviews(store) -> pd.DataFrame:
    """Who last changed each reviewed incident's status and when, indexed by incident id:
    changes of the records stored now (geo.store.history), not of an undone one."""
    with store.engine.connect() as conn:
        return _read(conn)


def _brought_forward(conn: sa.Connection, old: pd.DataFrame, old_revision: int,
                     revision: int) -> pd.DataFrame | None:
    """`old` (the reviews at `old_revision`) made those of `revision`: the incidents the
    writes since touched (those of an imported or undone batch, then or now, and edited
    ids) are read again, the rest kept; None when the revision log does not say."""
    gap = revision_log.changes_between(conn, old_revision, revision)
    if gap is None:
        return None
    if not gap.batch_ids and not gap.incident_ids:
        return old
    history = tables.claim_history
    fresh = _read(conn, revision_log.touched(history.c.incident_id, gap))
    batches, edited = sorted(gap.batch_ids), sorted(gap.incident_ids)
    dropped = (old["batch_id"].isin(batches) | old.index.isin(edited)
               | old.index.isin(fresh.index))
    return pd.concat([old.loc[~dropped], fresh])


def reviews_at(store, older: tuple[int, pd.DataFrame] | None
               ) -> tuple[int | None, pd.DataFrame]:
    """The latest reviews of the store's current revision, and that revision (None when a
    write landed during the read: the reviews are then read whole, and not worth keeping);
    `older`: a revision and its reviews to bring forward, when the log allows."""
    with store.engine.connect() as conn:  # one transaction: the revision and its rows
        revision = revision_log.current_revision(conn)
        reviews = None
        if older is not None and older[0] <= revision:
            reviews = _brought_forward(conn, older[1], older[0], revision)
        if reviews is None:
            reviews = _read(conn)
        moved_on = revision_log.current_revision(conn) != revision  # PostgreSQL: no snapshot
    if moved_on:
        return None, latest_reviews(store)
    return revision, reviews
