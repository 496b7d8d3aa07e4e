"""Latitude and longitude columns: read as decimal degrees, checked, and swaps detected.

Every problem is named by row and column ("Row 12: latitude 95.2 is out of range (-90..90)").
A swap of the two columns is suggested only when every point is impossible as given and
possible swapped: around Ukraine both orders are valid numbers, so it cannot be guessed.
A cell that says the value is missing ('N/A', '—', 'н/д') is an empty cell.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from geo.importing.degrees import dms_degrees
from geo.importing.hemisphere_words import letters_of
from geo.importing.problems import RowIssues

# a degree value ending in 'O': German Ost (east) or French Ouest (west), no guess
OST_OR_OUEST = re.compile(r"^[\d\s.,°º˚'′’\"″”]+[Oo]\.?$")
# what spreadsheets and exports write in a cell whose value is not known
MISSING = frozenset({"n/a", "na", "n.a.", "#n/a", "-", "--", "—", "–", "?", "null", "none",
                     "nan", "unknown", "н/д", "н.д.", "немає", "нет"})


def parse_numbers(text: pd.Series) -> pd.Series:
    """Decimal degrees; also '46,48' (decimal comma), '46.48° N', '30.7E', 'S 12.5', and
    degrees, minutes and seconds ('46°29′08″N', geo.importing.degrees), and hemispheres in
    Ukrainian or Russian words ('46.48 пн. ш.', geo.importing.hemisphere_words)."""
    values = pd.to_numeric(text, errors="coerce").astype("float64")
    slow = values.isna().to_numpy() & (text.to_numpy(dtype=object) != "")
    if slow.any():
        text = text.copy()
        text[slow] = letters_of(text[slow])
        values[slow] = dms_degrees(text[slow])
        slow &= values.isna().to_numpy()
    if slow.any():
        cleaned = text[slow].str.replace(r"[°\s]", "", regex=True)
        negative = cleaned.str.contains(r"^[SWsw]|[SWsw]$", regex=True)
        cleaned = cleaned.str.replace(r"^[NSEWnsew](?=[\d.+-])|(?<=[\d.])[NSEWnsew]$", "",
                                      regex=True)
        cleaned = cleaned.str.replace(r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)
        parsed = pd.to_numeric(cleaned, errors="coerce").astype("float64")
        values[slow] = parsed.where(~negative, -parsed.abs())
    return values


def _unwritten(text: pd.Series, values: np.ndarray) -> pd.Series:
    """The text with '' where a cell that is no number says the value is missing ('N/A',
    '—'): such a row has no coordinates, and its place name can place it. Only cells that
    are not numbers are looked at."""
    odd = ~np.isfinite(values) & (text.to_numpy(dtype=object) != "")
    if not odd.any():
        return text
    missing = text[odd].str.strip().str.lower().isin(MISSING)
    if not missing.any():
        return text
    text = text.copy()
    text[missing.index[missing]] = ""
    return text


def _unwritten_words(name: str, text: str) -> str:
    """What a coordinate cell without a number holds: empty, or a word for no value named
    as written ('NaN' from a JSON file or numpy, 'N/A'), which is no number of degrees."""
    if not text.strip():
        return f"{name} is empty"
    return f"{name} is '{text}', which is no number (a missing value)"


def _not_a_number(name: str, text: str, value: float) -> str:
    if OST_OR_OUEST.search(text):
        return (f"{name} '{text}' ends in 'O', which is east in German (Ost) and west in "
                "French (Ouest); write E or W instead")
    return (f"{name} '{text}' is not a {'finite ' if np.isinf(value) else ''}number; write "
            "decimal degrees such as 46.4857")


def check_coordinates(fields: pd.DataFrame, swap: bool, issues: RowIssues, hints: list[str]):
    """(latitude, longitude) arrays, NaN where unusable; which rows gave any coordinate;
    whether a swap of the columns is suggested. Problems go to `issues` and `hints`."""
    lat, lon = (parse_numbers(fields[name]).to_numpy() for name in ("latitude", "longitude"))
    lat_text = _unwritten(fields["latitude"], lat)
    lon_text = _unwritten(fields["longitude"], lon)
    rows = fields.index.to_numpy()
    for name, text, values in (("latitude", lat_text, lat), ("longitude", lon_text, lon)):
        bad = (text.to_numpy(dtype=object) != "") & ~np.isfinite(values)
        issues.add("rejected", rows[bad], [_not_a_number(name, v, x) for v, x in zip(
            text.to_numpy()[bad], values[bad], strict=True)])
    both = np.isfinite(lat) & np.isfinite(lon)
    # Only when every point is impossible as given and possible swapped: around Ukraine
    # both orders are valid coordinates, so a swap cannot be guessed from numbers alone.
    lat_out = both & (np.abs(lat) > 90)
    fits_swapped = (np.abs(lon[both]) <= 90) & (np.abs(lat[both]) <= 180)
    swap_suggested = bool(both.any() and lat_out[both].all() and fits_swapped.all())
    if swap:
        lat, lon = lon, lat
    elif swap_suggested:
        hints.append("Every latitude is beyond ±90 and every point fits with latitude and "
                     "longitude swapped: the columns look swapped. Choose 'swap latitude/"
                     "longitude' to fix it")
    metres = both & (np.abs(lat) > 1000) & (np.abs(lon) > 1000)
    if not swap and metres.any() and metres[both].mean() >= 0.5:
        first = int(np.flatnonzero(metres)[0])
        hints.append(
            f"{int(metres.sum()):,} row(s) give coordinates in metres, not degrees (row "
            f"{rows[first]}: {lat[first]:.2f} / {lon[first]:.2f}): a projected system, as "
            "Web Mercator (EPSG:3857) in an ArcGIS export or UTM. Export the layer with "
            "WGS 84 (EPSG:4326) degrees, or as a GeoPackage or zipped shapefile whose "
            "projection is read with it")
    for name, values, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        out = np.isfinite(values) & (np.abs(values) > limit)
        issues.add("rejected", rows[out], [f"{name} {v:g} is out of range (-{limit}..{limit})"
                                           for v in values[out]])
    given_lat = lat_text.to_numpy(dtype=object) != ""
    given_lon = lon_text.to_numpy(dtype=object) != ""
    if swap:
        given_lat, given_lon = given_lon, given_lat
    half = given_lat ^ given_lon
    # the cell of the other half as written: empty, or a word for no value ('NaN')
    other_cells = np.where(given_lat, fields["longitude" if not swap else "latitude"],
                           fields["latitude" if not swap else "longitude"])[half]
    issues.add("rejected", rows[half], [
        f"{'latitude' if a else 'longitude'} is given but "
        f"{_unwritten_words('longitude' if a else 'latitude', text)}; give both, or neither "
        "to look the place name up" for a, text in zip(given_lat[half], other_cells,
                                                       strict=True)])
    zero = both & (lat == 0) & (lon == 0)
    issues.add("review", rows[zero], ["latitude and longitude are both 0, which usually "
                                      "means a missing value; check the point"] * zero.sum(),
               topic="location")
    valid = both & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    return np.where(valid, lat, np.nan), np.where(valid, lon, np.nan), given_lat | given_lon, \
        swap_suggested
