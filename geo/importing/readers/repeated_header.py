"""A header row repeated below the first: two exports pasted one below the other (a week's
export after the last one), or a report printed page by page. Such a row names the columns;
it is not an event, so it is left out and said, instead of being rejected as a row whose
date is 'Date'. The other rows keep their numbers.
"""

from __future__ import annotations

import numpy as np

from geo.importing.readers.table import RawTable

SHOWN = 5
BOM = "\ufeff"  # the second of two UTF-8 exports with a BOM joined (`cat a.csv b.csv`)


def _folded(name) -> str:
    return str(name).strip().lstrip(BOM).casefold()


def without_repeated_headers(table: RawTable) -> RawTable:
    frame = table.frame
    names = list(frame.columns)
    if frame.empty or len(names) < 2:
        return table
    # rows whose first cell is the first name are compared whole: one pass of numpy's
    # comparison on the usual file (a few ms for 100,000 rows)
    first = frame.iloc[:, 0].to_numpy(dtype=object)
    candidates = np.flatnonzero((first == names[0]) | (first == str(names[0]).strip())
                                | (first == BOM + str(names[0])))
    folded = [_folded(name) for name in names]
    repeated = [frame.index[i] for i in candidates
                if [_folded(c) for c in frame.iloc[i]] == folded]
    if not repeated:
        return table
    table.frame = frame.drop(index=repeated)
    for row in repeated:
        table.row_problems.pop(row, None)
    shown = ", ".join(map(str, repeated[:SHOWN])) + (
        f" and {len(repeated) - SHOWN:,} more" if len(repeated) > SHOWN else "")
    many = len(repeated) > 1
    table.notes.append(f"Row{'s' if many else ''} {shown} repeat{'' if many else 's'} the "
                       "header row (files joined one below the other): left out, not read "
                       "as events")
    return table
