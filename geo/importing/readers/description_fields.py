"""A map file's fields written only in its descriptions: NASA FIRMS's KML/KMZ downloads
give each detection's time, sensor, confidence, FRP, ... as lines of its balloon
('<b>Detection Time: </b> 2024-09-03 18:55 UTC<br/>'), with no ExtendedData and no
TimeStamp; ArcGIS's and QGIS's KML exports write a feature's attributes as a two-cell table
row each. Read as the description alone, such a file had no date column and was refused.

When (nearly) every description is such a list, each key becomes a column (its values as
written), unless the file already has a column of that name; the description is kept as it
is, and the preview says which columns were read from it.
"""

from __future__ import annotations

import re

from geo.importing.presets.base import normalise_header
from geo.importing.readers.html_text import plain_text
from geo.importing.readers.table import RawTable

# 'Key: value' on a line of its own; a key is a short label, not a sentence or an address
LINE_PAIR = re.compile(r"^\s*([^:\n]{1,40}?)\s*:\s*(.*?)\s*$")
CELL = r"((?:(?!</?t[dhr][\s>]).)*)"  # a cell's content, no row or cell inside it
TABLE_PAIR = re.compile(rf"<tr[^>]*>\s*<t[dh][^>]*>{CELL}</t[dh]>\s*<t[dh][^>]*>{CELL}</t[dh]>\s*"
                        r"</tr>", re.IGNORECASE | re.DOTALL)
NOT_A_KEY = re.compile(r"https?$|[.!?]|\s{2,}", re.IGNORECASE)
MIN_PAIRS = 3          # a list of fields, not a line that happens to hold a colon
SHARE = 0.9            # of the non-empty descriptions, that are such lists
MAX_COLUMNS = 40
SAMPLE = 200


def description_pairs(html: str) -> list[tuple[str, str]]:
    """The (key, value) pairs a description lists: its two-cell table rows, else its
    'Key: value' lines; [] unless there are MIN_PAIRS of them."""
    rows = [(plain_text(k).strip(), plain_text(v).strip()) for k, v in TABLE_PAIR.findall(html)]
    if len(rows) < MIN_PAIRS:
        rows = []
        for line in plain_text(html).splitlines():
            found = LINE_PAIR.match(line)
            if found:
                rows.append((found.group(1), found.group(2)))
    pairs = [(key.rstrip(":").strip(), value) for key, value in rows
             if key.strip() and not NOT_A_KEY.search(key.strip())]
    return pairs if len(pairs) >= MIN_PAIRS else []


def with_description_fields(table: RawTable) -> RawTable:
    """`table` with a column for each key its descriptions list, when nearly every
    description is such a list (run on the descriptions as the file writes them)."""
    frame = table.frame
    if "description" not in frame or frame.empty:
        return table
    texts = [str(v) for v in frame["description"].to_numpy(dtype=object)]
    filled = [i for i, text in enumerate(texts) if text.strip()]
    sample = filled[:SAMPLE]   # a file of prose balloons is not parsed to its end
    if sum(bool(description_pairs(texts[i])) for i in sample) < SHARE * len(sample):
        return table
    listed = {i: dict(description_pairs(texts[i])) for i in filled}
    listed = {i: pairs for i, pairs in listed.items() if pairs}
    if not filled or len(listed) < SHARE * len(filled):
        return table
    taken = {normalise_header(column) for column in frame.columns}
    keys: list[str] = []
    for pairs in listed.values():
        for key in pairs:
            name = normalise_header(key)
            if name and name not in taken and key not in keys:
                keys.append(key)
                taken.add(name)
    keys = keys[:MAX_COLUMNS]
    if not keys:
        return table
    for key in keys:
        frame[key] = [listed.get(i, {}).get(key, "") for i in range(len(texts))]
    table.derived.update({key: ("description",) for key in keys})
    table.notes.append(
        f"{len(listed):,} description(s) list their fields one 'name: value' a line (as "
        f"NASA FIRMS's KML and ArcGIS's KML export write them): read as the column(s) "
        f"{', '.join(repr(k) for k in keys)}; the description is kept as it is")
    return table
