"""Whether a GeoJSON geometry is one RFC 7946 defines: one of its seven types, its
coordinates positions of numbers nested as the type says. GDAL reads any other as no
shape at all, so the feature's point was lost and the row refused for 'no coordinates',
or placed by its place name somewhere else, without a word of the shape written."""

from __future__ import annotations

from itertools import chain

from geo.importing.readers.json_document import Written

# how deep a type's coordinates nest positions: a Point is one, a LineString a list of them
DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "Polygon": 2, "MultiLineString": 2,
         "MultiPolygon": 3}
SHOWN_CHARS = 60


# as json parses them, and a number it keeps as written (NaN, 1e309: an altitude so written
# refused the file); true and false are no coordinate
NUMBERS = {int, float, Written}


def _is_position(value) -> bool:
    return isinstance(value, list) and len(value) >= 2 and set(map(type, value)) <= NUMBERS


def _is_line(value) -> bool:
    """A list of positions, looked at in C's loops (a ring of 10^6 vertices: 0.1 s)."""
    return (isinstance(value, list) and set(map(type, value)) <= {list}
            and (not value or min(map(len, value)) >= 2)
            and set(map(type, chain.from_iterable(value))) <= NUMBERS)


def _positions_ok(value, depth: int) -> bool:
    if depth == 0:
        return _is_position(value)
    if depth == 1:
        return _is_line(value)
    # an empty list is an empty shape (RFC 7946, 3.1): read as no point, and said so
    return isinstance(value, list) and all(_positions_ok(v, depth - 1) for v in value)


def _cut(value) -> str:
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def geometry_problem(geometry) -> str | None:
    """What makes `geometry` (a feature's geometry object) no GeoJSON shape; None when it
    is one (or null)."""
    if geometry is None:
        return None
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        members = geometry.get("geometries")
        if not isinstance(members, list):
            return "a GeometryCollection without a list of 'geometries'"
        return next((problem for member in members if (problem := (
            f"a GeometryCollection holding {_cut(member)}" if not isinstance(member, dict)
            else geometry_problem(member))) is not None), None)
    if kind not in DEPTH:
        return f"the type {_cut(kind)}, which GeoJSON does not define"
    coordinates = geometry.get("coordinates")
    if coordinates == []:
        return None
    if not _positions_ok(coordinates, DEPTH[kind]):
        return (f"a {kind} whose coordinates {_cut(coordinates)} are not "
                f"{'a position' if DEPTH[kind] == 0 else 'positions'} of numbers "
                "(longitude, latitude)" + (" nested as the type needs" if DEPTH[kind] else ""))
    return None
