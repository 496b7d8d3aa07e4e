"""Rows an article parser proposed with low confidence wait for a person, however they
arrive: through the Import page's article flow or as the CSV `python -m geo parse` writes
and `python -m geo import` reads. A file says so in its `confidence` column ("low"), with
the reason in `doubts`; any other file is untouched."""

from __future__ import annotations

import pandas as pd

from geo.importing.problems import RowIssues

LOW = "low"
TOPIC = "proposal"
READS = ("confidence", "doubts")   # the file's columns read here by name


def hold_unsure_proposals(cells: pd.DataFrame, issues: RowIssues) -> int:
    """Mark for review every row of `cells` (the file's cells, by row number) whose
    `confidence` is low and that is not rejected already; returns how many."""
    if "confidence" not in cells.columns:
        return 0
    low = cells["confidence"].fillna("").astype(str).str.strip().str.lower() == LOW
    rows = [row for row in cells.index[low] if int(row) not in issues.rejected]
    doubts = (cells["doubts"].fillna("").astype(str) if "doubts" in cells.columns
              else pd.Series("", index=cells.index))
    issues.add("review", rows, [
        f"proposed with low confidence ({doubts[row].strip() or 'unsure reading'}); check it "
        "against the article's sentence before importing" for row in rows], topic=TOPIC)
    return len(rows)
