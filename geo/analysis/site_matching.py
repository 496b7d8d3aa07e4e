"""Link incidents to registered sites when the points make the link plain.

The tolerance grows with how loosely each point is known: two facility points must be
within 2 km; a town-centre point may be ~12 km from the site it names. Region- or
country-level points are never linked automatically. When two sites are about equally
close the incident is left unlinked and the candidates are reported: a guess is not a link.
Nor is a town-centre incident linked to a site that is itself placed only at the town
centre: the two points coincide by construction and say nothing about which site was hit
(a strike "in Kyiv" is not a strike on the one embassy registered in Kyiv); the site is
reported as the candidate instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# km of uncertainty each precision adds
PRECISION_RADIUS_KM = {"site": 1.0, "town": 12.0}
CLEAR_WINNER_RATIO = 0.5  # nearest must be at most half as far as the runner-up
EARTH_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * np.arcsin(np.sqrt(a))


CHUNK = 20_000


def _link_chunk(lat, lon, radius, site_lat, site_lon, site_radius, site_ids):
    town = PRECISION_RADIUS_KM["town"]
    distance = haversine_km(lat[:, None], lon[:, None], site_lat[None, :], site_lon[None, :])
    allowed = distance <= radius[:, None] + site_radius[None, :]
    distance = np.where(allowed, distance, np.inf)
    order = np.argsort(distance, axis=1)[:, :2]
    first = np.take_along_axis(distance, order[:, :1], axis=1)[:, 0]
    second = (np.take_along_axis(distance, order[:, 1:2], axis=1)[:, 0]
              if distance.shape[1] > 1 else np.full(len(lat), np.inf))
    both_towns = (radius == town) & (site_radius[order[:, 0]] == town)
    clear = np.isfinite(first) & (first <= CLEAR_WINNER_RATIO * second) & ~both_towns
    linked = np.where(clear, site_ids[order[:, 0]], "")
    candidates = np.full(len(lat), "", dtype=object)
    for row in np.flatnonzero(allowed.any(axis=1)):  # most rows are near no site at all
        near = np.flatnonzero(allowed[row])
        candidates[row] = "|".join(site_ids[near[np.argsort(distance[row, near])]])
    return linked, np.where(clear, np.round(first, 2), np.nan), candidates


def link_to_sites(incidents: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """Per incident: proposed site_id ('' if none), distance_km and candidate site ids."""
    placed = sites.loc[sites["latitude"].notna() & sites["geo_precision"].isin(
        list(PRECISION_RADIUS_KM))]
    out = pd.DataFrame({"linked_site_id": "", "site_distance_km": np.nan,
                        "site_candidates": ""}, index=incidents.index)
    radius = incidents["geo_precision"].map(PRECISION_RADIUS_KM).to_numpy(dtype=float)
    usable = np.flatnonzero(~np.isnan(radius) & incidents["latitude"].notna().to_numpy())
    if placed.empty or len(usable) == 0:
        return out
    site_args = (placed["latitude"].to_numpy(), placed["longitude"].to_numpy(),
                 placed["geo_precision"].map(PRECISION_RADIUS_KM).to_numpy(),
                 placed["site_id"].to_numpy().astype(str))
    lat, lon = incidents["latitude"].to_numpy(), incidents["longitude"].to_numpy()
    for start in range(0, len(usable), CHUNK):
        rows = usable[start:start + CHUNK]
        linked, distance, candidates = _link_chunk(lat[rows], lon[rows], radius[rows],
                                                   *site_args)
        out.iloc[rows, 0], out.iloc[rows, 1], out.iloc[rows, 2] = linked, distance, candidates
    return out
