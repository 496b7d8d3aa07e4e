"""What the store says when its database cannot be used: the database's own errors (a
damaged, locked, read-only or missing SQLite file; a PostgreSQL server that is not
running, refuses the login, has no such database or denies the role its tables) become
one StoreError that names the database (never its password) and what to do, on every
page and command alike.

`install(engine)` hooks SQLAlchemy's error event, so every statement anywhere in the store
is covered; the transaction the error ended has been rolled back, so "nothing was
written" holds. Integrity and programming errors are left alone: the first are handled
where they can happen (an import's ids), the second are bugs and must surface.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from urllib.parse import unquote

import sqlalchemy as sa
from sqlalchemy import event

from geo.errors import ReadOnlyStoreError, StoreError

NOTHING_WRITTEN = "nothing was written"
DAMAGED = ("is damaged", "restore it from a backup")
LOCKED = ("is locked by another program", "close the other program, or wait for its import "
          "to end, and try again")
REFUSED = ("may not be opened", "check the file's permissions")
READ_ONLY = ("is read-only", "it can be read but not changed; to change it, make the file "
             "and its folder writable, or copy it to a writable folder and point "
             "INCIDENT_MAP_DB there")
# SQLite's primary result codes (sqlite3 error names) -> what it means and what to do
SQLITE_ADVICE = {
    "SQLITE_NOTADB": DAMAGED,
    "SQLITE_CORRUPT": DAMAGED,
    "SQLITE_READONLY": READ_ONLY,
    "SQLITE_BUSY": LOCKED,
    "SQLITE_LOCKED": LOCKED,
    "SQLITE_CANTOPEN": ("cannot be opened", "check that the file and its folder exist and "
                        "may be read and written, or set INCIDENT_MAP_DB to another file"),
    "SQLITE_PERM": REFUSED,
    "SQLITE_AUTH": REFUSED,
    "SQLITE_IOERR": ("could not be read or written", "check the disk (full, removed, a "
                     "network drive that went away) and try again"),
    "SQLITE_FULL": ("could not be written: the disk is full", "free some space and try "
                    "again"),
}
# SQLITE_ERROR is also what our own mistakes give: only these messages say the file is
# not what the store expects (a table or column gone: damaged, or changed by hand)
DAMAGE_MESSAGES = ("no such table", "no such column", "malformed")


# PostgreSQL's words for what went wrong (its connection errors carry no SQLSTATE) ->
# what to do; {user}, {database}, {host}, {port} from the URL
SERVER_ADVICE = (
    (r"password authentication failed|no password supplied",
     "check the user name and password in INCIDENT_MAP_DB"),
    (r"permission denied|must be owner|not permitted to log in",
     "give the role {user} the store's tables: make it the database's owner (`sudo -u "
     "postgres psql -c 'ALTER DATABASE {database} OWNER TO {user}'`) or grant it rights on "
     "them"),
    (r'role ".*" does not exist',
     "create the role (`sudo -u postgres createuser --pwprompt {user}`) or fix the user "
     "name in INCIDENT_MAP_DB"),
    (r'database ".*" does not exist',
     "create the database (`sudo -u postgres createdb --owner {user} {database}`, then "
     "`sudo -u postgres psql -d {database} -c 'CREATE EXTENSION postgis;'`) or fix its name "
     "in INCIDENT_MAP_DB"),
    (r"connection refused|could not connect|timeout expired|could not translate host|"
     r"no such file or directory|server closed the connection|terminating connection",
     "check that the PostgreSQL server is running at {host}:{port} (`sudo systemctl start "
     "postgresql`) and the host and port in INCIDENT_MAP_DB"),
)
INSUFFICIENT_PRIVILEGE = "42501"  # SQLSTATE of "permission denied"
# tables PostGIS itself creates in the database's schema (geo.store.postgis)
POSTGIS_TABLES = frozenset({"spatial_ref_sys"})


def described(url: sa.URL) -> str:
    """The database as a message names it: the file of a SQLite URL, else the URL without
    its password (and without the driver's name SQLAlchemy added)."""
    if url.get_backend_name() == "sqlite":
        return f"file '{sqlite_file(url)}'"
    shown = url.set(drivername=url.get_backend_name())
    return f"'{shown.render_as_string(hide_password=True)}'"


def sqlite_file(url: sa.URL) -> str:
    """The file of a SQLite URL, also of its URI form ('file:PATH?mode=ro&uri=true')."""
    database = url.database or ""
    if url.query.get("uri") in ("true", "1") and database.startswith("file:"):
        return unquote(database.removeprefix("file:"))
    return database


def refuse_foreign(url: sa.URL, found: set[str]) -> None:
    """A database that holds other tables but no store is another program's: writing the
    store's tables into it would damage it. PostGIS's own table (spatial_ref_sys, there
    when an administrator created the extension first) is not another program's."""
    if url.get_backend_name() == "postgresql":
        found = set(found) - POSTGIS_TABLES
    if found:
        shown = ", ".join(sorted(found)[:6]) + (", ..." if len(found) > 6 else "")
        raise StoreError(f"The database {described(url)} is not an incident map store (it "
                         f"holds other tables: {shown}); choose another file for "
                         f"INCIDENT_MAP_DB; {NOTHING_WRITTEN}")


def sqlite_error(error: BaseException, url: sa.URL) -> StoreError | None:
    """The StoreError for a sqlite3 error; None for one that is not about the file."""
    if not isinstance(error, sqlite3.DatabaseError) or isinstance(
            error, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
        return None
    name = getattr(error, "sqlite_errorname", "") or ""
    primary = next((code for code in SQLITE_ADVICE if name.startswith(code)), None)
    said = str(error).splitlines()[0] if str(error) else name
    if primary is None:
        if name not in ("SQLITE_ERROR", "") or not any(m in said for m in DAMAGE_MESSAGES):
            return None
        state, advice = "is damaged or was changed by another program", DAMAGED[1]
    else:
        state, advice = SQLITE_ADVICE[primary]
    kind = ReadOnlyStoreError if primary == "SQLITE_READONLY" else StoreError
    return kind(f"The database {described(url)} {state} (SQLite says: {said}): {advice}; "
                f"{NOTHING_WRITTEN}")


def server_error(error: BaseException, url: sa.URL) -> StoreError:
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    said = lines[0] if lines else type(error).__name__
    advice = next((advice for pattern, advice in SERVER_ADVICE
                   if re.search(pattern, said, flags=re.IGNORECASE)),
                  "check that it is running and the address and credentials in "
                  "INCIDENT_MAP_DB")
    fields = {"user": url.username or "USER", "database": url.database or "DATABASE",
              "host": url.host or "localhost", "port": url.port or 5432}
    return StoreError(f"The database {described(url)} cannot be reached or used (it says: "
                      f"{said}): {advice.format(**fields)}; {NOTHING_WRITTEN}")


def driver_error(error: BaseException, url: sa.URL, statement: str) -> BaseException:
    """What to raise for an error of the driver's own calls (PostgreSQL's COPY), which
    SQLAlchemy's error event does not see: StoreError when it is about the database, else
    the SQLAlchemy error SQLAlchemy would have raised (IntegrityError for a clash of ids)."""
    import psycopg  # loaded already: it raised `error`

    if _about_the_server(error):
        return server_error(error, url)
    return sa.exc.DBAPIError.instance(statement, None, error, psycopg.Error)


def _about_the_server(error: BaseException) -> bool:
    """A PostgreSQL driver error that is about the server or the role, not the statement."""
    import psycopg  # only asked of errors of PostgreSQL's driver, loaded already

    return isinstance(error, psycopg.OperationalError) or \
        getattr(error, "sqlstate", None) == INSUFFICIENT_PRIVILEGE


def install(engine: sa.Engine) -> None:
    """Every database error of `engine` that is about the database, not about a statement,
    is raised as StoreError."""
    sqlite = engine.dialect.name == "sqlite"

    @event.listens_for(engine, "handle_error")
    def _translate(context):
        original = context.original_exception
        if sqlite:
            translated = sqlite_error(original, engine.url)
        elif isinstance(context.sqlalchemy_exception, sa.exc.OperationalError) or \
                context.is_disconnect or _about_the_server(original):
            translated = server_error(original, engine.url)
        else:
            translated = None
        if translated is not None:
            raise translated from original


@contextmanager
def raw_reads(url: sa.URL):
    """Around reads through the driver's own cursor, which SQLAlchemy's error event does
    not see (geo.store.query.fetch_columns)."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        translated = sqlite_error(error, url)
        if translated is None:
            raise
        raise translated from error
