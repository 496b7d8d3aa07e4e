"""`python -m geo query --from 2025-08-01 --to 2025-08-31 --bbox 22,44,41,53`: the incidents
in a date window and box, filtered in SQL by the store's indexes (IncidentStore.query).

Prints how many there are and a short table (long values cut for the listing only:
geo.commands._listing), or writes every column to a CSV (-o), with
cells a spreadsheet would run as formulas neutralised (geo.sharing.csv_safety).
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from geo.commands._listing import cut_note, listing
from geo.commands._store_option import add_db_option, open_store
from geo.errors import FilterError
from geo.render.extents import parse_bbox
from geo.settings import Settings
from geo.sharing.csv_safety import neutralise_formulas
from geo.sharing.output import write_whole
from geo.viewstate import ViewFilter

NAME = "query"
HELP = "list or export the incidents in a date window and bounding box (filtered in SQL)"
SHOWN = ("incident_id", "date_start", "date_end", "category", "place", "latitude",
         "longitude", "claim_status")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date YYYY-MM-DD") from error


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD",
                        help="first day of the window")
    parser.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD",
                        help="last day of the window")
    parser.add_argument("--bbox", metavar="W,S,E,N", help="box in degrees, e.g. 22,44,41,53")
    parser.add_argument("--category", action="append", metavar="NAME",
                        help="only this category (repeatable)")
    parser.add_argument("-o", "--output", type=Path, metavar="CSV",
                        help="write every column of the incidents found to this CSV")
    parser.add_argument("--limit", type=int, default=20, help="rows to print (default 20)")
    add_db_option(parser)


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    store = open_store(args, settings)
    view = ViewFilter(date_from=args.date_from, date_to=args.date_to,
                      bbox=parse_bbox(args.bbox) if args.bbox else None,
                      categories=tuple(args.category) if args.category else None)
    if args.output is not None and not args.output.parent.is_dir():
        raise FilterError(f"The folder of '{args.output}' does not exist; create it first")
    if args.limit < 0:
        raise FilterError(f"--limit {args.limit} is not a number of rows; give 0 or more")
    start = time.perf_counter()
    found = store.query(view)
    elapsed = time.perf_counter() - start
    print(f"{len(found):,} incident(s) in view ({elapsed * 1000:.0f} ms)")
    if args.output is not None:
        write_whole(args.output, neutralise_formulas(found).to_csv(index=False).encode("utf-8"))
        print(f"written to {args.output}")
    elif len(found):
        table = found.sort_values("date_start")[list(SHOWN)].head(args.limit)
        text, cut = listing(table.assign(date_start=table["date_start"].dt.date,
                                         date_end=table["date_end"].dt.date))
        print(text)
        if cut:
            print(cut_note("-o FILE.csv writes them whole"))
    return 0
