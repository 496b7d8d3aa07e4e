"""Site links of imported rows: proposed in the preview, written on commit.

A row that names a site_id keeps it ("source"). A row without one, placed at site or town
precision, is linked to the nearest registered site when geo.analysis.site_matching finds
a clear one ("auto"). Thermal detections (FIRMS) are evidence, never incidents at a site: never
linked. When two sites are about equally close the row stays unlinked and the preview
names the candidates, so a person can link it by hand on the Sites page.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.analysis.site_matching import PRECISION_RADIUS_KM, haversine_km, link_to_sites
from geo.schema import THERMAL_CATEGORY

SOURCE, AUTO, UNLINKED = "source", "auto", ""


def propose_links(incidents: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """Per row: site_id, site_link (source/auto/''), site_distance_km, site_candidates."""
    given = (incidents["site_id"] != "").to_numpy()
    eligible = (~given & (incidents["category"] != THERMAL_CATEGORY).to_numpy()
                & incidents["geo_precision"].isin(list(PRECISION_RADIUS_KM)).to_numpy()
                & incidents["latitude"].notna().to_numpy())
    out = pd.DataFrame({
        "site_id": incidents["site_id"].to_numpy(dtype=object),
        "site_link": np.where(given, SOURCE, UNLINKED).astype(object),
        "site_distance_km": np.nan,
        "site_candidates": "",
    }, index=incidents.index)
    if not eligible.any() or sites.empty:
        return out
    links = link_to_sites(incidents.loc[eligible], sites)
    auto = links.index[links["linked_site_id"] != ""]
    out.loc[auto, "site_id"] = links.loc[auto, "linked_site_id"]
    out.loc[auto, "site_link"] = AUTO
    out.loc[auto, "site_distance_km"] = links.loc[auto, "site_distance_km"]
    ambiguous = links.index[(links["linked_site_id"] == "") & (links["site_candidates"] != "")]
    out.loc[ambiguous, "site_candidates"] = links.loc[ambiguous, "site_candidates"]
    return out


def link_rows(frame: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """`frame` with site_id and site_link set as proposed (the store writes both)."""
    links = propose_links(frame, sites)
    return frame.assign(site_id=links["site_id"], site_link=links["site_link"])


def _km(row: pd.Series, site: pd.Series) -> str:
    distance = haversine_km(row["latitude"], row["longitude"], site["latitude"],
                            site["longitude"])
    return f"{float(distance):.1f} km"


def describe_links(incidents: pd.DataFrame, sites: pd.DataFrame) -> pd.Series:
    """What the preview says about each row's site link, in words."""
    links = propose_links(incidents, sites)
    by_id = sites.set_index("site_id")
    names = dict(zip(sites["site_id"], sites["name"], strict=True))
    words = pd.Series("", index=incidents.index, dtype=object, name="site_proposal")
    site_ids = links["site_id"].astype(object)
    site_names = site_ids.map(names)
    site_names = site_names.where(site_names.notna(), site_ids).astype(object)
    given, auto = links["site_link"] == SOURCE, links["site_link"] == AUTO
    words[given] = site_names[given] + " (named in the file)"
    words[auto] = (site_names[auto] + " (linked automatically, "
                   + links.loc[auto, "site_distance_km"].map("{:.1f} km".format) + ")")
    for row in links.index[links["site_candidates"] != ""]:
        candidates = links.at[row, "site_candidates"].split("|")
        options = [f"{names.get(site_id, site_id)} ({_km(incidents.loc[row], by_id.loc[site_id])})"
                   for site_id in candidates]
        why = ("ambiguous: " + " or ".join(options) if len(options) > 1 else
               f"near {options[0]}, but both points are only the town centre")
        words[row] = f"not linked, {why} (link it by hand on Sites)"
    thermal = (incidents["category"] == THERMAL_CATEGORY) & ~given
    words[thermal] = "not linked (thermal detections never are)"
    return words
