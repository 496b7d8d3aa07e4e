"""Import fields (text) -> typed incident rows, with every problem of every row collected.

Problems are sorted into two kinds: `rejected` (the row cannot be stored as it is: no date,
coordinates out of range, an unknown category, ...) and `review` (it can be stored, but a
person should look first: a date in the future, coordinates 0,0). Every message starts
"Row N:" and names the column and the value. Rows without coordinates but with a place
name are marked for geocoding (geo.importing.pipeline does it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.importing import category_words
from geo.importing.columns import either, filled
from geo.importing.coordinates import check_coordinates
from geo.importing.date_fields import ISO_DAY, parse_dates
from geo.importing.link_lists import first_links
from geo.importing.problems import RowIssues
from geo.importing.region_places import NOTE as region_places_note
from geo.importing.region_places import region_places
from geo.importing.source_links import sources
from geo.importing.unstated_category import CATEGORY as UNSTATED_CATEGORY
from geo.importing.unstated_category import note as unstated_category_note
from geo.schema import (
    CATEGORIES,
    CATEGORY_LABELS,
    CLAIM_LABELS,
    CLAIM_STATUSES,
    DATE_PRECISIONS,
    GEO_PRECISIONS,
    INCIDENT_COLUMNS,
    THERMAL_CATEGORY,
    UNKNOWN_PRECISION,
)

DATE_HELP = "write it as YYYY-MM-DD (2025-08-08), '8 August 2025' or day/month/year"
# Coordinates whose precision the file does not state are kept as given, precision unknown:
# never 'site' (the facility itself) on no evidence.
# A row whose file states no category is not a strike on no evidence
# (geo.importing.unstated_category).
DEFAULTS = {"category": UNSTATED_CATEGORY, "claim_status": "reported",
            "geo_precision": UNKNOWN_PRECISION}
SYNONYMS = {
    "category": {**{category_words.fold(v): k for k, v in CATEGORY_LABELS.items()},
                 "infrastructure": "infrastructure_event", "diplomacy": "diplomatic",
                 "thermal": THERMAL_CATEGORY, "fire": THERMAL_CATEGORY,
                 **category_words.CATEGORY_OF},
    "claim_status": {**{v.split(" (")[0].lower(): k for k, v in CLAIM_LABELS.items()},
                     "unverified": "reported", "verified": "confirmed"},
    "geo_precision": {"exact": "site", "facility": "site", "point": "site", "city": "town",
                      "village": "town", "settlement": "town", "region": "admin1",
                      "oblast": "admin1", "province": "admin1", "state": "admin1",
                      "not stated": UNKNOWN_PRECISION, "none": UNKNOWN_PRECISION,
                      "approximate": UNKNOWN_PRECISION},
    "date_precision": {"exact": "day", "date": "day", "approx": "approximate",
                       "interval": "approximate", "range": "approximate"},
}
PARSED_PRECISION = {"day": "day", "month": "month", "year": "approximate"}
VOCABULARIES = {"category": CATEGORIES, "claim_status": CLAIM_STATUSES,
                "geo_precision": GEO_PRECISIONS, "date_precision": DATE_PRECISIONS}
VOCABULARY_HELP = {"category": category_words.HELP}

MAX_CELL_CHARS = 100_000  # of one field of one row (a long article's text is ~30,000)


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


def vocabulary_word(name: str, value: str) -> str | None:
    """The word of the field `name`'s vocabulary a cell means ('Reported' -> 'reported'),
    None when it means none; '' for an empty cell."""
    key = category_words.fold(value)
    snake = key.replace(" ", "_").replace("/", "_")
    if not key:
        return ""
    return snake if snake in VOCABULARIES[name] else SYNONYMS[name].get(key)


def _vocabulary(values: pd.Series, name: str, default: str, rows, issues) -> pd.Series:
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    allowed = VOCABULARIES[name]
    mapped = [vocabulary_word(name, value) for value in uniques]
    mapped = np.array([default if word == "" else word for word in mapped], dtype=object)
    missing = pd.isna(mapped)  # known or not, decided once per distinct value
    unknown = missing[codes] if len(codes) else np.zeros(0, bool)
    issues.add("rejected", rows[unknown], [
        f"{name} '{v}' is not known; use one of: {', '.join(allowed)}"
        + (f", {VOCABULARY_HELP[name]}" if name in VOCABULARY_HELP else "")
        for v in values.to_numpy()[unknown]])
    result = np.where(missing, "", mapped)[codes] if len(codes) else np.array([], object)
    return pd.Series(result, index=values.index, dtype=object)


def _precision_of(written: np.ndarray) -> np.ndarray:
    """The date_precision a parsed date's shape gives ('' for none), per distinct shape."""
    codes, shapes = pd.factorize(written)
    named = [PARSED_PRECISION.get(shape, "") for shape in shapes]
    return np.array([*named, ""], dtype=object)[codes]  # NaN (code -1): ''


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
        bad = filled(text) & parsed.value.isna().to_numpy()
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
    if start.excel_day is not None and start.excel_day.any():
        example = fields["date_start"].to_numpy()[start.excel_day][0]
        hints.append(f"{int(start.excel_day.sum())} date(s) such as '{example}' are Excel day "
                     "numbers (a date column formatted as a number): read as days since "
                     "1899-12-30; check one against the spreadsheet")
    empty = ~filled(fields["date_start"])
    issues.add("rejected", rows[empty], ["date is empty; fill it in"] * int(empty.sum()))

    date_from = start.value
    # the masks below compare numpy's object arrays: 2-3 ms each instead of pandas' 5-6 ms
    written = start.precision.to_numpy(dtype=object)
    stated = precision_given.to_numpy(dtype=object)
    given = np.where(stated != "", stated, _precision_of(written))
    given[pd.isna(given)] = ""
    precision = pd.Series(given, index=precision_given.index, dtype=object)
    has_end = end.value.notna()
    date_to = end.value.where(has_end, date_from)
    open_end = ~has_end.to_numpy()
    # Each widening only on the rows it concerns: date arithmetic on every row of a file
    # of plain days would cost a tenth of a second per 100,000 rows for nothing.
    month = open_end & (given == "month")
    if month.any():
        starts = date_from[month].dt.to_period("M").dt.start_time.astype("datetime64[s]")
        date_from, date_to = date_from.copy(), date_to.copy()
        date_from[month] = starts
        date_to[month] = _month_end(starts)
    year = open_end & (written == "year")
    if year.any():
        date_to = date_to.copy()
        date_to[year] = (date_from[year] + pd.offsets.YearEnd(0)).astype("datetime64[s]")
    week = open_end & (given == "week")  # a week's date names its middle
    if week.any():
        date_from, date_to = date_from.copy(), date_to.copy()
        date_from[week] = date_from[week] - pd.Timedelta(days=3)
        date_to[week] = date_to[week] + pd.Timedelta(days=3)
    # an end written as a month or a year ends with it: a KML TimeSpan of 2009-02..2009-02
    # is all of February, not its first day
    end_written = end.precision.to_numpy(dtype=object)
    for unit, period_end in (("month", pd.offsets.MonthEnd(0)), ("year", pd.offsets.YearEnd(0))):
        coarse = ~open_end & (end_written == unit)
        if coarse.any():
            date_to = date_to.copy()
            date_to[coarse] = (date_to[coarse] + period_end).astype("datetime64[s]")
    widened = ~open_end & (date_to != date_from).to_numpy() & (given == "day")
    precision = precision.where(~widened, "approximate")
    lonely = open_end & (precision.to_numpy(dtype=object) == "approximate") \
        & (written != "year")
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
    timed = filled(fields["time"])
    # a time cell that holds the whole moment (a GeoPackage's datetime) is said once
    text[timed] = [t if d and d in t else f"{d} {t}" for d, t in zip(
        written[timed], fields["time"].to_numpy()[timed], strict=True)]
    given = fields["date_text"].to_numpy(dtype=object)
    return pd.Series(np.where(given != "", given, text), index=fields.index, dtype=object)


def _too_long(fields: pd.DataFrame, rows: np.ndarray, issues: RowIssues) -> None:
    """A cell longer than any account of an incident (a whole book pasted, a hostile file's
    50 MB cell) is refused with its row: every popup, table and export would carry it."""
    cells = fields.to_numpy(dtype=object)  # one block of text: a view, not a copy
    for position, name in enumerate(fields.columns):
        values = cells[:, position]
        if not len(values) or max(map(len, values)) <= MAX_CELL_CHARS:  # C loop: the usual
            continue
        lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
        long = lengths > MAX_CELL_CHARS
        issues.add("rejected", rows[long], [
            f"{name} is {n:,} characters long; at most {MAX_CELL_CHARS:,} are stored: shorten "
            "it (link longer material from its source)" for n in lengths[long]])


def parse_rows(fields: pd.DataFrame, options: ParseOptions = ParseOptions()) -> ParsedRows:
    """Every row of a mapped frame (geo.importing.columns.apply_mapping: text, stripped)
    typed and checked."""
    rows = fields.index.to_numpy()
    issues, hints = RowIssues(), []
    defaults = {**DEFAULTS, "source_name": options.file_name, **options.defaults}
    vocab = {name: _vocabulary(fields[name], name, defaults.get(name, ""), rows, issues)
             for name in VOCABULARIES}
    lat, lon, given, swap_suggested = check_coordinates(fields, options.swap_coordinates,
                                                        issues, hints)
    date_from, date_to, date_precision, date_text = _dates(
        fields, vocab["date_precision"], options, issues, hints)

    unstated = unstated_category_note(fields["category"], options.defaults.get("category"))
    if unstated:
        hints.append(unstated)
    place, by_region = region_places(fields, given)
    if by_region:
        hints.append(region_places_note.format(count=by_region))
    geo_precision = vocab["geo_precision"]
    country_only = (geo_precision == "country").to_numpy() & ~given
    needs_geocoding = ~given & filled(place) & ~country_only
    nowhere = ~given & ~filled(place) & ~(country_only & filled(fields["country"]))
    issues.add("rejected", rows[nowhere], ["no coordinates and no place name; give latitude "
                                           "and longitude, or a place name to look up"]
               * int(nowhere.sum()))
    method = f"coordinates from the file '{options.file_name}'"
    if options.swap_coordinates:
        method += " (latitude and longitude swapped on import)"
    unstated = given & (geo_precision == UNKNOWN_PRECISION).to_numpy() \
        & ~filled(fields["geo_precision"])
    method = pd.Series(either(unstated, method + "; the file states no precision", method),
                       index=fields.index, dtype=object)
    geo_method = fields["geo_method"].where(fields["geo_method"] != "", method)
    if unstated.any():
        hints.append(f"{int(unstated.sum()):,} row(s) have coordinates but no stated location "
                     "precision: they are stored as given with precision 'unknown' (drawn as "
                     "a dotted ring, never as the site itself). Map the file's precision "
                     "column if it has one")

    ids = fields["incident_id"].to_numpy(dtype=object)
    long_ids = filled(fields["incident_id"])
    long_ids[long_ids] = [len(value) > 64 for value in ids[long_ids]]
    issues.add("rejected", rows[long_ids], ["incident_id is longer than 64 characters; "
                                            "shorten it or leave it empty"] * long_ids.sum())
    _too_long(fields, rows, issues)
    if options.known_site_ids is not None:
        unknown = fields["site_id"].ne("") & ~fields["site_id"].isin(options.known_site_ids)
        issues.add("review", rows[unknown.to_numpy()], [
            f"site_id '{v}' is not in the site register; check it or leave it empty"
            for v in fields["site_id"][unknown]])

    source_name, source_url = sources(fields["source_name"], fields["source_url"])
    source_url, description, several = first_links(source_url, fields["description"])
    if several:
        hints.append(f"{several:,} row(s) cite several links in one cell: the first is the "
                     "row's source link, the others are kept in its description")
    columns = {name: fields.get(name, "") for name in INCIDENT_COLUMNS}
    columns.update(
        date_start=date_from, date_end=date_to, date_precision=date_precision,
        date_text=date_text, latitude=lat, longitude=lon, geo_precision=geo_precision,
        geo_method=geo_method.where(given | filled(fields["geo_method"]), ""),
        category=vocab["category"],
        subtype=fields["subtype"].where(fields["subtype"] != "",
                                        category_words.subtypes_named(fields["category"])),
        claim_status=vocab["claim_status"], batch_id="",
        source_name=source_name.where(source_name != "", defaults["source_name"]),
        source_url=source_url, description=description, place=place,
    )
    incidents = pd.DataFrame(columns, index=fields.index)
    for name in INCIDENT_COLUMNS:
        if name not in ("latitude", "longitude", "date_start", "date_end"):
            incidents[name] = incidents[name].astype(object)
    return ParsedRows(incidents, issues, needs_geocoding, hints, swap_suggested)
