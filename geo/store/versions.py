"""Incidents updated by a newer export of the same source, with every replaced version kept.

An import whose rows carry a source identifier (geo.importing.presets: `identity`) updates
the stored incident with that id instead of adding a second one. Inside the import's
transaction, `update_incidents` saves each stored row as it was (every column, and its
FIRMS values for a thermal detection) in `incident_versions`, then writes the new values.
What an analyst decided is kept: the claim status once reviewed (claim_history), a site
link set by hand, and the history rows themselves (carried to the updated record:
geo.store.history.carry_forward). `restore_batch` (undo) puts back the versions a batch replaced.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import sqlalchemy as sa

from geo.schema import INCIDENT_COLUMNS
from geo.store import history, migrations, tables

STORED_COLUMNS = (*INCIDENT_COLUMNS, "site_link")
CHUNK = 500


def stored_rows(conn: sa.Connection, ids) -> pd.DataFrame:
    """The stored incidents with these ids (STORED_COLUMNS, dates as datetime64[s])."""
    c = tables.incidents.c
    wanted = sorted({str(i) for i in ids if i})
    rows = []
    for start in range(0, len(wanted), CHUNK):
        rows += conn.execute(sa.select(*(c[n] for n in STORED_COLUMNS)).where(
            c.incident_id.in_(wanted[start:start + CHUNK]))).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=list(STORED_COLUMNS))
    for name in ("date_start", "date_end"):
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[s]")
    for name in ("latitude", "longitude"):
        frame[name] = pd.to_numeric(frame[name]).astype("float64")
    return frame.set_index("incident_id", drop=False)


def missing_ids(conn: sa.Connection, prefix: str, date_from, date_to, countries,
                present, limit: int = 10_000) -> pd.DataFrame:
    """Stored incidents whose id has `prefix`, whose dates overlap the window (and in
    `countries` when given), that are not among `present`: what a newer export no longer
    holds."""
    c = tables.incidents.c
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    # a range of ids is the ids with the prefix only in the C collation: a PostgreSQL
    # database made with another (ICU's en-US puts 'aB1' between 'ab' and 'ac') is asked in C
    ids = c.incident_id.collate("C") if conn.dialect.name == "postgresql" else c.incident_id
    query = sa.select(c.incident_id, c.date_start, c.place, c.country, c.description,
                      c.batch_id).where(ids >= prefix, ids < upper,
                                        c.date_start <= date_to, c.date_end >= date_from)
    if countries:
        query = query.where(c.country.in_(sorted(countries)))
    present = set(present)
    rows = [r for r in conn.execute(query.order_by(c.date_start)).all()
            if r.incident_id not in present][:limit]
    return pd.DataFrame([tuple(r) for r in rows], columns=["incident_id", "date_start",
                                                           "place", "country", "description",
                                                           "batch_id"])


def _reviewed(conn: sa.Connection, ids: list[str]) -> set[str]:
    h = tables.claim_history.c
    found: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        found |= set(conn.execute(sa.select(h.incident_id).distinct().where(
            h.incident_id.in_(ids[start:start + CHUNK]),
            history.is_current(tables.claim_history))).scalars())
    return found


def _detections(conn: sa.Connection, ids: list[str]) -> dict[str, dict]:
    t = tables.thermal_detections.c
    found = {}
    for start in range(0, len(ids), CHUNK):
        for row in conn.execute(sa.select(tables.thermal_detections).where(
                t.incident_id.in_(ids[start:start + CHUNK]))).mappings():
            found[row["incident_id"]] = {k: (v.isoformat() if isinstance(v, dt.datetime)
                                             else v) for k, v in row.items()}
    return found


def _json_value(value):
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


def update_incidents(conn: sa.Connection, batch_id: str, frame: pd.DataFrame,
                     changes: pd.Series) -> int:
    """Replace the stored incidents with the rows of `frame` (coerced incidents with a
    `site_link` column; same ids), keeping each replaced version; returns the count."""
    if frame.empty:
        return 0
    ids = frame["incident_id"].tolist()
    old = stored_rows(conn, ids)
    reviewed, detections = _reviewed(conn, ids), _detections(conn, ids)
    history.carry_forward(conn, ids, batch_id)
    now = dt.datetime.now(dt.UTC)
    conn.execute(sa.insert(tables.incident_versions), [{
        "incident_id": i, "batch_id": batch_id, "replaced_at": now,
        "changes": str(changes.get(i, "")),
        "record": json.dumps({**{n: _json_value(old.at[i, n]) for n in STORED_COLUMNS},
                              "thermal": detections.get(i)}, ensure_ascii=False)}
        for i in ids])
    new = frame.set_index("incident_id", drop=False)
    keep_status = new.index.isin(list(reviewed))
    new.loc[keep_status, "claim_status"] = old.loc[new.index[keep_status], "claim_status"]
    manual = (old.loc[new.index, "site_link"] == "manual").to_numpy()
    new.loc[manual, ["site_id", "site_link"]] = old.loc[new.index[manual],
                                                        ["site_id", "site_link"]].to_numpy()
    _write(conn, new.assign(batch_id=batch_id))
    return len(new)


def _write(conn: sa.Connection, rows: pd.DataFrame) -> None:
    c = tables.incidents.c
    names = [n for n in STORED_COLUMNS if n != "incident_id"]
    values = rows.loc[:, names].astype(object).where(rows.loc[:, names].notna(), None)
    for name in ("date_start", "date_end"):
        values[name] = [pd.Timestamp(v).date() for v in rows[name]]
    values["span_class"] = migrations.span_classes_of(rows).tolist()
    values["id_"] = rows["incident_id"].to_numpy()
    conn.execute(sa.update(tables.incidents).where(c.incident_id == sa.bindparam("id_"))
                 .values(**{n: sa.bindparam(n) for n in [*names, "span_class"]}),
                 values.to_dict("records"))
    migrations.add_span_classes(conn, set(values["span_class"]))


def _restore_detection(conn: sa.Connection, incident_id: str, detection: dict | None) -> None:
    t = tables.thermal_detections
    conn.execute(sa.delete(t).where(t.c.incident_id == incident_id))
    if detection:
        conn.execute(sa.insert(t), [{**detection, "detected_at": dt.datetime.fromisoformat(
            detection["detected_at"])}])


def restore_batch(conn: sa.Connection, batch_id: str) -> int:
    """Put back the versions `batch_id` replaced, where the incident still holds that
    batch's version (a later update is left alone). A version whose own batch was undone
    meanwhile is not brought back. Returns how many incidents were restored."""
    v, c, b = tables.incident_versions.c, tables.incidents.c, tables.batches.c
    versions = conn.execute(sa.select(v.incident_id, v.record).where(v.batch_id == batch_id)
                            .order_by(v.version_id)).all()
    if not versions:
        return 0
    current = set(conn.execute(sa.select(c.incident_id).where(c.batch_id == batch_id))
                  .scalars())
    undone = set(conn.execute(sa.select(b.batch_id).where(b.undone_at.is_not(None)))
                 .scalars())
    restored = []
    for incident_id, record in versions:
        old = json.loads(record)
        if incident_id in current and old["batch_id"] not in undone:
            restored.append(old)
            _restore_detection(conn, incident_id, old.get("thermal"))
    if restored:
        rows = pd.DataFrame(restored).reindex(columns=list(STORED_COLUMNS))
        for name in ("date_start", "date_end"):
            rows[name] = pd.to_datetime(rows[name]).astype("datetime64[s]")
        _write(conn, rows)
    return len(restored)
