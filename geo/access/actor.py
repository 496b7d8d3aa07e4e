"""The person behind a request or a command, and where it came from: what every write
records (who, from where; the store adds when).

`team_actor` takes the identity the authenticating proxy sends in the policy's header;
`local_actor` the name typed in local mode, which only the computer the app runs on may
use; `command_line_actor` a name given to `python -m geo`. Each refuses (AccessError) or
reports the problem, never guesses.
"""

from __future__ import annotations

import getpass
import ipaddress
import socket
from dataclasses import dataclass

from geo.access.names import name_problems
from geo.access.policy import ALL_ROLES, ENV_VAR, TeamPolicy, permissions
from geo.errors import AccessError

THIS_COMPUTER = "this computer"
LOOPBACK_NAMES = {"localhost", ""}


@dataclass(frozen=True)
class Actor:
    name: str
    origin: str  # from where: "app, 10.0.0.7" / "app, this computer" / "command line, ..."
    roles: frozenset[str]
    team: bool

    def may(self, permission: str) -> bool:
        return permission in permissions(self.roles)

    def require(self, permission: str) -> None:
        if not self.may(permission):
            roles = ", ".join(sorted(self.roles)) or "no role"
            raise AccessError(f"{self.name} ({roles}) may not {permission}; nothing was "
                              "changed. Ask whoever keeps the team's access file for a role "
                              "that may")


def is_loopback(address: str | None) -> bool:
    """None or '' is how Streamlit reports a browser on the same computer."""
    if address is None or address.strip().lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def app_origin(peer: str | None) -> str:
    return f"app, {THIS_COMPUTER}" if is_loopback(peer) else f"app, {peer}"


def team_actor(policy: TeamPolicy, header_values: list[str], peer: str | None,
               server_address: str | None) -> Actor:
    """The signed-in person of a team-mode request. `header_values`: every value of the
    policy's header in the request; `server_address`: where the app listens."""
    if not policy.listen_beyond_this_computer and not is_loopback(server_address):
        raise AccessError(
            f"Team mode refuses every request: the app listens on '{server_address}', where "
            f"anyone who reaches it could send a {policy.header} header. Start it on "
            "127.0.0.1 behind the authenticating proxy (make run does), or set "
            f"listen_beyond_this_computer = true in '{policy.source}' if a firewall lets "
            "only the proxy reach it")
    values = {value.strip() for value in header_values}
    if not values or values == {""}:
        raise AccessError(
            f"Sign-in required: this request has no {policy.header} header. Open the app "
            "through the newsroom's sign-in address (the authenticating proxy), not "
            "directly")
    if len(values) > 1:
        raise AccessError(f"Refused: the request carries {len(values)} different "
                          f"{policy.header} headers; the proxy must send exactly one")
    identity = values.pop()
    problems = name_problems(identity, f"The {policy.header} header")
    if problems:
        raise AccessError("Refused: " + "; ".join(problems))
    roles = policy.roles_of(identity)
    if roles is None:
        raise AccessError(f"{identity} is signed in but not listed in the team's access "
                          f"file ({ENV_VAR}); ask whoever keeps it to add you")
    return Actor(identity, app_origin(peer), roles, team=True)


def local_actor(name: str, peer: str | None) -> Actor:
    """Local mode: the person at this computer, with every role. A request from another
    computer is refused: serving a team needs team mode and its sign-in."""
    if not is_loopback(peer):
        raise AccessError(
            f"This app runs in local mode and answers only the computer it runs on; this "
            f"request came from {peer}. To serve a team, run it behind an authenticating "
            f"proxy with {ENV_VAR} set (README, 'Serving a team')")
    return Actor(name.strip(), app_origin(peer), ALL_ROLES, team=False)


def command_line_actor(name: str | None = None) -> Actor:
    """`python -m geo`: the name given (--by), or the account running it."""
    account = account_name()
    return Actor((name or account).strip(), f"command line, {account}@{socket.gethostname()}",
                 ALL_ROLES, team=False)


def account_name() -> str:
    """The operating-system account running this program."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (a container)
        return "unknown account"
