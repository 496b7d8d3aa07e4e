"""Tables that are not lists of events, refused with what they are and what to import
instead: counts per period (ACLED's weekly and monthly aggregated data, HDX's conflict
summaries, HDX HAPI's conflict events: a number of events or fatalities per week or month
and region) and GDELT's
companion files (the Mentions table, one row per article that mentions an event; the Global
Knowledge Graph, one row per article).

Read as events, a count table asked for a date column ('Missing column for date; found:
WEEK, ..., EVENTS, ...'); mapped by hand, each region-week would have become one incident
with '512' as nothing. GDELT's headerless Mentions and GKG files were refused as files
without a header row, with advice to add one.
"""

from __future__ import annotations

import re

from geo.errors import InputFileError, ValidationError
from geo.importing.presets.base import normalise_header

COUNTS = frozenset({"events", "event_count", "events_count", "number_of_events", "num_events",
                    "n_events", "total_events", "event_total", "count_events"})
# 'best': UCDP's best estimate of deaths (HDX's UCDP summaries: year, adm_1, best)
DEATHS = frozenset({"fatalities", "deaths", "killed", "total_fatalities", "best"})
# HDX HAPI's conflict events (hdx_hapi_conflict_event_*.csv, ACLED's counts per admin area):
# events and fatalities per reference_period_start .. reference_period_end
PERIODS = frozenset({"week", "month", "year_month", "month_year", "quarter", "period",
                     "reference_period_start", "reference_period_end"})
# a period as a first and last day: a period only beside a count of events (an event list
# has its own start_date and end_date); HDX's 'Start Date, End Date, Event Type, Events'
SPANS = frozenset({"start_date", "end_date"})
EVENT_LEVEL = frozenset({"event_date", "event_id_cnty", "event_id_no_cnty", "data_id",
                         "globaleventid", "date_start", "acq_date"})
MENTIONS = frozenset({"globaleventid", "mention_time_date", "mention_identifier"})
GKG_HEADERS = (frozenset({"gkgrecordid", "document_identifier"}),
               frozenset({"date", "numarts", "themes", "locations"}))
STAMP = re.compile(r"\d{14}")
GKG_ID = re.compile(r"\d{14}-T?\d+")
NOT_EVENTS = "The file holds no events"
MENTIONS_WIDTH, GKG_WIDTHS = 16, (27, 11)
GDELT_EVENTS = ("import GDELT's event file of the same time instead (YYYYMMDDHHMMSS.export.CSV "
                "for GDELT 2.0, YYYYMMDD.export.CSV for 1.0), which has each event's date and "
                "place")


def refuse_non_events(columns, name: str, *, counts: bool = True) -> None:
    """Raise ValidationError (the Import page shows it beside the mapping; a count table
    whose date column is chosen by hand is read) when the header says the table is counts
    or a GDELT companion file (`counts`: look for counts too, when no source's preset
    recognised the columns)."""
    headers = {normalise_header(c): str(c) for c in columns}
    keys = set(headers)
    if keys >= MENTIONS:
        raise ValidationError([_mentions(name)], summary=NOT_EVENTS)
    if any(keys >= gkg for gkg in GKG_HEADERS):
        raise ValidationError([_gkg(name)], summary=NOT_EVENTS)
    if not counts:
        return
    found = _counted(headers)
    if found:
        counted, period = found
        acled = " (for ACLED: the Data Export Tool's event data, with event_date, location, " \
                "latitude and longitude, not its aggregated data)" \
            if keys & {"event_type", "disorder_type", "sub_event_type", "admin1"} else ""
        raise ValidationError([
            f"'{name}' holds counts, not events: {counted} per {period}. This map stores "
            "one incident per event, with its own date and place, so a count of events "
            "cannot be imported as one. Import the event-level data the counts were made "
            f"from{acled}"], summary=NOT_EVENTS)


def is_count_table(columns) -> bool:
    """Whether the header is a table of counts per period (a workbook's sheet of them is
    the one to refuse by name, not a 'Terms of use' sheet before it)."""
    return _counted({normalise_header(c): str(c) for c in columns}) is not None


def _counted(headers: dict[str, str]) -> tuple[str, str] | None:
    """(the counted columns, the period's columns) of a count table's header (normalised:
    as written), None for a table of events."""
    keys = set(headers)
    if keys & EVENT_LEVEL:
        return None
    periods = [k for k in headers if k in PERIODS]  # in the file's order
    if not periods and keys & COUNTS:
        periods = [k for k in headers if k in SPANS]
    # deaths per month is a count only in a table without a day or a point of its own
    dated = keys & {"date", "datetime", "timestamp", "latitude", "lat", "longitude", "lon"}
    counts = sorted(keys & COUNTS) or (
        sorted(keys & DEATHS) if (periods or "year" in keys) and not dated else [])
    if not counts or not (periods or "year" in keys):
        return None
    return (", ".join(headers[k] for k in counts),
            ", ".join(headers[k] for k in periods or ["year"]))


def refuse_headerless_non_events(cells: list[str], name: str) -> None:
    """Raise InputFileError for a first line of values that is a GDELT Mentions or GKG
    record (GDELT publishes both without a header row)."""
    values = [cell.strip() for cell in cells]
    if len(values) == MENTIONS_WIDTH and all(STAMP.fullmatch(v) for v in values[1:3]) \
            and values[0].isdigit():
        raise InputFileError(_mentions(name))
    if len(values) in GKG_WIDTHS and (GKG_ID.fullmatch(values[0]) or (
            len(values) == GKG_WIDTHS[1] and re.fullmatch(r"\d{8}", values[0])
            and values[1].isdigit())):
        raise InputFileError(_gkg(name))


def _mentions(name: str) -> str:
    return (f"'{name}' is a GDELT Mentions file: one row per article that mentions an event "
            "(GlobalEventID, MentionTimeDate, MentionIdentifier), not the events. To map "
            f"the events, {GDELT_EVENTS}")


def _gkg(name: str) -> str:
    return (f"'{name}' is a GDELT Global Knowledge Graph (GKG) file: one row per article with "
            "the themes, people and places it names, not events with a date and place. To "
            f"map events, {GDELT_EVENTS}")
