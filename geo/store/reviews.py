"""Reads of the claim history (geo.review.claims writes it): the latest review of each
incident, for the columns every incident carries (geo.analysis.sources)."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from geo.store import history as history_rows
from geo.store import tables


def latest_reviews(store) -> pd.DataFrame:
    """Who last changed each reviewed incident's status and when, indexed by incident id:
    changes of the records stored now (geo.store.history), not of an undone one."""
    history = tables.claim_history
    newest = (sa.select(sa.func.max(history.c.change_id))
              .where(history_rows.is_current(history))
              .group_by(history.c.incident_id).scalar_subquery())
    query = sa.select(history.c.incident_id, history.c.changed_by.label("last_reviewed_by"),
                      history.c.changed_at.label("last_reviewed_at")
                      ).where(history.c.change_id.in_(newest))
    with store.engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["last_reviewed_at"] = pd.to_datetime(frame["last_reviewed_at"], utc=True)
    return frame.set_index("incident_id")
