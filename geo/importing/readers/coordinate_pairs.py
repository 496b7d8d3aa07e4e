"""A point written as one 'latitude, longitude' cell -> latitude and longitude columns.

OSINT spreadsheets and Google Maps ("What's here?", a pin's copied coordinates) keep a
point in one column: `Coordinates` = "46.4857, 30.7438", "46.4857 30.7438",
"(46.4857, 30.7438)", "46°29′08″N 30°44′37″E", "46,4857; 30,7438", "46,4857 30,7438",
"46.4857 пн. ш., 30.7438 сх. д.". A table without coordinate columns of its own gets
`latitude` and `longitude` split from that column, latitude first (as such cells are
written; hemisphere letters or words put them in their places),
each half then read like any coordinate cell (geo.importing.coordinates). A cell that is
not a pair refuses its row, by number.
"""

from __future__ import annotations

import re

import numpy as np

from geo.importing.columns import FIELDS
from geo.importing.hemisphere_words import with_letters
from geo.importing.presets.base import normalise_header
from geo.importing.readers.table import RawTable

PAIR_HEADERS = ("coordinates", "coordinate", "coords", "coord", "latlon", "lat_lon",
                "lat_long", "latlong", "latlng", "lat_lng", "lat_lon_pair", "gps",
                "gps_coordinates", "position", "point", "координати", "координаты",
                "koordinaten", "gps_koordinaten", "coordonnées", "coordonnees",
                "coordonnées_gps")
PREFIXES = ("coordinates_", "coords_", "координати_", "координаты_", "koordinaten_",
            "coordonnées_")  # 'Coordinates (lat, lon)'
SHOWN_CHARACTERS = 60
NUMBER = r"[-+\u2212]?\d+(?:\.\d+)?"
COMMA_NUMBER = r"[-+\u2212]?\d+,\d+"  # a decimal comma, as Europe writes it
# a half: a number, with a degree sign, minutes, seconds and a hemisphere letter or not
HALF = r"[NSEWnsew]?\s*[-+\u2212]?\d[\d.,°º˚'′’\"″”\s]*?[NSEWnsew]?"
PAIR_PATTERNS = (
    re.compile(r"^([NSEWnsew]\s*[^NSEWnsew]+?)\s*[,;/]?\s*([NSEWnsew]\s*[^NSEWnsew]+)$"),  # N46 E30
    re.compile(rf"^({HALF}?[NSEWnsew])\s*[,;/]?\s*({HALF})$"),  # 46°29′08″N 30°44′37″E
    re.compile(rf"^({HALF})\s*[;/]\s*({HALF})$"),              # 46,4857; 30,7438
    re.compile(rf"^({HALF})\s*,\s+({HALF})$"),                 # 46,48, 30,74 or 46.48, 30.74
    re.compile(rf"^({NUMBER})\s*,\s*({NUMBER})$"),             # 46.4857,30.7438
    re.compile(rf"^({NUMBER})\s+({NUMBER})$"),                 # 46.4857 30.7438
    re.compile(rf"^({COMMA_NUMBER})\s+({COMMA_NUMBER})$"),     # 46,4857 30,7438
)


def split_pair(cell: str) -> tuple[str, str] | None:
    """(latitude text, longitude text) of a pair, None when the cell is not one."""
    text = cell.strip().strip("()[]").strip()
    for pattern in PAIR_PATTERNS:
        found = pattern.match(text)
        if found:
            first, second = found[1].strip(), found[2].strip()
            if re.search(r"[EWew]$|^[EWew]", first) and re.search(r"[NSns]$|^[NSns]", second):
                first, second = second, first
            return first, second
    return None


def _pair_column(table: RawTable) -> str | None:
    for column in table.columns:
        name = normalise_header(column)
        if name in PAIR_HEADERS or name.startswith(PREFIXES):
            return column
    return None


def with_coordinate_pairs(table: RawTable) -> RawTable:
    """The table with latitude/longitude split from its pair column, when it has one and no
    coordinate columns; unchanged when no cell of that column is a pair."""
    headers = {normalise_header(column) for column in table.columns}
    if headers & {*FIELDS["latitude"][1], *FIELDS["longitude"][1]}:
        return table
    column = _pair_column(table)
    if column is None:
        return table
    text = table.frame[column].to_numpy(dtype=object)
    pairs = [split_pair(with_letters(cell)) if cell.strip() else ("", "") for cell in text]
    unreadable = np.array([pair is None for pair in pairs], dtype=bool)
    if unreadable.all() or not any(pair and pair[0] for pair in pairs):
        return table                # a column of other text called 'position' or 'point'
    table.frame["latitude"] = np.array([p[0] if p else "" for p in pairs], dtype=object)
    table.frame["longitude"] = np.array([p[1] if p else "" for p in pairs], dtype=object)
    table.derived.update(latitude=(column,), longitude=(column,))
    table.notes.append(f"Latitude and longitude read from the column '{column}' (latitude "
                       "first, as such pairs are written)")
    for row, cell in zip(table.frame.index[unreadable], text[unreadable], strict=True):
        table.row_problems.setdefault(int(row), []).append(
            f"Row {row}: {column} '{cell.strip()[:SHOWN_CHARACTERS]}' is not a latitude, "
            "longitude pair; write it as 46.4857, 30.7438")
    return table
