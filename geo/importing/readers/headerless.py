"""A delimited file whose first line holds values, not column names: a file published
without its header row (UCDP's candidate event releases, GDELT's event files), or one whose
header was cut off.

Taken as the header, such a line would lose the first record and leave no column a field
can read, and the user would be shown the first record's values as "columns". Instead:
when the line has exactly the width of a source's fixed column layout (one of a preset's
`layouts`), the file is read with that layout and said so; otherwise it is refused with
what to do.
"""

from __future__ import annotations

import re

from geo.errors import InputFileError
from geo.importing.not_events import refuse_headerless_non_events
from geo.importing.presets.registry import PRESETS

VALUE = re.compile(
    r"[-+]?\d+(?:[.,]\d+)?"                          # a number
    r"|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ t].*)?"    # a date, with or without a time
    r"|(?:multi)?(?:point|linestring|polygon)\s*\(.*"  # WKT
    r"|https?://\S+", re.IGNORECASE)
MIN_VALUES = 3
SHOWN = 4


def looks_like_values(cells: list[str]) -> bool:
    """Whether a header line is values: at least 3 of its cells, and half of those filled,
    are numbers, dates, WKT shapes or web addresses, which column names are not."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    values = sum(bool(VALUE.fullmatch(cell)) for cell in filled)
    return values >= MIN_VALUES and values * 2 >= len(filled)


def layout_for(cells: list[str], name: str) -> tuple[str, tuple[str, ...]]:
    """(source label, its column names) for a first line of values; raises InputFileError
    when no source's layout has its width."""
    shown = ", ".join(cell.strip()[:40] for cell in cells[:SHOWN]) + (
        ", ..." if len(cells) > SHOWN else "")
    for preset in PRESETS.values():
        for layout in preset.layouts:
            if len(layout) == len(cells):
                return preset.label, layout
    refuse_headerless_non_events(cells, name)
    raise InputFileError(
        f"'{name}' has no header row: its first line holds values ({shown}), not column "
        "names. Add a first line naming the columns (for example date,latitude,longitude,"
        "place) and import it again")


def layout_note(label: str, layout: tuple[str, ...]) -> str:
    return (f"The file has no header row (its first line holds values): its {len(layout)} "
            f"columns were read in the column layout of {label} ({', '.join(layout[:SHOWN])}, "
            "...), and its first line as row 1")
