"""A database as version 1 of this program made it (schema, meta, one batch, three
incidents and a site), for the migration and map index tests."""

from __future__ import annotations

import sqlite3

# The schema exactly as version 1 of this program created it (sqlite3 .schema).
V1_SCHEMA = """
CREATE TABLE meta ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, PRIMARY KEY ("key"));
CREATE TABLE batches (batch_id VARCHAR(64) NOT NULL, created_at DATETIME NOT NULL,
    file_name TEXT DEFAULT '' NOT NULL, preset TEXT DEFAULT '' NOT NULL,
    row_count INTEGER DEFAULT '0' NOT NULL, undone_at DATETIME, PRIMARY KEY (batch_id));
CREATE TABLE incidents (incident_id VARCHAR(64) NOT NULL, date_start DATE NOT NULL,
    date_end DATE NOT NULL, date_precision TEXT DEFAULT '' NOT NULL,
    date_text TEXT DEFAULT '' NOT NULL, category TEXT DEFAULT '' NOT NULL,
    subtype TEXT DEFAULT '' NOT NULL, place TEXT DEFAULT '' NOT NULL,
    site_id TEXT DEFAULT '' NOT NULL, latitude FLOAT, longitude FLOAT,
    geo_precision TEXT DEFAULT '' NOT NULL, geo_method TEXT DEFAULT '' NOT NULL,
    country TEXT DEFAULT '' NOT NULL, admin1 TEXT DEFAULT '' NOT NULL,
    operator TEXT DEFAULT '' NOT NULL, munitions TEXT DEFAULT '' NOT NULL,
    casualties TEXT DEFAULT '' NOT NULL, description TEXT DEFAULT '' NOT NULL,
    source_name TEXT DEFAULT '' NOT NULL, source_url TEXT DEFAULT '' NOT NULL,
    claimant TEXT DEFAULT '' NOT NULL, claim_status TEXT DEFAULT '' NOT NULL,
    batch_id TEXT DEFAULT '' NOT NULL, PRIMARY KEY (incident_id));
CREATE INDEX ix_incidents_location ON incidents (latitude, longitude);
CREATE INDEX ix_incidents_batch ON incidents (batch_id);
CREATE INDEX ix_incidents_dates ON incidents (date_start, date_end);
CREATE INDEX ix_incidents_site ON incidents (site_id);
CREATE TABLE sites (site_id VARCHAR(64) NOT NULL, name TEXT DEFAULT '' NOT NULL,
    aliases TEXT DEFAULT '' NOT NULL, kind TEXT DEFAULT '' NOT NULL,
    operator TEXT DEFAULT '' NOT NULL, country TEXT DEFAULT '' NOT NULL,
    admin1 TEXT DEFAULT '' NOT NULL, latitude FLOAT, longitude FLOAT,
    geo_precision TEXT DEFAULT '' NOT NULL, geo_method TEXT DEFAULT '' NOT NULL,
    source_name TEXT DEFAULT '' NOT NULL, source_url TEXT DEFAULT '' NOT NULL,
    notes TEXT DEFAULT '' NOT NULL, PRIMARY KEY (site_id));
"""
V1_ROWS = [  # (incident_id, date_start, date_end, latitude, longitude, batch_id)
    ("old-1", "2025-08-08", "2025-08-08", 46.64, 30.57, "b-old"),
    ("old-2", "2022-02-24", "2025-08-08", 46.48, 30.74, "b-old"),  # a three-year interval
    ("old-3", "2025-08-01", "2025-08-07", 45.32, 28.44, "b-old"),
]


def make_v1_database(path) -> None:
    with sqlite3.connect(path) as db:
        db.executescript(V1_SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("schema_version", "1"), ("revision", "5")])
        db.execute("INSERT INTO batches (batch_id, created_at, file_name, preset, row_count) "
                   "VALUES ('b-old', '2025-08-09 10:00:00', 'old.csv', 'auto', 3)")
        db.executemany(
            "INSERT INTO incidents (incident_id, date_start, date_end, date_precision, "
            "category, latitude, longitude, geo_precision, source_name, claim_status, "
            "batch_id) VALUES (?, ?, ?, 'day', 'strike', ?, ?, 'site', 'src', 'reported', ?)",
            V1_ROWS)
        db.execute("UPDATE incidents SET site_id = 's1' WHERE incident_id = 'old-1'")
        db.execute("INSERT INTO sites (site_id, name, kind, geo_precision) "
                   "VALUES ('s1', 'Depot', 'oil_depot', 'site')")
