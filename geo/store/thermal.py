"""The FIRMS tables: typed detections and the coverage of each import, written and deleted
with their batch (inside the batch's transaction) and read as frames for corroboration."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from geo.schema import DETECTION_COLUMNS
from geo.store import tables
from geo.store.stored_values import stored_table

INSERT_CHUNK = 20_000
COVERAGE_COLUMNS = ("batch_id", "date_from", "date_to", "west", "south", "east", "north")


@dataclass(frozen=True)
class Coverage:
    date_from: object  # datetime.date
    date_to: object
    west: float
    south: float
    east: float
    north: float

    def describe(self) -> str:
        days = (self.date_to - self.date_from).days + 1
        return (f"{self.date_from:%d %b %Y} – {self.date_to:%d %b %Y} ({days} day"
                f"{'s' if days != 1 else ''}), area {self.west:.2f}° to {self.east:.2f}° E, "
                f"{self.south:.2f}° to {self.north:.2f}° N")


@dataclass
class ThermalRows:
    detections: pd.DataFrame  # DETECTION_COLUMNS, index = the file's row numbers
    coverage: Coverage | None


def _detection_records(batch_id: str, ids: pd.Series, detections: pd.DataFrame) -> list[dict]:
    times = detections["detected_at"].to_numpy("datetime64[s]").astype(object)
    frp = detections["frp"].to_numpy(np.float64).astype(object)
    frp[~np.isfinite(detections["frp"].to_numpy(np.float64))] = None
    text = {name: detections[name].fillna("").astype(str).tolist()
            for name in ("confidence", "satellite", "instrument", "daynight")}
    return [{"incident_id": incident_id, "batch_id": batch_id, "detected_at": when,
             "frp": power, **{name: text[name][i] for name in text}}
            for i, (incident_id, when, power) in enumerate(zip(ids, times, frp, strict=True))]


def insert_thermal(conn: sa.Connection, batch_id: str, incidents: pd.DataFrame,
                   thermal: ThermalRows) -> int:
    """Typed rows for the batch's stored FIRMS incidents (matched by the file's row number,
    the index of both frames) and the batch's coverage. Returns the detections written."""
    rows = incidents.index.intersection(thermal.detections.index)
    detections = thermal.detections.loc[rows]
    timed = detections["detected_at"].notna().to_numpy()
    detections = detections.loc[timed]
    ids = incidents.loc[detections.index, "incident_id"]
    records = _detection_records(batch_id, ids, detections)
    for start in range(0, len(records), INSERT_CHUNK):
        conn.execute(sa.insert(tables.thermal_detections), records[start:start + INSERT_CHUNK])
    if thermal.coverage is not None:
        coverage = thermal.coverage
        conn.execute(sa.insert(tables.thermal_coverage), [{
            "batch_id": batch_id, "date_from": coverage.date_from, "date_to": coverage.date_to,
            "west": coverage.west, "south": coverage.south, "east": coverage.east,
            "north": coverage.north}])
    return len(records)


def delete_thermal(conn: sa.Connection, batch_id: str = "", *, incident_ids=()) -> None:
    """A batch's detections and coverage, or the detections of some incidents (replaced)."""
    if batch_id:
        for table in (tables.thermal_detections, tables.thermal_coverage):
            conn.execute(sa.delete(table).where(table.c.batch_id == batch_id))
    ids = list(incident_ids)
    t = tables.thermal_detections
    for start in range(0, len(ids), 500):
        conn.execute(sa.delete(t).where(t.c.incident_id.in_(ids[start:start + 500])))


def thermal_detections_frame(store) -> pd.DataFrame:
    """Every stored detection with its point: incident_id, latitude, longitude, batch_id
    and DETECTION_COLUMNS (detected_at as datetime64[s], UTC)."""
    t, i = tables.thermal_detections.c, tables.incidents.c
    query = (sa.select(t.incident_id, i.latitude, i.longitude, t.batch_id,
                       *(t[name] for name in DETECTION_COLUMNS))
             .join_from(tables.thermal_detections, tables.incidents,
                        t.incident_id == i.incident_id))
    with store.engine.connect() as conn, stored_table("thermal_detections"):
        frame = pd.read_sql(query, conn)
        frame["detected_at"] = pd.to_datetime(frame["detected_at"]).astype("datetime64[s]")
        frame["frp"] = frame["frp"].astype(np.float64)
    return frame


def thermal_coverage(store) -> pd.DataFrame:
    """One row per FIRMS import: date_from, date_to (dates) and its box west..north."""
    with store.engine.connect() as conn, stored_table("thermal_coverage"):
        frame = pd.read_sql(sa.select(tables.thermal_coverage), conn)
        for name in ("date_from", "date_to"):
            frame[name] = pd.to_datetime(frame[name]).dt.date
    return frame.reindex(columns=list(COVERAGE_COLUMNS))
