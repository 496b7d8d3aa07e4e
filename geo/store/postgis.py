"""The PostgreSQL-only part of the schema: PostGIS, and a point geometry beside the
incidents' latitude and longitude with a GiST index that serves the bounding box.

`geom` is a generated column (computed by the database from longitude and latitude, NULL
when either is), so every way rows are written (COPY, INSERT, UPDATE, a migration) keeps
it in step with nothing to change there. It is storage, not part of the record: it is not
in geo.store.tables, so nothing that selects the incident columns reads it, and it does
not move the schema version. `ensure` runs when a PostgreSQL store is opened with
something missing (`complete`: geo.store.opening) and only writes what is missing (checked
in the catalog first: ALTER TABLE would lock the table against every reader, even with IF
NOT EXISTS).
"""

from __future__ import annotations

import sqlalchemy as sa

from geo.errors import StoreError
from geo.store import tables
from geo.store.database_errors import NOTHING_WRITTEN, described

SRID = 4326  # WGS 84 longitude/latitude, what the incidents' coordinates are
GEOMETRY_COLUMN = "geom"
GEOMETRY_INDEX = "ix_incidents_geom"
GEOMETRY_DDL = (
    f"geometry(Point, {SRID}) GENERATED ALWAYS AS (CASE WHEN longitude IS NOT NULL AND "
    f"latitude IS NOT NULL THEN ST_SetSRID(ST_MakePoint(longitude, latitude), {SRID}) END) "
    "STORED")


def used(conn: sa.Connection) -> bool:
    return conn.dialect.name == "postgresql"


def ensure(conn: sa.Connection) -> None:
    """PostGIS, the geometry column and its index, each created when missing (PostgreSQL;
    nothing elsewhere). Inside the caller's transaction."""
    if not used(conn):
        return
    require_extension(conn)
    incidents = tables.incidents.name
    if not _has_column(conn):
        conn.exec_driver_sql(
            f"ALTER TABLE {incidents} ADD COLUMN {GEOMETRY_COLUMN} {GEOMETRY_DDL}")
    if not _has_index(conn):
        conn.exec_driver_sql(
            f"CREATE INDEX {GEOMETRY_INDEX} ON {incidents} USING gist ({GEOMETRY_COLUMN})")


def complete(conn: sa.Connection) -> bool:
    """Nothing for `ensure` to create: PostGIS, the geometry column and its index are all
    there (always so off PostgreSQL). Reads the catalog only."""
    return not used(conn) or (_has_extension(conn) and _has_column(conn)
                              and _has_index(conn))


def _has_extension(conn: sa.Connection) -> bool:
    return conn.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
                        ).first() is not None


def _has_column(conn: sa.Connection) -> bool:
    return conn.execute(sa.text(
        "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(:table) AND attname = :column"
        " AND NOT attisdropped"), {"table": tables.incidents.name, "column": GEOMETRY_COLUMN}
    ).first() is not None


def _has_index(conn: sa.Connection) -> bool:
    return conn.execute(sa.text("SELECT to_regclass(:index)"), {"index": GEOMETRY_INDEX}
                        ).scalar() is not None


def require_extension(conn: sa.Connection) -> None:
    """PostGIS in this database: there already, or created here (as a superuser would);
    else a StoreError saying what the administrator runs."""
    if _has_extension(conn):
        return
    url = conn.engine.url
    if conn.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
                    ).first() is None:
        major = int(conn.execute(sa.text("SHOW server_version_num")).scalar()) // 10_000
        raise StoreError(
            f"The database {described(url)} needs PostGIS, which is not installed on its "
            f"server: on Debian, install the package postgresql-{major}-postgis-3 (`sudo apt "
            f"install postgis`), then run `CREATE EXTENSION postgis;` in the database "
            f"'{url.database}' as its owner or a superuser; {NOTHING_WRITTEN}")
    try:
        with conn.begin_nested():  # a refusal rolls back this step only
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis")
    except (sa.exc.DBAPIError, StoreError) as error:
        raise StoreError(
            f"The database {described(url)} needs PostGIS, and the role '{url.username}' may "
            f"not create the extension (the server says: {_first_line(error)}): a superuser "
            f"runs `CREATE EXTENSION postgis;` in the database '{url.database}', e.g. `sudo "
            f"-u postgres psql -d {url.database} -c 'CREATE EXTENSION postgis;'`; "
            f"{NOTHING_WRITTEN}") from error


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def in_box(bbox) -> sa.ColumnElement:
    """`geom && envelope`: the GiST index's own test (bounding boxes kept in single
    precision, so it may let through a point a hair outside; the caller keeps the exact
    latitude/longitude conditions beside it)."""
    west, south, east, north = (float(side) for side in bbox)
    geometry = sa.literal_column(f"{tables.incidents.name}.{GEOMETRY_COLUMN}")
    return geometry.op("&&")(sa.func.ST_MakeEnvelope(west, south, east, north, SRID))
