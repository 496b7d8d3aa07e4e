"""The incident store: one database (SQLite by default) behind SQLAlchemy Core.

Opened through `IncidentStore.open(url, data_dir)`: creates the schema, applies
migrations and seeds the shipped records on first use. Every write is one transaction;
`revision` increases with each write, so callers can cache reads keyed on it.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event

from geo import tables
from geo.errors import StoreError
from geo.records import coerce_incidents, coerce_sites
from geo.schema import INCIDENT_COLUMNS, SITE_COLUMNS
from geo.seed import SEED_BATCH_ID, read_seed_incidents, read_seed_sites

INSERT_CHUNK = 20_000


def _sqlite_engine(url: str) -> sa.Engine:
    engine = sa.create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let BEGIN below control transactions
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # IMMEDIATE takes the write lock at BEGIN: two writers queue instead of failing.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create_engine(url: str) -> sa.Engine:
    try:
        if url.startswith("sqlite"):
            return _sqlite_engine(url)
        return sa.create_engine(url)
    except (sa.exc.ArgumentError, ModuleNotFoundError) as error:
        raise StoreError(
            f"Cannot use database URL '{url}': {error}. Use a file path or "
            "'sqlite:///path/to/file.sqlite'"
        ) from error


def _records(frame: pd.DataFrame, columns) -> list[dict]:
    out = frame.loc[:, list(columns)].astype(object)
    out = out.where(pd.notna(out), None)
    for name in ("date_start", "date_end"):
        if name in out:
            out[name] = [v.date() if v is not None else None for v in frame[name]]
    return out.to_dict("records")


class IncidentStore:
    def __init__(self, engine: sa.Engine, data_dir):
        self.engine = engine
        self.data_dir = data_dir

    @classmethod
    def open(cls, url: str, data_dir) -> IncidentStore:
        store = cls(create_engine(url), data_dir)
        try:
            store._prepare()
        except sa.exc.OperationalError as error:
            raise StoreError(
                f"Cannot open the incident database '{url}': {error.orig}. Check that the "
                "path is writable, or set INCIDENT_MAP_DB to another file"
            ) from error
        return store

    def _prepare(self) -> None:
        with self.engine.begin() as conn:
            tables.metadata.create_all(conn)
            version = conn.execute(
                sa.select(tables.meta.c.value).where(tables.meta.c.key == "schema_version")
            ).scalar()
            if version is None:
                self._seed(conn)
            elif int(version) > tables.SCHEMA_VERSION:
                raise StoreError(
                    f"The database has schema version {version}, newer than this program "
                    f"({tables.SCHEMA_VERSION}); update the program"
                )

    def _seed(self, conn) -> None:
        sites = read_seed_sites(self.data_dir)
        incidents = read_seed_incidents(self.data_dir)
        conn.execute(sa.insert(tables.sites), _records(sites, SITE_COLUMNS))
        self._insert_batch(conn, SEED_BATCH_ID, incidents, file_name="data/incidents.csv",
                           preset="seed")
        conn.execute(sa.insert(tables.meta), [
            {"key": "schema_version", "value": str(tables.SCHEMA_VERSION)},
            {"key": "revision", "value": "1"},
        ])

    def _insert_batch(self, conn, batch_id, incidents, *, file_name, preset) -> None:
        conn.execute(sa.insert(tables.batches), [{
            "batch_id": batch_id, "created_at": dt.datetime.now(dt.UTC),
            "file_name": file_name, "preset": preset, "row_count": len(incidents),
        }])
        frame = incidents.assign(batch_id=batch_id)
        for start in range(0, len(frame), INSERT_CHUNK):
            chunk = frame.iloc[start:start + INSERT_CHUNK]
            conn.execute(sa.insert(tables.incidents), _records(chunk, INCIDENT_COLUMNS))

    @staticmethod
    def _bump_revision(conn) -> None:
        conn.execute(
            sa.update(tables.meta).where(tables.meta.c.key == "revision")
            .values(value=sa.cast(sa.cast(tables.meta.c.value, sa.Integer) + 1, sa.Text))
        )

    # --- reads -------------------------------------------------------------------------
    def revision(self) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(tables.meta.c.value).where(tables.meta.c.key == "revision")
            ).scalar()
        return int(value)

    def incidents_frame(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            frame = pd.read_sql(sa.select(tables.incidents), conn)
        return coerce_incidents(frame)

    def sites_frame(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            frame = pd.read_sql(sa.select(tables.sites), conn)
        return coerce_sites(frame)

    def batches_frame(self) -> pd.DataFrame:
        with self.engine.connect() as conn:
            return pd.read_sql(
                sa.select(tables.batches).order_by(tables.batches.c.created_at.desc()), conn
            )

    # --- writes ------------------------------------------------------------------------
    def add_batch(self, batch_id: str, incidents: pd.DataFrame, *, file_name: str = "",
                  preset: str = "") -> int:
        """Insert every row of a coerced incident frame as one batch, in one transaction."""
        with self.engine.begin() as conn:
            self._insert_batch(conn, batch_id, incidents, file_name=file_name, preset=preset)
            self._bump_revision(conn)
        return len(incidents)

    def undo_batch(self, batch_id: str) -> int:
        """Delete a batch's incidents (in one transaction); returns how many were removed."""
        with self.engine.begin() as conn:
            found = conn.execute(
                sa.select(tables.batches.c.undone_at)
                .where(tables.batches.c.batch_id == batch_id)
            ).first()
            if found is None:
                raise StoreError(f"No import batch '{batch_id}'; list batches to find its id")
            removed = conn.execute(
                sa.delete(tables.incidents).where(tables.incidents.c.batch_id == batch_id)
            ).rowcount
            conn.execute(
                sa.update(tables.batches).where(tables.batches.c.batch_id == batch_id)
                .values(undone_at=dt.datetime.now(dt.UTC))
            )
            self._bump_revision(conn)
        return removed
