"""A column named for a time of day that holds whole moments is the date.

Liveuamap's `time` is Unix seconds (1754611200), an API's `time` an ISO date-time: with no
column named for the date, the import refused such a file as having no date. When no
column is mapped to the date and every filled cell of the time column (of its first
SAMPLE) reads as a day (a Unix time, a date with its time), that column is the date; its
moment is kept as written (date_text). Times of day ('03:40', FIRMS's '0341') read as no
day and stay the time.
"""

from __future__ import annotations

import pandas as pd

from geo.importing.date_fields import parse_dates

SAMPLE = 200


def with_moment_date(mapping: dict[str, str | None], frame: pd.DataFrame,
                     ) -> dict[str, str | None]:
    time = mapping.get("time")
    if mapping.get("date_start") or not time or time not in frame:
        return mapping
    cells = frame[time].iloc[:SAMPLE]
    cells = cells[cells.str.strip() != ""]
    if cells.empty or not (parse_dates(cells).precision == "day").all():
        return mapping
    return {**mapping, "date_start": time, "time": None}
