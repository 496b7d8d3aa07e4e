"""The site register as the article reader uses it: every name and alias of a site as
words to find in a sentence (sites without a point included: a text can name a site the
map cannot place), and the register kind that facility words name.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.geocoding.normalize import normalize_name
from geo.geocoding.place_text import FACILITY_KIND, FACILITY_PATTERN


def facility_kind(words: str) -> str:
    """The register kind facility words name ('oil products depot' -> oil_depot), or ''."""
    found = FACILITY_PATTERN.search(normalize_name(words or ""))
    return FACILITY_KIND[found.group()] if found else ""


def register_aliases(sites_csv: Path) -> tuple[dict[tuple[str, ...], str], pd.DataFrame]:
    """Every register name and alias as normalised words -> site id; and the register itself
    (sites without a point included: the text can name them, the map cannot draw them)."""
    if not sites_csv.exists():
        return {}, pd.DataFrame(columns=["site_id", "name", "aliases", "kind", "country"])
    sites = pd.read_csv(sites_csv, dtype=str, keep_default_na=False, encoding="utf-8")
    aliases: dict[tuple[str, ...], str] = {}
    for row in sites.itertuples(index=False):
        for spelling in [row.name, *str(row.aliases).split("|")]:
            words = normalize_name(spelling.replace("'s ", " ").replace("’s ", " ")).split()
            while words and words[0] in ("the", "a", "an"):
                words = words[1:]
            if len(words) >= 2:
                aliases.setdefault(tuple(words), row.site_id)
    return aliases, sites.set_index("site_id", drop=False)
