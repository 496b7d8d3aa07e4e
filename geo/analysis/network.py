"""Network context: the nearest pipeline route to each incident, with a true distance.

The nearest route and the nearest point on it are found in a conformal metric projection
for the region (Lambert conformal conic, standard parallels 42 N and 52 N, centred on 38 E):
conformal, so the perpendicular foot stays right even at Baku or Aktau. The distance
reported is then geodesic (WGS84 ellipsoid) from the point to that foot, not a projected
length, so the projection's scale error (a few per cent at the edges) does not enter it.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod, Transformer

from geo.errors import FilterError

METRIC_CRS = ("+proj=lcc +lat_1=42 +lat_2=52 +lat_0=47 +lon_0=38 +x_0=0 +y_0=0 +datum=WGS84 "
              "+units=m +no_defs")
GEOD = Geod(ellps="WGS84")
NEAREST_COLUMNS = ("nearest_pipeline", "pipeline_distance_km")  # what nearest_pipeline adds
_TO_WGS84 = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)


def _segments(metric_routes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every route cut into two-point segments (an STRtree of small pieces answers nearest
    queries fast; a few long lines with big envelopes do not), with each piece's route."""
    parts = shapely.get_parts(metric_routes, return_index=True)
    coords, part_of = shapely.get_coordinates(parts[0], return_index=True)
    same_part = part_of[1:] == part_of[:-1]
    starts = np.flatnonzero(same_part)
    pieces = shapely.linestrings(np.stack([coords[starts], coords[starts + 1]], axis=1))
    return pieces, parts[1][part_of[starts]]


def nearest_pipeline(latitude, longitude, routes: gpd.GeoDataFrame,
                     name_column: str = "name") -> pd.DataFrame:
    """For each point: the nearest route's name and the distance to it in km (empty/NaN for
    points without coordinates)."""
    latitude = np.asarray(latitude, dtype=float)
    longitude = np.asarray(longitude, dtype=float)
    out = pd.DataFrame({"nearest_pipeline": pd.Series([""] * len(latitude), dtype=object),
                        "pipeline_distance_km": np.full(len(latitude), np.nan)})
    valid = ~(np.isnan(latitude) | np.isnan(longitude))
    if not valid.any() or routes.empty:
        return out
    metric_routes = routes.to_crs(METRIC_CRS).geometry.to_numpy()
    points = gpd.GeoSeries(gpd.points_from_xy(longitude[valid], latitude[valid]), crs=4326)
    metric_points = points.to_crs(METRIC_CRS).to_numpy()
    pieces, piece_route = _segments(metric_routes)
    point_index, piece_index = shapely.STRtree(pieces).query_nearest(metric_points,
                                                                      all_matches=False)
    route_index = piece_route[piece_index]
    nearest_on_route = shapely.shortest_line(metric_points[point_index], pieces[piece_index])
    ends = shapely.get_coordinates(shapely.get_point(nearest_on_route, 1))
    end_lon, end_lat = _TO_WGS84.transform(ends[:, 0], ends[:, 1])
    start_lat = latitude[valid][point_index]
    start_lon = longitude[valid][point_index]
    _, _, metres = GEOD.inv(start_lon, start_lat, end_lon, end_lat)
    rows = np.flatnonzero(valid)[point_index]
    out.loc[rows, "nearest_pipeline"] = routes[name_column].to_numpy()[route_index]
    out.loc[rows, "pipeline_distance_km"] = np.round(np.asarray(metres) / 1000.0, 2)
    return out


def distance_to_route(routes: gpd.GeoDataFrame, name: str, latitude,
                      longitude) -> np.ndarray:
    """Geodesic km from each point to the named route (all its segments); NaN without a
    point."""
    chosen = routes.loc[routes["name"] == name]
    if chosen.empty:
        raise FilterError(f"No pipeline route named '{name}'; pick one from the pipeline "
                          "layer's routes")
    return nearest_pipeline(latitude, longitude, chosen)["pipeline_distance_km"].to_numpy()


def within_km_of(routes: gpd.GeoDataFrame, name: str, latitude, longitude,
                 km: float) -> np.ndarray:
    """Mask: points within `km` of the named route."""
    return distance_to_route(routes, name, latitude, longitude) <= km
