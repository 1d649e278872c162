"""`leadsieve workspace|user|key`, run as a user runs them, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
from functools import partial

import pytest
from sqlalchemy import text

from leadsieve.service.store import open_store
from tests.cli.test_cli import run


@pytest.fixture
def ls(database_url: str) -> partial[subprocess.CompletedProcess[str]]:
    """``run`` against the test's database (and as no particular user)."""
    return partial(run, env={"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": ""})


def test_workspace_create_and_list(ls: partial[subprocess.CompletedProcess[str]]) -> None:
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
    ls: partial[subprocess.CompletedProcess[str]],
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
    ls: partial[subprocess.CompletedProcess[str]],
) -> None:
    """One user is owner of acme and member of globex; the only owner cannot be demoted."""
    for slug in ("acme", "globex"):
        assert ls("workspace", "create", slug).returncode == 0
    first = ls("user", "add", "Ann@Example.com", "--name", "Ann", "-w", "acme")
    assert "created user and added ann@example.com to 'acme' as owner" in first.stdout
    assert ls("user", "add", "carl@example.com", "-w", "globex").returncode == 0
    second = ls("user", "add", "ann@example.com", "--role", "member", "-w", "globex")
    assert "added ann@example.com to 'globex' as member" in second.stdout
    assert "created" not in second.stdout
    demote = ls("user", "add", "ann@example.com", "--role", "admin", "-w", "acme")
    assert demote.returncode == 6
    assert "[FORBIDDEN]" in demote.stderr and "only owner" in demote.stderr
    acme = ls("user", "list", "-w", "acme").stdout
    assert "ann@example.com" in acme and "owner" in acme
    bad = ls("user", "add", "ann at example", "-w", "acme")
    assert bad.returncode == 6 and "[INVALID_VALUE]" in bad.stderr


def test_a_key_is_printed_once_and_revoked_once(
    ls: partial[subprocess.CompletedProcess[str]], database_url: str
) -> None:
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
    )
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.startswith("ls_") and "\n" not in token
    assert "shown once" in created.stderr
    prefix = token.split("_")[1]
    listed = ls("key", "list", "--json").stdout
    assert [(k["prefix"], k["scopes"], k["user"], k["revoked_at"]) for k in json.loads(listed)] == [
        (prefix, ["read", "write"], "ann@example.com", None)
    ]
    assert token[16:] not in listed
    with open_store(database_url).connect() as connection:
        rows = [str(tuple(r)) for r in connection.execute(text("SELECT * FROM api_keys"))]
    assert len(rows) == 1 and token[16:] not in rows[0]

    revoked = ls("key", "revoke", prefix)
    assert revoked.returncode == 0 and f"revoked API key {prefix}" in revoked.stdout
    table = ls("key", "list").stdout
    assert prefix in table and "crm-sync" in table and token[16:] not in table
    again = ls("key", "revoke", prefix)
    assert again.returncode == 6
    assert "already revoked" in again.stderr and "nothing changed" in again.stderr
    unknown = ls("key", "revoke", "000000000000")
    assert unknown.returncode == 6 and prefix in unknown.stderr
    scope = ls("key", "create", "x", "--scope", "everything")
    assert scope.returncode == 6
    assert "[INVALID_VALUE]" in scope.stderr and "read, write, admin" in scope.stderr
