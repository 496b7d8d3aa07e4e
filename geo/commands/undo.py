"""`python -m geo undo BATCH_ID`: remove every incident an import batch added."""

from __future__ import annotations

import argparse

from geo.commands._store_option import add_db_option, open_store
from geo.settings import Settings

NAME = "undo"
HELP = "remove every incident of one import batch (see `python -m geo batches` for ids)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("batch_id", help="the batch to undo, e.g. 20250808T143012Z-3f9a1c")
    add_db_option(parser)


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    removed = open_store(args, settings).undo_batch(args.batch_id)
    print(f"Undid batch {args.batch_id}: {removed:,} incident(s) removed")
    return 0
