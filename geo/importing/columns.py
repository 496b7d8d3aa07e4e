"""Which column of a file feeds which field of an incident: matched by name, or by preset.

`auto_mapping` proposes a mapping (field -> file column, None when absent) that the user
can change; `check_mapping` lists what is missing, worded "Missing column for date;
found: Datum, Ort, Breite"; `apply_mapping` builds the frame of text in import fields;
`read_columns` and `unread_note` say which of the file's columns no field reads, so none is
left out unsaid.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.allocation import paused_gc
from geo.errors import ValidationError
from geo.importing.column_suffixes import LAST_WORDS, by_last_word, date_column, point_pair
from geo.importing.cyrillic_headers import CYRILLIC_NAMES
from geo.importing.european_headers import FRENCH_NAMES, GERMAN_NAMES
from geo.importing.presets.base import SHOWS_NOTHING, Preset, header_keys, normalise_header
from geo.importing.presets.registry import PRESETS, detect_preset
from geo.importing.problems import SHOWN_QUOTE, quotes_cut

# field -> (label shown to the user, header names that mean it, most specific first)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "date_start": ("Date (or start date)", ("date_start", "date", "event_date", "acq_date",
                                            "start_date", "incident_date", "datetime", "when",
                                            "timestamp", "begin", "started_at",
                                            "start_datetime")),
    "date_end": ("End date", ("date_end", "end_date", "end", "finished_at", "ended_at",
                              "end_datetime")),
    "time": ("Time of day", ("time", "acq_time", "event_time")),
    "date_precision": ("Date precision", ("date_precision",)),
    "date_text": ("Date as written", ("date_text", "date_as_written")),
    "latitude": ("Latitude", ("latitude", "lat", "y", "lat_dd")),
    "longitude": ("Longitude", ("longitude", "lon", "lng", "long", "x", "lon_dd")),
    "place": ("Place name", ("place", "location", "site", "town", "city", "village",
                             "place_name", "location_name", "locality", "settlement",
                             "address", "name", "asciiname", "location_title",
                             # the official alerts' community: a place (geo.geocoding.hromadas)
                             "hromada", "admin3", "adm3_name", "adm3_en")),
    "country": ("Country", ("country", "country_code", "iso2")),
    "admin1": ("Region (admin1)", ("admin1", "adm_1", "adm1", "region", "oblast", "province",
                                   "state", "adm1_name", "adm1_en", "admin1_name",
                                   "location_oblast")),
    # read only to place rows by name: the incident record keeps no raion
    "admin2": ("Raion / district (admin2)", ("admin2", "adm_2", "adm2", "admin2_name", "raion",
                                             "rayon", "district", "adm2_name", "adm2_en",
                                             "location_raion")),
    "geo_precision": ("Location precision", ("geo_precision", "location_precision")),
    "geo_method": ("How it was placed", ("geo_method",)),
    "category": ("Category", ("category", "type", "incident_type")),
    "subtype": ("Subtype", ("subtype", "sub_type", "sub_event_type", "weapon_type")),
    "site_id": ("Site id", ("site_id",)),
    "operator": ("Operator", ("operator", "company", "owner")),
    "munitions": ("Munitions", ("munitions", "munition", "weapon", "weapons")),
    "casualties": ("Casualties", ("casualties", "fatalities", "killed", "deaths")),
    "description": ("Description", ("description", "notes", "note", "details", "summary",
                                    "text", "comment", "comments", "desc")),
    "source_name": ("Source name", ("source_name", "source", "publisher", "outlet")),
    "source_url": ("Source URL", ("source_url", "url", "link", "source_link", "href",
                                    "link1_href")),
    "claimant": ("Whose claim", ("claimant", "claimed_by", "actor", "actor1")),
    "claim_status": ("Claim status", ("claim_status", "status", "verification")),
    "incident_id": ("Incident id", ("incident_id", "id", "event_id", "event_id_cnty")),
}
FIELDS = {name: (label, names + CYRILLIC_NAMES.get(name, ()) + GERMAN_NAMES.get(name, ())
                  + FRENCH_NAMES.get(name, ()))
          for name, (label, names) in FIELDS.items()}

Mapping = dict[str, str | None]
FOUND_SHOWN = 40   # a message lists this many of the file's columns at most


def fields_for(preset: Preset) -> dict[str, str]:
    """Field -> label for every field this preset can fill (not those it sets itself)."""
    labels = {name: label for name, (label, _) in FIELDS.items() if name not in preset.fixed}
    return {**labels, **preset.extra_fields}


def auto_mapping(columns, preset: Preset | str = "auto") -> Mapping:
    preset = PRESETS[preset] if isinstance(preset, str) else preset
    by_header: dict[str, str] = {}
    for column in columns:
        by_header.setdefault(normalise_header(column), column)
    mapping: Mapping = {}
    used: set[str] = set()
    for name in fields_for(preset):
        # a preset names every column it reads; guess no others
        candidates = preset.mapping.get(name, ()) if preset.mapping else FIELDS[name][1]
        found = next((by_header[key] for c in candidates for key in header_keys(c)
                      if key in by_header and by_header[key] not in used), None)
        mapping[name] = found
        if found is not None:
            used.add(found)
    if not preset.mapping:
        _by_suffix(mapping, list(columns), used)
        _without_lone_german_axis(mapping)
    return mapping


# German 'Breite' and 'Länge' are also a width and a length: only the pair is a point
GERMAN_AXES = frozenset({"breite", "länge", "laenge"})


def _without_lone_german_axis(mapping: Mapping) -> None:
    lat, lon = mapping.get("latitude"), mapping.get("longitude")
    if bool(lat) == bool(lon):
        return
    field = "latitude" if lat else "longitude"
    if normalise_header(lat or lon) in GERMAN_AXES:
        mapping[field] = None


def _by_suffix(mapping: Mapping, columns: list, used: set[str]) -> None:
    """kepler.gl's names (geo.importing.column_suffixes) for a point or date not found, and
    a column whose last word names a field."""
    if mapping.get("latitude") is None and mapping.get("longitude") is None:
        pair = point_pair(columns, used)
        if pair is not None:
            mapping["latitude"], mapping["longitude"] = pair
            used.update(pair)
    if mapping.get("date_start") is None:
        mapping["date_start"] = date_column(columns, used)
        if mapping["date_start"] is not None:
            used.add(mapping["date_start"])
    for field in LAST_WORDS:
        if mapping.get(field) is None and (found := by_last_word(field, columns, used)):
            mapping[field] = found
            used.add(found)


def _shown_name(name: str) -> str:
    return name if len(name) <= SHOWN_QUOTE else \
        f"{name[:SHOWN_QUOTE]}… ({len(name):,} characters)"


def listed_columns(columns) -> str:
    """'date, lat, lon' for a message: the first FOUND_SHOWN columns and how many more, a
    name past SHOWN_QUOTE characters cut with its length (one of 100,000 was listed whole)."""
    columns = list(columns)
    return ", ".join(_shown_name(str(c)) for c in columns[:FOUND_SHOWN]) + (
        f" and {len(columns) - FOUND_SHOWN:,} more" if len(columns) > FOUND_SHOWN else "")


NO_DATE = "Missing column for date"
DATE_SAMPLE = 50


def dated_columns(frame: pd.DataFrame) -> list[str]:
    """The columns whose filled cells (of the first DATE_SAMPLE) are mostly dates written
    as dates (not bare numbers, which any count or id is)."""
    from geo.importing.date_fields import parse_dates

    found = []
    for column in frame.columns:
        cells = frame[column].iloc[:DATE_SAMPLE * 4]
        cells = cells[cells.str.strip() != ""].iloc[:DATE_SAMPLE]
        if cells.empty or cells.str.fullmatch(r"\s*[-+]?\d+(?:[.,]\d+)?\s*").any():
            continue
        if parse_dates(cells).value.notna().mean() >= 0.8:
            found.append(column)
    return found


NO_LOCATION = "Missing column for a location"
# a Telegram Desktop chat or channel export (result.json): its messages' own keys
TELEGRAM_KEYS = frozenset({"date_unixtime", "text_entities"})


def _with_location_hint(problem: str, frame: pd.DataFrame) -> str:
    """A Telegram export's messages are text: said, with the way to read their places."""
    if not {normalise_header(c) for c in frame.columns} >= TELEGRAM_KEYS:
        return problem
    return (f"{problem}. The file is a Telegram chat or channel export (result.json): its "
            "messages are text, with no place or point of their own. Save the messages' "
            "text as .txt files and run `python -m geo parse FILES -o proposals.csv` to "
            "propose incidents from the places they name, then import proposals.csv")


def _with_date_hint(problem: str, frame: pd.DataFrame) -> str:
    """The missing date said with what the cells show: the columns that hold dates, or
    that none does (a map's layers of places or areas, DeepStateMap's, carry no date)."""
    found = listed_columns(frame.columns)
    dated = dated_columns(frame)
    if dated:
        shown = ", ".join(f"'{c}'" for c in dated[:5])
        return (f"{NO_DATE}; found: {found}. {shown} hold{'s' if len(dated) == 1 else ''} "
                "dates: choose the column of each event's date in the mapping (command line: "
                f"--map date_start={dated[0]})")
    return (f"{NO_DATE}; found: {found}. No column of the file holds dates, and each "
            "incident needs the day it happened: a map layer of places or areas (a front "
            "line, occupied areas, a list of sites) is no list of events. Add a column with "
            "each row's date (the same for every row if the file is the map's state on one "
            "day) and import it again")


def check_mapping(mapping: Mapping, columns) -> list[str]:
    """What stops the import: no date, or no location (coordinates or a place name)."""
    found = listed_columns(columns)
    problems = [f"Column '{source}' (for {name}) is not in the file; found: {found}"
                for name, source in mapping.items() if source and source not in columns]
    if not mapping.get("date_start"):
        problems.append(f"{NO_DATE}; found: {found}. Choose the date column "
                        "in the mapping (command line: --map date_start=COLUMN)")
    lat, lon, place = (mapping.get(k) for k in ("latitude", "longitude", "place"))
    region = mapping.get("admin1") or mapping.get("admin2")  # a row placed at its region
    if bool(lat) != bool(lon):
        given, absent = ("latitude", "longitude") if lat else ("longitude", "latitude")
        problems.append(f"Missing column for {absent} ({given} is '{lat or lon}'); found: "
                        f"{found}")
    elif not lat and not place and not region:
        problems.append(f"{NO_LOCATION} (latitude and longitude, a place "
                        f"name or a region); found: {found}")
    return problems


def readable(columns) -> bool:
    """Whether a table with these columns can be imported as it is: its detected preset
    finds a date and a location in them."""
    columns = list(columns)
    return not check_mapping(auto_mapping(columns, detect_preset(columns)), columns)


def either(condition: np.ndarray, yes: str, no: str) -> np.ndarray:
    """`yes` where `condition` holds, else `no`: an object array of the two str (np.where
    would make a fixed-width unicode array, then a new str per cell from it)."""
    return np.array([no, yes], dtype=object)[np.asarray(condition, dtype=np.intp)]


def filled(column: pd.Series) -> np.ndarray:
    """Which cells of a text column are not empty (numpy's comparison of an object array is
    several times faster than pandas' on 100,000 rows)."""
    return column.to_numpy(dtype=object) != ""


# numpy's loop calls str.strip itself, with no bytecode or bound method per cell as a
# comprehension has: 35 ms instead of 75 ms for the 900,000 cells of a 100,000-row file
_strip = np.frompyfunc(str.strip, 1, 1)
# fields read as a date, a number or a word of a vocabulary, not kept as text: a character
# that shows nothing in one (a zero-width space or a BOM copied from a web page, a bidi
# mark) is no part of its value, where '50.4\u200b' was refused as no number and
# 'strike\u200b' as no category, whose message showed what no one could see to remove
TYPED = frozenset({"date_start", "date_end", "time", "date_precision", "latitude",
                   "longitude", "category", "claim_status", "geo_precision"})
_unseen = np.frompyfunc(lambda text: SHOWS_NOTHING.sub("", text).strip(), 1, 1)


def _stripped(column: pd.Series, typed: bool = False) -> np.ndarray:
    values = _strip(column.to_numpy(dtype=object))
    if typed and SHOWS_NOTHING.search("".join(values)):  # in C: most files hold none
        return _unseen(values)
    return values


def _unread_fields(mapping: Mapping, preset: Preset) -> list[str]:
    """A mapping naming a field the import does not read (a typo, 'date' for date_start,
    a field the preset sets itself) would leave its column unread without a word."""
    readable = fields_for(preset)
    problems = []
    for name, source in mapping.items():
        if not source or name in readable:
            continue
        why = (f"the {preset.name} preset sets it to '{preset.fixed[name]}'"
               if name in preset.fixed else "no such field")
        problems.append(f"Column '{source}' is mapped to '{name}', which this import does not "
                        f"read ({why}); fields: {', '.join(readable)}")
    return problems


def apply_mapping(frame: pd.DataFrame, mapping: Mapping, preset: Preset | str = "auto",
                  ) -> pd.DataFrame:
    """Text frame with one column per import field ('' where unmapped), preset applied.

    Values are stripped of surrounding spaces, and a date's, a number's or a vocabulary
    word's of the characters that show nothing (TYPED); nothing else is changed."""
    preset = PRESETS[preset] if isinstance(preset, str) else preset
    problems = _unread_fields(mapping, preset) + check_mapping(mapping, list(frame.columns))
    if not mapping.get("date_start"):
        problems = [_with_date_hint(p, frame) if p.startswith(NO_DATE) else p
                    for p in problems]
    problems = [_with_location_hint(p, frame) if p.startswith(NO_LOCATION) else p
                for p in problems]
    if problems:   # each column quoted cut: a name may run to 100,000 characters
        raise ValidationError([quotes_cut(p) for p in problems],
                              summary="The columns cannot be used")
    empty = np.full(len(frame), "", dtype=object)
    columns = {}
    with paused_gc():
        for name in fields_for(preset):
            source = mapping.get(name)
            columns[name] = _stripped(frame[source], name in TYPED) if source else \
                empty.copy()
    out = pd.DataFrame(columns, index=frame.index, dtype=object)
    if preset.transform is not None:
        out = preset.transform(out)
    for name, value in preset.fixed.items():
        out[name] = value
    return out


UNREAD_SHOWN = 12


def read_columns(mapping: Mapping, preset: Preset) -> set:
    """The file's columns the fields of `preset` read."""
    return {mapping[name] for name in fields_for(preset) if mapping.get(name)}


def unread_note(columns: list) -> str:
    """'2 columns are not read: 'raion', 'unit'...' ('' when every column is read)."""
    if not columns:
        return ""
    shown = ", ".join(f"'{column}'" for column in columns[:UNREAD_SHOWN])
    more = f" and {len(columns) - UNREAD_SHOWN} more" if len(columns) > UNREAD_SHOWN else ""
    return (f"{len(columns)} column(s) of the file match no field of an incident and are not "
            f"imported: {shown}{more}. To keep one, choose it for a field (Columns on the "
            "Import page, --map FIELD=COLUMN on the command line).")


def twin_notes(frame: pd.DataFrame, mapping: Mapping) -> list[str]:
    """A read column whose name another column shares but for case or spacing ('Date' and
    'date', as two exports pasted side by side have them): the first is read, and where the
    two differ the import says so with the first such row, instead of reading one
    without a word."""
    by_name: dict[str, list[str]] = {}
    for column in frame.columns:
        by_name.setdefault(normalise_header(column), []).append(column)
    notes = []
    for field, source in mapping.items():
        if not source or source not in frame:
            continue
        for twin in by_name.get(normalise_header(source), []):
            if twin == source or twin in mapping.values():
                continue
            read, other = _stripped(frame[source]), _stripped(frame[twin])
            differ = np.flatnonzero((read != other) & (other != ""))
            if not len(differ):
                continue
            row = frame.index[differ[0]]
            notes.append(
                f"Columns '{source}' and '{twin}' have the same name but for case or spacing: "
                f"'{source}' was read as {field}, '{twin}' was not, and they differ in "
                f"{len(differ):,} row(s) (row {row}: '{read[differ[0]]}' / "
                f"'{other[differ[0]]}'). If '{twin}' holds it, choose it (Columns on the "
                f"Import page, --map {field}={twin} on the command line)")
    return notes


def raion_note(column: str | None) -> str:
    """What a mapped raion column does ('' when none is mapped): it places, it is not kept."""
    if not column:
        return ""
    return (f"The column '{column}' (raion, district) helps place rows by their place name, "
            "and 'How placed' names it for each row placed so; incidents keep no raion of "
            "their own")
