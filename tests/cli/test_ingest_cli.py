"""`leadsieve board ingest`, run as a user runs it, on SQLite and PostgreSQL: the JSON shape,
the summary, the errors and their exit codes, two runs at once."""

from __future__ import annotations

import json
import os
import re
import subprocess
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import select

from leadsieve.service import contacts
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.tables import Contact
from tests.cli.test_cli import EXE, run
from tests.service.test_qualify import ICP, LEADS

Run = partial[subprocess.CompletedProcess[str]]

INGEST = ("board", "ingest", "sales", "--list", "q3", "--as-of", "2026-12-01", "-w", "acme")
KEYS = [
    "scored",
    "qualified",
    "opened",
    "already_open",
    "skipped_do_not_contact",
    "skipped_closed",
    "reused",
]


@pytest.fixture
def env(database_url: str) -> dict[str, str]:
    return {"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": "", "COLUMNS": "200"}


@pytest.fixture
def stored(env: dict[str, str], tmp_path: Path) -> Run:
    """Workspace ``acme`` holding the list ``q3`` (8 leads), the ICP ``mid-market``, the
    board ``sales`` and 100 credits."""
    ls = partial(run, env=env)
    leads = tmp_path / "leads.csv"
    leads.write_text(LEADS, encoding="utf-8")
    icp = tmp_path / "icp.json"
    icp.write_text(json.dumps(ICP), encoding="utf-8")
    for args in (
        ("workspace", "create", "acme"),
        ("import", leads, "--list", "q3", "-w", "acme"),
        ("icp", "save", icp, "-w", "acme"),
        ("board", "create", "sales", "-w", "acme"),
        ("credits", "grant", "100", "-w", "acme"),
    ):
        done = ls(*args)
        assert done.returncode == 0, done.stderr
    return ls


def counts(done: subprocess.CompletedProcess[str]) -> dict[str, int]:
    assert done.returncode == 0, done.stderr
    shown: dict[str, int] = json.loads(done.stdout)
    assert list(shown) == KEYS and all(type(v) is int for v in shown.values())
    return shown


def test_json_is_exactly_the_counts_and_a_second_run_opens_nothing(
    stored: Run, database_url: str
) -> None:
    """--json prints exactly the seven counts; the board then holds the three pursuits at its
    first stage with their contacts (a do-not-contact one left off and counted); a second
    run on the unchanged list reuses the eight fits (nothing scored or charged), opens
    nothing and finds the three open."""
    with unit_of_work(open_store(database_url)) as session:
        bo = session.scalars(select(Contact).where(Contact.email == "bo@acme-analytics.com")).one()
        contacts.mark_do_not_contact(
            session, bo.workspace_id, bo.id, reason="asked", source="email"
        )
    first = counts(stored(*INGEST, "--json"))
    assert first == dict(zip(KEYS, [8, 4, 3, 0, 1, 0, 0], strict=True))
    board = json.loads(stored("board", "show", "sales", "--json", "-w", "acme").stdout)
    inbox = board["stages"][0]
    assert inbox["key"] == "inbox"
    assert sorted((c["organization"], c["contacts"]) for c in inbox["pursuits"]) == [
        ("Acme Analytics", 1),
        ("Nordic Pay AB", 1),
        ("Zoom Thousands", 0),
    ]
    pursuit = json.loads(
        stored("pursuit", "show", str(inbox["pursuits"][0]["id"]), "--json", "-w", "acme").stdout
    )
    assert (pursuit["source"], pursuit["icp_version"]) == ("icp", 1)
    assert [(m["from"], m["to"]) for m in pursuit["history"]] == [(None, "inbox")]

    second = counts(stored(*INGEST, "--json"))
    assert second == dict(zip(KEYS, [0, 4, 0, 3, 0, 0, 8], strict=True))


def test_the_summary_says_what_was_opened_and_charged(stored: Run) -> None:
    """Without --json: the leads scored and qualified, pursuits opened and already open,
    the charge and where to see the board. No list: every lead of the workspace."""
    done = stored(*INGEST)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "list 'q3' against 'mid-market' v1 into board 'sales'" in out
    assert "8 leads scored, 4 qualified" in out and "3 pursuits opened, 0 already open" in out
    assert re.search(r"charged 4 credits \(0\.5 per lead, job [0-9a-f]{16}\); balance 96", out)
    assert "leadsieve board show sales" in out
    whole = stored("board", "ingest", "sales", "--as-of", "2026-12-01", "-w", "acme")
    assert whole.returncode == 0, whole.stderr
    assert "every lead against 'mid-market' v1" in whole.stdout
    assert "0 pursuits opened, 3 already open" in whole.stdout


def test_bad_input_names_what_exists_with_the_documented_exit_codes(
    stored: Run, env: dict[str, str], tmp_path: Path
) -> None:
    """An unknown board or list is exit 6 naming what exists, an unknown ICP exit 3 naming
    the profiles, several ICPs and none named exit 3 listing their slugs, both --icp-id and
    --icp-slug a usage error, a short balance exit 6; nothing is charged, no traceback."""
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**ICP, "slug": "enterprise"}), encoding="utf-8")
    base = ("board", "ingest")
    cases = [
        (
            (*base, "pipeline", "--icp-slug", "mid-market"),
            6,
            "[BOARD_NOT_FOUND]",
            "boards: 'sales'",
        ),
        ((*base, "sales", "--list", "q4"), 6, "[LIST_NOT_FOUND]", "lists: 'q3'"),
        ((*base, "sales", "--icp-slug", "nope"), 3, "[ICP_NOT_FOUND]", "profiles: mid-market"),
        ((*base, "sales", "--icp-id", "999"), 3, "[ICP_NOT_FOUND]", "no ICP profile with id 999"),
        ((*base, "sales", "--icp-id", "1", "--icp-slug", "mid-market"), 2, "", "not both"),
        ((*base, "sales", "--as-of", "soon"), 2, "", "YYYY-MM-DD"),
    ]
    for args, code, error, says in cases:
        done = stored(*args, "-w", "acme")
        assert done.returncode == code, (args, done.stdout, done.stderr)
        assert error in done.stderr and says in done.stderr, (args, done.stderr)

    assert stored("icp", "save", other, "-w", "acme").returncode == 0
    ambiguous = stored(*base, "sales", "-w", "acme")
    assert ambiguous.returncode == 3, ambiguous.stderr
    assert "[SALES_ICP_AMBIGUOUS]" in ambiguous.stderr
    assert "(enterprise, mid-market)" in ambiguous.stderr and "--icp-slug" in ambiguous.stderr

    free = stored("workspace", "create", "globex")
    assert free.returncode == 0
    elsewhere = stored(*base, "sales", "-w", "globex")
    assert elsewhere.returncode == 6 and "[BOARD_NOT_FOUND]" in elsewhere.stderr
    assert stored("board", "create", "sales", "-w", "globex").returncode == 0
    unseen = stored(*base, "sales", "-w", "globex", "--icp-slug", "mid-market")
    assert unseen.returncode == 3 and "workspace 'globex' (no profiles yet)" in unseen.stderr

    history = json.loads(stored("credits", "history", "--json", "-w", "acme").stdout)
    assert [e["kind"] for e in history] == ["grant"]
    drained = stored(
        *INGEST, "--icp-slug", "mid-market", env={**env, "LEADSIEVE_PRICE_PER_ROW": "13"}
    )
    assert drained.returncode == 6 and "[INSUFFICIENT_CREDITS]" in drained.stderr
    assert "needs 104 credits, but workspace 'acme' has 100" in drained.stderr


def test_help_answers_what_it_does_and_costs() -> None:
    """`board --help` lists ingest; `board ingest --help` names the options, the ambiguity
    error, do-not-contact contacts and the price."""
    assert "ingest" in run("board", "--help").stdout
    done = run("board", "ingest", "--help", env={"COLUMNS": "100"})
    assert done.returncode == 0
    for words in (
        "--icp-id",
        "--icp-slug",
        "--list",
        "--json",
        "SALES_ICP_AMBIGUOUS",
        "do-not-contact",
        "LEADSIEVE_PRICE_PER_ROW",
    ):
        assert words in done.stdout, words


def test_two_runs_at_once_open_each_pursuit_once(stored: Run, env: dict[str, str]) -> None:
    """Two `leadsieve board ingest` processes started together: between them three pursuits
    are opened, each once; each lead is paid for once or twice (the second run reuses the
    fits the first wrote before it began, never pays for a lead it reused)."""
    assert EXE is not None
    command = [EXE, *INGEST, "--json"]
    runs = [
        subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **env},
        )
        for _ in range(2)
    ]
    shown = []
    for process in runs:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and "Traceback" not in err, err
        shown.append(json.loads(out))
    assert sorted((s["opened"], s["already_open"]) for s in shown) == [(0, 3), (3, 0)]
    board = json.loads(stored("board", "show", "sales", "--json", "-w", "acme").stdout)
    assert len(board["stages"][0]["pursuits"]) == 3
    history = json.loads(stored("credits", "history", "--json", "-w", "acme").stdout)
    kinds = sorted(e["kind"] for e in history)
    assert kinds in (["charge", "grant"], ["charge", "charge", "grant"])
    scored = sum(s["scored"] for s in shown)
    reused = sum(s["reused"] for s in shown)
    assert scored + reused == 16 and scored >= 8  # 8 leads, each read by both runs
