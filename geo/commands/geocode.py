"""`python -m geo geocode IN.csv -o OUT.csv [--place-column COL]`: add points to place names.

Offline: the gazetteer index is built on first use (about a minute, with progress on
stderr; `python -m geo gazetteer build` does it ahead) and cached in INCIDENT_MAP_CACHE.
Columns not named (the place names; country, admin1, admin2) are found by their headers, as
the Import page finds columns, and stderr says which were taken: a raion column such as
ACLED's `admin2` or UCDP's `adm_2` settles most namesakes a region leaves open (the UCDP
dev set: 7.7% ambiguous with the region alone, 2.3% with the raion). `--no-guess` uses only
the columns named.
Rows that already have both latitude and longitude keep them and get geocode_status 'given'
and geocode_precision 'unknown' (the file states no precision for them).
Cells a spreadsheet would run as a formula are neutralised in the output
(geo.sharing.csv_safety), the input's columns included.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from geo.errors import GeocodeError
from geo.geocoding.geocoder import load_geocoder
from geo.geocoding.online import geocode_online
from geo.importing.columns import FIELDS, listed_columns
from geo.importing.presets.base import normalise_header
from geo.importing.readers.dispatch import read_file
from geo.importing.readers.table import read_path
from geo.settings import Settings
from geo.sharing.csv_safety import neutralise_formulas
from geo.sharing.output import write_whole

NAME = "geocode"
HELP = ("add latitude, longitude and geocode_status/precision/match/candidates to a CSV of "
        "place names, offline")
ADDED = ("latitude", "longitude", "geocode_status", "geocode_precision", "geocode_match",
         "geocode_candidates", "geocode_note")
# option -> header names that mean it, most specific first
COLUMN_HEADERS = {"place_column": FIELDS["place"][1] + ("where_coordinates", "town_city"),
                "country_column": FIELDS["country"][1],
                "admin1_column": FIELDS["admin1"][1],
                "admin2_column": FIELDS["admin2"][1]}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", type=Path, help="CSV file with a column of place names")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="CSV to write: the input columns plus " + ", ".join(ADDED))
    parser.add_argument("--place-column", metavar="COL",
                        help="column with the place names, e.g. 'place'; found by its header "
                             "(place, location, where_coordinates, town...) if not named")
    parser.add_argument("--country-column", metavar="COL",
                        help="column with each row's country (ISO2, ISO3 or name); found "
                             "by its header if not named")
    parser.add_argument("--admin1-column", metavar="COL",
                        help="column with each row's first-level region (oblast, region); "
                             "found by its header if not named")
    parser.add_argument("--admin2-column", metavar="COL",
                        help="column with each row's raion or district (before or after the "
                             "2020 reform); it narrows namesakes; found by its header if not "
                             "named")
    parser.add_argument("--no-guess", action="store_true",
                        help="use only the columns named, not those found by their headers "
                             "(admin1, adm_1, region, admin2, adm_2, raion, district, "
                             "country...)")
    parser.add_argument("--country", metavar="ISO2",
                        help="country preferred for rows without one, e.g. UA")
    parser.add_argument("--online", action="store_true",
                        help="also ask OpenStreetMap Nominatim (internet, 1 name a second) "
                             "for names the offline gazetteer cannot place; off by default")


def run(args: argparse.Namespace) -> int:
    frame = _read(args.input)
    if not args.no_guess:
        _guess_columns(args, frame.columns)
    if args.place_column is None:
        raise GeocodeError(f"No column of place names found in '{args.input}' (columns: "
                           f"{listed_columns(frame.columns)}); name it with "
                           "--place-column")
    for option in COLUMN_HEADERS:
        column = getattr(args, option)
        if column is not None and column not in frame.columns:
            raise GeocodeError(f"Missing column '{column}' (--{option.replace('_', '-')}) in "
                               f"'{args.input}'; found: {listed_columns(frame.columns)}")
    geocoder = load_geocoder(Settings.from_env())
    country = geocoder.index.country_code(args.country) if args.country else None
    if args.country and country is None:
        raise GeocodeError(f"Unknown country '{args.country}' (--country); give an ISO2 code "
                           "such as UA or a country name such as Ukraine")
    found = geocoder.geocode_column(
        frame[args.place_column],
        country=frame[args.country_column] if args.country_column else None,
        admin1=frame[args.admin1_column] if args.admin1_column else None,
        admin2=frame[args.admin2_column] if args.admin2_column else None,
        default_country=country)
    if args.online:
        print("asking Nominatim online for names not found offline (1 a second)…",
              file=sys.stderr)
        found = geocode_online(found, frame[args.place_column])
    out = frame.copy()
    for column in ADDED:
        out[column] = found[column].to_numpy()
    given = _given_points(frame)
    if given is not None and given.any():
        for column in ("latitude", "longitude"):
            out.loc[given, column] = pd.to_numeric(frame.loc[given, column])
        out.loc[given, "geocode_note"] = ("coordinates from the file; the name alone gives: "
                                          + found.loc[given, "geocode_match"].astype(str))
        out.loc[given, "geocode_status"] = "given"
        out.loc[given, "geocode_precision"] = "unknown"   # the file states none for its points
    _write(out, args.output)
    counts = out["geocode_status"].value_counts()
    print(f"geocoded {len(out):,} rows into '{args.output}': "
          + ", ".join(f"{n:,} {status}" for status, n in counts.items()), file=sys.stderr)
    return 0


def _guess_columns(args: argparse.Namespace, columns) -> None:
    """Fill each column not named (the places', then their hints') with the file's column of
    a known header, and say so."""
    by_header: dict[str, str] = {}
    for column in columns:
        by_header.setdefault(normalise_header(column), column)
    taken = {getattr(args, option) for option in COLUMN_HEADERS}
    guessed = []
    for option, headers in COLUMN_HEADERS.items():
        if getattr(args, option) is not None:
            continue
        found = next((by_header[h] for h in headers
                      if h in by_header and by_header[h] not in taken), None)
        if found is not None:
            setattr(args, option, found)
            taken.add(found)
            guessed.append(f"--{option.replace('_', '-')} '{found}'")
    if guessed:
        print(f"using the columns found by their headers: {', '.join(guessed)} "
              "(name others, or give --no-guess to use only those named)", file=sys.stderr)


def _read(path: Path) -> pd.DataFrame:
    return read_file(read_path(path), path.name, one_column=True).frame.reset_index(drop=True)


def _given_points(frame: pd.DataFrame) -> pd.Series | None:
    """Rows whose own latitude and longitude are both numbers (None: no such columns)."""
    if not {"latitude", "longitude"} <= set(frame.columns):
        return None
    lat = pd.to_numeric(frame["latitude"], errors="coerce")
    lon = pd.to_numeric(frame["longitude"], errors="coerce")
    return lat.notna() & lon.notna()


def _write(frame: pd.DataFrame, path: Path) -> None:
    data = neutralise_formulas(frame).to_csv(index=False).encode("utf-8")
    write_whole(path, data, advice="choose a writable folder with -o")
