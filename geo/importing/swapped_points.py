"""Points whose latitude and longitude look swapped although both orders are valid
numbers (geo.importing.coordinates catches a swap only when a latitude is beyond ±90).

A Ukrainian file with its columns swapped puts Kyiv at 30.52 N, 50.45 E, in Iran, Odesa
in Iraq and Lviv in Saudi Arabia: every number is a valid coordinate, and such a file was
stored without a word. A point is held for review (topic 'location', with the rule that
sends it abroad and what to do) when it lies outside the country its row belongs to and
swapped lies inside it. The row's country is the one its country column names, else the
country preferred for place names (--country), else the file's: the country that most of
its points fall in, as given or swapped, those as given first (a file of points in Iran,
swapped in Ukraine, Russia and Belarus, is a file about Iran), if at least half of them do
(none else: a file about Africa, whose countries the map does not ship, is about no country
of the map, though a few of its points swapped fall in Italy)."""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from geo.importing.problems import RowIssues
from geo.shipped import polygon_ids, read_polygons

SAMPLE = 5_000  # points enough to say which country a file is about


@functools.lru_cache(maxsize=2)
def country_shapes(data_dir: Path) -> tuple[list, dict[str, str], dict[str, str]]:
    """[(polygon, ISO2)] of the shipped countries; ISO2 by lower-case name or code; name by
    ISO2."""
    path = Path(data_dir) / "basemap" / "countries.geojson"
    shapes = read_polygons(path, lambda row: (row["iso_a2"], row["name"])
                           if row.get("iso_a2") and row.get("name") else None) or []
    names = {code: name for _, (code, name) in shapes}
    codes = {key.casefold(): code for code, name in names.items() for key in (code, name)}
    return [(geometry, code) for geometry, (code, _) in shapes], codes, names


def file_country(shapes, lat: np.ndarray, lon: np.ndarray) -> str | None:
    """The country most of the points fall in, as given or swapped; those as given count
    first."""
    placed = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    if not len(placed):
        return None
    sample = placed[np.linspace(0, len(placed) - 1, min(SAMPLE, len(placed))).astype(int)]
    given = Counter(polygon_ids(shapes, lat[sample], lon[sample]))
    swapped = Counter(polygon_ids(shapes, lon[sample], lat[sample]))
    given.pop(None, None)
    swapped.pop(None, None)
    if not given and not swapped:
        return None
    best = max(sorted(given.keys() | swapped.keys()),  # sorted: one answer for a tie
               key=lambda code: (given[code] + swapped[code], given[code]))
    # a country that only a few of the points fall in, as given or swapped, is no file's
    # country: a file about a region the map's countries leave out (Africa: ACLED's All
    # Africa file) has a few points that, swapped, fall in Italy or Greece
    return best if 2 * (given[best] + swapped[best]) >= len(sample) else None


def hold_swapped_points(incidents: pd.DataFrame, issues: RowIssues, hints: list[str],
                        data_dir: Path, preferred_country: str | None = None) -> int:
    """Hold for review each row whose point lies outside its country and swapped inside it;
    how many were held."""
    shapes, codes, names = country_shapes(Path(data_dir))
    lat = incidents["latitude"].to_numpy(dtype=np.float64)
    lon = incidents["longitude"].to_numpy(dtype=np.float64)
    if not shapes or not np.isfinite(lat).any():
        return 0
    preferred = codes.get((preferred_country or "").strip().casefold())
    default = preferred or file_country(shapes, lat, lon)
    listed = [code for _, code in shapes]  # a country as its number here: -1 for none
    number = {code: i for i, code in enumerate(listed)}
    which, written = pd.factorize(incidents["country"].to_numpy(dtype=object))  # a few
    stated = np.array([number.get(codes.get(str(name).strip().casefold()), -1)
                       for name in written] + [-1], dtype=np.int64)[which]
    expected = np.where(stated >= 0, stated, number.get(default, -1))
    candidates = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon) & (np.abs(lon) <= 90)
                                & (expected >= 0))
    candidates = candidates[_swapped_inside(shapes, lat, lon, candidates, expected)]
    given = polygon_ids(shapes, lat[candidates], lon[candidates])
    elsewhere = given != np.array(listed, dtype=object)[expected[candidates]]
    held, given = candidates[elsewhere], given[elsewhere]
    if not len(held):
        return 0
    whose = np.where(stated[held] >= 0, "the row's country",
                     "the country given for the import" if preferred
                     else "where most of the file's points are")
    issues.add("review", incidents.index[held], [
        f"latitude {lat[i]:.10g} and longitude {lon[i]:.10g} put the point "
        f"{_where(code, names)}, but swapped they put it in {names[listed[expected[i]]]}, "
        f"{reason}: "
        "if the file's latitude and longitude columns are swapped, import it again with "
        "'Swap lat/lon' (--swap-coordinates); if the point is right, import the row "
        "with 'Import rows to check' (--include-review)"
        for i, code, reason in zip(held, given, whose, strict=True)], topic="location")
    if len(held) > 1:
        hints.append(f"{len(held):,} point(s) lie outside their country, and inside it with "
                     "latitude and longitude swapped: they are held for review. If the "
                     "file's columns are swapped, choose 'Swap lat/lon' "
                     "(--swap-coordinates)")
    return len(held)


def _swapped_inside(shapes, lat, lon, rows: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Whether each of `rows`, its latitude and longitude swapped, lies in its expected
    country (the number of its polygon in `shapes`): only the expected countries' polygons
    are tried (a file has one or a few), bounding box first."""
    inside = np.zeros(len(rows), dtype=bool)
    for country in np.unique(expected[rows]):
        mine = np.flatnonzero(expected[rows] == country)
        geometry, code = shapes[country]
        inside[mine] = polygon_ids([(geometry, code)], lon[rows[mine]], lat[rows[mine]]) == code
    return inside


def _where(code: str | None, names: dict[str, str]) -> str:
    return f"in {names[code]}" if code else "outside every country of the map (sea, or farther)"
