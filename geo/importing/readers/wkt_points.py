"""A point written as WKT in a table's column -> latitude and longitude.

Google My Maps's CSV export is `WKT,name,description` ("POINT (30.7438 46.4857)", x before
y: longitude first); QGIS and PostGIS tables write `WKT`, `wkt_geom` or `geom_wkt`. A table
without coordinate columns of its own gets `latitude` and `longitude` from that column (a
line or area at a point inside it, as for map files), instead of its rows being looked up
by name and the file's own points lost. PostGIS's EWKT and hex EWKB are read too
(geo.importing.readers.postgis_cells). A cell that is not WKT refuses its row, by number.
"""

from __future__ import annotations

import numpy as np

from geo.importing.columns import FIELDS
from geo.importing.presets.base import normalise_header
from geo.importing.readers.features import coordinate_text, points_of, shapes_note
from geo.importing.readers.postgis_cells import geometry_cells
from geo.importing.readers.table import RawTable

WKT_HEADERS = ("wkt", "wkt_geom", "geom_wkt", "geometry_wkt", "the_geom", "geometry", "geom")
SHOWN_CHARACTERS = 60


def _coordinate_headers() -> set[str]:
    return {*FIELDS["latitude"][1], *FIELDS["longitude"][1]}


def with_wkt_points(table: RawTable) -> RawTable:
    """The table with latitude/longitude read from its WKT column, when it has one and no
    coordinate columns; unchanged when no cell of that column is WKT."""
    import shapely

    headers = {normalise_header(column): column for column in table.columns}
    if _coordinate_headers() & set(headers):
        return table
    column = next((headers[name] for name in WKT_HEADERS if name in headers), None)
    if column is None:
        return table
    text = table.frame[column].to_numpy(dtype=object)
    given = np.array([bool(cell.strip()) for cell in text], dtype=bool)
    shapes, other_systems = geometry_cells(text)
    unreadable = given & shapely.is_missing(shapes)
    if not (given & ~unreadable).any() and not other_systems:
        return table          # a column of other text that happens to be called 'geometry'
    lat, lon, lines_or_areas = points_of(shapes)
    table.frame["latitude"] = coordinate_text(lat)
    table.frame["longitude"] = coordinate_text(lon)
    table.derived.update(latitude=(column,), longitude=(column,))
    table.notes.append(f"Points read from the WKT of the column '{column}' (longitude first, "
                       "as WKT writes it)")
    if lines_or_areas:
        table.notes.append(shapes_note(lines_or_areas, table.unit))
    for position in np.flatnonzero(unreadable):
        row, cell = int(table.frame.index[position]), text[position].strip()
        why = other_systems.get(int(position)) or (
            "is not a WKT geometry; write it as POINT (longitude latitude), e.g. "
            "POINT (30.7438 46.4857)")
        table.row_problems.setdefault(row, []).append(
            f"Row {row}: {column} '{cell[:SHOWN_CHARACTERS]}' {why}")
    return table
