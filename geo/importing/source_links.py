"""A source column that holds a link: OSINT sheets and web map exports keep a post's
address under 'source' ('https://t.me/...'). With no source URL column, that address is the
row's source URL (shown as a link), and its site the source's name ('t.me'), instead of an
address kept as plain text that no one can follow from the map.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pandas as pd

LINK = re.compile(r"https?://[^\s]+", re.IGNORECASE)


def sources(name: pd.Series, url: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(source name, source URL) with a name that is a link moved to an empty URL."""
    link = name.str.fullmatch(LINK) & (url == "")
    if not link.any():
        return name, url
    moved = name[link]
    hosts = [urlsplit(value).hostname or value for value in moved]
    return (name.mask(link, pd.Series(hosts, index=moved.index, dtype=object)),
            url.mask(link, moved))
