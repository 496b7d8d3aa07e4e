"""A link cell that cites several sources: OSINT sheets keep every article of an event in
one cell ('https://a/1 ;;;; https://b/2', one per line, or 'video: https://...'). Kept
whole, such a cell was no web address at all: the map showed it as text no one could
follow. The first address becomes the row's source link; the other addresses (or, when the
cell holds words besides its links, the cell as written) are added to the description, so
none is lost.
"""

from __future__ import annotations

import re

import pandas as pd

START = re.compile(r"(?=https?://)", re.IGNORECASE)
ADDRESS = re.compile(r"(\S+)\s*(.*)", re.DOTALL)
SPACE = re.compile(r"\s")
SEPARATORS = " \t\r\n;,|"


def _split(cell: str) -> tuple[str, str]:
    """(first address, what the description keeps of the rest); ('', '') for a cell that is
    one address or none."""
    if cell.lower().count("http") < 2 and not SPACE.search(cell.strip()):
        return "", ""
    before, *pieces = START.split(cell)
    if not pieces:
        return "", ""
    links, words = [], before.strip(SEPARATORS)
    for piece in pieces:
        address, rest = ADDRESS.match(piece.strip(SEPARATORS)).groups()
        links.append(address.rstrip(SEPARATORS))
        words += rest.strip(SEPARATORS)
    if len(links) == 1 and not words:
        return "", ""
    if words:
        return links[0], "Sources as written: " + cell.strip()
    return links[0], ("Other sources: " + " ".join(links[1:])) if len(links) > 1 else ""


def first_links(url: pd.Series, description: pd.Series) -> tuple[pd.Series, pd.Series, int]:
    """(source URL, description, rows changed): each cell of several addresses split so."""
    found, distinct = pd.factorize(url.to_numpy(dtype=object))
    split = [_split(value) for value in distinct]
    if not any(first for first, _ in split):
        return url, description, 0
    first = pd.Series([split[i][0] for i in found], index=url.index, dtype=object)
    kept = pd.Series([split[i][1] for i in found], index=url.index, dtype=object)
    changed = first != ""
    joined = (description + "\n" + kept).where(description != "", kept)
    return (url.mask(changed, first), description.mask(changed & (kept != ""), joined),
            int(changed.sum()))
