"""The Sites page's form to link, move or unlink an incident, and the history of links.

One st.form: nothing reruns until Save (Enter in a text field saves too). Who links comes
from geo.ui.identity (the sign-in in team mode, the name typed once in local mode); a role
that may not change links sees the history only. Changes go through
geo.review.site_links, which keeps each one with who, when and from where.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.access.policy import LINK
from geo.dates import describe_dates
from geo.errors import IncidentMapError, ValidationError
from geo.review.authorship import MAX_NOTE_CHARS
from geo.review.site_links import link_history, set_site_link
from geo.schema import THERMAL_CATEGORY
from geo.store.incident_store import IncidentStore
from geo.ui import identity, safe_text

MESSAGE = "site_link_message"
UNLINK = ""
PLACE_CHARS = 60
# other sites' incidents offered, latest first: a list of a million is neither sent nor read
OTHERS_OFFERED = 5_000


def show_message() -> None:
    if MESSAGE in st.session_state:
        st.success(safe_text.block(st.session_state.pop(MESSAGE)),
                   icon=":material/check_circle:")


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= PLACE_CHARS else text[:PLACE_CHARS - 1] + "…"


def incident_choices(incidents: pd.DataFrame, site_id: str,
                     others: int = OTHERS_OFFERED) -> dict[str, str]:
    """incident_id -> label; this site's incidents, then the latest `others` of the rest,
    each latest first.

    Labels do not name the current site: Streamlit matches the chosen option by its label,
    which must not change when the link does."""
    linkable = (incidents["category"] != THERMAL_CATEGORY).to_numpy()
    here = (incidents["site_id"] == site_id).to_numpy()
    latest_others = incidents["date_end"].loc[linkable & ~here].nlargest(others).index
    linkable = incidents.loc[incidents.index[linkable & here].union(latest_others)]
    linkable = linkable.assign(here=linkable["site_id"] == site_id,
                               when=describe_dates(linkable)).sort_values(
        ["here", "date_end"], ascending=False, kind="stable")
    what = linkable["place"].where(linkable["place"] != "", linkable["description"])
    labels = linkable["when"] + " · " + what.map(_short) + " · " + linkable["incident_id"]
    return dict(zip(linkable["incident_id"], labels, strict=True))


def target_choices(sites: pd.DataFrame, site_id: str) -> dict[str, str]:
    names = sites.set_index("site_id")["name"]
    others = sites.loc[sites["site_id"] != site_id].sort_values(
        "name", key=lambda s: s.str.lower())
    return {site_id: f"This site: {names[site_id]}", UNLINK: "No site (unlink)",
            **dict(zip(others["site_id"], others["name"] + " (" + others["site_id"] + ")",
                       strict=True))}


def _save(store: IncidentStore, incident_id: str, target: str, name: str, note: str,
          targets: dict[str, str]) -> None:
    try:
        person = identity.writer(LINK, name)
        set_site_link(store, incident_id, target, changed_by=person.name, note=note,
                      changed_from=person.origin)
    except ValidationError as error:
        st.error("The link was not changed:\n\n" + "\n".join(
            f"- {safe_text.text(p)}" for p in error.problems), icon=":material/block:")
        return
    except IncidentMapError as error:
        st.error(safe_text.block(error), icon=":material/block:")
        return
    identity.remember(person)
    where = "unlinked from any site" if target == UNLINK else f"linked to {targets[target]}"
    st.session_state[MESSAGE] = f"Incident {incident_id} {where}; the change is in the history."
    st.rerun()


def form(store: IncidentStore, incidents: pd.DataFrame, sites: pd.DataFrame,
         site_id: str) -> None:
    st.subheader("Change a site link", anchor=False)
    choices = incident_choices(incidents, site_id)
    if not choices:
        st.info("There are no incidents to link yet: import some on the Import page.")
        return
    st.caption("Link an incident to this site, move it to another site, or unlink it. Each "
               "change is kept with who made it, when and why.")
    refused = identity.refusal(LINK, "change site links")
    if refused:
        st.caption(refused)
        return
    targets = target_choices(sites, site_id)
    with st.form("site_link_form"):
        incident_id = st.selectbox("Incident", list(choices),
                                   format_func=lambda i: safe_text.plain(choices[i]),
                                   key="site_link_incident",
                                   help=f"This site's incidents first (see the table "
                                        f"above), then the latest {OTHERS_OFFERED:,} "
                                        f"others; type to search.")
        target = st.selectbox("Link it to", list(targets),
                              format_func=lambda t: safe_text.plain(targets[t]),
                              key="site_link_target")
        left, right = st.columns([1, 2])
        name = identity.name_input(left, help="Recorded with the change in the link history.")
        note = right.text_input("Note", key="site_link_note",
                                placeholder=f"why: e.g. geolocated from imagery (at most "
                                            f"{MAX_NOTE_CHARS:,} characters)")
        saved = st.form_submit_button("Save link", type="primary")
    if saved:
        _save(store, incident_id, target, name, note, targets)


def history_table(store: IncidentStore, incidents: pd.DataFrame, sites: pd.DataFrame,
                  site_id: str) -> None:
    st.subheader("History of this site's links", anchor=False)
    changes = link_history(store, site_id=site_id)
    if changes.empty:
        st.caption("No link to or from this site has been changed by hand yet. Links named "
                   "by the source or made automatically on import are in the table above.")
        return
    names = sites.set_index("site_id")["name"]
    changed = incidents.loc[incidents["incident_id"].isin(changes["incident_id"])]
    places = changed.set_index("incident_id")["place"]

    def site_name(value: str) -> str:
        return names.get(value, value) if value else "(no site)"
    st.dataframe(safe_text.table(pd.DataFrame({
        "Changed (UTC)": changes["changed_at"].dt.strftime("%Y-%m-%d %H:%M"),
        "Incident": changes["incident_id"],
        "Place (as written)": changes["incident_id"].map(places).fillna("(no longer stored)"),
        "From": changes["previous_site_id"].map(site_name),
        "To": changes["site_id"].map(site_name),
        "By": changes["changed_by"],
        "From where": changes["changed_from"],
        "Note": changes["note"],
    })), hide_index=True, width="stretch")


def render(store: IncidentStore, incidents: pd.DataFrame, sites: pd.DataFrame,
           site_id: str) -> None:
    form(store, incidents, sites, site_id)
    history_table(store, incidents, sites, site_id)
