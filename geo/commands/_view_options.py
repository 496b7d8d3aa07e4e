"""Command-line view options shared by `python -m geo snapshot` and `python -m geo export`:
the date window, layers, filters, extent and database, turned into one loaded view."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re
from dataclasses import dataclass

from geo.analysis.filters import date_extent
from geo.analysis.view import View, incidents_in_view
from geo.commands._store_option import add_db_option, open_store
from geo.errors import FilterError
from geo.render.compose import LAYER_KEYS, check_layer_keys
from geo.render.extents import REGION_NAMES, Extent, parse_bbox, resolve_extent
from geo.schema import CATEGORIES, CLAIM_STATUSES
from geo.settings import Settings
from geo.shipped import read_basemap
from geo.store.sources import read_sources
from geo.viewstate import DEFAULT_PIPELINE_KM, MAX_PIPELINE_KM, ViewState, check_window


@dataclass(frozen=True)
class LoadedView:
    view: View  # the incidents of the view, with every derived column (geo.analysis.view)
    basemap_parts: dict
    extent: Extent

    @property
    def state(self) -> ViewState:
        return self.view.state


def add_view_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", metavar="DATE",
                        help="first day of the window, YYYY-MM-DD (default: earliest incident)")
    parser.add_argument("--to", dest="date_to", metavar="DATE",
                        help="last day of the window, YYYY-MM-DD (default: latest incident)")
    parser.add_argument("--layers", metavar="LIST",
                        help=f"comma-separated layers to draw (default: all: "
                             f"{','.join(LAYER_KEYS)}); 'none' for the basemap only")
    parser.add_argument("--category", metavar="LIST", help="only these categories")
    parser.add_argument("--operator", metavar="LIST",
                        help="only these operator families, as claimed or of the linked "
                             "site (SOCAR also matches 'SOCAR Energy Ukraine'); a comma of a "
                             "name is written \\, ('Naftogaz\\, JSC')")
    parser.add_argument("--claim", metavar="LIST", help="only these claim statuses")
    parser.add_argument("--near-pipeline", metavar="NAME",
                        help="only incidents near this pipeline route (its name on the map)")
    parser.add_argument("--within-km", metavar="KM", default=str(DEFAULT_PIPELINE_KM),
                        help=f"with --near-pipeline: the distance in km (default "
                             f"{DEFAULT_PIPELINE_KM:g})")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--bbox", metavar="W,S,E,N", help="extent in degrees, e.g. 22,44,41,53")
    where.add_argument("--region", metavar="NAME",
                       help=f"named extent: {', '.join(REGION_NAMES)} (default: the incidents in "
                            "the window, with a margin)")
    add_db_option(parser)


def parse_day(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise FilterError(f"{option} '{text}' is not a date; write it as YYYY-MM-DD, "
                          "e.g. 2025-08-08") from error


def _list(text: str | None, option: str) -> tuple[str, ...] | None:
    """'a,b' -> ('a', 'b'); a comma of a value is written '\\,' ('Naftogaz\\, JSC'). An
    option naming nothing ('', ',,': an empty shell variable) is refused: it selected no
    incident, or every layer, without a word."""
    if text is None:
        return None
    values = (v.replace("\\,", ",").strip() for v in re.split(r"(?<!\\),", text))
    found = tuple(v for v in values if v)
    if not found:
        raise FilterError(f"{option} '{text}' names nothing; give one or more values "
                          "separated by commas, or leave the option out for all")
    return found


def _choices(text: str | None, allowed: tuple[str, ...], option: str):
    values = _list(text, option)
    unknown = [v for v in values or () if v not in allowed]
    if unknown:
        raise FilterError(f"{option}: unknown value(s) {', '.join(unknown)}; choose from "
                          f"{', '.join(allowed)}")
    return values


def parse_layers(text: str | None) -> tuple[str, ...]:
    if text is None:
        return LAYER_KEYS
    if text.strip().lower() == "none":
        return ()
    return check_layer_keys(_list(text, "--layers"))


def _km(text: str) -> float:
    """--within-km as a number of km, else refused naming it as written ('1e309' was named
    'inf')."""
    try:
        km = float(text)
    except ValueError:
        km = math.nan
    if not 0 < km <= MAX_PIPELINE_KM:
        raise FilterError(f"--within-km {text} is not a distance over 0 and at most "
                          f"{MAX_PIPELINE_KM:g} km")
    return km


def load_view(args, *, clip_to_extent: bool = False) -> LoadedView:
    """Read the store and shipped layers and apply the options; `clip_to_extent` also
    keeps only incidents inside --bbox/--region (exports), not only draws that extent."""
    date_from = parse_day(args.date_from, "--from")
    date_to = parse_day(args.date_to, "--to")
    layers = parse_layers(args.layers)
    bbox = parse_bbox(args.bbox) if args.bbox else None
    check_window(date_from, date_to, "swap --from and --to")
    settings = Settings.from_env()
    sources = read_sources(open_store(args, settings), settings.data_dir)
    low, high = date_extent(sources.incidents)
    state = ViewState(date_from=date_from or low, date_to=date_to or high, layers=layers,
                      categories=_choices(args.category, CATEGORIES, "--category"),
                      operators=_list(args.operator, "--operator"),
                      claim_statuses=_choices(args.claim, CLAIM_STATUSES, "--claim"),
                      pipeline=args.near_pipeline or "", pipeline_km=_km(args.within_km))
    check_window(state.date_from, state.date_to, "swap --from and --to")
    if args.bbox or args.region:
        extent = resolve_extent(region=args.region, bbox=bbox, sites=sources.sites)
        view = incidents_in_view(state, sources, bbox=extent if clip_to_extent else None)
    else:  # framed on the window's incidents
        view = incidents_in_view(state, sources)
        extent = resolve_extent(sites=sources.sites, incidents=view.plain)
    return LoadedView(view, read_basemap(settings.data_dir), extent)
