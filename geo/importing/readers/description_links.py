"""A map file's source links, read from its descriptions: Google My Maps and Google Earth
keep the source of a placemark in its balloon ("Source: https://..."), not in a column.
When the file has no link column of its own, the first http or https address of each
description becomes the row's source URL (the description is kept whole), and the preview
says so."""

from __future__ import annotations

import re

from geo.importing.presets.base import normalise_header
from geo.importing.readers.table import RawTable

WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
TRAILING = ".,;:!?"          # sentence punctuation after an address is not part of it
COLUMN = "source_link"       # a name the column mapping reads as the source URL


def with_source_links(table: RawTable, link_columns: tuple[str, ...]) -> RawTable:
    """`table` with a COLUMN of each description's first web address, unless one of its
    columns is already read as the source URL (`link_columns`: their normalised names)."""
    frame = table.frame
    if "description" not in frame or any(normalise_header(c) in link_columns
                                         for c in frame.columns):
        return table
    links = [_first_address(str(text)) for text in frame["description"].to_numpy(dtype=object)]
    found = sum(1 for link in links if link)
    if found:
        frame[COLUMN] = links
        table.notes.append(f"{found:,} description(s) hold a web link: the first http/https "
                           f"address of each is read as its source URL (column '{COLUMN}'; "
                           "the description is kept whole)")
    return table


def _first_address(text: str) -> str:
    found = WEB_ADDRESS.search(text)
    return found.group(0).rstrip(TRAILING) if found else ""
