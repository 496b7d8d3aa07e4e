"""Site links of imported rows: proposed in the preview, written on commit.

A link needs evidence. A row that names a site_id keeps it ("source"); so does a row whose
place is a registered site's name or alias, when its point lies near that site ("named
in the row": "source" too). A row placed at the site itself (precision 'site') is linked
to the nearest registered site when geo.analysis.site_matching finds a clear one
("auto"). A row known only to a town, a region, or with an unknown precision is never
linked on its point alone: a town point 2 km from a refinery does not say the refinery
was hit. The preview names the sites near such a row, so a person can link it by hand on
the Sites page. Thermal detections (FIRMS) are evidence, never incidents at a site.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.analysis.site_matching import PRECISION_RADIUS_KM, haversine_km, link_to_sites
from geo.geocoding.normalize import normalize_name
from geo.importing.columns import either, filled
from geo.schema import THERMAL_CATEGORY

SOURCE, AUTO, UNLINKED = "source", "auto", ""
NAMED_WITHIN_KM = 30.0  # a row naming a site: its point at most this far from the site
AUTO_PRECISION = "site"


def _named_sites(incidents: pd.DataFrame, sites: pd.DataFrame, rows: np.ndarray
                 ) -> pd.Series:
    """The site each row's place names (name or alias), if its point is near that site."""
    named = pd.Series("", index=incidents.index, dtype=object)
    if not rows.any() or sites.empty:
        return named
    spellings: dict[str, int] = {}
    for i, (name, aliases) in enumerate(zip(sites["name"], sites["aliases"], strict=True)):
        for spelling in [name, *str(aliases).split("|")]:
            if spelling.strip():
                spellings.setdefault(normalize_name(spelling), i)
    places = incidents.loc[rows, "place"]
    codes, distinct = pd.factorize(places.to_numpy(dtype=object))
    found = np.array([spellings.get(normalize_name(p), -1) for p in distinct])[codes] \
        if len(codes) else np.zeros(0, int)
    hit = found >= 0
    if not hit.any():
        return named
    chosen = incidents.loc[rows].loc[hit]
    site = sites.iloc[found[hit]]
    km = haversine_km(chosen["latitude"].to_numpy(), chosen["longitude"].to_numpy(),
                      site["latitude"].to_numpy(), site["longitude"].to_numpy())
    near = np.nan_to_num(km, nan=np.inf) <= NAMED_WITHIN_KM
    named[chosen.index[near]] = site["site_id"].to_numpy()[near]
    return named


def propose_links(incidents: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """Per row: site_id, site_link (source/auto/''), site_distance_km, site_candidates."""
    given = filled(incidents["site_id"])
    placed = (~given & (incidents["category"].to_numpy(dtype=object) != THERMAL_CATEGORY)
              & incidents["latitude"].notna().to_numpy())
    def text(values) -> pd.Series:  # object, as the rows' text: not an Arrow string column
        return pd.Series(values, index=incidents.index, dtype=object)

    out = pd.DataFrame({
        "site_id": text(np.array(incidents["site_id"], dtype=object)),
        "site_link": text(either(given, SOURCE, UNLINKED)),
        "site_distance_km": np.nan,
        "site_candidates": text(""),
    }, index=incidents.index)
    if not placed.any() or sites.empty:
        return out
    named = _named_sites(incidents, sites, placed & filled(incidents["place"]))
    by_name = named != ""
    out.loc[by_name, "site_id"] = named[by_name]
    out.loc[by_name, "site_link"] = SOURCE
    near = placed & ~by_name.to_numpy() \
        & incidents["geo_precision"].isin(list(PRECISION_RADIUS_KM)).to_numpy()
    if not near.any():
        return out
    links = link_to_sites(incidents.loc[near], sites)
    exact = incidents.loc[links.index, "geo_precision"] == AUTO_PRECISION
    auto = links.index[(links["linked_site_id"] != "") & exact]
    out.loc[auto, "site_id"] = links.loc[auto, "linked_site_id"]
    out.loc[auto, "site_link"] = AUTO
    out.loc[auto, "site_distance_km"] = links.loc[auto, "site_distance_km"]
    unlinked = links.index[~links.index.isin(auto) & ((links["site_candidates"] != "")
                                                      | (links["linked_site_id"] != ""))]
    candidates = links.loc[unlinked, "site_candidates"]
    out.loc[unlinked, "site_candidates"] = candidates.where(
        candidates != "", links.loc[unlinked, "linked_site_id"])
    return out


def link_rows(frame: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """`frame` with site_id and site_link set as proposed (the store writes both)."""
    links = propose_links(frame, sites)
    return frame.assign(site_id=links["site_id"], site_link=links["site_link"])


def _km(row: pd.Series, site: pd.Series) -> str:
    distance = haversine_km(row["latitude"], row["longitude"], site["latitude"],
                            site["longitude"])
    return f"{float(distance):.1f} km"


def _why_not(options: list[str], own: str, site_precision: str) -> str:
    if len(options) > 1:
        return "ambiguous: " + " or ".join(options)
    if own != AUTO_PRECISION:
        return (f"near {options[0]}, but the row's point is only known to precision "
                f"'{own}': a link needs the site itself or the site named in the row")
    return f"near {options[0]}, but that site is placed only at {site_precision} precision"


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
    from_file = given & (incidents["site_id"] != "")
    words[from_file] = site_names[from_file] + " (named in the file)"
    words[given & ~from_file] = site_names[given & ~from_file] + " (named in the row's place)"
    words[auto] = (site_names[auto] + " (linked automatically, "
                   + links.loc[auto, "site_distance_km"].map("{:.1f} km".format) + ")")
    for row in links.index[links["site_candidates"] != ""]:
        candidates = links.at[row, "site_candidates"].split("|")
        options = [f"{names.get(site_id, site_id)} ({_km(incidents.loc[row], by_id.loc[site_id])})"
                   for site_id in candidates]
        why = _why_not(options, incidents.at[row, "geo_precision"],
                       by_id.at[candidates[0], "geo_precision"])
        words[row] = f"not linked, {why} (link it by hand on Sites)"
    thermal = (incidents["category"] == THERMAL_CATEGORY) & ~given
    words[thermal] = "not linked (thermal detections never are)"
    return words
