"""Schema migrations: MIGRATIONS[v] brings a database from version v - 1 to version v.

A new database is created at the newest version directly (geo.store.tables). An older one gets
every later step, in order, inside the caller's one transaction: SQLite and PostgreSQL
both roll DDL back, so a failed upgrade leaves the database as it was. DDL is compiled by
SQLAlchemy for the connection's dialect; only our own table and column names go into it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

import pandas as pd
import sqlalchemy as sa

from geo.store import history, map_index, precision_fix, tables
from geo.store.meta_keys import META_REVISION, META_SPAN_CLASSES, META_STORE_ID, META_VERSION


def _add_column(conn: sa.Connection, table: sa.Table, name: str) -> None:
    preparer = conn.dialect.identifier_preparer
    column_ddl = sa.schema.CreateColumn(table.c[name]).compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE {preparer.format_table(table)} ADD COLUMN {column_ddl}"))


def set_meta(conn: sa.Connection, key: str, value) -> None:
    updated = conn.execute(sa.update(tables.meta).where(tables.meta.c.key == key)
                           .values(value=str(value))).rowcount
    if not updated:
        conn.execute(sa.insert(tables.meta).values(key=key, value=str(value)))


def span_classes_of(frame: pd.DataFrame):
    """tables.span_classes of each row of a frame with date_start and date_end."""
    days = (pd.to_datetime(frame["date_end"]) - pd.to_datetime(frame["date_start"])).dt.days
    return tables.span_classes(days.fillna(0).to_numpy())


def get_span_classes(conn: sa.Connection) -> set[int]:
    value = conn.execute(sa.select(tables.meta.c.value).where(
        tables.meta.c.key == META_SPAN_CLASSES)).scalar()
    return set(json.loads(value)) if value else set()


def add_span_classes(conn: sa.Connection, classes) -> None:
    known = get_span_classes(conn)
    wanted = known | {int(k) for k in classes}
    if wanted != known or not known:
        set_meta(conn, META_SPAN_CLASSES, json.dumps(sorted(wanted)))


def _v2_batch_counts_and_window_indexes(conn: sa.Connection) -> None:
    """Batches record skipped/rejected rows, the file's hash and the import settings;
    incidents get their interval's length class, and date+area indexes replace the two
    single-purpose ones (see geo.store.query). The site_id index goes: no query uses it,
    and each index costs about a quarter of a second per 100,000 imported rows."""
    for name in ("skipped_count", "rejected_count", "file_sha256", "settings"):
        _add_column(conn, tables.batches, name)
    _add_column(conn, tables.incidents, "span_class")
    c = tables.incidents.c
    dates = pd.DataFrame(conn.execute(sa.select(c.incident_id, c.date_start, c.date_end)).all(),
                         columns=["incident_id", "date_start", "date_end"])
    classes = span_classes_of(dates) if len(dates) else []
    longer = [{"id_": i, "class_": int(k)} for i, k in zip(dates["incident_id"], classes,
                                                          strict=True) if k]
    if longer:
        conn.execute(sa.update(tables.incidents).where(c.incident_id == sa.bindparam("id_"))
                     .values(span_class=sa.bindparam("class_")), longer)
    add_span_classes(conn, set(map(int, classes)) | {0})
    for old in ("ix_incidents_dates", "ix_incidents_location", "ix_incidents_site"):
        conn.execute(sa.schema.DropIndex(sa.Index(old), if_exists=True))
    for index in tables.incidents.indexes:
        if index.name in (tables.WINDOW_INDEX, tables.AREA_INDEX):
            index.create(conn, checkfirst=True)


def _v3_history_and_thermal(conn: sa.Connection) -> None:
    """Incidents record how their site link was made (links already in the data are
    "source"); claim-status and link edits get history tables; FIRMS detections get their
    typed values and the coverage of each import."""
    _add_column(conn, tables.incidents, "site_link")
    c = tables.incidents.c
    conn.execute(sa.update(tables.incidents).where(c.site_id != "").values(site_link="source"))
    for table in tables.VERSION_3_TABLES:
        table.create(conn, checkfirst=True)


def _v4_map_index(conn: sa.Connection) -> None:
    """The map index (geo.store.map_index, SQLite only): its tables and triggers, every batch
    marked for building; the store's open fills it (7-12 s per 1,000,000 rows here)."""
    map_index.create(conn)


def new_store_id(conn: sa.Connection) -> None:
    set_meta(conn, META_STORE_ID, uuid.uuid4().hex)


def _v5_store_id(conn: sa.Connection) -> None:
    new_store_id(conn)


def _v6_versions_and_honest_precision(conn: sa.Connection) -> None:
    """Batches count the incidents they updated; replaced versions of incidents are kept
    (incident_versions); precision stored without evidence is corrected
    (geo.store.precision_fix), and the revision moves on so no cache shows the old one."""
    _add_column(conn, tables.batches, "updated_count")
    tables.incident_versions.create(conn, checkfirst=True)
    if precision_fix.correct_precision(conn):
        m = tables.meta.c
        conn.execute(sa.update(tables.meta).where(m.key == META_REVISION).values(
            value=sa.cast(sa.cast(m.value, sa.Integer) + 1, sa.Text)))


def _v7_authorship(conn: sa.Connection) -> None:
    """Batches record who imported and who undid them, and from where; history rows the
    record they changed (incident id and batch) and where from; the history tables become
    append-only (geo.store.history). Safe to run whatever version 6 did."""
    for table, names in tables.VERSION_7_COLUMNS.items():
        present = {column["name"] for column in sa.inspect(conn).get_columns(table.name)}
        for name in names:
            if name not in present:
                _add_column(conn, table, name)
    history.attach_old_rows(conn)
    history.create_guards(conn)


def _v8_revision_log(conn: sa.Connection) -> None:
    """Writes say what they changed, by revision (geo.store.revision_log), so a cached
    frame is brought forward instead of read again. The log starts empty: a copy of an
    earlier revision is read again once."""
    tables.revision_log.create(conn, checkfirst=True)


MIGRATIONS: dict[int, Callable[[sa.Connection], None]] = {
    2: _v2_batch_counts_and_window_indexes,
    3: _v3_history_and_thermal,
    4: _v4_map_index,
    5: _v5_store_id,
    6: _v6_versions_and_honest_precision,
    7: _v7_authorship,
    8: _v8_revision_log,
}


def upgrade(conn: sa.Connection, found_version: int) -> list[int]:
    """Apply every migration after `found_version`; returns the versions applied."""
    applied = []
    for version in range(found_version + 1, tables.SCHEMA_VERSION + 1):
        MIGRATIONS[version](conn)
        applied.append(version)
    if applied:
        set_meta(conn, META_VERSION, tables.SCHEMA_VERSION)
    return applied
