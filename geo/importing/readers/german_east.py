"""'O' for east in German coordinates: 'Länge: 33° 25′ O', 'Koordinaten: 49° 4′ N, 33° 25′ O'
(Ost), as German maps and Wikipedia write them. French writes 'O' for west (Ouest), so 'O'
is read as east only in a column with a German name; elsewhere it is refused with why
(geo.importing.coordinates).
"""

from __future__ import annotations

import re

from geo.importing.presets.base import normalise_header
from geo.importing.readers.table import RawTable

GERMAN_COLUMNS = ("längengrad", "laengengrad", "länge", "laenge", "geogr_länge",
                  "östliche_länge", "koordinaten", "gps_koordinaten")
# 'O' after a degree value, at the end or before the next half of a pair
OST = re.compile(r"(?<=[\d°º˚'′’\"″”])\s*O\b\.?")


def with_german_east(table: RawTable) -> RawTable:
    for column in table.columns:
        name = normalise_header(column)
        if name not in GERMAN_COLUMNS and not name.startswith("koordinaten_"):
            continue
        cells = table.frame[column]
        has_ost = cells.str.contains(OST, regex=True)
        if has_ost.any():
            table.frame[column] = cells.where(~has_ost, cells.str.replace(OST, " E", regex=True))
    return table
