"""`python -m geo export -o OUT.geojson|csv|gpkg|kml`: the incidents of one view."""

from __future__ import annotations

from pathlib import Path

from geo.exports import EXPORT_FORMATS, format_from_path, write_export
from geo.settings import Settings
from geo.snapshot_meta import data_version
from geo.snapshot_options import add_view_arguments, load_view, open_store
from geo.thermal_store import with_corroboration

NAME = "export"
HELP = "Write the incidents of a view to GeoJSON, CSV, GeoPackage or KML"


def configure(parser) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path,
                        help=f"file to write; its suffix picks the format "
                             f"({', '.join('.' + f for f in EXPORT_FORMATS)})")
    add_view_arguments(parser)


def run(args) -> int:
    format_from_path(args.output)  # fail before reading any data
    loaded = load_view(args, clip_to_extent=True)
    view = with_corroboration(loaded.view, open_store(args, Settings.from_env()))
    rows = write_export(view, args.output)
    unmapped = int((loaded.view["latitude"].isna() | loaded.view["longitude"].isna()).sum())
    print(f"Wrote {args.output}: {rows} incident(s), {unmapped} without coordinates "
          f"(country level); data version {data_version(loaded.view)}.")
    return 0
