"""`python -m geo batches`: the import batches, newest first, with what each one did."""

from __future__ import annotations

import argparse

import pandas as pd

from geo.commands._listing import cut_note, listing
from geo.commands._store_option import add_db_option, open_store
from geo.settings import Settings

NAME = "batches"
HELP = "list import batches (id, time, file, rows added, updated, skipped, rejected, undone)"
COLUMNS = {"batch_id": "batch", "created_at": "imported (UTC)", "file_name": "file",
           "preset": "preset", "row_count": "added", "updated_count": "updated",
           "skipped_count": "skipped",
           "rejected_count": "rejected", "undone_at": "undone (UTC)"}


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)


def _when(values: pd.Series) -> pd.Series:
    stamps = pd.to_datetime(values)
    return stamps.dt.strftime("%Y-%m-%d %H:%M").fillna("")


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    batches = open_store(args, settings).batches_frame()
    table = batches[list(COLUMNS)].assign(created_at=_when(batches["created_at"]),
                                          undone_at=_when(batches["undone_at"]))
    text, cut = listing(table.rename(columns=COLUMNS))
    print(text)
    if cut:
        print(cut_note("the Import page lists the batches whole"))
    return 0
