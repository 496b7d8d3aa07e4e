"""Air-raid alert tables: Ukraine's official alerts as `Vadimkin/ukrainian-air-raid-sirens-
dataset` publishes them (`oblast, raion, hromada, level, started_at, finished_at, source`)
and alerts.in.ua's answers (`location_title, location_type, started_at, finished_at,
alert_type`). An alert is a warning for a region, not a strike: with no category column
such a file's rows took the import's default category, 'strike', and each alert became a
strike on the map. Their category if none is 'other', their subtype 'air_raid_alert' (or
the file's alert_type), and the preview says so.
"""

from __future__ import annotations

import pandas as pd

from geo.importing.presets.base import normalise_header, slug

SPAN = frozenset({"started_at", "finished_at"})
REGIONS = frozenset({"oblast", "raion", "hromada", "location_title", "location_oblast"})
KINDS = frozenset({"level", "location_type", "alert_type"})
CATEGORY = "other"
SUBTYPE = "air_raid_alert"


def is_alert_table(columns) -> bool:
    keys = {normalise_header(c) for c in columns}
    return keys >= SPAN and bool(keys & REGIONS) and bool(keys & KINDS)


def default_category(columns, default: str = "strike") -> str:
    """The category for rows without one: 'other' for an alert table, else `default`."""
    return CATEGORY if is_alert_table(columns) else default


def alert_subtypes(frame: pd.DataFrame, fields: pd.DataFrame) -> str:
    """Give an alert table's rows without a subtype the alert's kind (its alert_type, else
    'air_raid_alert'); the note to show ('' when the table is no alert table)."""
    if not is_alert_table(frame.columns) or (fields["subtype"] != "").any():
        return ""
    kind = next((c for c in frame.columns if normalise_header(c) == "alert_type"), None)
    given = slug(frame[kind].astype(str).fillna("")) if kind else None
    fields["subtype"] = given.where(given != "", SUBTYPE) if given is not None else SUBTYPE
    return ("The file is a table of air-raid alerts (started_at, finished_at and the region "
            "alerted): an alert is a warning for its region, not a strike, so rows without a "
            "category are 'Other', subtype "
            + ("its alert_type" if kind else f"'{SUBTYPE}'")
            + " (choose another category if none on the Import page, or map a column)")
