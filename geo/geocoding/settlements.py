"""Settlements of the gazetteer inside a bounding box, for drawing them on the map (zoom >= 9)
or for finding place names in text.

    from geo.geocoding.settlements import settlements_in_bbox
    frame = settlements_in_bbox(30.2, 50.3, 30.8, 50.6)          # west, south, east, north

One row per settlement (GeoNames populated places and OpenStreetMap place nodes; not named
sites, not postal-code places, whose points are weak), largest first: `name`, `latitude`,
`longitude`, `feature` (GeoNames feature code such as PPL or PPLA2, or OSM_village...),
`population` (0 where unknown), `size` (the population, or an estimate from the feature when
it is unknown: what the geocoder weighs namesakes by), `ident` ('geonames:703448',
'osm:node/256617872'). Boxes crossing the antimeridian (west > east) are handled.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.errors import GeocodeError
from geo.geocoding.gazetteer import GazetteerIndex
from geo.geocoding.geocoder import load_geocoder
from geo.settings import Settings

COLUMNS = ("name", "latitude", "longitude", "feature", "population", "size", "ident")
DEFAULT_LIMIT = 5000


def settlements_in_bbox(west: float, south: float, east: float, north: float, *,
                        limit: int = DEFAULT_LIMIT, min_population: int = 0,
                        index: GazetteerIndex | None = None,
                        settings: Settings | None = None) -> pd.DataFrame:
    """Settlements with west <= lon <= east and south <= lat <= north (and at least
    `min_population` people, when given), at most `limit`, largest first. `index` defaults
    to the one the geocoder loads for `settings`."""
    values = (west, south, east, north)
    if not all(np.isfinite(v) for v in values) or south > north or not (
            -90 <= south <= 90 and -90 <= north <= 90):
        raise GeocodeError(f"Bounding box {values} is not west, south, east, north in degrees "
                           "with south <= north")
    if index is None:
        index = load_geocoder(settings).index   # loaded once per process
    towns = index.settlements
    lat, lon = index.place_lat[towns], index.place_lon[towns]
    across = (lon >= west) & (lon <= east) if west <= east else (lon >= west) | (lon <= east)
    inside = towns[across & (lat >= south) & (lat <= north)
                   & (index.place_pop[towns] >= min_population)]
    inside = inside[np.argsort(-index.place_size[inside], kind="stable")][:max(limit, 0)]
    return pd.DataFrame({
        "name": pd.Series([index.name_of(int(i)) for i in inside], dtype=object),
        "latitude": index.place_lat[inside], "longitude": index.place_lon[inside],
        "feature": pd.Series([index.feature_of(int(i)) for i in inside], dtype=object),
        "population": index.place_pop[inside], "size": index.place_size[inside],
        "ident": pd.Series([index.ident_of(int(i)) for i in inside], dtype=object),
    }, columns=list(COLUMNS))


def settlements_in(index: GazetteerIndex, bbox: tuple[float, float, float, float], *,
                   min_population: int = 0, limit: int = DEFAULT_LIMIT) -> pd.DataFrame:
    """The settlements the map draws at site zooms (geo.render, geo.sharing.snapshot) so an
    analyst can check a placement against the places the geocoder knows: settlements_in_bbox
    with the box as one (west, south, east, north) tuple."""
    return settlements_in_bbox(*bbox, limit=limit, min_population=min_population,
                               index=index)
