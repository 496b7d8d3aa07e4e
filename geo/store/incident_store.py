"""The incident store: one database (SQLite by default) behind SQLAlchemy Core.

Opened through `IncidentStore.open(url, data_dir)`: creates the schema and seeds the shipped
records on first use, or migrates an older schema (geo.store.migrations); a current store
opens with a read alone, never waiting for another process's write (geo.store.opening).
Every write is one transaction (geo.store.engine.writing: writers of every process queue);
`revision`, kept in the database, increases with each write, so callers can cache reads
keyed on it.

A postgresql://user:password@host/database URL (PostgreSQL with PostGIS) is a store for a
team: several app processes and commands share it and see the same revision. What differs
by dialect: SQLite has its connection pragmas, its bulk-insert fast path and the map index
(geo.store.map_index: queries of the map columns); PostgreSQL has COPY for bulk inserts, an
advisory lock for writers and a PostGIS point with a GiST index for the box
(geo.store.postgis).
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import sqlalchemy as sa

from geo.analysis.duplicates import find_duplicates
from geo.errors import StoreError
from geo.records import coerce_sites
from geo.schema import INCIDENT_COLUMNS, SITE_COLUMNS
from geo.store import (
    history,
    map_index,
    migrations,
    opening,
    read_only,
    revision_log,
    tables,
    versions,
)
from geo.store.database_errors import described
from geo.store.engine import (
    Progress,
    bump_revision,
    create_engine,
    insert_incidents,
    records,
    writing,
)
from geo.store.map_query import answers, map_frame
from geo.store.meta_keys import META_REVISION, META_STORE_ID
from geo.store.query import incident_frame, window_query
from geo.store.seed import SEED_BATCH_ID, read_seed_incidents, read_seed_sites
from geo.store.stored_values import decoded_text, stored_table
from geo.store.thermal import delete_thermal, insert_thermal
from geo.viewstate import ViewFilter

DUPLICATE_COLUMNS = ("incident_id", "category", "latitude", "longitude", "date_start",
                     "date_end", "date_text")  # what geo.analysis.duplicates compares


class IncidentStore:
    def __init__(self, engine: sa.Engine, data_dir):
        self.engine = engine
        self.data_dir = data_dir

    @classmethod
    def open(cls, url: str, data_dir) -> IncidentStore:
        """Damaged, locked, read-only or foreign databases raise StoreError
        (geo.store.engine translates the database's own errors)."""
        store = cls(create_engine(url), data_dir)
        try:
            store._prepare()
        except sa.exc.OperationalError as error:  # an upgrade that meets a clash
            raise StoreError(
                f"Cannot open the incident database {described(store.engine.url)}: "
                f"{error.orig}. Restore it from a backup, or set INCIDENT_MAP_DB to another "
                "file; nothing was written"
            ) from error
        except StoreError as error:
            reader = read_only.reading_engine(store.engine, error)
            if reader is None:
                raise
            read_only.check_schema(reader, error)
            return cls(reader, data_dir)
        return store

    def _prepare(self) -> None:
        opening.prepare(self.engine, self._seed)

    def _seed(self, conn) -> None:
        sites = read_seed_sites(self.data_dir)
        incidents = read_seed_incidents(self.data_dir)
        conn.execute(sa.insert(tables.sites), records(sites, SITE_COLUMNS))
        migrations.set_meta(conn, migrations.META_VERSION, tables.SCHEMA_VERSION)
        migrations.set_meta(conn, META_REVISION, 1)
        migrations.new_store_id(conn)
        migrations.add_span_classes(conn, {0})
        self._insert_batch(conn, SEED_BATCH_ID, incidents, file_name="data/incidents.csv",
                           preset="seed")

    def _insert_batch(self, conn, batch_id, incidents, *, file_name, preset,
                      skipped_count=0, rejected_count=0, file_sha256="", settings=None,
                      imported_by="", imported_from="",
                      progress: Progress | None = None, updated_count=0) -> None:
        exists = conn.execute(sa.select(tables.batches.c.batch_id)
                              .where(tables.batches.c.batch_id == batch_id)).first()
        if exists:
            raise StoreError(f"Import batch '{batch_id}' already exists; use a new batch id")
        conn.execute(sa.insert(tables.batches), [{
            "batch_id": batch_id, "created_at": dt.datetime.now(dt.UTC),
            "file_name": file_name, "preset": preset, "row_count": len(incidents),
            "skipped_count": skipped_count, "rejected_count": rejected_count,
            "file_sha256": file_sha256, "settings": json.dumps(settings or {}, sort_keys=True),
            "updated_count": updated_count,
            "imported_by": imported_by, "imported_from": imported_from,
        }])
        # one str object in every row (a scalar would become an Arrow string column)
        batch = pd.Series(batch_id, index=incidents.index, dtype=object)
        insert_incidents(conn, incidents.assign(batch_id=batch), progress)
        if batch_id != SEED_BATCH_ID:  # the seed's statuses are the shipped record
            history.append_imported_statuses(conn, incidents, batch_id,
                                             imported_by=imported_by or history.NOT_RECORDED,
                                             imported_from=imported_from, file_name=file_name)

    # --- reads -------------------------------------------------------------------------
    def revision(self) -> int:
        with self.engine.connect() as conn:
            return self._revision(conn)

    @staticmethod
    def _revision(conn) -> int:
        return revision_log.current_revision(conn)

    def store_id(self) -> str:
        """Made with the database (geo.store.meta_keys.META_STORE_ID); never changes."""
        with self.engine.connect() as conn:
            return str(conn.execute(sa.select(tables.meta.c.value).where(
                tables.meta.c.key == META_STORE_ID)).scalar())

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(tables.meta.c.value).where(
                tables.meta.c.key == migrations.META_VERSION)).scalar())

    def incidents_frame(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return incident_frame(conn, window_query(conn, ViewFilter(), span_classes=()))

    def query(self, view: ViewFilter, columns=INCIDENT_COLUMNS) -> pd.DataFrame:
        """Incidents whose interval overlaps the window and whose point is in the bbox,
        filtered in SQL (see geo.store.query for the indexes it uses). `columns`: e.g.
        geo.store.query.MAP_COLUMNS: on SQLite those are read from the map index
        (geo.store.map_query), 10x faster for large results."""
        with self.engine.connect() as conn:
            return self._query(conn, view, columns)

    def _query(self, conn, view: ViewFilter, columns=INCIDENT_COLUMNS) -> pd.DataFrame:
        if answers(conn, view, columns):
            return map_frame(conn, view, columns)
        classes = migrations.get_span_classes(conn)
        return incident_frame(conn, window_query(conn, view, span_classes=classes,
                                                 columns=columns))

    def known_incident_ids(self, ids) -> set[str]:
        with self.engine.connect() as conn:
            return self._known_ids(conn, ids)

    @staticmethod
    def _known_ids(conn, ids) -> set[str]:
        ids = ids.to_numpy(dtype=object) if isinstance(ids, pd.Series) else \
            np.array(list(ids), dtype=object)
        ids = ids[ids != ""]  # most files give none: 100,000 empty ids are not walked in Python
        wanted = sorted({str(i) for i in ids if i})
        found: set[str] = set()
        column = tables.incidents.c.incident_id
        for start in range(0, len(wanted), 500):
            found.update(conn.execute(sa.select(column).where(
                column.in_(wanted[start:start + 500]))).scalars())
        return found

    def sites_frame(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            frame = pd.read_sql(sa.select(tables.sites), conn)
        return coerce_sites(decoded_text(frame, "site", "site_id"))

    def batches_frame(self) -> pd.DataFrame:
        with self.engine.connect() as conn, stored_table("batches"):
            return decoded_text(pd.read_sql(
                sa.select(tables.batches).order_by(tables.batches.c.created_at.desc()), conn
            ), "batch", "batch_id")

    # --- writes ------------------------------------------------------------------------
    def add_batch(self, batch_id: str, incidents: pd.DataFrame, *, file_name: str = "",
                  preset: str = "", skipped_count: int = 0, rejected_count: int = 0,
                  file_sha256: str = "", settings: dict | None = None,
                  recheck_duplicates: np.ndarray | None = None,
                  checked_at_revision: int | None = None,
                  progress: Progress | None = None, thermal=None,
                  updates: pd.DataFrame | None = None, changes: pd.Series | None = None,
                  imported_by: str = "", imported_from: str = "") -> int:
        """Insert the rows of a coerced incident frame as one batch, in one transaction.

        Rows flagged in `recheck_duplicates` are compared with the store again inside the
        transaction (which holds the write lock) and skipped if another import stored the
        same incident since the preview; not needed when the store is still at
        `checked_at_revision`, the revision the preview compared with. Returns the number
        of rows written. `thermal` (geo.importing.thermal.ThermalRows, FIRMS files): the
        typed detections and coverage, written in the same transaction. `updates`: rows
        that replace stored incidents with the same id (geo.store.versions keeps the old
        versions; `changes` says in words what changed, by id). `imported_by`,
        `imported_from`: who imports and from where (geo.access.actor); rows with a
        checked claim status get a history row saying so (geo.store.history).
        """
        updates = updates if updates is not None else incidents.iloc[:0]
        with writing(self.engine) as conn:
            changed = checked_at_revision is None or self._revision(conn) != checked_at_revision
            if changed and recheck_duplicates is not None and np.any(recheck_duplicates):
                late = self._stored_duplicates(conn, incidents[recheck_duplicates],
                                               new_id_prefix=f"{batch_id}-")
                keep = ~incidents.index.isin(late.index[late != ""])
                skipped_count += int((~keep).sum())
                incidents = incidents.loc[keep]
            try:
                self._insert_batch(conn, batch_id, incidents, file_name=file_name,
                                   preset=preset, skipped_count=skipped_count,
                                   rejected_count=rejected_count, file_sha256=file_sha256,
                                   settings=settings, imported_by=imported_by,
                                   imported_from=imported_from, progress=progress,
                                   updated_count=len(updates))
                versions.update_incidents(conn, batch_id, updates,
                                          changes if changes is not None else pd.Series())
                if thermal is not None:
                    delete_thermal(conn, incident_ids=updates["incident_id"].tolist())
                    insert_thermal(conn, batch_id, pd.concat([incidents, updates]), thermal)
            except sa.exc.IntegrityError as error:
                raise StoreError(
                    f"Import batch '{batch_id}' was not written and nothing was changed: "
                    f"{error.orig}. If another import stored the same incident ids meanwhile, "
                    "run this import again and its duplicates will be skipped") from error
            bump_revision(conn, revision_log.imported(batch_id))
        return len(incidents)

    def _stored_duplicates(self, conn, rows: pd.DataFrame, new_id_prefix: str = "") -> pd.Series:
        """`new_id_prefix`: ids made for this batch, which cannot be stored already."""
        view = candidate_view(rows)
        stored = (self._query(conn, view, DUPLICATE_COLUMNS) if view is not None
                  else rows.iloc[:0])
        ids = rows["incident_id"]
        known = self._known_ids(conn, ids[~ids.str.startswith(new_id_prefix)]
                                if new_id_prefix else ids)
        return find_duplicates(rows, stored, known, within_file=False)

    def stored_duplicates(self, rows: pd.DataFrame) -> pd.Series:
        """Why each row duplicates a stored incident ('' when it does not)."""
        with self.engine.connect() as conn:
            return self._stored_duplicates(conn, rows)

    def duplicate_candidates(self, view: ViewFilter) -> pd.DataFrame:
        """The columns duplicates are judged on, for the incidents in `view`."""
        with self.engine.connect() as conn:
            return self._query(conn, view, DUPLICATE_COLUMNS)

    def undo_batch(self, batch_id: str, *, undone_by: str = "", undone_from: str = "") -> int:
        """Delete a batch's incidents (in one transaction); returns how many were removed.
        The batch keeps who undid it and from where; the history of its records stays."""
        with writing(self.engine) as conn:
            found = conn.execute(
                sa.select(tables.batches.c.undone_at)
                .where(tables.batches.c.batch_id == batch_id)
            ).first()
            if found is None:
                raise StoreError(f"No import batch '{batch_id}'; list batches to find its id")
            if found.undone_at is not None:
                raise StoreError(f"Import batch '{batch_id}' was already undone at "
                                 f"{found.undone_at:%Y-%m-%d %H:%M}; nothing to do")
            versions.restore_batch(conn, batch_id)  # incidents it updated, as they were
            map_index.forget_batch(conn, batch_id)
            with map_index.suspended(conn, "map_index_delete"):  # it marks nothing now
                removed = conn.execute(
                    sa.delete(tables.incidents).where(tables.incidents.c.batch_id == batch_id)
                ).rowcount
            delete_thermal(conn, batch_id)
            conn.execute(
                sa.update(tables.batches).where(tables.batches.c.batch_id == batch_id)
                .values(undone_at=dt.datetime.now(dt.UTC), undone_by=undone_by,
                        undone_from=undone_from)
            )
            bump_revision(conn, revision_log.undone(batch_id))
        return removed


def candidate_view(rows: pd.DataFrame, margin_deg: float = 0.05) -> ViewFilter | None:
    """The window and box (with a margin over 1 km) that hold every possible duplicate."""
    points = rows.dropna(subset=["latitude", "longitude"])
    if points.empty or rows["date_start"].isna().all():
        return None
    south = max(points["latitude"].min() - margin_deg, -90.0)
    north = min(points["latitude"].max() + margin_deg, 90.0)
    west = max(points["longitude"].min() - margin_deg * 3, -180.0)
    east = min(points["longitude"].max() + margin_deg * 3, 180.0)
    return ViewFilter(date_from=rows["date_start"].min().date(),
                      date_to=rows["date_end"].max().date(), bbox=(west, south, east, north))
