"""The analysts' history tables (claim_history, link_history): append-only, and tied to the
record they describe.

A record is an incident id *with the batch that stored it*: an id imported again after its
batch was undone is a new record, and starts with no history (the old rows stay, kept
under the old batch). Rows are only ever inserted, here; triggers (SQLite's, or on
PostgreSQL a PL/pgSQL trigger function) refuse any UPDATE or DELETE of them
(`create_guards`), so no code path, however wrong, rewrites what someone decided. Writes
happen inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from geo.store import tables

# statuses an analyst's check stands behind: an import that sets one records it as a
# change (who imported it, when, from where), like a review does
CHECKED_STATUSES = ("geolocated", "confirmed")
IMPORTED = ""  # previous status of a record an import made
NOT_RECORDED = "(not recorded)"  # who imported, for a caller that did not say


def _guard_name(table: sa.Table, statement: str) -> str:
    return f"{table.name}_append_only_{statement.lower()}"


GUARD_FUNCTION = "history_append_only"  # PostgreSQL: the function every guard calls
REFUSAL = "is append-only: record a change as a new row"


def create_guards(conn: sa.Connection) -> None:
    """Triggers that refuse UPDATE and DELETE on the history tables (SQLite, PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        _create_postgresql_guards(conn)
        return
    if conn.dialect.name != "sqlite":
        return
    for table in tables.HISTORY_TABLES:
        for statement in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS {_guard_name(table, statement)} BEFORE "
                f"{statement} ON {table.name} BEGIN SELECT RAISE(ABORT, '{table.name} "
                f"{REFUSAL}'); END")


def _create_postgresql_guards(conn: sa.Connection) -> None:
    # the message is joined with || rather than RAISE's % placeholder: no % to escape
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {GUARD_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' {REFUSAL}', "
        "ERRCODE = 'restrict_violation'; END $$")
    for table in tables.HISTORY_TABLES:
        for statement in ("UPDATE", "DELETE"):
            name = _guard_name(table, statement)
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table.name}")
            conn.exec_driver_sql(
                f"CREATE TRIGGER {name} BEFORE {statement} ON {table.name} FOR EACH ROW "
                f"EXECUTE FUNCTION {GUARD_FUNCTION}()")


def record_batch(conn: sa.Connection, incident_id: str) -> str | None:
    """The batch of the stored record with this id; None when no such incident."""
    c = tables.incidents.c
    return conn.execute(sa.select(c.batch_id).where(c.incident_id == incident_id)).scalar()


def is_current(history: sa.Table):
    """The condition that a history row describes the record stored now."""
    c = tables.incidents.c
    return sa.exists().where(c.incident_id == history.c.incident_id,
                             c.batch_id == history.c.batch_id)


def append(conn: sa.Connection, history: sa.Table, rows: list[dict]) -> list[int]:
    """Insert history rows; their change ids."""
    ids = []
    for row in rows:
        ids.append(int(conn.execute(sa.insert(history).values(**row))
                       .inserted_primary_key[0]))
    return ids


def append_imported_statuses(conn: sa.Connection, incidents: pd.DataFrame, batch_id: str, *,
                             imported_by: str, imported_from: str, file_name: str) -> int:
    """One claim_history row for each imported record whose status is a checked one
    (CHECKED_STATUSES): the import set it, and says so. Returns the rows written."""
    checked = incidents.loc[incidents["claim_status"].isin(CHECKED_STATUSES),
                            ["incident_id", "claim_status"]]
    if checked.empty:
        return 0
    now = dt.datetime.now(dt.UTC)
    note = f"set by import of '{file_name}' (batch {batch_id})"
    conn.execute(sa.insert(tables.claim_history), [
        {"incident_id": incident_id, "batch_id": batch_id, "previous_status": IMPORTED,
         "status": status, "changed_by": imported_by, "changed_at": now,
         "changed_from": imported_from, "note": note}
        for incident_id, status in checked.itertuples(index=False)])
    return len(checked)


def attach_old_rows(conn: sa.Connection) -> None:
    """Schema version 7: each history row made before it gets the batch of the record it
    changed: the one stored now if it was stored before the change, else none ('')."""
    incidents, batches = tables.incidents.c, tables.batches.c
    for history in tables.HISTORY_TABLES:
        h = history.c
        current = (sa.select(incidents.batch_id)
                   .join(tables.batches, batches.batch_id == incidents.batch_id)
                   .where(incidents.incident_id == h.incident_id,
                          batches.created_at <= h.changed_at)
                   .scalar_subquery())
        conn.execute(sa.update(history).where(h.batch_id == "")
                     .values(batch_id=sa.func.coalesce(current, "")))


def carry_forward(conn: sa.Connection, incident_ids: list[str], batch_id: str) -> int:
    """The history of records that a newer export of their source updates (geo.store.versions)
    copied to the updated record (`batch_id`), so what analysts decided stays with it: the
    same rows, each noting where it was carried from. Undoing the update brings back the
    older record with its own rows. Call before the incidents are rewritten. Returns the
    rows written."""
    written = 0
    for history in tables.HISTORY_TABLES:
        h = history.c
        kept = [column.name for column in history.columns
                if column.name not in ("change_id", "batch_id", "note")]
        for start in range(0, len(incident_ids), 500):
            rows = conn.execute(
                sa.select(history).where(h.incident_id.in_(incident_ids[start:start + 500]),
                                         is_current(history))
                .order_by(h.change_id)).mappings().all()
            if rows:
                conn.execute(sa.insert(history), [
                    {**{name: row[name] for name in kept}, "batch_id": batch_id,
                     "note": (f"{row['note']} " if row["note"] else "")
                     + f"(carried from batch {row['batch_id']} when batch {batch_id} "
                       "updated the incident)"}
                    for row in rows])
                written += len(rows)
    return written
