"""Operator filter by family, over incidents and the sites they are linked to.

Sources word operators loosely: "SOCAR", "SOCAR Energy Ukraine", "SOCAR (per seed article
000)", "SOCAR (claimed by source)". Choosing a name matches it and every operator that
starts with it followed by a space or "(": the SOCAR family, without also matching an
unrelated "SOCARGAS". An incident matches when its own operator (as claimed) or the
operator of the site it is linked to matches; "" (not stated) matches only the incident's
own empty operator.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import sqlalchemy as sa

NOT_STATED = ""

def family_mask(values: pd.Series, chosen: Iterable[str]) -> np.ndarray:
    """True where a value equals a chosen name or starts with it plus ' ' or '('."""
    text = values.fillna("").astype(str)
    mask = np.zeros(len(text), dtype=bool)
    for name in chosen:
        if name == NOT_STATED:
            mask |= (text == NOT_STATED).to_numpy()
            continue
        mask |= ((text == name) | text.str.startswith(name + " ")
                 | text.str.startswith(name + "(")).to_numpy()
    return mask


def sites_of_operators(sites: pd.DataFrame, chosen) -> pd.DataFrame:
    """The sites whose operator is in a chosen family (all sites when `chosen` is None)."""
    if chosen is None:
        return sites
    named = [name for name in chosen if name != NOT_STATED]
    return sites.loc[family_mask(sites["operator"], named)]


def incident_mask(incidents: pd.DataFrame, chosen) -> np.ndarray:
    """Incidents whose operator, or whose linked site's operator (the `site_operator`
    column, geo.analysis.site_history.with_site_columns, when there is one), is in a
    chosen family."""
    if chosen is None:
        return np.ones(len(incidents), dtype=bool)
    mask = family_mask(incidents["operator"], chosen)
    if "site_operator" not in incidents:
        return mask
    named = [name for name in chosen if name != NOT_STATED]
    return mask | family_mask(incidents["site_operator"], named)


def operator_options(incidents: pd.DataFrame, sites: pd.DataFrame | None = None) -> list[str]:
    """Every operator named by an incident or a site; "" (not stated) last."""
    present = set(incidents["operator"])
    if sites is not None:
        present |= set(sites["operator"]) - {NOT_STATED}
    return sorted(present, key=lambda v: (v == NOT_STATED, v.lower()))


def _family_condition(column, chosen) -> sa.ColumnElement:
    conditions = []
    for name in chosen:
        if name == NOT_STATED:
            conditions.append(column == NOT_STATED)
            continue
        escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions += [column == name, column.like(escaped + " %", escape="\\"),
                       column.like(escaped + "(%", escape="\\")]
    return sa.or_(*conditions) if conditions else sa.false()


def sql_condition(incidents: sa.Table, sites: sa.Table, chosen) -> sa.ColumnElement:
    """The same match in SQL: own operator, or the linked site's operator."""
    named = [name for name in chosen if name != NOT_STATED]
    site_ids = sa.select(sites.c.site_id).where(_family_condition(sites.c.operator, named))
    return sa.or_(_family_condition(incidents.c.operator, chosen),
                  incidents.c.site_id.in_(site_ids))
