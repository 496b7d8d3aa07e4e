"""The Sites page: one registered site, the claims linked to it, and its links' history.

`?site=<site_id>` in the URL picks the site (the map's site popups link here). Every
incident is shown as a claim with its source and whose claim it is, never as a fact.
User and source text goes through geo.ui.safe_text or st.dataframe (text); only http(s)
sources are links.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.analysis.site_history import HISTORY_COLUMNS, claim_counts, site_history
from geo.schema import CLAIM_LABELS, GEO_PRECISION_LABELS, SITE_KIND_LABELS
from geo.ui import cached, safe_text, site_data, site_link_form
from geo.ui.link_query import link_parameters
from geo.ui.safe_text import text as escaped

SITE_KEY = "site_page_site"
PARAM_SEEN = "site_page_param"


def _label(sites: pd.DataFrame):
    """Name and kind: labels must not change when a link does (Streamlit matches the
    chosen option by its label)."""
    names = sites.set_index("site_id")["name"]
    kinds = sites.set_index("site_id")["kind"].map(SITE_KIND_LABELS)

    def label(site_id: str) -> str:
        return f"{names.get(site_id, site_id)} ({kinds.get(site_id) or 'site'})"
    return label


def pick_site(sites: pd.DataFrame) -> str | None:
    """The site chosen in the picker; a `site` in the URL chooses it on arrival."""
    ids = sites.sort_values("name", key=lambda s: s.str.lower())["site_id"].tolist()
    given, undecoded = link_parameters()
    for problem in undecoded:
        st.warning(safe_text.block(problem), icon=":material/warning:")
    wanted = (given.get("site") or [None])[-1]
    if wanted and wanted != st.session_state.get(PARAM_SEEN):
        st.session_state[PARAM_SEEN] = wanted
        if wanted in ids:
            st.session_state[SITE_KEY] = wanted
        else:
            st.warning(f"Unknown site id {safe_text.quoted(wanted)} in the link; pick one "
                       "from the site register below", icon=":material/warning:")
    label = _label(sites)
    choice = st.selectbox("Site", ids, index=None, key=SITE_KEY,
                          format_func=lambda s: safe_text.plain(label(s)),
                          placeholder="Type to search the site register by name…",
                          help="Every registered site, by name; the table below the "
                               "picker lists those with claimed incidents.")
    if choice and st.query_params.get("site") != choice:
        st.session_state[PARAM_SEEN] = choice
        st.query_params["site"] = choice
    return choice


def overview(sites: pd.DataFrame, counts: pd.Series) -> None:
    st.info("Choose a site above, or open one from its popup on the map.",
            icon=":material/factory:")
    hit = sites.loc[sites["site_id"].isin(counts.index)].assign(
        claims=lambda f: f["site_id"].map(counts).astype(int))
    if hit.empty:
        st.caption("No incident is linked to a site yet.")
        return
    st.subheader("Sites with claimed incidents")
    table = hit.sort_values("claims", ascending=False)[["name", "kind", "operator", "claims",
                                                        "site_id"]]
    st.dataframe(safe_text.table(table.assign(
        kind=table["kind"].map(SITE_KIND_LABELS).fillna(table["kind"])))
                 .rename(columns={"name": "Site", "kind": "Kind", "operator": "Operator",
                                  "claims": "Claimed incidents", "site_id": "Site id"}),
                 hide_index=True, width="stretch")


def details(site: pd.Series) -> None:
    st.header(escaped(site["name"]), anchor=False)
    kind = SITE_KIND_LABELS.get(site["kind"], site["kind"])
    operator = escaped(site["operator"]) if site["operator"] else "not stated"
    lines = [f"**Kind:** {escaped(kind)}", f"**Operator (as recorded):** {operator}"]
    if site["aliases"]:
        lines.append("**Also known as:** " + escaped(site["aliases"].replace("|", ", ")))
    precision = GEO_PRECISION_LABELS.get(site["geo_precision"], site["geo_precision"])
    where = (f"{site['latitude']:.5f}, {site['longitude']:.5f}"
             if pd.notna(site["latitude"]) else "no point")
    lines.append(f"**Location:** {escaped(precision)} ({escaped(where)})")
    lines.append(f"**How placed:** {escaped(site['geo_method'])}")
    source = escaped(site["source_name"]) or "not stated"
    lines.append(f"**Source:** {source}" + (f" ({safe_text.link('link', site['source_url'])})"
                                             if site["source_url"] else ""))
    if site["notes"]:
        lines.append(f"**Notes:** {escaped(site['notes'])}")
    st.markdown("  \n".join(lines))
    st.caption(f"Site id: {escaped(site['site_id'])}")


def history(incidents: pd.DataFrame, site: pd.Series) -> None:
    st.subheader("Claimed strikes and incidents at this site", anchor=False)
    table = site_history(incidents, site)
    if table.empty:
        st.info("No claimed incident is linked to this site yet. Link one with the form "
                "below, or import incidents placed near it: they are linked on import.",
                icon=":material/folder_open:")
        return
    st.caption("Each row is a claim, with its source and whose claim it is; the claim status "
               "says how far it has been checked. 'Link' says how the incident came to this "
               "site.")
    counts = claim_counts(incidents, site["site_id"])
    shown = [(status, n) for status, n in counts.items() if n]
    for column, (status, n) in zip(st.columns(max(len(shown), 1)), shown, strict=False):
        column.metric(CLAIM_LABELS[status], n)
    source_link = HISTORY_COLUMNS["source_url"]
    displayed = safe_text.table(safe_text.with_web_links(table, source_link))
    st.dataframe(displayed, hide_index=True, width="stretch", column_config={
        source_link: st.column_config.LinkColumn(source_link, display_text="open"),
        **{HISTORY_COLUMNS[name]: st.column_config.TextColumn(width="medium")
           for name in ("when", "claimant", "source_name")},
        HISTORY_COLUMNS["distance_km"]: st.column_config.NumberColumn(format="%.1f")})


def render() -> None:
    settings = cached.settings()
    db, data_dir = settings.database_url, str(settings.data_dir)
    store = cached.store(db, data_dir)
    revision = store.revision()
    incidents = site_data.incidents(db, data_dir, revision)
    sites = cached.sites(db, data_dir, revision)
    st.title("Sites and their claimed strike histories")
    st.caption("The site register, with every incident linked to a site. Incidents are "
               "claims with their source, not settled facts.")
    site_link_form.show_message()
    counts = incidents.loc[incidents["site_id"] != "", "site_id"].value_counts()
    site_id = pick_site(sites)
    if site_id is None:
        overview(sites, counts)
        return
    site = sites.loc[sites["site_id"] == site_id].iloc[0]
    details(site)
    history(incidents, site)
    site_link_form.render(store, incidents, sites, site_id)
