"""Geometry cells as PostGIS and the tools built on it write them, beside plain WKT: EWKT
('SRID=4326;POINT(30.7438 46.4857)', ST_AsEWKT, QGIS's EWKT export) and hex EWKB
('0101000020E6100000...', what a geometry column becomes in a CSV exported from PostgreSQL,
Supabase or Metabase). Both were refused as 'not a WKT geometry'. A geometry in another
reference system than longitude/latitude degrees (SRID 3857, a UTM zone) is refused on its
row by its SRID: its numbers are metres, not degrees.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

EWKT = re.compile(r"\s*SRID=(\d+);(.*)", re.IGNORECASE | re.DOTALL)
HEX_WKB = re.compile(r"(?:[0-9A-Fa-f]{2}){21,}")  # a point is 21 bytes, 25 with its SRID
DEGREES = (0, 4326)  # no SRID, or WGS 84


def _shape(cell: str):
    """(shape or None, why it is not read: '' when it is, or it is no geometry at all)."""
    import shapely

    cell = cell.strip()
    srid, text = 0, cell
    ewkt = EWKT.fullmatch(cell)
    if ewkt:
        srid, text = int(ewkt.group(1)), ewkt.group(2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # GEOS on a cell that is no WKT
        if HEX_WKB.fullmatch(text):
            shape = shapely.from_wkb(text, on_invalid="ignore")
            srid = int(shapely.get_srid(shape)) if shape is not None else 0
        else:
            shape = shapely.from_wkt(text, on_invalid="ignore")
    if shape is not None and srid not in DEGREES:
        return None, (f"is in the reference system EPSG:{srid}, not longitude and latitude "
                      "degrees; export it in EPSG:4326 (WGS 84)")
    return shape, ""


def geometry_cells(text: np.ndarray) -> tuple[np.ndarray, dict[int, str]]:
    """The shape of each cell (None where none is read) and, by position, why a geometry in
    another reference system is not read."""
    found, distinct = pd.factorize(pd.Series(text, dtype=object).fillna(""))
    parsed = [_shape(cell) if cell.strip() else (None, "") for cell in distinct]
    shapes = np.array([shape for shape, _ in parsed], dtype=object)[found]
    reasons = {position: parsed[code][1] for position, code in enumerate(found)
               if parsed[code][1]}
    return shapes, reasons
