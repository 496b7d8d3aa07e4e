"""Local mode or team mode, and in team mode who may do what.

Local mode (the default): the app answers the computer it runs on only, and the person
using it types their name once (remembered for the session). Team mode is chosen by
INCIDENT_MAP_ACCESS, the path of a TOML file:

    header = "X-Forwarded-Email"     # set by the authenticating proxy (oauth2-proxy)
    default_roles = []               # roles of a signed-in person not listed; [] refuses
    # listen_beyond_this_computer = true   # only if a firewall lets only the proxy in

    [people]
    "ana@newsroom.example" = ["reviewer", "importer"]
    "bo@newsroom.example" = "viewer"

Every listed person may read and export; roles add the rest (ROLES). The file is read on
every request, so a removed person is refused from their next click on. A file that is
missing or wrong refuses every request (ConfigError): team mode fails closed.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from geo.errors import ConfigError

ENV_VAR = "INCIDENT_MAP_ACCESS"
MAX_POLICY_BYTES = 1024 * 1024  # a roles file of thousands of people is some 100 KB
DEFAULT_HEADER = "X-Forwarded-Email"

READ = "read the map and pages"
EXPORT = "export and snapshot"
REVIEW = "review claims"
LINK = "change site links"
IMPORT = "import files"
UNDO = "undo imports"
EVERYONE = frozenset({READ, EXPORT})
ROLES = {
    "viewer": EVERYONE,
    "reviewer": EVERYONE | {REVIEW, LINK},
    "importer": EVERYONE | {IMPORT, UNDO},
}
ALL_ROLES = frozenset(ROLES)
ALL_PERMISSIONS = frozenset().union(*ROLES.values())
_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]{1,64}$")
KNOWN_KEYS = {"header", "default_roles", "listen_beyond_this_computer", "people"}


@dataclass(frozen=True)
class TeamPolicy:
    header: str
    people: Mapping[str, frozenset[str]]  # identity, lower case -> roles
    default_roles: frozenset[str]
    listen_beyond_this_computer: bool
    source: Path

    def roles_of(self, identity: str) -> frozenset[str] | None:
        """The roles of a signed-in identity; None when it may not use the app."""
        roles = self.people.get(identity.casefold())
        if roles is None:
            roles = self.default_roles or None
        return roles


def permissions(roles) -> frozenset[str]:
    return frozenset().union(*(ROLES[role] for role in roles)) if roles else frozenset()


def policy_from_env(environ: Mapping[str, str] | None = None) -> TeamPolicy | None:
    """The team policy INCIDENT_MAP_ACCESS names; None in local mode (unset or empty)."""
    value = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
    return load_policy(Path(value).expanduser()) if value else None


def load_policy(path: Path) -> TeamPolicy:
    where = f"{ENV_VAR} file '{path}'"
    try:
        if path.exists() and not path.is_file():  # a device (/dev/zero) would never end
            raise ConfigError(f"The {where} is not a file; every request is refused until "
                              f"{ENV_VAR} names one (or unset it for local mode)")
        with path.open("rb") as file:
            text = file.read(MAX_POLICY_BYTES + 1)
        if len(text) > MAX_POLICY_BYTES:
            raise ConfigError(f"The {where} is over {MAX_POLICY_BYTES // 1024} KB, too large "
                              "for a roles file; every request is refused until it is fixed")
        document = tomllib.loads(text.decode("utf-8"))
    except OSError as error:
        raise ConfigError(f"Cannot read the {where}: {error.strerror}; every request is "
                          f"refused until it can be read (or unset {ENV_VAR} for local "
                          "mode)") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"The {where} is not valid TOML ({error}); every request is "
                          "refused until it is fixed") from error
    problems = [f"unknown setting '{key}' (known: {', '.join(sorted(KNOWN_KEYS))})"
                for key in document if key not in KNOWN_KEYS]
    header = document.get("header", DEFAULT_HEADER)
    if not isinstance(header, str) or not _HEADER_NAME.match(header):
        problems.append(f"'header' must be an HTTP header name such as {DEFAULT_HEADER}: "
                        f"{header!r}")
    default_roles = _roles(document.get("default_roles", []), "default_roles", problems)
    people = {}
    listed = document.get("people", {})
    if not isinstance(listed, dict):
        problems.append("[people] must be a table of \"identity\" = [roles]")
        listed = {}
    for identity, roles in listed.items():
        people[identity.strip().casefold()] = _roles(roles, f"people.{identity!r}", problems)
    beyond = document.get("listen_beyond_this_computer", False)
    if not isinstance(beyond, bool):
        problems.append(f"'listen_beyond_this_computer' must be true or false: {beyond!r}")
    if not people and not default_roles:
        problems.append("no one may use the app: list people under [people] or set "
                        "default_roles")
    if problems:
        raise ConfigError(f"The {where} is wrong: " + "; ".join(problems)
                          + ". Every request is refused until it is fixed")
    return TeamPolicy(header, people, default_roles, beyond is True, path)


def _roles(value, where: str, problems: list[str]) -> frozenset[str]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        problems.append(f"{where} must be a role or a list of roles: {value!r}")
        return frozenset()
    unknown = [n for n in names if n not in ROLES]
    if unknown:
        problems.append(f"{where} names unknown role(s) {', '.join(map(repr, unknown))}; "
                        f"roles are {', '.join(ROLES)}")
    return frozenset(n for n in names if n in ROLES)
