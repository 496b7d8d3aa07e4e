"""geo.access: local mode answers this computer only; team mode takes the identity the
authenticating proxy sends and the roles of the access file, and fails closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.access.actor import command_line_actor, local_actor, team_actor
from geo.access.names import name_problems
from geo.access.policy import (
    ENV_VAR,
    EXPORT,
    IMPORT,
    LINK,
    READ,
    REVIEW,
    UNDO,
    load_policy,
    policy_from_env,
)
from geo.errors import AccessError, ConfigError

ACCESS = """
header = "X-Forwarded-Email"
default_roles = []

[people]
"Ana@Newsroom.example" = ["reviewer", "importer"]
"bo@newsroom.example" = "viewer"
"cy@newsroom.example" = "reviewer"
"""


@pytest.fixture
def policy(tmp_path):
    path = tmp_path / "access.toml"
    path.write_text(ACCESS)
    return load_policy(path)


def test_local_mode_unless_the_access_file_is_named(tmp_path):
    assert policy_from_env({}) is None and policy_from_env({ENV_VAR: "  "}) is None
    (tmp_path / "a.toml").write_text(ACCESS)
    assert policy_from_env({ENV_VAR: str(tmp_path / "a.toml")}).header == "X-Forwarded-Email"


def test_roles_grant_what_the_issue_names(policy):
    ana = team_actor(policy, ["ana@newsroom.example"], "203.0.113.7", "127.0.0.1")
    bo = team_actor(policy, ["bo@newsroom.example"], None, "127.0.0.1")
    cy = team_actor(policy, ["cy@newsroom.example"], None, "127.0.0.1")
    assert all(ana.may(p) for p in (READ, EXPORT, REVIEW, LINK, IMPORT, UNDO))
    assert bo.may(READ) and bo.may(EXPORT)
    assert not any(bo.may(p) for p in (REVIEW, LINK, IMPORT, UNDO))
    assert cy.may(REVIEW) and cy.may(LINK) and not cy.may(IMPORT) and not cy.may(UNDO)
    assert ana.origin == "app, 203.0.113.7" and bo.origin == "app, this computer"
    with pytest.raises(AccessError, match=r"bo@newsroom.example \(viewer\) may not review "
                                          "claims; nothing was changed"):
        bo.require(REVIEW)


@pytest.mark.parametrize(("values", "message"), [
    ([], "Sign-in required: this request has no X-Forwarded-Email header"),
    ([" "], "Sign-in required"),
    (["ana@newsroom.example", "bo@newsroom.example"], "2 different X-Forwarded-Email"),
    (["eve@elsewhere.example"], "eve@elsewhere.example is signed in but not listed"),
    (["ana@newsroom.example\u200b"], "invisible or control characters"),
    (["bo@newsroom.example\x00"], "invisible or control characters"),
    (["\u202eelpmaxe.moorswen@ana"], "invisible or control characters"),
    (["x" * 500], "500 characters long"),
])
def test_team_mode_refuses_a_request_without_a_clean_listed_identity(policy, values, message):
    with pytest.raises(AccessError, match=message):
        team_actor(policy, values, None, "127.0.0.1")


def test_team_mode_refuses_everything_when_anyone_could_send_the_header(policy, tmp_path):
    with pytest.raises(AccessError, match=r"listens on '0\.0\.0\.0'"):
        team_actor(policy, ["ana@newsroom.example"], None, "0.0.0.0")
    path = tmp_path / "open.toml"
    path.write_text("listen_beyond_this_computer = true\n" + ACCESS)
    assert team_actor(load_policy(path), ["ana@newsroom.example"], None, "0.0.0.0").team


def test_default_roles_let_any_signed_in_person_read(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('header = "X-Forwarded-User"\ndefault_roles = ["viewer"]\n')
    reader = team_actor(load_policy(path), ["someone"], None, "127.0.0.1")
    assert reader.may(READ) and not reader.may(REVIEW)


@pytest.mark.parametrize(("text", "message"), [
    ('header = "X Bad"\n[people]\n"a" = "viewer"\n', "'header' must be an HTTP header name"),
    ('[people]\n"a" = "admin"\n', "unknown role\\(s\\) 'admin'"),
    ('[people]\n"a" = 3\n', "must be a role or a list of roles"),
    ('owner = "me"\n[people]\n"a" = "viewer"\n', "unknown setting 'owner'"),
    ("", "no one may use the app"),
    ("[people\n", "is not valid TOML"),
    ('listen_beyond_this_computer = "yes"\n[people]\n"a" = "viewer"\n', "true or false"),
])
def test_a_wrong_access_file_refuses_every_request_and_says_what_is_wrong(tmp_path, text,
                                                                         message):
    path = tmp_path / "a.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_policy(path)


def test_a_missing_access_file_refuses_every_request(tmp_path):
    with pytest.raises(ConfigError, match="Cannot read the INCIDENT_MAP_ACCESS file"):
        policy_from_env({ENV_VAR: str(tmp_path / "nowhere.toml")})


def test_local_mode_answers_this_computer_only():
    assert local_actor("Ana", None).origin == "app, this computer"
    assert local_actor("Ana", "::1").may(UNDO)
    with pytest.raises(AccessError, match="local mode and answers only the computer"):
        local_actor("Ana", "192.0.2.10")


def test_the_command_line_records_its_account_and_host():
    person = command_line_actor("Ana")
    assert person.name == "Ana" and person.origin.startswith("command line, ")
    assert command_line_actor(None).name  # the account running it


def test_names_with_hidden_characters_are_refused():
    assert name_problems("Ana K.") == []
    assert name_problems("Олена Коваль") == []
    assert "invisible" in name_problems("An\u200ba")[0]
    assert "U+00A0" in name_problems("Ana\u00a0K")[0]
    assert name_problems("")[0] == "Name is empty"


def test_a_roles_file_that_is_a_device_or_too_large_is_refused_not_read_forever(tmp_path):
    """INCIDENT_MAP_ACCESS=/dev/zero read forever, filling the memory."""
    from geo.access.policy import MAX_POLICY_BYTES

    with pytest.raises(ConfigError, match="'/dev/zero' is not a file; every request is refused"):
        load_policy(Path("/dev/zero"))
    huge = tmp_path / "roles.toml"
    huge.write_bytes(b"#" * (MAX_POLICY_BYTES + 1))
    with pytest.raises(ConfigError, match="too large for a roles file"):
        load_policy(huge)
