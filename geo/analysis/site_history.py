"""Each site's history of claimed incidents, from the incidents linked to it.

`with_site_columns` gives every incident its linked site's name and operator (exports,
the operator filter); `site_history` is one site's table, latest first, with how each link
was made and how far the incident's point is from the site's; `popup_summaries` is the
short version a site's map popup shows. Every row is a claim with its source and claimant.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.analysis.site_matching import haversine_km
from geo.dates import describe_dates
from geo.schema import CATEGORY_LABELS, CLAIM_LABELS, CLAIM_STATUSES

LINK_LABELS = {"source": "named by the source", "auto": "automatic (nearest site)",
               "manual": "set by hand", "": "not recorded"}
POPUP_LATEST = 3
CLAIMANT_CHARS = 80
HISTORY_COLUMNS = {
    "when": "When (as dated)",
    "category_label": "Category",
    "claim_label": "Claim status",
    "claimant": "Whose claim",
    "link_label": "Link",
    "source_name": "Source",
    "distance_km": "km from site point",
    "place": "Place (as written)",
    "source_url": "Source link",
    "incident_id": "Incident id",
}


def with_site_columns(incidents: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """`incidents` plus site_name and site_operator of the linked site ('' if none)."""
    codes, site_ids = pd.factorize(incidents["site_id"])  # one pass over the incidents
    by_id = sites.set_index("site_id").reindex(site_ids)

    def per_incident(column: str) -> pd.Series:
        values = np.append(by_id[column].fillna("").to_numpy(dtype=object), "")
        # code -1 (no site id) picks the "" appended; object, as every text column
        return pd.Series(values[codes], index=incidents.index, dtype=object)

    return incidents.assign(site_name=per_incident("name"),
                            site_operator=per_incident("operator"))


def linked_incidents(incidents: pd.DataFrame, site_id: str) -> pd.DataFrame:
    return incidents.loc[incidents["site_id"] == site_id]


def site_history(incidents: pd.DataFrame, site: pd.Series) -> pd.DataFrame:
    """The incidents linked to `site`, latest first, in the site page's table columns."""
    linked = linked_incidents(incidents, site["site_id"]).sort_values(
        ["date_end", "date_start"], ascending=False)
    link = linked["site_link"] if "site_link" in linked else pd.Series("", index=linked.index)
    distance = haversine_km(linked["latitude"].to_numpy(), linked["longitude"].to_numpy(),
                            site["latitude"], site["longitude"])
    table = linked.assign(
        when=describe_dates(linked),
        category_label=linked["category"].map(CATEGORY_LABELS).fillna(linked["category"]),
        claim_label=linked["claim_status"].map(CLAIM_LABELS).fillna(linked["claim_status"]),
        link_label=link.map(LINK_LABELS).fillna(link),
        distance_km=np.round(np.asarray(distance, dtype=float), 1),
    )
    return table[list(HISTORY_COLUMNS)].rename(columns=HISTORY_COLUMNS).reset_index(drop=True)


def claim_counts(incidents: pd.DataFrame, site_id: str) -> dict[str, int]:
    found = linked_incidents(incidents, site_id)["claim_status"].value_counts()
    return {status: int(found.get(status, 0)) for status in CLAIM_STATUSES}


def popup_summaries(incidents: pd.DataFrame) -> pd.DataFrame:
    """Per linked site_id: history_count ("N claims") and history_1..3, the latest three
    as "date wording · whose claim · status"."""
    linked = incidents.loc[incidents["site_id"] != ""]
    columns = ["history_count", *(f"history_{i}" for i in range(1, POPUP_LATEST + 1))]
    if linked.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="site_id"))
    linked = linked.sort_values(["date_end", "date_start"], ascending=False)
    claimant = linked["claimant"].where(linked["claimant"] != "", linked["source_name"])
    claimant = claimant.where(claimant.str.len() <= CLAIMANT_CHARS,
                              claimant.str.slice(0, CLAIMANT_CHARS - 1) + "…")
    lines = pd.Series(describe_dates(linked), index=linked.index) + " · " \
        + claimant + " · " + linked["claim_status"]
    ranked = linked.groupby("site_id").cumcount()
    out = pd.DataFrame(index=pd.Index(sorted(set(linked["site_id"])), name="site_id"))
    counts = linked.groupby("site_id").size()
    out["history_count"] = counts.map(lambda n: f"{n} claimed incident{'s' if n != 1 else ''}"
                                      + (" (latest first)" if n > 1 else ""))
    for i in range(POPUP_LATEST):
        chosen = ranked == i
        out[f"history_{i + 1}"] = pd.Series(lines[chosen].to_numpy(),
                                            index=linked.loc[chosen, "site_id"].to_numpy())
    return out.fillna("")


def sites_with_history(sites: pd.DataFrame, incidents: pd.DataFrame) -> pd.DataFrame:
    """`sites` plus the popup_summaries columns ('' for sites with no claim)."""
    summaries = popup_summaries(incidents)
    out = sites.join(summaries, on="site_id")
    for column in summaries.columns:
        out[column] = out[column].fillna("").astype(object)
    return out
