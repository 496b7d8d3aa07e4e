"""`python -m geo undo BATCH_ID`: remove every incident an import batch added."""

from __future__ import annotations

import argparse

from geo.settings import Settings, database_url_from
from geo.store import IncidentStore

NAME = "undo"
HELP = "remove every incident of one import batch (see `python -m geo batches` for ids)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("batch_id", help="the batch to undo, e.g. 20250808T143012Z-3f9a1c")
    parser.add_argument("--db", metavar="URL",
                        help="database file or SQLAlchemy URL (default: INCIDENT_MAP_DB)")


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    url = database_url_from(args.db) if args.db else settings.database_url
    removed = IncidentStore.open(url, settings.data_dir).undo_batch(args.batch_id)
    print(f"Undid batch {args.batch_id}: {removed:,} incident(s) removed")
    return 0
