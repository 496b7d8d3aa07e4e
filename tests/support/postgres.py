"""The PostgreSQL server the tests run on, and a fresh database on it for each test.

INCIDENT_MAP_TEST_PG names the server by an administrator's URL
(postgresql://postgres@127.0.0.1:PORT/postgres: a role that may create databases); .ci/run
starts a throwaway cluster for it with .ci/postgres. Each test gets a database of its own,
named INCIDENT_MAP_TEST_PG_PREFIX (default `incident_map_test_`) and a short random suffix,
created before the test and dropped after it WITH (FORCE), so connections a store still
pools do not keep it. Without the variable the PostgreSQL tests skip with the reason; with
CI=true they fail (tests.support.required).
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from tests.support.required import missing

SERVER_VARIABLE = "INCIDENT_MAP_TEST_PG"
PREFIX_VARIABLE = "INCIDENT_MAP_TEST_PG_PREFIX"
DEFAULT_PREFIX = "incident_map_test_"
NO_SERVER = (f"PostgreSQL tests need {SERVER_VARIABLE}=postgresql://...; .ci/run starts a "
             "throwaway cluster (README)")
# psycopg 3, the driver installed; SQLAlchemy's default for postgresql:// is psycopg2
DRIVER = "postgresql+psycopg"


def server_url() -> sa.URL:
    """The administrator's URL of the test server, with the psycopg driver; skips or fails
    the test when none is set."""
    value = os.environ.get(SERVER_VARIABLE, "").strip()
    if not value:
        missing(NO_SERVER)
    try:
        url = sa.make_url(value)
    except sa.exc.ArgumentError as error:
        pytest.fail(f"{SERVER_VARIABLE}={value!r} is not a database URL ({error}); give "
                    "postgresql://USER@HOST:PORT/postgres", pytrace=False)
    if url.get_backend_name() != "postgresql":
        pytest.fail(f"{SERVER_VARIABLE}={value!r} is not a PostgreSQL URL; give "
                    "postgresql://USER@HOST:PORT/postgres", pytrace=False)
    return url.set(drivername=DRIVER)


def database_prefix() -> str:
    prefix = os.environ.get(PREFIX_VARIABLE, DEFAULT_PREFIX)
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,40}", prefix):
        pytest.fail(f"{PREFIX_VARIABLE}={prefix!r}: use lower-case letters, digits and _ "
                    "(a database name's start)", pytrace=False)
    return prefix


@contextmanager
def administration(server: sa.URL) -> Iterator[sa.Connection]:
    """A connection outside any transaction (CREATE and DROP DATABASE refuse one)."""
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            yield conn
    except sa.exc.OperationalError as error:
        shown = server.render_as_string(hide_password=True)
        pytest.fail(f"The PostgreSQL server of {SERVER_VARIABLE} ({shown}) cannot be used: "
                    f"{str(error.orig).strip()}; start it (.ci/postgres start DIR) or unset "
                    f"{SERVER_VARIABLE}", pytrace=False)
    finally:
        engine.dispose()


@contextmanager
def fresh_database(server: sa.URL) -> Iterator[str]:
    """The URL of a new, empty database on `server`, dropped when the block ends."""
    name = database_prefix() + uuid.uuid4().hex[:10]
    with administration(server) as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with administration(server) as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


BACKENDS = ("sqlite", "postgresql")


@contextmanager
def new_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of a new, empty database of `backend`: the SQLite file incidents.sqlite in
    `folder`, or a database on the test server dropped when the block ends."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'incidents.sqlite'}"
        return
    with fresh_database(server_url()) as url:
        yield url
