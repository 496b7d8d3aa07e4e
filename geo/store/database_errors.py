"""What the store says when its database cannot be used: the database's own errors (a
damaged, locked, read-only or missing SQLite file, an unreachable server) become one
StoreError that names the database and what to do, on every page and command alike.

`install(engine)` hooks SQLAlchemy's error event, so every statement anywhere in the store
is covered; the transaction the error ended has been rolled back, so "nothing was
written" holds. Integrity and programming errors are left alone: the first are handled
where they can happen (an import's ids), the second are bugs and must surface.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import event

from geo.errors import StoreError

NOTHING_WRITTEN = "nothing was written"
DAMAGED = ("is damaged", "restore it from a backup")
LOCKED = ("is locked by another program", "close the other program, or wait for its import "
          "to end, and try again")
REFUSED = ("may not be opened", "check the file's permissions")
# SQLite's primary result codes (sqlite3 error names) -> what it means and what to do
SQLITE_ADVICE = {
    "SQLITE_NOTADB": DAMAGED,
    "SQLITE_CORRUPT": DAMAGED,
    "SQLITE_READONLY": ("is read-only", "make the file and its folder writable, or copy it "
                        "to a writable folder and point INCIDENT_MAP_DB there"),
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


def described(url: sa.URL) -> str:
    """The database as a message names it: the file of a SQLite URL, else the URL without
    its password."""
    if url.get_backend_name() == "sqlite":
        return f"file '{url.database}'"
    return f"'{url.render_as_string(hide_password=True)}'"


def refuse_foreign(url: sa.URL, found: set[str]) -> None:
    """A database that holds other tables but no store is another program's: writing the
    store's tables into it would damage it."""
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
    return StoreError(f"The database {described(url)} {state} (SQLite says: {said}): "
                      f"{advice}; {NOTHING_WRITTEN}")


def server_error(error: BaseException, url: sa.URL) -> StoreError:
    said = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return StoreError(f"The database {described(url)} cannot be reached or used (it says: "
                      f"{said}); check that it is running and the address and credentials "
                      f"in INCIDENT_MAP_DB; {NOTHING_WRITTEN}")


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
                context.is_disconnect:
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
