"""Schema version 6 corrects the location precision of incidents stored before it, where the
stored value came from no evidence (the importer then wrote 'site', "located at the site
itself", for any coordinates without a stated precision):

- rows of ACLED imports with ACLED geo_precision 1 become 'town': ACLED's code 1 means the
  coordinates of the named town, not of a facility;
- rows of generic or template imports whose file had no precision column and whose point
  kept the importer's default method ("coordinates from the file '...'") become 'unknown'.

An automatic site link made on that false precision is removed, with a line in the link
history saying why. Rows whose precision the file or a person stated are left alone.
"""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from geo.store import tables

AUTHOR = "schema upgrade 6"
ACLED_TOWN_METHOD = "ACLED geo_precision 1: the coordinates of the named town"
UNSTATED = "; the file states no precision"


def _unmapped_precision_batches(conn: sa.Connection) -> list[str]:
    b = tables.batches.c
    found = []
    for batch_id, settings in conn.execute(sa.select(b.batch_id, b.settings).where(
            b.preset.in_(["auto", "template"]))).all():
        try:
            mapping = json.loads(settings or "{}").get("mapping") or {}
        except json.JSONDecodeError:
            continue
        if not mapping.get("geo_precision"):
            found.append(batch_id)
    return found


def _unlink(conn: sa.Connection, rows, why: str) -> None:
    c = tables.incidents.c
    linked = [(i, s) for i, s, link in rows if link == "auto" and s]
    if not linked:
        return
    now = dt.datetime.now(dt.UTC)
    conn.execute(sa.insert(tables.link_history), [
        {"incident_id": i, "previous_site_id": s, "site_id": "", "changed_by": AUTHOR,
         "changed_at": now, "note": why} for i, s in linked])
    conn.execute(sa.update(tables.incidents).where(c.incident_id == sa.bindparam("id_"))
                 .values(site_id="", site_link=""), [{"id_": i} for i, _ in linked])


def correct_precision(conn: sa.Connection) -> int:
    """Apply the corrections above; returns how many incidents changed."""
    c = tables.incidents.c
    columns = (c.incident_id, c.site_id, c.site_link)
    acled = (c.geo_precision == "site") & (c.geo_method == "ACLED coordinates (ACLED "
                                                           "geo_precision 1)")
    acled_rows = conn.execute(sa.select(*columns).where(acled)).all()
    _unlink(conn, acled_rows, "precision corrected from 'site' to 'town' (ACLED geo_precision "
                              "1 is the town's point); an automatic link needs site precision")
    conn.execute(sa.update(tables.incidents).where(acled).values(
        geo_precision="town", geo_method=ACLED_TOWN_METHOD))
    batches = _unmapped_precision_batches(conn)
    unstated = (c.batch_id.in_(batches) & (c.geo_precision == "site")
                & c.geo_method.like("coordinates from the file %")
                & c.latitude.is_not(None)) if batches else sa.false()
    unstated_rows = conn.execute(sa.select(*columns).where(unstated)).all()
    _unlink(conn, unstated_rows, "precision corrected from 'site' to 'unknown': the file "
                                 "stated none; an automatic link needs site precision")
    conn.execute(sa.update(tables.incidents).where(unstated).values(
        geo_precision="unknown", geo_method=c.geo_method + UNSTATED))
    return len(acled_rows) + len(unstated_rows)
