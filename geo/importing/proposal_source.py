"""The article(s) a file of proposals came from (the CSV `python -m geo parse` writes: its
`article`, `article_date` and `article_sha256` columns), kept with the import batch as the
Import page's article flow keeps them. Any other file has none."""

from __future__ import annotations

import pandas as pd

COLUMNS = {"article": "title", "article_date": "date", "article_sha256": "sha256"}
READS = tuple(COLUMNS)   # the file's columns read here by name, besides the mapped fields


def articles_of(cells: pd.DataFrame) -> dict:
    """{title, date, sha256, publisher} of the one article the rows came from, or
    {"articles": [...]} for several; {} when the file names none."""
    if "article_sha256" not in cells.columns:
        return {}
    present = [c for c in COLUMNS if c in cells.columns]
    if "source_name" in cells.columns:
        present.append("source_name")
    found = (cells[present].fillna("").astype(str).apply(lambda c: c.str.strip())
             .drop_duplicates(subset=["article_sha256"]))
    found = found[found["article_sha256"] != ""]
    records = [{COLUMNS.get(name, "publisher"): value for name, value in row.items()}
               for row in found.to_dict("records")]
    if not records:
        return {}
    return records[0] if len(records) == 1 else {"articles": records}
