"""Command-line view options shared by `python -m geo snapshot` and `python -m geo export`:
the date window, layers, filters, extent and database, turned into one loaded view."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass, replace

import geopandas as gpd
import pandas as pd

from geo.cli_store import add_db_option, open_store
from geo.errors import FilterError
from geo.filters import apply_filter, date_extent
from geo.mapview import LAYER_KEYS, check_layer_keys
from geo.network import within_km_of
from geo.operators import sites_of_operators
from geo.regions import REGION_NAMES, Extent, parse_bbox, resolve_extent
from geo.schema import CATEGORIES, CLAIM_STATUSES
from geo.settings import Settings
from geo.shipped import read_basemap, read_pipelines
from geo.site_history import with_site_columns
from geo.thermal_store import with_corroboration
from geo.viewstate import DEFAULT_PIPELINE_KM, MAX_PIPELINE_KM, ViewState


@dataclass(frozen=True)
class LoadedView:
    state: ViewState
    view: pd.DataFrame  # incidents in the window and filters
    sites: pd.DataFrame
    pipeline_routes: gpd.GeoDataFrame
    basemap_parts: dict
    extent: Extent


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
                             "site (SOCAR also matches 'SOCAR Energy Ukraine')")
    parser.add_argument("--claim", metavar="LIST", help="only these claim statuses")
    parser.add_argument("--near-pipeline", metavar="NAME",
                        help="only incidents near this pipeline route (its name on the map)")
    parser.add_argument("--within-km", metavar="KM", type=float, default=DEFAULT_PIPELINE_KM,
                        help=f"with --near-pipeline: the distance in km (default "
                             f"{DEFAULT_PIPELINE_KM:g})")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--bbox", metavar="W,S,E,N", help="extent in degrees, e.g. 22,44,41,53")
    where.add_argument("--region", metavar="NAME",
                       help=f"named extent: {', '.join(REGION_NAMES)} (default: story)")
    add_db_option(parser)


def parse_day(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise FilterError(f"{option} '{text}' is not a date; write it as YYYY-MM-DD, "
                          "e.g. 2025-08-08") from error


def _list(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(v.strip() for v in text.split(",") if v.strip())


def _choices(text: str | None, allowed: tuple[str, ...], option: str):
    values = _list(text)
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
    return check_layer_keys(_list(text))


def load_view(args, *, clip_to_extent: bool = False) -> LoadedView:
    """Read the store and shipped layers and apply the options; `clip_to_extent` also
    keeps only incidents inside --bbox/--region (exports), not only draws that extent."""
    date_from = parse_day(args.date_from, "--from")
    date_to = parse_day(args.date_to, "--to")
    layers = parse_layers(args.layers)
    bbox = parse_bbox(args.bbox) if args.bbox else None
    settings = Settings.from_env()
    store = open_store(args, settings)
    sites = store.sites_frame()
    incidents = with_site_columns(store.incidents_frame(), sites)  # linked site name, operator
    low, high = date_extent(incidents)
    state = ViewState(date_from=date_from or low, date_to=date_to or high, layers=layers,
                      categories=_choices(args.category, CATEGORIES, "--category"),
                      operators=_list(args.operator),
                      claim_statuses=_choices(args.claim, CLAIM_STATUSES, "--claim"),
                      pipeline=args.near_pipeline or "", pipeline_km=args.within_km)
    if state.date_to < state.date_from:
        raise FilterError(f"The window ends ({state.date_to}) before it starts "
                          f"({state.date_from}); swap --from and --to")
    extent = resolve_extent(region=args.region, bbox=bbox, sites=sites)
    view_filter = state.view_filter()
    if clip_to_extent and (args.bbox or args.region):
        view_filter = replace(view_filter, bbox=extent)
    view = apply_filter(incidents, view_filter)
    routes = read_pipelines(settings.data_dir)
    if state.pipeline:
        if not 0 < state.pipeline_km <= MAX_PIPELINE_KM:
            raise FilterError(f"--within-km {state.pipeline_km:g} is not a distance between 0 "
                              f"and {MAX_PIPELINE_KM:g} km")
        view = view.loc[within_km_of(routes, state.pipeline, view["latitude"],
                                     view["longitude"], state.pipeline_km)]
    view = with_corroboration(view, store)
    return LoadedView(state, view, sites_of_operators(sites, state.operators), routes,
                      read_basemap(settings.data_dir), extent)
