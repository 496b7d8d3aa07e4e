"""The HXL hashtag row: files from the Humanitarian Data Exchange (HDX: ACLED's and UCDP's
country files, OCHA's tables) carry, below the header, a row of HXL tags (`#date+start`,
`#adm1+name`, `#geo+lat`) naming what each column holds. It describes the columns; it is
not an event, so it is left out (and said) instead of being rejected as a row whose date
is '#date+start'.
"""

from __future__ import annotations

import re

from geo.importing.readers.table import RawTable

# a hashtag and its attributes, as the HXL standard writes them: '#geo+lat', '#adm1 +name'
HXL_TAG = re.compile(r"#[A-Za-z][A-Za-z0-9_]*(\s*\+\s*[A-Za-z][A-Za-z0-9_]*)*")
# two tags at least: one '#' cell may be a real value (a row whose only text is '#1')
MIN_TAGS = 2


def is_hxl_row(cells) -> bool:
    """Every filled cell an HXL tag, and at least MIN_TAGS of them."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    return len(filled) >= MIN_TAGS and all(HXL_TAG.fullmatch(cell) for cell in filled)


def without_hxl_row(table: RawTable) -> RawTable:
    """The table without its HXL hashtag row (the first row, when it is one), with a note.
    The other rows keep their numbers, so row numbers still count the file's rows."""
    frame = table.frame
    if frame.empty:
        return table
    first = frame.index[0]
    cells = frame.loc[first].to_numpy()
    if not is_hxl_row(cells):
        return table
    table.frame = frame.drop(index=first)
    shown = ", ".join([cell.strip() for cell in cells if cell.strip()][:4])
    table.notes.append(f"Row {first} holds HXL hashtags ({shown}, ...) that name the columns, "
                       "as HDX adds below the header: it was left out, not read as an event")
    table.row_problems.pop(first, None)
    return table
