"""The store on a real PostgreSQL server with PostGIS: a new store is seeded and gets its
point geometry and GiST index, the window + box query and a COPY import give what SQLite
gives for the same data, undo, writers of two connections queue, the history refuses to
be rewritten, and a database that cannot be used is one StoreError without the password.

Needs INCIDENT_MAP_TEST_PG: the URL of a superuser on a server with PostGIS installed,
e.g. postgresql://postgres@127.0.0.1:55432/postgres; skipped without it, failed under
CI=true (tests.support.postgres). Each test makes its own database (and roles), named
INCIDENT_MAP_TEST_PG_PREFIX + what it tests + this process's id, and drops them after.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from geo.errors import StoreError
from geo.review.claims import claim_history, set_claim_status
from geo.settings import DATA_DIR
from geo.store import identity, postgis, tables, versions
from geo.store.engine import create_engine
from geo.store.incident_store import IncidentStore
from geo.store.query import FRAME_COLUMNS
from geo.viewstate import ViewFilter
from tests.support.postgres import database_prefix, server_url
from tests.support.required import missing
from tests.support.synthetic import synthetic_incidents

PASSWORD = "hunter2-never-shown"
PASSWORD_ROLE = "incident_map_password_check"  # .ci/postgres checks its password

VIEWS = {
    "day x city": ViewFilter(dt.date(2025, 6, 3), dt.date(2025, 6, 3),
                             bbox=(36.0, 49.8, 36.5, 50.2)),
    "month x city": ViewFilter(dt.date(2025, 6, 1), dt.date(2025, 6, 30),
                               bbox=(36.13, 49.89, 36.33, 50.09)),
    "year x region": ViewFilter(dt.date(2024, 1, 1), dt.date(2024, 12, 31),
                                bbox=(33.0, 46.0, 39.0, 51.0)),
    "all time x town": ViewFilter(bbox=(37.9, 48.5, 38.1, 48.7)),
    "week, no box": ViewFilter(dt.date(2023, 3, 1), dt.date(2023, 3, 7)),
    "edges": ViewFilter(dt.date(2025, 1, 1), dt.date(2025, 1, 1), bbox=(30.0, 50.0, 31.0, 51.0)),
}


def admin_engine() -> sa.Engine:
    return sa.create_engine(server_url(), isolation_level="AUTOCOMMIT")


def url_of(database: str, user: str = "postgres", password: str = "") -> str:
    admin = server_url()
    return admin.set(drivername="postgresql", database=database, username=user,
                     password=password or None).render_as_string(hide_password=False)


@pytest.fixture
def new_database(request):
    """Factory: new_database(postgis_first=False, owner=None, icu_locale=None) -> the name
    of an empty database (dropped after the test)."""
    admin, made = admin_engine(), []

    def make(postgis_first: bool = False, owner: str | None = None,
             icu_locale: str | None = None) -> str:
        name = f"{database_prefix()}{request.node.name[5:30]}_{len(made)}_{os.getpid()}".lower()
        name = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in name)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"'
                                 + (f' OWNER "{owner}"' if owner else "")
                                 # template0: without PostGIS, even on a server that
                                 # put it in template1 (.ci/postgres)
                                 + " TEMPLATE template0"
                                 + (f" LOCALE_PROVIDER icu ICU_LOCALE '{icu_locale}'"
                                    if icu_locale else ""))
        made.append(name)
        if postgis_first:
            with sa.create_engine(url_of(name).replace("postgresql://", "postgresql+psycopg://"),
                                  isolation_level="AUTOCOMMIT").connect() as conn:
                conn.exec_driver_sql("CREATE EXTENSION postgis")
        return name

    yield make
    with admin.connect() as conn:
        for name in made:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def plain_role():
    """A role that may log in and is no superuser (dropped after the test)."""
    admin = admin_engine()
    name = f"{database_prefix()}plain_{os.getpid()}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE ROLE "{name}" LOGIN NOSUPERUSER PASSWORD \'{PASSWORD}\'')
    yield name
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
    admin.dispose()


@pytest.fixture
def pg_store(new_database) -> IncidentStore:
    return IncidentStore.open(url_of(new_database()), DATA_DIR)


@pytest.fixture
def sqlite_store(tmp_path) -> IncidentStore:
    return IncidentStore.open(f"sqlite:///{tmp_path / 'incidents.sqlite'}", DATA_DIR)


def rows_to_import(n: int) -> pd.DataFrame:
    """Synthetic rows with what must come back exactly: no coordinates, empty and
    non-ASCII text, quotes, tabs and backslashes (COPY's own escapes), long intervals,
    and points on and a hair beyond the 'edges' view's box."""
    rows = synthetic_incidents(n, seed=11).assign(incident_id=[f"pg-{i}" for i in range(n)])
    edge = rows.index[:4]
    rows.loc[edge, ["latitude", "longitude"]] = [[50.0, 30.0], [51.0, 31.0],
                                                 [50.0 - 1e-6, 30.5], [51.0 + 1e-6, 30.5]]
    rows.loc[edge, ["date_start", "date_end"]] = pd.Timestamp("2025-01-01")
    rows.loc[rows.index[4:8], "description"] = ["", "Харків \\N, \"quoted\"",
                                                "tab\there\\back", "line\nbreak"]
    rows.loc[rows.index[8], "date_end"] = pd.Timestamp("2025-12-31")
    rows.loc[rows.index[8], "date_start"] = pd.Timestamp("2022-02-24")
    rows.loc[rows.index[9], ["latitude", "longitude"]] = np.nan
    return rows


def sorted_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("incident_id", kind="stable").reset_index(drop=True)


def test_a_new_store_is_seeded_with_its_geometry_and_index(new_database, sqlite_store):
    name = new_database()
    store = IncidentStore.open(f"postgres://postgres@{server_url().host}:"
                               f"{server_url().port}/{name}", DATA_DIR)
    assert store.engine.dialect.driver == "psycopg"
    assert store.revision() == 1 and store.schema_version() == tables.SCHEMA_VERSION
    frame = store.incidents_frame()
    assert list(frame.columns) == list(FRAME_COLUMNS)  # the geometry is not read
    pd.testing.assert_frame_equal(sorted_frame(frame),
                                  sorted_frame(sqlite_store.incidents_frame()))
    with store.engine.connect() as conn:
        kind = conn.execute(sa.text(
            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
            "'incidents'::regclass AND attname = 'geom'")).scalar()
        index = conn.execute(sa.text("SELECT indexdef FROM pg_indexes WHERE indexname = "
                                     ":name"), {"name": postgis.GEOMETRY_INDEX}).scalar()
        placed = conn.execute(sa.text(
            "SELECT count(*) FROM incidents WHERE ST_X(geom) = longitude AND "
            "ST_Y(geom) = latitude AND ST_SRID(geom) = 4326")).scalar()
    assert kind == "geometry(Point,4326)"
    assert "USING gist (geom)" in index
    assert placed == frame["latitude"].notna().sum() > 0
    again = IncidentStore.open(url_of(name).replace("postgresql://", "postgresql+psycopg://"),
                               DATA_DIR)
    assert (again.store_id(), again.revision()) == (store.store_id(), 1)


def test_an_import_through_copy_round_trips_and_queries_as_on_sqlite(pg_store, sqlite_store):
    rows = rows_to_import(20_000)
    for store in (pg_store, sqlite_store):
        assert store.add_batch("b1", rows, file_name="rows.csv") == len(rows)
    pd.testing.assert_frame_equal(sorted_frame(pg_store.incidents_frame()),
                                  sorted_frame(sqlite_store.incidents_frame()))
    for name, view in VIEWS.items():
        found, expected = pg_store.query(view), sqlite_store.query(view)
        assert len(expected), name
        pd.testing.assert_frame_equal(sorted_frame(found), sorted_frame(expected), obj=name)
    edges = set(pg_store.query(VIEWS["edges"])["incident_id"])
    assert {"pg-0", "pg-1"} <= edges and not {"pg-2", "pg-3"} & edges


def test_the_box_is_asked_of_the_gist_index(pg_store):
    pg_store.add_batch("b1", rows_to_import(20_000), file_name="rows.csv")
    with pg_store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE incidents")
        conn.exec_driver_sql("SET enable_seqscan = off")  # 20,000 rows: a scan is cheap
        statement = sa.text("EXPLAIN SELECT incident_id FROM incidents WHERE "
                            + str(postgis.in_box((36.13, 49.89, 36.33, 50.09)).compile(
                                dialect=conn.dialect, compile_kwargs={"literal_binds": True})))
        plan = "\n".join(conn.execute(statement).scalars())
    assert postgis.GEOMETRY_INDEX in plan


def test_an_undo_removes_the_batch_and_a_second_is_refused(pg_store):
    seed = pg_store.incidents_frame()
    pg_store.add_batch("b1", rows_to_import(2_000), file_name="rows.csv")
    assert pg_store.undo_batch("b1", undone_by="Ana") == 2_000
    pd.testing.assert_frame_equal(pg_store.incidents_frame(), seed)
    assert pg_store.revision() == 3
    with pytest.raises(StoreError, match="'b1' was already undone"):
        pg_store.undo_batch("b1")


def test_an_id_clash_in_copy_is_a_store_error_and_writes_nothing(pg_store):
    rows = rows_to_import(100)
    pg_store.add_batch("b1", rows.iloc[:10], file_name="rows.csv")
    with pytest.raises(StoreError, match="'b2' was not written"):
        pg_store.add_batch("b2", rows, file_name="rows.csv")
    assert len(pg_store.incidents_frame()) == 17 + 10 and pg_store.revision() == 2


def test_two_connections_importing_the_same_rows_at_once_store_them_once(new_database):
    """Each import rechecks its rows against the store under the writers' lock: the
    second sees the first's rows and skips them, instead of both storing them (or one
    failing on the ids)."""
    url = url_of(new_database())
    first, second = (IncidentStore.open(url, DATA_DIR) for _ in range(2))
    rows = rows_to_import(5_000)
    new = len(rows) - int((first.stored_duplicates(rows) != "").sum())  # not in the seed
    start, results, errors = threading.Barrier(3), {}, []

    def run(store: IncidentStore, batch_id: str) -> None:
        start.wait()
        try:
            results[batch_id] = store.add_batch(
                batch_id, rows, file_name="same.csv",
                recheck_duplicates=np.ones(len(rows), dtype=bool))
        except StoreError as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(store, batch_id))
               for store, batch_id in ((first, "left"), (second, "right"))]
    for thread in threads:
        thread.start()
    start.wait()
    set_claim_status(first, "seed-000-02", "reported", changed_by="Ana")  # a review between
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results.values()) == [0, new] and new > len(rows) - 10
    assert len(second.incidents_frame()) == 17 + new
    assert first.revision() == 4
    assert len(claim_history(second, "seed-000-02")) == 1


def test_the_ids_of_a_source_are_found_by_prefix_whatever_the_collation(new_database):
    store = IncidentStore.open(url_of(new_database(icu_locale="en-US")), DATA_DIR)
    rows = synthetic_incidents(3, seed=11).assign(incident_id=["ab-1", "aB-2", "ab-3"])
    store.add_batch("b1", rows, file_name="rows.csv")
    with store.engine.connect() as conn:
        found = versions.missing_ids(conn, "ab-", dt.date(2000, 1, 1), dt.date(2030, 1, 1),
                                     None, present={"ab-3"})
    assert found["incident_id"].tolist() == ["ab-1"]


@pytest.mark.parametrize("statement", ["UPDATE claim_history SET changed_by = 'someone else'",
                                       "DELETE FROM claim_history"])
def test_the_database_refuses_to_rewrite_history(pg_store, statement):
    set_claim_status(pg_store, "seed-000-02", "reported", changed_by="Ana")
    with pytest.raises(sa.exc.IntegrityError, match="claim_history is append-only"), \
            pg_store.engine.begin() as conn:
        conn.exec_driver_sql(statement)
    assert claim_history(pg_store)["changed_by"].tolist() == ["Ana"]


def test_a_missing_database_says_how_to_create_it_without_the_password(new_database):
    url = url_of(f"{database_prefix()}missing_{os.getpid()}", password=PASSWORD)
    with pytest.raises(StoreError) as raised:
        IncidentStore.open(url, DATA_DIR)
    message = str(raised.value)
    assert PASSWORD not in message and "***" in message
    assert f"createdb --owner postgres {database_prefix()}missing_{os.getpid()}" in message


def test_a_missing_role_and_a_stopped_server_say_what_to_do():
    with pytest.raises(StoreError, match="createuser --pwprompt nobody_here") as raised:
        IncidentStore.open(url_of("postgres", user="nobody_here", password=PASSWORD),
                           DATA_DIR)
    assert PASSWORD not in str(raised.value)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    stopped = f"postgresql://someone:{PASSWORD}@127.0.0.1:{port}/incidents"
    with pytest.raises(StoreError, match=f"is running at 127.0.0.1:{port}") as raised:
        IncidentStore.open(stopped, DATA_DIR)
    assert PASSWORD not in str(raised.value)
    with pytest.raises(StoreError) as raised:
        create_engine(f"postgresql://someone:{PASSWORD}@127.0.0.1:notaport/incidents")
    assert PASSWORD not in str(raised.value)


def test_a_wrong_password_says_to_check_it_without_showing_it(new_database):
    """.ci/postgres checks the password of PASSWORD_ROLE (every other role is trusted)."""
    admin = admin_engine()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{PASSWORD_ROLE}"')
        conn.exec_driver_sql(f'CREATE ROLE "{PASSWORD_ROLE}" LOGIN PASSWORD \'{PASSWORD}\'')
    name = new_database(postgis_first=True, owner=PASSWORD_ROLE)
    try:
        wrong = url_of(name, user=PASSWORD_ROLE, password="not-the-password")
        try:
            IncidentStore.open(wrong, DATA_DIR).engine.dispose()
        except StoreError as error:
            message = str(error)
        else:
            missing(f"the server at {server_url().host}:{server_url().port} does not check "
                    f"the password of {PASSWORD_ROLE} (.ci/postgres's pg_hba.conf does)")
        assert "password authentication failed" in message
        assert "check the user name and password in INCIDENT_MAP_DB" in message
        assert "not-the-password" not in message and "***" in message
        right = IncidentStore.open(url_of(name, user=PASSWORD_ROLE, password=PASSWORD),
                                   DATA_DIR)
        assert len(right.incidents_frame()) == 17
        right.engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{PASSWORD_ROLE}"')
        admin.dispose()


def test_postgis_refused_names_the_command_then_the_store_opens(plain_role, new_database):
    name = new_database(owner=plain_role)
    url = url_of(name, user=plain_role, password=PASSWORD)
    with pytest.raises(StoreError, match="CREATE EXTENSION postgis;") as raised:
        IncidentStore.open(url, DATA_DIR)
    assert name in str(raised.value) and PASSWORD not in str(raised.value)
    with sa.create_engine(url_of(name).replace("postgresql://", "postgresql+psycopg://"),
                          isolation_level="AUTOCOMMIT").connect() as conn:
        conn.exec_driver_sql("CREATE EXTENSION postgis")  # what the administrator runs
    store = IncidentStore.open(url, DATA_DIR)  # spatial_ref_sys is not another program's
    assert len(store.incidents_frame()) == 17


def test_a_role_without_rights_on_the_store_is_told_what_to_grant(plain_role, new_database):
    name = new_database()
    IncidentStore.open(url_of(name), DATA_DIR)
    with pytest.raises(StoreError, match=f"OWNER TO {plain_role}") as raised:
        IncidentStore.open(url_of(name, user=plain_role, password=PASSWORD), DATA_DIR)
    assert "permission denied" in str(raised.value) and PASSWORD not in str(raised.value)


def test_the_store_id_and_revision_are_read_without_sqlalchemy(new_database):
    """geo.store.identity: what the map page and its revision watch ask first."""
    url = url_of(new_database())
    store = IncidentStore.open(url, DATA_DIR)
    expected = (store.store_id(), store.revision())
    for spelling in (url, url.replace("postgresql://", "postgres://", 1),
                     url.replace("postgresql://", "postgresql+psycopg://", 1)):
        assert identity.read(spelling) == expected
    store.add_batch("more", rows_to_import(10))
    assert identity.read(url) == (expected[0], expected[1] + 1)
    assert identity.read(url_of(f"{database_prefix()}absent_{os.getpid()}")) is None
