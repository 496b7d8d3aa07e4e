"""`python -m geo import FILE`: check a file (CSV/TSV, Excel, GeoJSON, KML/KMZ, GeoPackage,
GeoParquet, GPX, JSON records) and store its rows as one import batch.

Prints the summary (added, duplicates, held for review, rejected with reasons). Exits 2
when the file cannot be used at all (empty, binary, no date column, ...), 1 when it was read
but no row could be imported because rows were rejected or held, 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.access.actor import command_line_actor
from geo.access.names import name_problems
from geo.commands._store_option import add_by_option, add_db_option, open_store
from geo.errors import ValidationError
from geo.importing.pipeline import ImportOptions, import_path
from geo.importing.presets.registry import PRESETS, describe_presets
from geo.schema import CATEGORIES
from geo.settings import Settings

NAME = "import"
HELP = ("check an incident file (CSV/TSV, Excel, GeoJSON, KML/KMZ, GeoPackage, GeoParquet, "
        "GPX, JSON: the template, an ACLED, NASA FIRMS, UCDP GED, GDELT, TimeMap or CIR "
        "monitor map export, or any table "
        "with a date and coordinates or place names) and store its rows as one batch")
LIST = "list"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, nargs="?",
                        help="the file to import (its format is found from its content)")
    parser.add_argument("--preset", choices=[*PRESETS, LIST], metavar="PRESET",
                        help="how to read the columns, default: detected from them; one of "
                             f"{', '.join(PRESETS)}; '--preset list' describes each")
    parser.add_argument("--dry-run", action="store_true",
                        help="check and report only; write nothing")
    add_db_option(parser)
    add_by_option(parser)
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--day-first", dest="day_first", action="store_true", default=None,
                       help="read 08/09/2025 as 8 September (default: as the file's dates "
                            "show, else the source's own order, else day first)")
    order.add_argument("--month-first", dest="day_first", action="store_false",
                       help="read 08/09/2025 as August 9")
    parser.add_argument("--keep-duplicates", action="store_true",
                        help="also store rows that duplicate a stored incident or another row")
    parser.add_argument("--include-review", action="store_true",
                        help="also store rows held for review (ambiguous place names take the "
                             "best guess; dates in the future are kept)")
    parser.add_argument("--swap-coordinates", action="store_true",
                        help="the file's latitude and longitude columns are swapped")
    parser.add_argument("--country", metavar="ISO2",
                        help="country preferred when looking up place names, e.g. UA")
    parser.add_argument("--category", choices=CATEGORIES, metavar="CATEGORY",
                        help="category of rows whose file states none (default: other; one "
                             f"of {', '.join(CATEGORIES)})")
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                        help="read FIELD from COLUMN (e.g. --map date_start=Datum); "
                             "FIELD= leaves it unread")
    parser.add_argument("--progress", action="store_true",
                        help="report progress on stderr")


def _mapping(pairs: list[str]) -> dict[str, str | None]:
    mapping, problems = {}, []
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip():
            problems.append(f"--map '{pair}' is not FIELD=COLUMN; e.g. --map date_start=Datum")
        mapping[field.strip()] = column.strip() or None
    if problems:
        raise ValidationError(problems, summary="Bad --map option")
    return mapping


def _geocoder(settings: Settings):
    """The offline geocoder, for rows that name a place without coordinates."""
    from geo.geocoding.geocoder import load_geocoder  # not loaded when every row has a point

    return load_geocoder(settings)


def _report(fraction: float, message: str) -> None:
    print(f"progress {fraction:.2f} {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    if args.preset == LIST:
        print(describe_presets())
        return 0
    if args.file is None:
        raise ValidationError(["Give the file to import: python -m geo import FILE"],
                              summary="No file given")
    person = command_line_actor(args.changed_by)
    problems = name_problems(person.name, "--by")
    if problems:
        raise ValidationError(problems, summary="Nothing was imported")
    settings = Settings.from_env()
    store = open_store(args, settings)
    options = ImportOptions(preset=args.preset, mapping=_mapping(args.map) or None,
                            day_first=args.day_first, swap_coordinates=args.swap_coordinates,
                            keep_duplicates=args.keep_duplicates,
                            include_review=args.include_review, default_country=args.country,
                            defaults={"category": args.category} if args.category else {})
    result = import_path(args.file, store, options, geocoder=lambda: _geocoder(settings),
                         dry_run=args.dry_run, progress=_report if args.progress else None,
                         imported_by=person.name, imported_from=person.origin)
    print(result.summary())
    if result.added == 0 and (result.rejected or result.held_back):
        print("Nothing was imported: fix the rows listed above, or use the Import page to "
              "review them.", file=sys.stderr)
        return 1
    return 0
