"""Database tables (SQLAlchemy Core), shared by the store and its migrations.

Dates are stored as ISO DATE; the interval date_start..date_end carries the date precision.
Every incident belongs to an import batch ("seed" for the shipped records). These are the
tables of the newest schema (SCHEMA_VERSION); geo.store.migrations brings older databases here.

Two indexes serve a date window with a bounding box (IncidentStore.query): one led by the
interval's length class and date, for narrow windows over a wide area, one led by latitude,
for a small area over a long time; the other columns are in both, so the filter is decided
inside the index. `span_class` is storage only, not part of the record (see span_classes).
On SQLite, queries of the map columns only are answered by the map index instead
(geo.store.map_index: its own tables, created with schema version 4).
"""

from __future__ import annotations

import numpy as np
import sqlalchemy as sa

from geo.schema import INCIDENT_COLUMNS, SITE_COLUMNS
from geo.store.meta_keys import META_TABLE

SCHEMA_VERSION = 8

metadata = sa.MetaData()

NUMERIC_COLUMNS = {"latitude", "longitude"}
DATE_COLUMNS = {"date_start", "date_end"}
WINDOW_INDEX = "ix_incidents_window"
AREA_INDEX = "ix_incidents_area"
MAX_SPAN_CLASS = 16


def span_classes(days) -> np.ndarray:
    """Interval length class: 0 for one day, k for (2**(k-1) - 1, 2**k - 1] days more.

    A window query asks each class k for date_start >= from - (2**k - 1): a tight index
    range, even when a few records span years (one seed claim spans 2022-2025).
    """
    span = np.clip(np.asarray(days, dtype=np.float64), 0, None)
    return np.minimum(np.ceil(np.log2(span + 1)), MAX_SPAN_CLASS).astype(np.int64)


def longest_span(span_class: int) -> int:
    return 2 ** int(span_class) - 1


def _column(name: str, primary: str) -> sa.Column:
    if name == primary:
        return sa.Column(name, sa.String(64), primary_key=True)
    if name in NUMERIC_COLUMNS:
        return sa.Column(name, sa.Float, nullable=True)
    if name in DATE_COLUMNS:
        return sa.Column(name, sa.Date, nullable=False)
    return sa.Column(name, sa.Text, nullable=False, server_default="")


meta = sa.Table(
    META_TABLE, metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

batches = sa.Table(
    "batches", metadata,
    sa.Column("batch_id", sa.String(64), primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("file_name", sa.Text, nullable=False, server_default=""),
    sa.Column("preset", sa.Text, nullable=False, server_default=""),
    sa.Column("row_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
    # added in schema version 2
    sa.Column("skipped_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("rejected_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("file_sha256", sa.Text, nullable=False, server_default=""),
    sa.Column("settings", sa.Text, nullable=False, server_default=""),
    # added in schema version 6: stored incidents this batch updated (same source id)
    sa.Column("updated_count", sa.Integer, nullable=False, server_default="0"),
    # version 7: who imported and undid it, and from where (geo.access.actor)
    *(sa.Column(name, sa.Text, nullable=False, server_default="")
      for name in ("imported_by", "imported_from", "undone_by", "undone_from")),
)

incidents = sa.Table(
    "incidents", metadata,
    *(_column(name, "incident_id") for name in INCIDENT_COLUMNS),
    sa.Column("span_class", sa.Integer, nullable=False, server_default="0"),  # version 2
    # version 3: how site_id was set: "source" (given by the data), "auto"
    # (geo.analysis.site_matching on import), "manual" (edited; see link_history), "" when unlinked.
    sa.Column("site_link", sa.Text, nullable=False, server_default=""),
    sa.Index(WINDOW_INDEX, "span_class", "date_start", "latitude", "longitude", "date_end"),
    sa.Index(AREA_INDEX, "latitude", "longitude", "date_start", "date_end"),
    sa.Index("ix_incidents_batch", "batch_id"),  # undo deletes a batch
)

sites = sa.Table(
    "sites", metadata,
    *(_column(name, "site_id") for name in SITE_COLUMNS),
)

# --- version 3: the analyst's edits, kept as history, and thermal detections -------------

claim_history = sa.Table(
    "claim_history", metadata,
    sa.Column("change_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.String(64), nullable=False),
    sa.Column("previous_status", sa.Text, nullable=False, server_default=""),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("changed_by", sa.Text, nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    # version 7: the record changed is (incident_id, batch_id), so a record imported again
    # after an undo starts with no history; and where the change was made from
    sa.Column("batch_id", sa.String(64), nullable=False, server_default=""),
    sa.Column("changed_from", sa.Text, nullable=False, server_default=""),
    sa.Index("ix_claim_history_incident", "incident_id"),
)

link_history = sa.Table(
    "link_history", metadata,
    sa.Column("change_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.String(64), nullable=False),
    sa.Column("previous_site_id", sa.Text, nullable=False, server_default=""),
    sa.Column("site_id", sa.Text, nullable=False, server_default=""),
    sa.Column("changed_by", sa.Text, nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("batch_id", sa.String(64), nullable=False, server_default=""),  # version 7
    sa.Column("changed_from", sa.Text, nullable=False, server_default=""),  # version 7
    sa.Index("ix_link_history_incident", "incident_id"),
)

# One row per FIRMS detection, keyed by its incident row (category thermal_detection), with
# the measured values typed; deleted with its batch.
thermal_detections = sa.Table(
    "thermal_detections", metadata,
    sa.Column("incident_id", sa.String(64), primary_key=True),
    sa.Column("batch_id", sa.String(64), nullable=False),
    sa.Column("detected_at", sa.DateTime, nullable=False),  # UTC
    sa.Column("frp", sa.Float, nullable=True),  # fire radiative power, MW
    sa.Column("confidence", sa.Text, nullable=False, server_default=""),
    sa.Column("satellite", sa.Text, nullable=False, server_default=""),
    sa.Column("instrument", sa.Text, nullable=False, server_default=""),
    sa.Column("daynight", sa.Text, nullable=False, server_default=""),
    sa.Index("ix_thermal_batch", "batch_id"),
)

# What a FIRMS import covered (days and area), so "no detection" is said only where
# detections were imported at all.
thermal_coverage = sa.Table(
    "thermal_coverage", metadata,
    sa.Column("batch_id", sa.String(64), primary_key=True),
    sa.Column("date_from", sa.Date, nullable=False),
    sa.Column("date_to", sa.Date, nullable=False),
    sa.Column("west", sa.Float, nullable=False),
    sa.Column("south", sa.Float, nullable=False),
    sa.Column("east", sa.Float, nullable=False),
    sa.Column("north", sa.Float, nullable=False),
)

VERSION_3_TABLES = (claim_history, link_history, thermal_detections, thermal_coverage)

# --- version 6: earlier versions of incidents a newer export updated ---------------------

# One row per replaced version: the incident as it was (every column, its FIRMS values when
# it is a detection) before `batch_id` updated it. Undoing that batch puts it back.
incident_versions = sa.Table(
    "incident_versions", metadata,
    sa.Column("version_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.String(64), nullable=False),
    sa.Column("batch_id", sa.String(64), nullable=False),  # the batch that replaced it
    sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("changes", sa.Text, nullable=False, server_default=""),  # in words
    sa.Column("record", sa.Text, nullable=False),  # JSON: the version replaced
    sa.Index("ix_incident_versions_incident", "incident_id"),
    sa.Index("ix_incident_versions_batch", "batch_id"),
)

# --- version 8: what each write changed, by revision (geo.store.revision_log) ----------

revision_log = sa.Table(
    "revision_log", metadata,
    sa.Column("revision", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("batch_id", sa.String(64), nullable=False, server_default=""),
    sa.Column("incident_ids", sa.Text, nullable=True),  # JSON list; NULL: not recorded
)

HISTORY_TABLES = (claim_history, link_history)  # append-only (geo.store.history)
VERSION_7_COLUMNS = {batches: ("imported_by", "imported_from", "undone_by", "undone_from"),
                     claim_history: ("batch_id", "changed_from"),
                     link_history: ("batch_id", "changed_from")}
