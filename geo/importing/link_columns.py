"""A column of links, under a name that says nothing of a source, is the rows' source URL
when the file names no source column.

OCHA's Ukraine hostilities layer (`UKR_Hostilities.geojson`) cites each row's reports as
`https://t.me/...` (one, or several separated by spaces) under `Humanitari` (a shapefile's
field name cut at ten characters); it was left out as a column that matches no field, and
no row kept a link to its report. Read as the source URL, a cell's first link is the row's
and the others are kept in its description (geo.importing.link_lists).
"""

from __future__ import annotations

import re

import pandas as pd

from geo.importing.columns import Mapping

LINKS = re.compile(r"(?:https?://\S+[\s;|]*)+", re.IGNORECASE)  # a comma is in many URLs
SAMPLE = 200  # filled cells looked at per column
# links to pictures, not to a report: My Maps's gx_media_links, a map's icon or photo
PICTURES = re.compile(r"media|image|img|photo|picture|icon|thumb|style", re.IGNORECASE)


def with_link_column(mapping: Mapping, frame: pd.DataFrame) -> Mapping:
    """`mapping` with the first unread column whose filled cells are only links read as the
    source URL, when neither a source nor a source URL column is read."""
    if mapping.get("source_name") or mapping.get("source_url"):
        return mapping
    used = {source for source in mapping.values() if source}
    for column in frame.columns:
        if column in used or column == "geometry" or PICTURES.search(str(column)):
            continue
        cells = frame[column].astype(str).str.strip()
        cells = cells[cells != ""].iloc[:SAMPLE]
        if len(cells) and cells.str.fullmatch(LINKS).all():
            return {**mapping, "source_url": column}
    return mapping
