"""`leadsieve list`, run as a user runs it, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
from functools import partial

import pytest
from sqlalchemy import func, select

from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.repositories import workspaces
from leadsieve.store.tables import Contact, Organization
from tests.cli.test_cli import EXE, run

Run = partial[subprocess.CompletedProcess[str]]


@pytest.fixture
def env(database_url: str) -> dict[str, str]:
    return {"LEADSIEVE_DATABASE_URL": database_url, "COLUMNS": "200"}


@pytest.fixture
def ls(env: dict[str, str]) -> Run:
    """``run`` against the test's database."""
    return partial(run, env=env)


def seed(database_url: str, slug: str) -> tuple[int, int, int]:
    """Workspace ``slug`` with two organizations and a contact at the first: their ids."""
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        space = workspaces.ensure(session, slug, slug.title())
        acme = Organization(
            workspace_id=space.id,
            name=f"{slug.title()}, Inc.",
            domain=f"{slug}.example",
            country="US",
            industry="Software Development",
            employees="51-200",
        )
        nordic = Organization(workspace_id=space.id, name="Nordic Pay AB", domain=f"{slug}.se")
        session.add_all([acme, nordic])
        session.flush()
        ann = Contact(
            workspace_id=space.id,
            organization_id=acme.id,
            full_name='Ann "The Closer" Lee',
            email=f"ann@{slug}.example",
            job_title="VP Sales, North America",
            seniority="vp",
        )
        session.add(ann)
        session.flush()
        return acme.id, nordic.id, ann.id


def test_create_add_show_in_every_format(ls: Run, database_url: str) -> None:
    """Leads added twice are added once; `list show` renders a table, CSV that parses back
    with a header, and a JSON array; `list list --json` counts the leads."""
    acme, nordic, ann = seed(database_url, "acme")
    assert ls("list", "create", "q3").returncode == 0
    taken = ls("list", "create", "q3")
    assert taken.returncode == 6 and "[ALREADY_EXISTS]" in taken.stderr
    args = ("list", "add", "q3", "--contact", str(ann), "--organization", str(nordic))
    first = ls(*args)
    assert first.returncode == 0, first.stderr
    assert "added 2 leads to list 'q3'" in first.stdout
    assert "added 0 leads to list 'q3' (2 already in it)" in ls(*args).stdout

    rows = list(csv.DictReader(io.StringIO(ls("list", "show", "q3", "--format", "csv").stdout)))
    assert [(r["organization"], r["contact"], r["job_title"]) for r in rows] == [
        ("Nordic Pay AB", "", ""),  # organizations first, then contacts
        ("Acme, Inc.", 'Ann "The Closer" Lee', "VP Sales, North America"),
    ]
    assert rows[1]["organization_id"] == str(acme) and rows[1]["employees"] == "51-200"
    shown = json.loads(ls("list", "show", "q3", "--format", "json").stdout)
    assert [lead["lead_key"] for lead in shown] == [f"o{nordic}", f"c{ann}"]
    assert shown[1]["email"] == "ann@acme.example" and shown[1]["seniority"] == "vp"
    assert shown[1]["contact_id"] == ann and shown[0]["contact_id"] is None
    table = ls("list", "show", "q3", "--limit", "1").stdout
    assert "Nordic Pay AB" in table and "Acme, Inc." not in table
    assert "2 leads (first 1 shown)" in table
    (summary,) = json.loads(ls("list", "list", "--json").stdout)
    assert (summary["name"], summary["leads"]) == ("q3", 2)

    removed = ls("list", "remove", "q3", "--organization", str(nordic))
    assert "removed 1 leads from list 'q3'" in removed.stdout
    assert "q3" in ls("list", "list").stdout


def test_unknown_list_and_bad_arguments(ls: Run, database_url: str) -> None:
    """An unknown list names the existing ones (exit 6); `list add` without ids, or with a
    non-numeric id, is a usage error (exit 2)."""
    seed(database_url, "acme")
    assert ls("list", "create", "q3").returncode == 0
    unknown = ls("list", "show", "q4")
    assert unknown.returncode == 6
    assert "[LIST_NOT_FOUND]" in unknown.stderr and "'q3'" in unknown.stderr
    assert ls("list", "add", "q3").returncode == 2
    assert ls("list", "add", "q3", "--contact", "ann").returncode == 2


def test_lists_and_leads_stay_in_their_workspace(ls: Run, database_url: str) -> None:
    """A lead of globex cannot join a list of acme (FORBIDDEN); acme's list is unknown in
    globex."""
    seed(database_url, "acme")
    _, theirs, _ = seed(database_url, "globex")
    assert ls("list", "create", "q3", "-w", "acme").returncode == 0
    stray = ls("list", "add", "q3", "-w", "acme", "--organization", str(theirs))
    assert stray.returncode == 6
    assert "[FORBIDDEN]" in stray.stderr and str(theirs) in stray.stderr
    other = ls("list", "show", "q3", "-w", "globex")
    assert other.returncode == 6 and "[LIST_NOT_FOUND]" in other.stderr


def test_delete_asks_refuses_without_a_terminal_and_keeps_records(
    ls: Run, env: dict[str, str], database_url: str
) -> None:
    """Without --yes and no terminal, delete refuses (exit 2) and keeps the list; on a terminal
    it asks; with --yes it deletes the list and never its organizations or contacts."""
    acme, _, ann = seed(database_url, "acme")
    assert ls("list", "create", "q3").returncode == 0
    assert (
        ls("list", "add", "q3", "--organization", str(acme), "--contact", str(ann)).returncode == 0
    )
    refused = subprocess.run(
        [str(EXE), "list", "delete", "q3"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert "nothing deleted" in _on_a_terminal(env, "n\n")
    assert ls("list", "show", "q3", "--format", "json").stdout.count("lead_key") == 2

    assert "deleted list 'q3' (2 leads)" in _on_a_terminal(env, "y\n")
    assert json.loads(ls("list", "list", "--json").stdout) == []
    assert ls("list", "create", "q3").returncode == 0
    deleted = ls("list", "delete", "q3", "--yes")
    assert deleted.returncode == 0 and "(0 leads)" in deleted.stdout
    with unit_of_work(open_store(database_url)) as session:
        assert session.scalar(select(func.count()).select_from(Organization)) == 2
        assert session.scalar(select(func.count()).select_from(Contact)) == 1


def _on_a_terminal(env: dict[str, str], answer: str) -> str:
    """Run `list delete q3` with a pseudo-terminal as stdin, answer the question, and return
    what it printed."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [str(EXE), "list", "delete", "q3"],
            stdin=follower,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
        )
        os.write(leader, answer.encode())
        out, err = process.communicate(timeout=120)
    finally:
        os.close(leader)
        os.close(follower)
    assert process.returncode == 0, err
    assert "Delete list 'q3' (2 leads)?" in out
    return out
