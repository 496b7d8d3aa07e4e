"""Great-circle distances on the sphere: the one formula every geocoding module measures with."""

from __future__ import annotations

import numpy as np

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = 111.19


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km; numpy-broadcasting over any of its arguments."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=float))
                              for v in (lat1, lon1, lat2, lon2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def outside_block_km(lat, degrees):
    """The least great-circle km from a point at latitude `lat` to any point more than
    `degrees` (<= 90) from it in latitude or in longitude: along the meridian, or across to
    the meridian `degrees` east or west, which a point in the north lies nearer to."""
    lat, span = np.radians(np.asarray(lat, dtype=float)), np.radians(degrees)
    across = EARTH_RADIUS_KM * np.arcsin(np.clip(np.cos(lat) * np.sin(span), 0, 1))
    return np.minimum(KM_PER_DEGREE * degrees, across)
