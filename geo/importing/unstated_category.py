"""The category of a row whose file states none.

A row with no category column, or an empty cell in it, says nothing about what happened:
a GPX waypoint, a My Maps placemark, a TimeMap event, a table of dates and points. Such
rows were stored as strikes without a word, so a file of waypoints drew strikes on the
map. Unless a person chose a category for them (the Import page's 'Category if none',
`--category` on the command line), they are 'other', and the preview says how many and
how to choose.
"""

from __future__ import annotations

import pandas as pd

CATEGORY = "other"


def note(category_cells: pd.Series, chosen: str | None) -> str:
    """The preview's note for rows stored as 'other' for want of a category ('' if none
    are, or a person chose the category for such rows)."""
    count = int((category_cells == "").sum())
    if chosen or not count:
        return ""
    return (f"{count:,} row(s) state no category (no category column, or an empty cell): "
            f"stored as 'Other', since nothing in the file says they are strikes. If they "
            "are, choose the category for rows without one ('Category if none' on the "
            "Import page, --category strike on the command line), or map a column that "
            "holds it")
