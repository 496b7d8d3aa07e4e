"""Features whose shape GDAL hands over as geometry no reader can parse.

GDAL's LIBKML driver turns a KML MultiGeometry holding a bare LinearRing (valid KML) into
WKB that ends early; pyogrio then fails on the whole layer with shapely's GEOSException.
Such a layer is read again with those shapes left empty, and the features whose shape was
lost are found from the WKB GDAL gave, so their rows are refused by number and the others
are kept.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

# where a layer read this way keeps (which features lost their shape, what GEOS said)
LOST_SHAPES = "lost_shapes"


def read_layer(path: Path, layer: str, encoding: str | None = None):
    """The layer as a GeoDataFrame (its text in `encoding` when given: a shapefile's .dbf
    that states none); a shape that cannot be parsed is left empty and noted in the frame's
    attrs[LOST_SHAPES]."""
    import pyogrio
    import shapely

    options = dict(layer=layer, datetime_as_string=True, use_arrow=True,
                   **({"encoding": encoding} if encoding else {}))
    try:
        return pyogrio.read_dataframe(path, **options)
    except shapely.errors.GEOSException as error:
        frame = pyogrio.read_dataframe(path, **options, on_invalid="ignore")
        frame.attrs[LOST_SHAPES] = (_unparsable(path, layer), str(error))
        return frame


def _unparsable(path: Path, layer: str) -> np.ndarray:
    import pyogrio
    import shapely

    meta, table = pyogrio.read_arrow(path, layer=layer)
    wkb = np.asarray(table.column(meta["geometry_name"] or "wkb_geometry").to_pylist(),
                     dtype=object)
    given = np.array([value is not None for value in wkb])
    parsed = shapely.from_wkb(np.where(given, wkb, None), on_invalid="ignore")
    return given & shapely.is_missing(parsed)


def lost_shapes(frame) -> tuple[np.ndarray, str]:
    """(which features lost their shape, what GEOS said) of a frame read by read_layer."""
    return frame.attrs.get(LOST_SHAPES, (np.zeros(len(frame), dtype=bool), ""))


def lost_shape_problem(unit: str, said: str) -> str:
    return (f"the {unit}'s shape could not be read (GDAL gave geometry that fails with "
            f"'{said}'; a KML MultiGeometry holding a bare LinearRing does this): redraw "
            "it as a point, line or polygon in the map tool and export again, or give its "
            "latitude and longitude")
