"""The --db option of every command that reads or writes the store (geo/commands/), and
the store it names."""

from __future__ import annotations

import argparse

from geo.errors import ConfigError
from geo.settings import Settings, database_url_from
from geo.store.incident_store import IncidentStore


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL",
                        help="database file or SQLAlchemy URL (default: INCIDENT_MAP_DB)")


def add_by_option(parser: argparse.ArgumentParser) -> None:
    """--by of the verbs that write: who is recorded (default: the account running it)."""
    parser.add_argument("--by", dest="changed_by", metavar="NAME",
                        help="who makes this change, recorded with it (default: the "
                             "account running the command)")


def open_store(args: argparse.Namespace, settings: Settings) -> IncidentStore:
    if args.db is not None and not args.db.strip():  # `--db "$DB"` with DB unset
        raise ConfigError("--db is empty; give a database file or URL, or leave --db out to "
                          "use INCIDENT_MAP_DB (or the default store)")
    url = database_url_from(args.db, "--db") if args.db else settings.database_url
    return IncidentStore.open(url, settings.data_dir)
