"""`leadsieve board` and `leadsieve pursuit`, run as a user runs them, on SQLite and
PostgreSQL."""

from __future__ import annotations

import json
import subprocess
from functools import partial
from typing import Any

import pytest

from leadsieve.service.accounts import add_user
from leadsieve.service.pipeline import DEFAULT_STAGES
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.repositories import workspaces
from leadsieve.store.tables import Contact, Organization
from tests.cli.test_cli import run

Run = partial[subprocess.CompletedProcess[str]]

PURSUIT_KEYS = {
    "id",
    "board",
    "organization_id",
    "organization",
    "domain",
    "stage",
    "owner",
    "amount",
    "currency",
    "source",
    "icp_profile_id",
    "icp_version",
    "fit_score",
    "contacts",
    "opened_at",
    "closed_at",
    "won",
    "close_reason",
}
STAGE_KEYS = {
    "key",
    "label",
    "position",
    "probability",
    "closed",
    "won",
    "pursuits",
    "forecast",
    "closed_pursuits",
}
CARD_KEYS = {
    "id",
    "organization_id",
    "organization",
    "domain",
    "amount",
    "currency",
    "weighted",
    "owner",
    "contacts",
    "opened_at",
}


@pytest.fixture
def env(database_url: str) -> dict[str, str]:
    return {"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": "", "COLUMNS": "200"}


@pytest.fixture
def ls(env: dict[str, str]) -> Run:
    """``run`` against the test's database, as no particular user."""
    return partial(run, env=env)


def seed(database_url: str, slug: str) -> tuple[int, int, int]:
    """Workspace ``slug`` with two organizations and a contact at the first: their ids."""
    with unit_of_work(open_store(database_url)) as session:
        space = workspaces.ensure(session, slug, slug.title())
        acme = Organization(
            workspace_id=space.id, name=f"{slug.title()}, Inc.", domain=f"{slug}.example"
        )
        nordic = Organization(workspace_id=space.id, name="Nordic Pay AB", domain=f"{slug}.se")
        session.add_all([acme, nordic])
        session.flush()
        ann = Contact(workspace_id=space.id, organization_id=acme.id, email=f"ann@{slug}.example")
        session.add(ann)
        session.flush()
        return acme.id, nordic.id, ann.id


def as_json(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_help_names_every_command() -> None:
    """`board` and `pursuit` are listed at the top, and each lists its commands."""
    top = run("--help").stdout
    assert "board" in top and "pursuit" in top
    board = run("board", "--help")
    assert board.returncode == 0
    assert all(word in board.stdout for word in ("create", "list", "show", "forecast"))
    pursuit = run("pursuit", "--help")
    assert all(word in pursuit.stdout for word in ("open", "move", "close", "show"))
    opening = run("pursuit", "open", "--help").stdout
    for option in ("--organization", "--contact", "--amount", "--currency", "--source", "-w"):
        assert option in opening


def test_create_list_and_show_a_board(ls: Run, database_url: str) -> None:
    """A board is created with the nine stages; `board list` and `board show` render a table
    or JSON with the stages, their pursuits and the forecast."""
    acme, nordic, ann = seed(database_url, "acme")
    empty = ls("board", "list", "-w", "acme")
    assert empty.returncode == 0 and "leadsieve board create NAME" in empty.stdout
    created = ls("board", "create", "sales", "-w", "acme")
    assert created.returncode == 0, created.stderr
    assert "created board 'sales' in 'acme': inbox, researching" in created.stdout
    taken = ls("board", "create", "sales", "-w", "acme")
    assert taken.returncode == 6 and "[ALREADY_EXISTS]" in taken.stderr

    opened = ls(
        *f"pursuit open sales --org {acme} --contact {ann} --amount 12000.50 -w acme".split()
    )
    assert opened.returncode == 0, opened.stderr
    pid = as_json(ls("pursuit", "open", "sales", "--org", str(acme), "--json", "-w", "acme"))
    moved = ls("pursuit", "move", str(pid["pursuit"]["id"]), "proposal", "-w", "acme")
    assert moved.returncode == 0, moved.stderr
    euros = ls(*f"pursuit open sales --org {nordic} --amount 300 --currency eur -w acme".split())
    assert euros.returncode == 0, euros.stderr

    (listed,) = as_json(ls("board", "list", "--json", "-w", "acme"))
    assert (listed["name"], listed["stages"], listed["open_pursuits"]) == ("sales", 9, 2)
    shown = as_json(ls("board", "show", "sales", "--json", "-w", "acme"))
    assert set(shown) == {"workspace", "board", "stages", "forecast"}
    assert shown["forecast"] == {"EUR": "0", "USD": "6000.25"}
    stages = {stage["key"]: stage for stage in shown["stages"]}
    assert list(stages) == [stage.key for stage in DEFAULT_STAGES]
    proposal = stages["proposal"]
    assert set(proposal) == STAGE_KEYS
    assert (proposal["probability"], proposal["forecast"]) == ("0.5", {"USD": "6000.25"})
    (card,) = proposal["pursuits"]
    assert set(card) == CARD_KEYS
    assert (card["organization"], card["domain"], card["amount"], card["contacts"]) == (
        "Acme, Inc.",
        "acme.example",
        "12000.5",
        1,
    )
    assert stages["inbox"]["pursuits"][0]["currency"] == "EUR"
    assert (stages["won"]["closed"], stages["won"]["won"], stages["won"]["probability"]) == (
        True,
        True,
        "1",
    )

    table = ls("board", "show", "sales", "-w", "acme")
    assert table.returncode == 0, table.stderr
    for text in ("Proposal", "50%", "Acme, Inc.", "USD 12,000.5", "USD 6,000.25", "Won"):
        assert text in table.stdout
    assert "forecast EUR 0; USD 6,000.25 over 2 open pursuits" in table.stdout


def test_open_move_close_and_show_a_pursuit(
    ls: Run, env: dict[str, str], database_url: str
) -> None:
    """Opening twice reports already_open; LEADSIEVE_USER owns it and is recorded on every
    move; moving to a stage and closing print (and --json returns) from, to and the pursuit;
    `pursuit show` lists the history."""
    acme, _nordic, ann = seed(database_url, "acme")
    with unit_of_work(open_store(database_url)) as session:
        space = workspaces.ensure(session, "acme", "Acme")
        add_user(session, space.id, "ann@acme.example")
        add_user(session, space.id, "bob@acme.example")
    me = {**env, "LEADSIEVE_USER": "ann@acme.example"}
    assert ls("board", "create", "sales", "-w", "acme").returncode == 0
    args = ("pursuit", "open", "sales", "--organization", str(acme), "-w", "acme")
    first = as_json(ls(*args, "--contact", str(ann), "--source", "event", "--json", env=me))
    assert first["status"] == "opened" and first["contacts_added"] == 1
    assert set(first["pursuit"]) == PURSUIT_KEYS
    info = first["pursuit"]
    assert (info["stage"], info["owner"], info["source"], info["contacts"]) == (
        "inbox",
        "ann@acme.example",
        "event",
        [ann],
    )
    assert (info["amount"], info["currency"], info["won"]) == (None, None, None)
    again = ls(*args)
    assert again.returncode == 0 and "already open: pursuit" in again.stdout
    pid = str(info["id"])
    owned = as_json(ls(*args, "--owner", "bob@acme.example", "--json"))
    assert owned["status"] == "already_open" and owned["pursuit"]["owner"] == "ann@acme.example"

    moved = as_json(ls("pursuit", "move", pid, "Meeting", "--json", "-w", "acme", env=me))
    assert set(moved) == {"moved", "from", "to", "pursuit"}
    assert (moved["moved"], moved["from"], moved["to"]) == (True, "inbox", "meeting")
    same = ls("pursuit", "move", pid, "meeting", "-w", "acme")
    assert same.returncode == 0 and "already" in same.stdout
    closed = ls("pursuit", "close", pid, "--won", "--reason", "signed", "-w", "acme")
    assert closed.returncode == 0, closed.stderr
    assert "from 'meeting' to 'won'; closed as won (signed)" in closed.stdout

    shown = as_json(ls("pursuit", "show", pid, "--json", "-w", "acme"))
    assert set(shown) == PURSUIT_KEYS | {"history"}
    assert (shown["won"], shown["close_reason"], shown["stage"]) == (True, "signed", "won")
    assert [(m["from"], m["to"], m["user"]) for m in shown["history"]] == [
        (None, "inbox", "ann@acme.example"),
        ("inbox", "meeting", "ann@acme.example"),
        ("meeting", "won", None),
    ]
    text = ls("pursuit", "show", pid, "-w", "acme").stdout
    assert "won, at stage 'Won'" in text and "inbox -> meeting  by ann@acme.example" in text

    reopened = as_json(ls(*args, "--amount", "5", "--json"))
    assert reopened["status"] == "opened" and reopened["pursuit"]["id"] != info["id"]
    lost = as_json(
        ls("pursuit", "close", str(reopened["pursuit"]["id"]), "--lost", "--json", "-w", "acme")
    )
    assert (lost["to"], lost["pursuit"]["won"], lost["pursuit"]["amount"]) == ("lost", False, "5")


def test_mistakes_are_refused_with_the_right_exit_code_and_change_nothing(
    ls: Run, env: dict[str, str], database_url: str
) -> None:
    """Usage errors exit 2; stored-record problems exit 6 with their code: unknown board,
    pursuit or stage, a closed pursuit, a bad amount, another workspace's organization, an
    owner who is not a member. The board is as it was afterwards."""
    acme, nordic, _ann = seed(database_url, "acme")
    theirs, _, their_contact = seed(database_url, "globex")
    assert ls("board", "create", "sales", "-w", "acme").returncode == 0
    pid = as_json(ls("pursuit", "open", "sales", "--org", str(acme), "--json", "-w", "acme"))
    pid = str(pid["pursuit"]["id"])
    assert ls("pursuit", "close", pid, "--lost", "-w", "acme").returncode == 0
    before = ls("board", "show", "sales", "--json", "-w", "acme").stdout

    usage = [
        ("pursuit", "open", "sales", "-w", "acme"),  # no --organization
        ("pursuit", "open", "sales", "--org", "abc", "-w", "acme"),
        ("pursuit", "move", pid, "-w", "acme"),  # no stage
        ("pursuit", "close", pid, "-w", "acme"),  # neither --won nor --lost
        ("board", "show", "-w", "acme"),
    ]
    for args in usage:
        done = ls(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
    assert "--won or --lost" in ls("pursuit", "close", pid, "-w", "acme").stderr

    org = str(nordic)
    refused = [
        (("board", "show", "pipeline"), "BOARD_NOT_FOUND", "boards: 'sales'"),
        (("pursuit", "move", "9999", "won"), "PURSUIT_NOT_FOUND", "board show"),
        (("pursuit", "move", pid, "inbox"), "PURSUIT_CLOSED", "closed as lost"),
        (("pursuit", "close", pid, "--won"), "PURSUIT_CLOSED", "nothing was changed"),
        (
            ("pursuit", "open", "sales", "--org", org, "--amount", "-5"),
            "INVALID_VALUE",
            "0 or more",
        ),
        (
            ("pursuit", "open", "sales", "--org", org, "--currency", "dollars"),
            "INVALID_VALUE",
            "ISO",
        ),
        (("pursuit", "open", "sales", "--org", str(theirs)), "NOT_FOUND", "no organization"),
        (("pursuit", "open", "sales", "--org", "999999"), "NOT_FOUND", "no organization"),
        (
            ("pursuit", "open", "sales", "--org", org, "--contact", str(their_contact)),
            "NOT_FOUND",
            "no contacts with ids",
        ),
        (
            ("pursuit", "open", "sales", "--org", org, "--owner", "x@y.example"),
            "FORBIDDEN",
            "member",
        ),
        (("board", "list"), "WORKSPACE_NOT_FOUND", "initech"),
    ]
    for args, code, says in refused:
        where = ("-w", "initech") if code == "WORKSPACE_NOT_FOUND" else ("-w", "acme")
        done = ls(*args, *where)
        assert done.returncode == 6, (args, done.stderr)
        assert f"[{code}]" in done.stderr and says in done.stderr, (args, done.stderr)
    other = as_json(ls("pursuit", "open", "sales", "--org", str(nordic), "--json", "-w", "acme"))
    other_id = str(other["pursuit"]["id"])
    unknown_stage = ls("pursuit", "move", other_id, "nowhere", "-w", "acme")
    assert unknown_stage.returncode == 6, unknown_stage.stderr
    assert "[INVALID_VALUE]" in unknown_stage.stderr
    assert "stages: inbox, researching" in unknown_stage.stderr
    unknown_user = ls(
        "pursuit",
        "move",
        other_id,
        "meeting",
        "-w",
        "acme",
        env={**env, "LEADSIEVE_USER": "nobody@acme.example"},
    )
    assert unknown_user.returncode == 6 and "LEADSIEVE_USER" in unknown_user.stderr
    still = as_json(ls("pursuit", "show", other_id, "--json", "-w", "acme"))
    assert still["stage"] == "inbox" and len(still["history"]) == 1
    after = json.loads(ls("board", "show", "sales", "--json", "-w", "acme").stdout)
    assert [(s["key"], s["closed_pursuits"]) for s in after["stages"]] == [
        (s["key"], s["closed_pursuits"]) for s in json.loads(before)["stages"]
    ]
    assert [c["id"] for s in after["stages"] for c in s["pursuits"]] == [int(other_id)]
