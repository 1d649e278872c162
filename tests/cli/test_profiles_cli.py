"""``leadsieve icp save|list|history|diff|revert|clone|share|export`` through the installed
command, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leadsieve.icp import load_icp
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.repositories import workspaces
from leadsieve.store.tables import Membership, User
from tests.cli.test_cli import run, write

ICP = """\
slug: saas-us
name: SaaS in the US
rules:
  industries: {any_of: [software-development], weight: 40}
  geography: {any_of: [north-america], weight: 30}
  employees: {min: 50, max: 1000, weight: 30}
disqualifiers:
  keywords: [crypto]
  domains: [competitor.example]
"""

EDITED = ICP.replace(
    "weight: 30}\ndis", "weight: 40}\n  keywords: {any_of: [b2b], weight: 10}\ndis"
).replace("  domains: [competitor.example]\n", "")


def env(database_url: str, user: str = "") -> dict[str, str]:
    """The command's environment: this test's store, acting as ``user`` ("" = no one)."""
    return {"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": user}


def add_members(database_url: str, *emails: str) -> None:
    """Users in the ``default`` workspace, written straight to the tables."""
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        space = workspaces.ensure(session, "default", "Default workspace")
        for email in emails:
            user = User(email=email)
            session.add(user)
            session.flush()
            session.add(Membership(workspace_id=space.id, user_id=user.id, role="member"))


def test_save_history_diff_export(database_url: str, tmp_path: Path) -> None:
    """Save makes v1, an unchanged save adds nothing, an edit makes v2; history, list, diff
    and export show them, and the export passes `icp validate`."""
    path = write(tmp_path / "icp.yaml", ICP)
    e = env(database_url)
    done = run("icp", "save", path, "--note", "first cut", env=e)
    assert done.returncode == 0, done.stderr
    assert "saved new profile saas-us v1 (shared with workspace 'default')" in done.stdout
    done = run("icp", "save", path, env=e)
    assert "saas-us unchanged" in done.stdout and "no new version" in done.stdout
    write(path, EDITED)
    assert "saved saas-us v2" in run("icp", "save", path, "-m", "bigger", env=e).stdout

    listed = json.loads(run("icp", "list", "--json", env=e).stdout)
    assert [(p["slug"], p["version"], p["visibility"]) for p in listed] == [
        ("saas-us", 2, "workspace")
    ]
    history = run("icp", "history", "saas-us", env=e).stdout
    assert "first cut" in history and "v2 (current)" in history

    diff = run("icp", "diff", "saas-us", "1", "v2", env=e)
    assert diff.returncode == 0, diff.stderr
    assert "saas-us v1 -> v2: 3 changes" in diff.stdout
    assert "changed  rules.employees.weight: 30 -> 40" in diff.stdout
    assert "added    rules.keywords: {weight: 10, any_of: [b2b]}" in diff.stdout
    assert "removed  disqualifiers.domains: [competitor.example]" in diff.stdout
    changes = json.loads(run("icp", "diff", "saas-us", "1", "2", "--json", env=e).stdout)
    assert {"path": "rules.employees.weight", "kind": "changed", "old": 30, "new": 40} in changes

    out = tmp_path / "v1.json"
    done = run("icp", "export", "saas-us", "--version", "1", "-o", out, env=e)
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("{")  # the format follows the suffix
    assert run("icp", "validate", out).returncode == 0
    assert load_icp(out) == load_icp(write(tmp_path / "v1.yaml", ICP))
    shown = run("icp", "export", "saas-us", env=e).stdout
    assert load_icp(write(tmp_path / "again.yaml", shown)) == load_icp(path)


def test_revert_clone_and_share_between_users(database_url: str, tmp_path: Path) -> None:
    """Alice saves privately: bob neither lists nor finds it; once shared bob sees it but may
    not make it private; a revert and a clone keep history and source."""
    add_members(database_url, "alice@example.com", "bob@example.com")
    alice, bob, nobody = (
        env(database_url, "alice@example.com"),
        env(database_url, "bob@example.com"),
        env(database_url),
    )
    path = write(tmp_path / "icp.yaml", ICP)
    done = run("icp", "save", path, "--private", env=alice)
    assert "saas-us v1 (private)" in done.stdout, done.stderr
    for other in (bob, nobody):
        assert json.loads(run("icp", "list", "--json", env=other).stdout) == []
        hidden = run("icp", "history", "saas-us", env=other)
        assert hidden.returncode == 3
        assert "ICP_NOT_FOUND" in hidden.stderr and "no profiles yet" in hidden.stderr

    assert run("icp", "share", "saas-us", env=alice).returncode == 2  # --workspace or --private
    done = run("icp", "share", "saas-us", "--workspace", env=alice)
    assert "saas-us is now shared with workspace 'default'" in done.stdout, done.stderr
    listed = json.loads(run("icp", "list", "--json", env=bob).stdout)
    assert [(p["slug"], p["owner"]) for p in listed] == [("saas-us", "alice@example.com")]
    refused = run("icp", "share", "saas-us", "--private", env=bob)
    assert refused.returncode == 6 and "FORBIDDEN" in refused.stderr

    write(path, EDITED)
    run("icp", "save", path, env=bob)
    done = run("icp", "revert", "saas-us", "v1", env=bob)
    assert "saved saas-us v3 (shared with workspace 'default'), equal to v1" in done.stdout
    assert "revert to v1" in run("icp", "history", "saas-us", env=bob).stdout
    done = run("icp", "clone", "saas-us", "saas-eu", "--name", "SaaS EU", env=bob)
    assert "saved new profile saas-eu v1" in done.stdout and "from saas-us v3" in done.stdout
    listed = json.loads(run("icp", "list", "--json", env=nobody).stdout)
    clone = next(p for p in listed if p["slug"] == "saas-eu")
    assert clone["source"] == {"slug": "saas-us", "version": 3}
    assert (clone["name"], clone["owner"]) == ("SaaS EU", "bob@example.com")


# The service tests cover these behaviours on both databases; the command's part is the same.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@SQLITE_ONLY
def test_mistakes_have_codes_and_exit_codes(database_url: str, tmp_path: Path) -> None:
    """Unknown slugs and versions name what exists; bad arguments are usage errors; an unknown
    LEADSIEVE_USER says how to add the user."""
    e = env(database_url)
    run("icp", "save", write(tmp_path / "icp.yaml", ICP), env=e)
    missing = run("icp", "export", "saas", env=e)
    assert missing.returncode == 3
    assert "no ICP profile 'saas' in workspace 'default' (profiles: saas-us)" in missing.stderr
    version = run("icp", "diff", "saas-us", "1", "4", env=e)
    assert version.returncode == 6
    assert "no version 4; it has only version 1" in version.stderr
    assert run("icp", "revert", "saas-us", "first", env=e).returncode == 2
    assert run("icp", "export", "saas-us", "--format", "toml", env=e).returncode == 2
    stranger = run("icp", "list", env=env(database_url, "carol@example.com"))
    assert stranger.returncode == 6
    assert "leadsieve user add carol@example.com" in stranger.stderr
    private = run("icp", "share", "saas-us", "--private", env=e)
    assert private.returncode == 6 and "LEADSIEVE_USER" in private.stderr
    bad = run("icp", "save", write(tmp_path / "bad.yaml", "slug: x\nrules: {}\n"), env=e)
    assert bad.returncode == 3 and "ICP_INVALID" in bad.stderr


@pytest.mark.parametrize(
    "command", ["save", "list", "history", "diff", "revert", "clone", "share", "export"]
)
def test_every_profile_command_has_help_and_a_workspace_option(command: str) -> None:
    done = run("icp", command, "--help")
    assert done.returncode == 0
    assert "--workspace" in done.stdout


@SQLITE_ONLY
def test_same_slug_in_two_workspaces(database_url: str, tmp_path: Path) -> None:
    """-w picks the workspace; the same slug is a separate profile in each."""
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        workspaces.ensure(session, "acme", "Acme")
        workspaces.ensure(session, "globex", "Globex")
    e = env(database_url)
    path = write(tmp_path / "icp.yaml", ICP)
    assert "v1" in run("icp", "save", path, "-w", "acme", env=e).stdout
    write(path, EDITED)
    done = run("icp", "save", path, "-w", "globex", env=e)
    assert "saved new profile saas-us v1 (shared with workspace 'globex')" in done.stdout
    assert run("icp", "list", env=e).returncode == 6  # two workspaces, none named
    exported = run("icp", "export", "saas-us", "-w", "acme", env=e).stdout
    assert load_icp(write(tmp_path / "acme.yaml", exported)) == load_icp(
        write(tmp_path / "orig.yaml", ICP)
    )
