"""Place rows that have a place name but no coordinates, with the offline geocoder.

Each placed row keeps how it was placed in geo_method ("geocoded: GeoNames 698379 Orlivka
(exact)") and the geocoder's precision. An ambiguous name is placed at the best guess but
held for review, with its candidates listed so a person can pick one; a name not found is
held at the first-level region the row gives, at region precision (the one choice offered),
or rejected with the reason when it gives none the geocoder knows. A country-level answer
has no point to draw (geo_precision 'country', no coordinates), as elsewhere in the project.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.importing.problems import RowIssues

SOURCES = {"geonames": "GeoNames", "admin1": "GeoNames region", "country": "country",
           "site": "site register", "osm": "OpenStreetMap", "postal": "GeoNames postal place"}
# The store's levels (geo.schema.GEO_PRECISIONS) have no raion level: a raion (admin2)
# answer is kept as region-level, coarser and never finer; geo_method still names the raion.
STORED_PRECISION = {"admin2": "admin1"}
MAX_CANDIDATES = 20


@dataclass(frozen=True)
class PlaceChoice:
    """One candidate place for an ambiguous row, as offered in the preview."""

    label: str
    latitude: float | None
    longitude: float | None
    precision: str
    ident: str
    country: str = ""
    admin1: str = ""

    def option(self) -> str:
        where = "" if self.latitude is None else f" · {self.latitude:.4f}, {self.longitude:.4f}"
        return f"{self.label}{where} ({self.precision})"

    def geo_method(self, how: str) -> str:
        return describe_match(self.ident, self.label, how)


def describe_match(ident: str, label: str, status: str) -> str:
    kind, _, code = str(ident).partition(":")
    source = SOURCES.get(kind, kind or "gazetteer")
    name = str(label).split(",")[0].strip()
    return f"geocoded: {source} {code} {name} ({status})".replace("  ", " ")


def _choices(geocoder, place: str, country: str, admin1: str, admin2: str,
             default_country) -> list:
    result = geocoder.geocode(place, country=country or None, admin1=admin1 or None,
                              admin2=admin2 or None, default_country=default_country)
    found = [c for c in (result.best, *result.others) if c is not None]
    return [PlaceChoice(c.label, c.latitude, c.longitude,
                        STORED_PRECISION.get(c.precision, c.precision), c.ident, c.country,
                        c.admin1) for c in found[:MAX_CANDIDATES]]


def geocode_rows(incidents: pd.DataFrame, needs: np.ndarray, geocoder, issues: RowIssues, *,
                 admin2: pd.Series, default_country: str | None = None
                 ) -> dict[int, list[PlaceChoice]]:
    """Fill the point, precision and method of the `needs` rows in place; returns the
    candidates of each ambiguous row (by row number). `admin2`: the file's raion of each row
    (by row number), a hint the incident record does not keep: geo_method names it."""
    if not needs.any():
        return {}
    rows = incidents.index[needs]
    todo = incidents.loc[rows]
    raions = admin2.loc[rows].to_numpy(dtype=object)
    found = geocoder.geocode_column(todo["place"], country=todo["country"].tolist(),
                                    admin1=todo["admin1"].tolist(), admin2=raions.tolist(),
                                    default_country=default_country)
    status = found["geocode_status"].to_numpy(dtype=object)
    precision = found["geocode_precision"].replace(STORED_PRECISION).to_numpy(dtype=object)
    placed = np.isin(status, ("exact", "alias", "fuzzy", "ambiguous"))
    country_level = placed & (precision == "country")
    lat = np.where(placed & ~country_level, found["latitude"].to_numpy(), np.nan)
    lon = np.where(placed & ~country_level, found["longitude"].to_numpy(), np.nan)
    incidents.loc[rows, "latitude"], incidents.loc[rows, "longitude"] = lat, lon
    incidents.loc[rows, "geo_precision"] = np.where(placed, precision, "")
    how = pd.Series(status).replace("ambiguous", "ambiguous: best guess")
    keys = found["geocode_match_id"].astype(str) + "\x1f" + found["geocode_match"].astype(str) \
        + "\x1f" + how.to_numpy()
    codes, distinct = pd.factorize(keys.to_numpy(dtype=object))  # a few thousand places
    methods = np.array([describe_match(*key.split("\x1f")) for key in distinct], dtype=object)
    raion_given = np.array([f"; raion given: {r}" if r else "" for r in raions], dtype=object)
    incidents.loc[rows, "geo_method"] = np.where(placed, methods[codes] + raion_given, "")
    for name, source in (("country", "geocode_country"), ("admin1", "geocode_admin1")):
        empty = todo[name].eq("").to_numpy()
        incidents.loc[rows[empty], name] = found[source].to_numpy(dtype=object)[empty]
    site = found["geocode_match_id"].str.startswith("site:").to_numpy() & \
        todo["site_id"].eq("").to_numpy()
    incidents.loc[rows[site], "site_id"] = found["geocode_match_id"].str[5:].to_numpy()[site]

    places = todo["place"].to_numpy(dtype=object)
    missing = status == "not_found"
    at_region = _placed_at_region_given(incidents, rows, todo, missing, geocoder, issues)
    regional = np.isin(rows, list(at_region))
    issues.add("rejected", rows[missing & ~regional], [
        f"place '{p}' was not found in the offline gazetteer; give latitude and longitude, "
        "or another spelling" for p in places[missing & ~regional]])
    fuzzy = status == "fuzzy"
    issues.add("review", rows[fuzzy], [
        f"place '{p}' was matched by similar spelling to {m}; check it"
        for p, m in zip(places[fuzzy], found["geocode_match"].to_numpy()[fuzzy], strict=True)],
        topic="location")
    ambiguous = status == "ambiguous"
    issues.add("review", rows[ambiguous], [
        f"place '{p}' matches several places (best guess {m}); choose one or give "
        "coordinates" for p, m in zip(places[ambiguous],
                                      found["geocode_match"].to_numpy()[ambiguous], strict=True)],
        topic="location")
    choices: dict[int, list[PlaceChoice]] = {
        row: [PlaceChoice(f"{c.label}: the region given", c.latitude, c.longitude, "admin1",
                          c.ident, c.country, c.admin1)] for row, c in at_region.items()}
    cache: dict[tuple, list[PlaceChoice]] = {}
    hints = zip(places[ambiguous], todo["country"].to_numpy()[ambiguous],  # the file's own
                todo["admin1"].to_numpy()[ambiguous], raions[ambiguous], strict=True)
    for row, key in zip(rows[ambiguous], hints, strict=True):
        if key not in cache:
            cache[key] = _choices(geocoder, *key, default_country)
        choices[int(row)] = cache[key]
    return choices


def _placed_at_region_given(incidents: pd.DataFrame, rows: pd.Index, todo: pd.DataFrame,
                            missing: np.ndarray, geocoder, issues: RowIssues) -> dict:
    """Rows whose place is not found but whose first-level region is given and known: placed
    at that region, at its precision, and held for a person to keep or correct. Returns
    the region of each such row (by row number)."""
    placed: dict[int, object] = {}
    found: dict[tuple, object] = {}
    for i in np.flatnonzero(missing):
        key = (todo["admin1"].iat[i], todo["country"].iat[i])
        if not key[0]:
            continue
        if key not in found:
            found[key] = geocoder.region_of_hint(*key)
        region = found[key]
        if region is None:
            continue
        row, place = int(rows[i]), todo["place"].iat[i]
        incidents.loc[row, ["latitude", "longitude"]] = region.latitude, region.longitude
        incidents.loc[row, "geo_precision"] = "admin1"
        incidents.loc[row, "geo_method"] = (f"geocoded: region given, {region.admin1} "
                                            f"(place '{place}' not found)")
        if not incidents.loc[row, "country"]:
            incidents.loc[row, "country"] = region.country
        issues.add("review", [row], [
            f"place '{place}' was not found in the offline gazetteer; placed at the region "
            f"given, {region.admin1}, at region precision: keep it so, or give coordinates "
            "or another spelling"], topic="location")
        placed[row] = region
    return placed
