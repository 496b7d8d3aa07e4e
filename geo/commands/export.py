"""`python -m geo export -o OUT.geojson|csv|gpkg|kml|parquet`: the incidents of one view."""

from __future__ import annotations

from pathlib import Path

from geo.commands._view_options import add_view_arguments, load_view
from geo.sharing.citation import data_version
from geo.sharing.exports import EXPORT_FORMATS, format_from_path, write_export

NAME = "export"
HELP = "Write the incidents of a view to GeoJSON, CSV, GeoPackage, KML or GeoParquet"


def configure(parser) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path,
                        help=f"file to write; its suffix picks the format "
                             f"({', '.join('.' + f for f in EXPORT_FORMATS)})")
    add_view_arguments(parser)


def run(args) -> int:
    format_from_path(args.output)  # fail before reading any data
    loaded = load_view(args, clip_to_extent=True)
    view = loaded.view
    rows = write_export(view.incidents, args.output)
    print(f"Wrote {args.output}: {rows} incident(s), {len(view.unmapped)} without coordinates "
          f"(country level); data version {data_version(view.incidents)}.")
    return 0
