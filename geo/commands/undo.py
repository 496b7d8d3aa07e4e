"""`python -m geo undo BATCH_ID`: remove every incident an import batch added."""

from __future__ import annotations

import argparse

from geo.access.actor import command_line_actor
from geo.access.names import name_problems
from geo.commands._store_option import add_by_option, add_db_option, open_store
from geo.errors import ValidationError
from geo.settings import Settings

NAME = "undo"
HELP = "remove every incident of one import batch (see `python -m geo batches` for ids)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("batch_id", help="the batch to undo, e.g. 20250808T143012Z-3f9a1c")
    add_by_option(parser)
    add_db_option(parser)


def run(args: argparse.Namespace) -> int:
    person = command_line_actor(args.changed_by)
    problems = name_problems(person.name, "--by")
    if problems:
        raise ValidationError(problems, summary="Nothing was undone")
    settings = Settings.from_env()
    removed = open_store(args, settings).undo_batch(args.batch_id, undone_by=person.name,
                                                    undone_from=person.origin)
    print(f"Undid batch {args.batch_id}: {removed:,} incident(s) removed")
    return 0
