"""Import fields (text) -> typed incident rows, with every problem of every row collected.

Problems are sorted into two kinds: `rejected` (the row cannot be stored as it is: no date,
coordinates out of range, an unknown category, ...) and `review` (it can be stored, but a
person should look first: a date in the future, coordinates 0,0). Every message starts
"Row N:" and names the column and the value. Rows without coordinates but with a place
name are marked for geocoding (geo.importer does it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.date_parsing import ISO_DAY, parse_dates
from geo.schema import (
    CATEGORIES,
    CATEGORY_LABELS,
    CLAIM_LABELS,
    CLAIM_STATUSES,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    INCIDENT_COLUMNS,
)

DATE_HELP = "write it as YYYY-MM-DD (2025-08-08), '8 August 2025' or day/month/year"
DEFAULTS = {"category": "strike", "claim_status": "reported", "geo_precision": "site"}
SYNONYMS = {
    "category": {**{v.lower(): k for k, v in CATEGORY_LABELS.items()}, "attack": "strike",
                 "infrastructure": "infrastructure_event", "diplomacy": "diplomatic",
                 "thermal": "thermal_detection", "fire": "thermal_detection"},
    "claim_status": {**{v.split(" (")[0].lower(): k for k, v in CLAIM_LABELS.items()},
                     "unverified": "reported", "verified": "confirmed"},
    "geo_precision": {"exact": "site", "facility": "site", "point": "site", "city": "town",
                      "village": "town", "settlement": "town", "region": "admin1",
                      "oblast": "admin1", "province": "admin1", "state": "admin1"},
    "date_precision": {"exact": "day", "date": "day", "approx": "approximate",
                       "interval": "approximate", "range": "approximate"},
}
VOCABULARIES = {"category": CATEGORIES, "claim_status": CLAIM_STATUSES,
                "geo_precision": GEO_PRECISIONS, "date_precision": DATE_PRECISIONS}


@dataclass
class RowIssues:
    """Messages by row number; review messages carry a topic so a fix can clear them."""

    rejected: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    review: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    topics: dict[tuple[int, str], str] = field(default_factory=dict)

    def add(self, kind: str, rows, messages, topic: str = "other") -> None:
        target = self.rejected if kind == "rejected" else self.review
        for row, message in zip(rows, messages, strict=True):
            text = f"Row {row}: {message}"
            target[int(row)].append(text)
            if kind == "review":
                self.topics[(int(row), text)] = topic

    def clear_review(self, row: int, topic: str) -> None:
        kept = [m for m in self.review.get(row, []) if self.topics.get((row, m)) != topic]
        if kept:
            self.review[row] = kept
        else:
            self.review.pop(row, None)

    def messages(self, row: int) -> list[str]:
        return [*self.rejected.get(row, []), *self.review.get(row, [])]


@dataclass(frozen=True)
class ParseOptions:
    day_first: bool = True
    swap_coordinates: bool = False
    today: dt.date | None = None
    file_name: str = ""
    defaults: dict[str, str] = field(default_factory=dict)
    known_site_ids: frozenset[str] | None = None


@dataclass
class ParsedRows:
    incidents: pd.DataFrame         # INCIDENT_COLUMNS, typed; index = row numbers
    issues: RowIssues
    needs_geocoding: np.ndarray     # no coordinates, a place name to look up
    hints: list[str]
    swap_suggested: bool


def _numbers(text: pd.Series) -> pd.Series:
    """Decimal degrees; also '46,48' (decimal comma), '46.48° N', '30.7E', 'S 12.5'."""
    values = pd.to_numeric(text, errors="coerce").astype("float64")
    slow = values.isna() & text.ne("")
    if slow.any():
        cleaned = text[slow].str.replace(r"[°\s]", "", regex=True)
        negative = cleaned.str.contains(r"^[SWsw]|[SWsw]$", regex=True)
        cleaned = cleaned.str.replace(r"^[NSEWnsew](?=[\d.+-])|(?<=[\d.])[NSEWnsew]$", "",
                                      regex=True)
        cleaned = cleaned.str.replace(r"^([+-]?\d+),(\d+)$", r"\1.\2", regex=True)
        parsed = pd.to_numeric(cleaned, errors="coerce").astype("float64")
        values[slow] = parsed.where(~negative, -parsed.abs())
    return values


def _coordinates(fields: pd.DataFrame, options: ParseOptions, issues: RowIssues, hints):
    lat_text, lon_text = fields["latitude"], fields["longitude"]
    lat, lon = _numbers(lat_text).to_numpy(), _numbers(lon_text).to_numpy()
    rows = fields.index.to_numpy()
    for name, text, values in (("latitude", lat_text, lat), ("longitude", lon_text, lon)):
        bad = text.ne("").to_numpy() & ~np.isfinite(values)
        issues.add("rejected", rows[bad], [
            f"{name} '{v}' is not a {'finite ' if np.isinf(x) else ''}number; write decimal "
            "degrees such as 46.4857"
            for v, x in zip(text.to_numpy()[bad], values[bad], strict=True)])
    both = np.isfinite(lat) & np.isfinite(lon)
    # Only when every point is impossible as given and possible swapped: around Ukraine
    # both orders are valid coordinates, so a swap cannot be guessed from numbers alone.
    lat_out = both & (np.abs(lat) > 90)
    fits_swapped = (np.abs(lon[both]) <= 90) & (np.abs(lat[both]) <= 180)
    swap_suggested = bool(both.any() and lat_out[both].all() and fits_swapped.all())
    if options.swap_coordinates:
        lat, lon = lon, lat
    elif swap_suggested:
        hints.append("Every latitude is beyond ±90 and every point fits with latitude and "
                     "longitude swapped: the columns look swapped. Choose 'swap latitude/"
                     "longitude' to fix it")
    for name, values, limit in (("latitude", lat, 90), ("longitude", lon, 180)):
        out = np.isfinite(values) & (np.abs(values) > limit)
        issues.add("rejected", rows[out], [f"{name} {v:g} is out of range (-{limit}..{limit})"
                                           for v in values[out]])
    given_lat, given_lon = lat_text.ne("").to_numpy(), lon_text.ne("").to_numpy()
    if options.swap_coordinates:
        given_lat, given_lon = given_lon, given_lat
    half = given_lat ^ given_lon
    issues.add("rejected", rows[half], [
        f"{'latitude' if a else 'longitude'} is given but {'longitude' if a else 'latitude'} "
        "is empty; give both, or neither to look the place name up" for a in given_lat[half]])
    zero = both & (lat == 0) & (lon == 0)
    issues.add("review", rows[zero], ["latitude and longitude are both 0, which usually "
                                      "means a missing value; check the point"] * zero.sum(),
               topic="location")
    valid = both & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    return np.where(valid, lat, np.nan), np.where(valid, lon, np.nan), given_lat | given_lon, \
        swap_suggested


def _vocabulary(values: pd.Series, name: str, default: str, rows, issues) -> pd.Series:
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    allowed = VOCABULARIES[name]
    mapped = []
    for value in uniques:
        key = " ".join(str(value).strip().lower().replace("_", " ").split())
        snake = key.replace(" ", "_").replace("/", "_")
        if not key:
            mapped.append(default)
        elif snake in allowed:
            mapped.append(snake)
        else:
            mapped.append(SYNONYMS[name].get(key))
    result = np.array(mapped, dtype=object)[codes] if len(codes) else np.array([], object)
    unknown = pd.isna(result) if len(result) else np.zeros(0, bool)
    issues.add("rejected", rows[unknown], [
        f"{name} '{v}' is not known; use one of: {', '.join(allowed)}"
        for v in values.to_numpy()[unknown]])
    return pd.Series(np.where(unknown, "", result), index=values.index, dtype=object)


def _month_end(values: pd.Series) -> pd.Series:
    return (values + pd.offsets.MonthEnd(0)).astype("datetime64[s]")


def _dates(fields: pd.DataFrame, precision_given: pd.Series, options: ParseOptions,
           issues: RowIssues, hints: list[str]):
    rows = fields.index.to_numpy()
    start = parse_dates(fields["date_start"], day_first=options.day_first)
    end = parse_dates(fields["date_end"], day_first=options.day_first)
    order = "month/day/year" if options.day_first else "day/month/year"
    for name, parsed in (("date", start), ("date_end", end)):
        text = fields["date_start" if name == "date" else "date_end"]
        bad = text.ne("").to_numpy() & parsed.value.isna().to_numpy()
        issues.add("rejected", rows[bad], [
            f"{name} '{v}' is not a date; " + (f"it reads as {order}: switch day-first "
                                               f"{'off' if options.day_first else 'on'}"
                                               if other else DATE_HELP)
            for v, other in zip(text.to_numpy()[bad], parsed.other_order[bad], strict=True)])
    if start.other_order.sum() > 0 and start.value.notna().any():
        hints.append(f"{int(start.other_order.sum())} date(s) only read as {order}: the file "
                     "may mix date orders, or the day-first switch is wrong")
    if start.ambiguous.any():
        example = fields["date_start"].to_numpy()[start.ambiguous][0]
        hints.append(f"{int(start.ambiguous.sum())} date(s) such as '{example}' read either way; "
                     f"they were read {'day' if options.day_first else 'month'}-first")
    empty = fields["date_start"].eq("").to_numpy()
    issues.add("rejected", rows[empty], ["date is empty; fill it in"] * int(empty.sum()))

    date_from = start.value
    parsed_precision = start.precision.map({"day": "day", "month": "month", "year": "approximate"})
    precision = precision_given.where(precision_given != "", parsed_precision).fillna("")
    has_end = end.value.notna()
    date_to = end.value.where(has_end, date_from)
    month = ~has_end & (precision == "month")
    date_from = date_from.where(~month, date_from.dt.to_period("M").dt.start_time)
    date_to = date_to.where(~month, _month_end(date_from))
    year = ~has_end & (start.precision == "year")
    date_to = date_to.where(~year, date_from + pd.offsets.YearEnd(0))
    week = ~has_end & (precision == "week")  # a week-precision date names the week's middle
    date_from = date_from.where(~week, date_from - pd.Timedelta(days=3))
    date_to = date_to.where(~week, date_to + pd.Timedelta(days=3))
    precision = precision.where(~(has_end & (date_to != date_from) & (precision == "day")),
                                "approximate")
    lonely = (~has_end & (precision == "approximate") & (start.precision != "year")).to_numpy()
    issues.add("rejected", rows[lonely], ["date_precision is 'approximate' but date_end is "
                                          "empty; give the end of the interval"] * lonely.sum())
    reversed_ = (date_to < date_from).to_numpy()
    issues.add("rejected", rows[reversed_], [
        f"date_end {b:%Y-%m-%d} is before date_start {a:%Y-%m-%d}; swap them"
        for a, b in zip(date_from[reversed_], date_to[reversed_], strict=True)])
    today = np.datetime64(options.today or dt.date.today(), "s")
    future = (date_from.to_numpy() > today)
    issues.add("review", rows[future], [
        f"date {d:%Y-%m-%d} is in the future (today is {today.astype(object):%Y-%m-%d}); "
        "check the year" for d in date_from[future]])

    return (date_from.astype("datetime64[s]"), date_to.astype("datetime64[s]"),
            precision.astype(object), _date_text(fields))


def _date_text(fields: pd.DataFrame) -> pd.Series:
    """The date as written, kept when it says more than the ISO day (a time, words)."""
    written = fields["date_start"].to_numpy(dtype=object)
    codes, distinct = pd.factorize(written)
    plain = pd.Series(distinct, dtype=object).str.fullmatch(ISO_DAY).to_numpy(dtype=bool)
    text = np.where(plain[codes], "", written) if len(codes) else written
    timed = fields["time"].ne("").to_numpy()
    text[timed] = [f"{d} {t}" for d, t in zip(written[timed], fields["time"].to_numpy()[timed],
                                               strict=True)]
    given = fields["date_text"].to_numpy(dtype=object)
    return pd.Series(np.where(given != "", given, text), index=fields.index, dtype=object)


def parse_rows(fields: pd.DataFrame, options: ParseOptions = ParseOptions()) -> ParsedRows:
    """Every row of a mapped frame (geo.column_mapping.apply_mapping: text, stripped)
    typed and checked."""
    rows = fields.index.to_numpy()
    issues, hints = RowIssues(), []
    defaults = {**DEFAULTS, "source_name": options.file_name, **options.defaults}
    vocab = {name: _vocabulary(fields[name], name, defaults.get(name, ""), rows, issues)
             for name in VOCABULARIES}
    lat, lon, given, swap_suggested = _coordinates(fields, options, issues, hints)
    date_from, date_to, date_precision, date_text = _dates(
        fields, vocab["date_precision"], options, issues, hints)

    place = fields["place"]
    geo_precision = vocab["geo_precision"]
    country_only = (geo_precision == "country").to_numpy() & ~given
    needs_geocoding = ~given & place.ne("").to_numpy() & ~country_only
    nowhere = ~given & place.eq("").to_numpy() & ~(country_only & fields["country"].ne("")
                                                   .to_numpy())
    issues.add("rejected", rows[nowhere], ["no coordinates and no place name; give latitude "
                                           "and longitude, or a place name to look up"]
               * int(nowhere.sum()))
    method = f"coordinates from the file '{options.file_name}'"
    if options.swap_coordinates:
        method += " (latitude and longitude swapped on import)"
    geo_method = fields["geo_method"].where(fields["geo_method"] != "", method)

    long_ids = fields["incident_id"].str.len().gt(64).to_numpy()
    issues.add("rejected", rows[long_ids], ["incident_id is longer than 64 characters; "
                                            "shorten it or leave it empty"] * long_ids.sum())
    if options.known_site_ids is not None:
        unknown = fields["site_id"].ne("") & ~fields["site_id"].isin(options.known_site_ids)
        issues.add("review", rows[unknown.to_numpy()], [
            f"site_id '{v}' is not in the site register; check it or leave it empty"
            for v in fields["site_id"][unknown]])

    columns = {name: fields.get(name, "") for name in INCIDENT_COLUMNS}
    columns.update(
        date_start=date_from, date_end=date_to, date_precision=date_precision,
        date_text=date_text, latitude=lat, longitude=lon, geo_precision=geo_precision,
        geo_method=geo_method.where(given, ""), category=vocab["category"],
        claim_status=vocab["claim_status"], batch_id="",
        source_name=fields["source_name"].where(fields["source_name"] != "",
                                                defaults["source_name"]),
    )
    incidents = pd.DataFrame(columns, index=fields.index)
    for name in INCIDENT_COLUMNS:
        if name not in ("latitude", "longitude", "date_start", "date_end"):
            incidents[name] = incidents[name].astype(object)
    return ParsedRows(incidents, issues, needs_geocoding, hints, swap_suggested)
