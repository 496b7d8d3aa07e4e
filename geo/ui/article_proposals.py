"""The proposals of an article, to accept, edit or leave out before they are checked like
any imported row (statuses, duplicates, ambiguous places) in the import preview.

Every field can be edited. A place, country or region edited here is looked up again by the
import (its point and how it was placed are cleared). Proposals read with low confidence are
not accepted until the analyst ticks them. The sentences that had event words but gave no
proposal are listed with the reason, so that nothing is left out without a word.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.articles.parse import ArticleParse
from geo.articles.rows import proposal_rows
from geo.schema import CATEGORIES, DATE_PRECISIONS
from geo.ui import safe_text

SHOWN = {"accept": "Accept", "number": "#", "confidence": "Confidence", "category": "Category",
         "place": "Place", "country": "Country", "admin1": "Region", "subtype": "Subtype",
         "date_start": "From", "date_end": "To", "date_precision": "Date precision",
         "date_text": "Date as written", "munitions": "Munitions",
         "casualties": "Casualties", "operator": "Operator", "claimant": "Whose claim",
         "doubts": "Why unsure", "description": "Evidence"}
LOOKED_UP = ("place", "country", "admin1")
CLEARED = ("latitude", "longitude", "geo_precision", "geo_method", "site_id")


def _editor(parse: ArticleParse, rows: pd.DataFrame) -> pd.DataFrame:
    table = rows[[c for c in SHOWN if c in rows.columns]].copy()
    table.insert(0, "number", range(1, len(rows) + 1))
    table.insert(0, "accept", (rows["confidence"] != "low").to_numpy())
    return st.data_editor(
        safe_text.table(table), key=f"article_editor_{parse.sha256[:16]}_{parse.meta.date}",
        hide_index=True,
        num_rows="fixed", width="stretch",
        disabled=["number", "confidence", "doubts", "description"],
        column_config={
            "accept": st.column_config.CheckboxColumn(SHOWN["accept"]),
            "number": st.column_config.NumberColumn(SHOWN["number"], format="%d"),
            "category": st.column_config.SelectboxColumn(SHOWN["category"],
                                                         options=list(CATEGORIES)),
            "date_precision": st.column_config.SelectboxColumn(
                SHOWN["date_precision"], options=list(DATE_PRECISIONS)),
            "description": st.column_config.TextColumn(SHOWN["description"], width="large"),
            **{name: st.column_config.TextColumn(label) for name, label in SHOWN.items()
               if name not in ("accept", "number", "category", "date_precision",
                               "description")},
        })


def edited_rows(rows: pd.DataFrame, edited: pd.DataFrame) -> pd.DataFrame:
    """The proposal rows with the analyst's edits. A changed place is looked up again: its
    point, how it was placed, and the country and region read with it are cleared, unless
    the analyst changed those too."""
    out = rows.copy()
    changed = {}
    for name in edited.columns:
        if name in out.columns:
            values = edited[name].fillna("").astype(str).str.strip().to_numpy()
            changed[name] = values != out[name].fillna("").astype(str).to_numpy()
            out[name] = values
    moved = changed.get("place", False)
    for name in LOOKED_UP:
        moved = moved | changed.get(name, False)
    for name in (*CLEARED, "country", "admin1"):
        if name not in changed or name in CLEARED:
            out.loc[moved, name] = ""
        else:
            out.loc[moved & ~changed[name] & changed.get("place", False), name] = ""
    return out


def _unproposed(parse: ArticleParse) -> None:
    if not parse.unproposed:
        return
    with st.expander(f"Sentences with event words that gave no proposal "
                     f"({len(parse.unproposed)})"):
        st.dataframe(safe_text.table(pd.DataFrame({
            "Why not": [u.why for u in parse.unproposed],
            "Sentence": [u.sentence.text for u in parse.unproposed]})),
                     hide_index=True, width="stretch")


def render(parse: ArticleParse) -> tuple[pd.DataFrame, bool]:
    """(the accepted proposal rows as edited, whether the analyst asked to check them)."""
    st.subheader("Proposed incidents")
    rows = proposal_rows(parse)
    if rows.empty:
        st.info("No incident was found in this article.", icon="🔎")
        _unproposed(parse)
        return rows, False
    st.caption("Each row is one incident the article states, with the sentence it is read "
               "from. Tick the ones to keep, correct any field, then check them: they go "
               "through the same checks as an imported file, and nothing is stored until "
               "you press Import.")
    edited = _editor(parse, rows)
    _unproposed(parse)
    accepted = edited_rows(rows, edited)[edited["accept"].fillna(False).astype(bool)
                                         .to_numpy()]
    pressed = st.button(f"Check {len(accepted):,} accepted proposal(s)", type="primary",
                        disabled=accepted.empty, key="article_check")
    return accepted.reset_index(drop=True), pressed
