"""`leadsieve workspace|user|key`, run as a user runs them, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
from typing import Protocol

import pytest
from sqlalchemy import text

from leadsieve.service.store import open_store
from tests.cli.test_cli import run

ANN = "ann@example.com"


class Ls(Protocol):
    def __call__(self, *args: str, user: str = "") -> subprocess.CompletedProcess[str]: ...


@pytest.fixture
def ls(database_url: str) -> Ls:
    """``run`` against the test's database, as ``user`` (LEADSIEVE_USER; no one by default)."""

    def call(*args: str, user: str = "") -> subprocess.CompletedProcess[str]:
        return run(*args, env={"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": user})

    return call


def test_workspace_create_and_list(ls: Ls) -> None:
    """A workspace is created once; a taken slug is ALREADY_EXISTS (exit 6); a bad slug is
    INVALID_VALUE with a suggestion; `workspace list --json` shows counts."""
    done = ls("workspace", "create", "acme", "--name", "Acme Inc")
    assert done.returncode == 0, done.stderr
    assert "created workspace 'acme'" in done.stdout
    taken = ls("workspace", "create", "acme")
    assert taken.returncode == 6
    assert "[ALREADY_EXISTS]" in taken.stderr and "acme" in taken.stderr
    bad = ls("workspace", "create", "Acme Corp")
    assert bad.returncode == 6
    assert "[INVALID_VALUE]" in bad.stderr and "try 'acme-corp'" in bad.stderr
    assert ls("user", "add", "ann@example.com", "-w", "acme").returncode == 0
    listed = json.loads(ls("workspace", "list", "--json").stdout)
    assert [(w["slug"], w["name"], w["members"], w["lists"]) for w in listed] == [
        ("acme", "Acme Inc", 1, 0)
    ]
    assert "Acme Inc" in ls("workspace", "list").stdout


def test_first_use_makes_the_default_workspace_then_names_are_needed(
    ls: Ls,
) -> None:
    """Without --workspace, a fresh store acts in 'default'; with two workspaces an unnamed
    command is WORKSPACE_AMBIGUOUS naming them, and an unknown one lists what exists."""
    assert ls("user", "add", "ann@example.com").returncode == 0
    assert [w["slug"] for w in json.loads(ls("workspace", "list", "--json").stdout)] == ["default"]
    assert ls("workspace", "create", "acme").returncode == 0
    ambiguous = ls("user", "add", "bob@example.com")
    assert ambiguous.returncode == 6
    assert "[WORKSPACE_AMBIGUOUS]" in ambiguous.stderr
    assert "acme, default" in ambiguous.stderr and "--workspace" in ambiguous.stderr
    unknown = ls("key", "list", "-w", "initech")
    assert unknown.returncode == 6
    assert "[WORKSPACE_NOT_FOUND]" in unknown.stderr and "acme, default" in unknown.stderr


def test_user_in_two_workspaces_and_the_last_owner(
    ls: Ls,
) -> None:
    """One user is owner of acme and member of globex; the only owner cannot be demoted."""
    for slug in ("acme", "globex"):
        assert ls("workspace", "create", slug).returncode == 0
    first = ls("user", "add", "Ann@Example.com", "--name", "Ann", "-w", "acme")
    assert "created user and added ann@example.com to 'acme' as owner" in first.stdout
    assert ls("user", "add", "carl@example.com", "-w", "globex").returncode == 0
    second = ls(
        "user",
        "add",
        "ann@example.com",
        "--role",
        "member",
        "-w",
        "globex",
        user="carl@example.com",
    )
    assert "added ann@example.com to 'globex' as member" in second.stdout
    assert "created" not in second.stdout
    demote = ls("user", "add", "ann@example.com", "--role", "admin", "-w", "acme", user=ANN)
    assert demote.returncode == 6
    assert "[FORBIDDEN]" in demote.stderr and "only owner" in demote.stderr
    acme = ls("user", "list", "-w", "acme").stdout
    assert "ann@example.com" in acme and "owner" in acme
    bad = ls("user", "add", "ann at example", "-w", "acme", user=ANN)
    assert bad.returncode == 6 and "[INVALID_VALUE]" in bad.stderr


def test_a_key_is_printed_once_and_revoked_once(ls: Ls, database_url: str) -> None:
    """`key create` prints the token alone on stdout; `key list` shows its prefix, never the
    token; the database holds no secret; a second revocation fails and changes nothing."""
    assert ls("user", "add", "ann@example.com").returncode == 0
    created = ls(
        "key",
        "create",
        "crm-sync",
        "--scope",
        "read",
        "--scope",
        "write",
        "--user",
        "ann@example.com",
        user=ANN,
    )
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.startswith("ls_") and "\n" not in token
    assert "shown once" in created.stderr
    prefix = token.split("_")[1]
    listed = ls("key", "list", "--json", user=ANN).stdout
    assert [(k["prefix"], k["scopes"], k["user"], k["revoked_at"]) for k in json.loads(listed)] == [
        (prefix, ["read", "write"], "ann@example.com", None)
    ]
    assert token[16:] not in listed
    with open_store(database_url).connect() as connection:
        rows = [str(tuple(r)) for r in connection.execute(text("SELECT * FROM api_keys"))]
    assert len(rows) == 1 and token[16:] not in rows[0]

    revoked = ls("key", "revoke", prefix, user=ANN)
    assert revoked.returncode == 0 and f"revoked API key {prefix}" in revoked.stdout
    table = ls("key", "list", user=ANN).stdout
    assert prefix in table and "crm-sync" in table and token[16:] not in table
    again = ls("key", "revoke", prefix, user=ANN)
    assert again.returncode == 6
    assert "already revoked" in again.stderr and "nothing changed" in again.stderr
    unknown = ls("key", "revoke", "000000000000", user=ANN)
    assert unknown.returncode == 6 and prefix in unknown.stderr
    scope = ls("key", "create", "x", "--scope", "everything", user=ANN)
    assert scope.returncode == 6
    assert "[INVALID_VALUE]" in scope.stderr and "read, write, admin" in scope.stderr


BOB, EVE = "bob@example.com", "eve@example.com"


def test_only_owners_and_admins_manage_a_workspace(ls: Ls) -> None:
    """Issue 14 seen 7: once a workspace has members, credits grants, users and keys need an
    owner or admin named by LEADSIEVE_USER; a member, a stranger and no one are FORBIDDEN, a
    made-up user NOT_FOUND, and nothing is written by a refused command."""
    assert ls("workspace", "create", "acme").returncode == 0
    assert ls("workspace", "create", "other").returncode == 0
    assert ls("user", "add", ANN, "-w", "acme").returncode == 0  # set-up: the first is owner
    assert ls("user", "add", BOB, "--role", "member", "-w", "acme", user=ANN).returncode == 0
    assert ls("user", "add", EVE, "-w", "other").returncode == 0  # owner of another workspace

    refused = {
        "no one": ls("credits", "grant", "1000000", "-w", "acme"),
        "member": ls("credits", "grant", "1000000", "-w", "acme", user=BOB),
        "stranger": ls("credits", "grant", "1000000", "-w", "acme", user=EVE),
        "takeover": ls("user", "add", EVE, "-w", "acme", "--role", "owner", user=EVE),
        "self-promotion": ls("user", "add", BOB, "-w", "acme", "--role", "owner", user=BOB),
        "member adds": ls("user", "add", "dan@example.com", "-w", "acme", user=BOB),
        "admin key": ls("key", "create", "k", "--scope", "admin", "-w", "acme", user=BOB),
        "workspace key": ls("key", "create", "k", "-w", "acme"),
        "key for another": ls("key", "create", "k", "--user", ANN, "-w", "acme", user=BOB),
    }
    for what, done in refused.items():
        assert done.returncode == 6, what
        assert "[FORBIDDEN]" in done.stderr, (what, done.stderr)
        assert "(owners and admins: ann@example.com)" in done.stderr, (what, done.stderr)
    ghost = ls("credits", "grant", "5", "-w", "acme", user="nobody@example.com")
    assert ghost.returncode == 6 and "[NOT_FOUND]" in ghost.stderr
    assert json.loads(ls("credits", "balance", "--json", "-w", "acme").stdout)["balance"] == "0"
    members = ls("user", "list", "-w", "acme").stdout
    assert EVE not in members and "dan@" not in members
    assert next(r for r in members.splitlines() if BOB in r).split()[-1] == "member"

    granted = ls("credits", "grant", "100", "-w", "acme", user=ANN)
    assert granted.returncode == 0, granted.stderr
    history = json.loads(ls("credits", "history", "--json", "-w", "acme").stdout)
    assert [(e["kind"], e["user"]) for e in history] == [("grant", ANN)]


def test_admins_manage_but_only_owners_make_owners(ls: Ls) -> None:
    """An admin grants, adds members and admins, and revokes any key; making or unmaking an
    owner needs an owner."""
    assert ls("user", "add", ANN).returncode == 0
    assert ls("user", "add", BOB, "--role", "admin", user=ANN).returncode == 0
    assert ls("credits", "grant", "10", user=BOB).returncode == 0
    assert ls("user", "add", "dan@example.com", user=BOB).returncode == 0
    assert ls("user", "add", "dan@example.com", "--role", "admin", user=BOB).returncode == 0
    promote = ls("user", "add", "dan@example.com", "--role", "owner", user=BOB)
    assert promote.returncode == 6 and "only an owner may" in promote.stderr
    demote = ls("user", "add", ANN, "--role", "member", user=BOB)
    assert demote.returncode == 6 and "only an owner may" in demote.stderr
    assert ls("user", "add", "dan@example.com", "--role", "owner", user=ANN).returncode == 0
    roles = {line.split()[0]: line.split()[-1] for line in ls("user", "list").stdout.splitlines()}
    assert (roles[ANN], roles[BOB], roles["dan@example.com"]) == ("owner", "admin", "owner")


def test_a_member_keeps_to_their_own_keys(ls: Ls) -> None:
    """A member creates read/write keys for themselves, sees and revokes only their own; the
    owner sees and revokes every key."""
    assert ls("user", "add", ANN).returncode == 0
    assert ls("user", "add", BOB, user=ANN).returncode == 0
    owners = ls("key", "create", "ops", "--scope", "admin", user=ANN)
    mine = ls("key", "create", "sync", "--scope", "write", user=BOB)
    assert owners.returncode == 0 and mine.returncode == 0, (owners.stderr, mine.stderr)
    owner_prefix, my_prefix = (done.stdout.strip().split("_")[1] for done in (owners, mine))
    seen = [k["prefix"] for k in json.loads(ls("key", "list", "--json", user=BOB).stdout)]
    assert seen == [my_prefix]
    everything = [k["prefix"] for k in json.loads(ls("key", "list", "--json", user=ANN).stdout)]
    assert sorted(everything) == sorted([owner_prefix, my_prefix])
    theirs = ls("key", "revoke", owner_prefix, user=BOB)
    assert theirs.returncode == 6 and "[FORBIDDEN]" in theirs.stderr
    assert ls("key", "revoke", my_prefix, user=BOB).returncode == 0
    listed = json.loads(ls("key", "list", "--json", user=ANN).stdout)
    assert {k["prefix"]: k["revoked_at"] is None for k in listed} == {
        owner_prefix: True,
        my_prefix: False,
    }


def test_a_new_workspace_is_set_up_by_anyone(ls: Ls) -> None:
    """Before a workspace has members, anyone may grant credits and add its first user (the
    owner); a CLI without LEADSIEVE_USER works on a store nobody has joined."""
    assert ls("credits", "grant", "7").returncode == 0
    first = ls("user", "add", ANN, user=ANN)
    assert first.returncode == 0 and "as owner" in first.stdout
    assert ls("credits", "grant", "7").returncode == 6
