"""NUL characters in the text cells of a file that is not text (Parquet, GeoPackage,
FlatGeobuf, a shapefile's table, Excel's '_x0000_' escape): no stored text may hold one
(PostgreSQL refuses it, a spreadsheet cuts the cell there), yet from Parquet it was stored
as it came. Each is shown as its mark ‹U+0000›, as JSON's NUL escapes are
(geo.importing.readers.json_surrogates), and the file's notes say how many there were."""

from __future__ import annotations

from geo.importing.readers.json_surrogates import NUL_MARK, nul_note
from geo.importing.readers.table import RawTable

NUL = "\x00"


def with_nuls_marked(table: RawTable) -> RawTable:
    """`table` with every NUL in its cells as its mark, and a note when there was one."""
    count = 0
    for name in table.frame.columns:
        values = table.frame[name].to_numpy(dtype=object)
        if NUL not in "".join(values):  # in C: most files hold none
            continue
        count += sum(value.count(NUL) for value in values)
        marked = values.copy()
        marked[:] = [value.replace(NUL, NUL_MARK) for value in values]
        table.frame[name] = marked
    if count:
        table.notes.append(nul_note(count, "NUL character(s)"))
    return table
