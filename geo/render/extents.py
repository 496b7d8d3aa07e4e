"""Map extents for snapshots: named regions, a bbox, or the live map's bounds; and the
projection each extent is drawn in.

Extents are (west, south, east, north) in degrees. They are clipped to what the offline
basemap covers, so a snapshot never shows unmapped land as sea.
"""

from __future__ import annotations

import math

import pandas as pd
from pyproj import CRS

from geo.errors import FilterError
from geo.viewstate import Extent, check_extent

BASEMAP_COVERAGE: Extent = (12.0, 34.0, 62.0, 60.0)
REGIONS: dict[str, Extent] = {
    "ukraine": (21.5, 43.8, 41.0, 52.8),
    "black-sea": (26.0, 40.0, 42.5, 48.0),
    "caucasus": (36.5, 38.0, 51.5, 45.0),
    "wide": BASEMAP_COVERAGE,
}
STORY = "story"  # every named seed site, computed from the site register
REGION_NAMES = (*REGIONS, STORY)
CONTEXT_SITE_PREFIX = "gppd_"
MIN_SPAN_DEGREES = 0.5
INCIDENTS = "incidents"  # the frame of the incidents in the window (the default)
FRAME_MARGIN = 0.12  # of the incidents' span, each side
MIN_FRAME_PAD = 0.3  # degrees each side: a lone incident is shown with its surroundings


def parse_bbox(text: str) -> Extent:
    parts = [p.strip() for p in str(text).split(",")]
    try:
        west, south, east, north = values = [float(p) for p in parts]
    except ValueError as error:
        raise FilterError(
            f"Bounding box '{text}' is not four numbers W,S,E,N, e.g. '22,44,41,53'"
        ) from error
    if not all(math.isfinite(v) for v in values):  # 'nan' and '1e309' were named nan, inf
        raise FilterError(f"Bounding box '{text}' is not four finite numbers of degrees "
                          "W,S,E,N, e.g. '22,44,41,53'")
    return check_extent((west, south, east, north))


def clip_to_coverage(extent: Extent) -> Extent:
    """`extent` within the basemap's coverage, at least MIN_SPAN_DEGREES each way: a smaller
    one (a bbox around one depot, the live map zoomed in on a town) is widened around its
    middle, where it was refused as lying outside the basemap, which it did not."""
    west, south, east, north = extent
    cw, cs, ce, cn = BASEMAP_COVERAGE
    clipped = (max(west, cw), max(south, cs), min(east, ce), min(north, cn))
    if clipped[2] <= clipped[0] or clipped[3] <= clipped[1]:
        raise FilterError(
            f"Extent {tuple(round(v, 2) for v in extent)} lies outside the offline basemap "
            f"(lon {cw:g}–{ce:g} E, lat {cs:g}–{cn:g} N); choose a region inside it"
        )
    (west, east), (south, north) = (_widened(clipped[0], clipped[2], cw, ce),
                                    _widened(clipped[1], clipped[3], cs, cn))
    return (west, south, east, north)


def _widened(low: float, high: float, first: float, last: float) -> tuple[float, float]:
    """low..high grown to MIN_SPAN_DEGREES around its middle, kept within first..last."""
    if high - low >= MIN_SPAN_DEGREES:
        return low, high
    low = min(max((low + high - MIN_SPAN_DEGREES) / 2, first), last - MIN_SPAN_DEGREES)
    return low, low + MIN_SPAN_DEGREES


def story_extent(sites: pd.DataFrame, pad: float = 0.08) -> Extent:
    """All named seed sites (not the context power plants), with a margin."""
    named = sites.loc[~sites["site_id"].str.startswith(CONTEXT_SITE_PREFIX)]
    named = named.dropna(subset=["latitude", "longitude"])
    if named.empty:
        return REGIONS["ukraine"]
    west, east = named["longitude"].min(), named["longitude"].max()
    south, north = named["latitude"].min(), named["latitude"].max()
    dx, dy = max(east - west, 2.0) * pad, max(north - south, 2.0) * pad
    return (west - dx, south - dy, east + dx, north + dy)


def incidents_extent(incidents: pd.DataFrame | None) -> Extent | None:
    """The incidents with a point (the window's), with a margin; None without any."""
    if incidents is None:
        return None
    placed = incidents.dropna(subset=["latitude", "longitude"])
    if placed.empty:
        return None
    west, east = float(placed["longitude"].min()), float(placed["longitude"].max())
    south, north = float(placed["latitude"].min()), float(placed["latitude"].max())
    dx = max((east - west) * FRAME_MARGIN, MIN_FRAME_PAD)
    dy = max((north - south) * FRAME_MARGIN, MIN_FRAME_PAD)
    return (west - dx, south - dy, east + dx, north + dy)


def region_extent(name: str, sites: pd.DataFrame | None = None) -> Extent:
    key = name.strip().lower()
    if key == STORY:
        if sites is None:
            raise FilterError("Region 'story' needs the site register")
        return story_extent(sites)
    if key not in REGIONS:
        raise FilterError(f"Unknown region '{name}'; choose from {', '.join(REGION_NAMES)}")
    return REGIONS[key]


def extent_from_bounds(bounds: dict | None) -> Extent | None:
    """streamlit-folium's returned "bounds" ({_southWest: {lat, lng}, _northEast: ...})."""
    try:
        south_west, north_east = bounds["_southWest"], bounds["_northEast"]
        extent = (float(south_west["lng"]), float(south_west["lat"]),
                  float(north_east["lng"]), float(north_east["lat"]))
    except (KeyError, TypeError, ValueError):
        return None
    west, south, east, north = extent
    if not (west < east and south < north):
        return None
    return (max(west, -180.0), max(south, -90.0), min(east, 180.0), min(north, 90.0))


def resolve_extent(*, region: str | None = None, bbox: Extent | None = None,
                   bounds: dict | None = None, sites: pd.DataFrame | None = None,
                   incidents: pd.DataFrame | None = None) -> Extent:
    """First of: an explicit bbox, a named region, the live map's bounds, the frame of
    `incidents` (the window's, with a margin), the story region."""
    if bbox is not None:
        extent = check_extent(bbox)
    elif region:
        extent = region_extent(region, sites)
    else:
        extent = (extent_from_bounds(bounds) or incidents_extent(incidents)
                  or region_extent(STORY, sites))
    return clip_to_coverage(extent)


def projection_for(extent: Extent) -> CRS:
    """Lambert conformal conic centred on the extent: north up in the middle, small
    distortion over a mid-latitude region (standard parallels at 1/6 and 5/6 of it)."""
    west, south, east, north = extent
    lon0 = round((west + east) / 2, 1)
    span = north - south
    lat1, lat2 = round(south + span / 6, 1), round(north - span / 6, 1)
    lat0 = round((south + north) / 2, 1)
    return CRS.from_proj4(
        f"+proj=lcc +lat_1={lat1} +lat_2={lat2} +lat_0={lat0} +lon_0={lon0} "
        "+datum=WGS84 +units=m +no_defs"
    )


def describe_projection(crs: CRS) -> str:
    operation = crs.coordinate_operation
    if operation is None or "Lambert Conic Conformal" not in operation.method_name:
        return f"Projection: {crs.name}"
    params = {p.name: p.value for p in operation.params}
    return (f"Lambert conformal conic projection centred on "
            f"{params['Longitude of false origin']:g}°E, standard parallels "
            f"{params['Latitude of 1st standard parallel']:g}°N and "
            f"{params['Latitude of 2nd standard parallel']:g}°N")
