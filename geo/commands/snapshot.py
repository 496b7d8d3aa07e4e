"""`python -m geo snapshot -o OUT.png|svg|html`: a citable map of one view, offline."""

from __future__ import annotations

from pathlib import Path

from geo.commands._view_options import add_view_arguments, load_view
from geo.geocoding.geocoder import load_geocoder
from geo.settings import Settings
from geo.sharing.citation import MAX_TITLE_CHARS, check_title, count_sentence
from geo.sharing.files import SNAPSHOT_FORMATS, check_snapshot_format, write_snapshot
from geo.sharing.snapshot import parse_size, places_for, prepare_view

NAME = "snapshot"
HELP = "Draw the map of a view to PNG, SVG or standalone HTML (no network needed)"


def configure(parser) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path,
                        help=f"file to write; its suffix picks the format "
                             f"({', '.join('.' + f for f in SNAPSHOT_FORMATS)})")
    add_view_arguments(parser)
    parser.add_argument("--title", default="", help="title printed on the snapshot (at most "
                                                    f"{MAX_TITLE_CHARS} characters)")
    parser.add_argument("--size", default="default",
                        help="'default' (1600x1000 px), 'print' (A4 landscape, 300 dpi) or "
                             "WIDTHxHEIGHT in pixels (PNG/SVG only)")


def _gazetteer():
    return load_geocoder(Settings.from_env()).index


def run(args) -> int:
    fmt = check_snapshot_format(args.output.suffix)  # fail before reading any data
    check_title(args.title, "--title")
    size = parse_size(args.size)
    loaded = load_view(args)
    view = loaded.view
    snapshot = prepare_view(state=view.state, view=view.incidents, sites=view.sites,
                            pipeline_routes=view.sources.routes,
                            basemap_parts=loaded.basemap_parts, extent=loaded.extent,
                            title=args.title,
                            places=places_for(loaded.extent, fmt, _gazetteer))
    write_snapshot(snapshot, args.output, size)
    citation = snapshot.citation()
    print(f"Wrote {args.output}: {count_sentence(citation)} Data version "
          f"{citation.data_version}.")
    return 0
