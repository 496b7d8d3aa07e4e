"""The person using the app, as the deployment says (geo.access): every page asks here.

Team mode (INCIDENT_MAP_ACCESS set): the identity comes from the authenticating proxy's
header on the browser's connection (st.context.headers) and the roles from the access
file; a request without it is refused before any page is drawn (`gate`). Local mode: the
app answers this computer only, and the forms that record a change ask for a name once,
remembered for the session (`name_input`). Writes take the actor from `writer`, which
checks the permission and gives who and from where to record.
"""

from __future__ import annotations

import streamlit as st

from geo.access import actor as actors
from geo.access.policy import policy_from_env
from geo.errors import IncidentMapError
from geo.ui import safe_text

KEY = "analyst_name"
# Streamlit forgets a widget's value while its page is not shown; this key outlives it.
SAVED_KEY = "saved_analyst_name"


def _request():
    """The policy (None in local mode), the identity header's values, the peer address
    and where the server listens."""
    policy = policy_from_env()
    values = st.context.headers.get_all(policy.header) if policy is not None else []
    peer = st.context.ip_address
    address = st.get_option("server.address")
    # outside a real server (AppTest) these are stand-ins, not text: no peer, no header
    return (policy, [v for v in values if isinstance(v, str)],
            peer if isinstance(peer, str) else None,
            address if isinstance(address, str) else None)


def current(name: str | None = None) -> actors.Actor:
    """Who makes this request; `name`: the name typed in local mode (else the one
    remembered). Raises AccessError (or ConfigError for a broken access file)."""
    policy, values, peer, address = _request()
    if policy is None:
        typed = st.session_state.get(SAVED_KEY, "") if name is None else name
        return actors.local_actor(typed, peer)
    return actors.team_actor(policy, values, peer, address)


def gate() -> actors.Actor | None:
    """Before any page: a request that may not use the app sees why, and nothing else."""
    try:
        person = current()
    except IncidentMapError as error:
        st.error(safe_text.block(error), icon=":material/lock:")
        st.stop()
        return None
    if person.team:
        roles = ", ".join(sorted(person.roles))
        st.sidebar.caption(f"Signed in as {safe_text.text(person.name)} "
                           f"({safe_text.text(roles)})")
    return person


def may(permission: str) -> bool:
    try:
        return current().may(permission)
    except IncidentMapError:
        return False


def name_input(container, help: str) -> str:
    """Local mode: the name to record, typed once and remembered for the session. Team
    mode: the signed-in identity, shown, not typed."""
    person = current()
    if person.team:
        container.caption(f"Recorded as **{safe_text.text(person.name)}** (signed in)")
        return person.name
    if KEY not in st.session_state:
        st.session_state[KEY] = st.session_state.get(SAVED_KEY, "")
    return container.text_input("Your name", key=KEY, placeholder="name or initials",
                                help=help)


def writer(permission: str, typed_name: str | None = None) -> actors.Actor:
    """The actor of a write about to happen, checked against `permission` (AccessError
    if refused). Local mode: the name typed in the form (`typed_name`), or for a form
    without one (import, undo) the name remembered, else this computer's account."""
    if typed_name is None:
        typed_name = st.session_state.get(SAVED_KEY) or actors.account_name()
    person = current(typed_name)
    person.require(permission)
    return person


def remember(person: actors.Actor) -> None:
    """After a write the name was accepted for: the next form starts from it."""
    if not person.team:
        st.session_state[SAVED_KEY] = person.name


def refusal(permission: str, what: str) -> str | None:
    """Why this person cannot `what` here (e.g. 'review a claim'), or None if they may."""
    try:
        person = current()
    except IncidentMapError as error:
        return safe_text.block(error)
    if person.may(permission):
        return None
    roles = ", ".join(sorted(person.roles)) or "no role"
    return (f"Signed in as {safe_text.text(person.name)} ({roles}): your role may not "
            f"{what}. Ask whoever keeps the team's access file for the role that may.")
