"""`leadsieve qualify` and `leadsieve list show --icp`, run as a user runs them, on SQLite and
PostgreSQL: the JSON shape, the fits sorted and filtered, the errors and their exit codes,
credits under two runs at once."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from functools import partial
from pathlib import Path

import pytest

from tests.cli.test_cli import EXE, run
from tests.service.test_qualify import ICP, LEADS

Run = partial[subprocess.CompletedProcess[str]]


@pytest.fixture
def env(database_url: str) -> dict[str, str]:
    return {"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": "", "COLUMNS": "200"}


@pytest.fixture
def ls(env: dict[str, str]) -> Run:
    """``run`` against the test's database, as no particular user, at the default price."""
    return partial(run, env=env)


@pytest.fixture
def stored(ls: Run, tmp_path: Path) -> Run:
    """Workspace ``acme`` holding the list ``q3`` (8 leads) and the ICP ``mid-market``."""
    leads = tmp_path / "leads.csv"
    leads.write_text(LEADS, encoding="utf-8")
    icp = tmp_path / "icp.json"
    icp.write_text(json.dumps(ICP), encoding="utf-8")
    for args in (
        ("workspace", "create", "acme"),
        ("import", leads, "--list", "q3", "-w", "acme"),
        ("icp", "save", icp, "-w", "acme"),
    ):
        done = ls(*args)
        assert done.returncode == 0, done.stderr
    return ls


def balance_of(ls: Run) -> str:
    done = ls("credits", "balance", "--json", "-w", "acme")
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["balance"])


def test_qualify_prints_exactly_the_json_shape_and_a_readable_summary(stored: Run) -> None:
    """--json is {"scored", "qualified", "charged", "balance"}, credits as exact strings; the
    summary names the list, the ICP version, grades, the charge and how to see the fits, then
    the best leads with the person and title beside the company."""
    assert stored("credits", "grant", "10", "-w", "acme").returncode == 0
    done = stored("qualify", "q3", "--icp", "mid-market", "--json", "-w", "acme")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert list(shown) == ["scored", "qualified", "charged", "balance"]
    assert shown == {"scored": 8, "qualified": shown["qualified"], "charged": "4", "balance": "6"}
    assert isinstance(shown["qualified"], int) and 0 < shown["qualified"] < 8

    text = stored("qualify", "q3", "--icp", "mid-market", "--as-of", "2026-12-01", "-w", "acme")
    assert text.returncode == 0, text.stderr
    out = text.stdout
    assert "list 'q3' against 'mid-market' v1: 8 leads scored" in out
    assert "as of 2026-12-01" in out and "DQ 1" in out
    key = re.search(r"charged 4 credits \(0\.5 per lead, job (\S+)\); balance 2", out)
    assert key is not None and ":" not in key[1]  # the key --job takes, not the ledger's id
    assert "leadsieve list show q3 --icp mid-market --sort fit" in out
    assert balance_of(stored) == "2"
    again = stored("qualify", "q3", "--icp", "mid-market", "--job", key[1], "-w", "acme")
    assert again.returncode == 0, again.stderr  # the printed key names the same, paid job
    assert "8 leads scored (8 by an earlier try of this job)" in again.stdout
    assert balance_of(stored) == "2"
    top = [
        line.replace("┃", " ").replace("│", " ")
        for line in out.split("top 8 by fit", 1)[1].splitlines()
    ]
    assert top[1].split() == ["score", "grade", "company", "person", "title", "matched"]
    assert top[3].split()[:8] == ["100", "A", "Acme", "Analytics", "Ann", "Lee", "VP", "Sales"]


def test_list_show_sorts_by_fit_and_filters_by_grade(stored: Run, env: dict[str, str]) -> None:
    """--sort fit --min-grade B: only A and B leads, best first, with their fit columns (the
    reasons in CSV and JSON); the table says how many leads pass."""
    free = {**env, "LEADSIEVE_PRICE_PER_ROW": "0"}
    base = ("list", "show", "q3", "--icp", "mid-market", "-w", "acme")
    before = stored(*base)
    assert before.returncode == 0, before.stderr
    assert "no fits for ICP 'mid-market' v1 yet" in before.stdout
    assert "leadsieve qualify q3 --icp mid-market" in before.stdout
    unscored = stored(*base, "--format", "csv")
    assert unscored.returncode == 0 and "no fits" in unscored.stderr
    assert len(list(csv.DictReader(io.StringIO(unscored.stdout)))) == 8

    assert stored("qualify", "q3", "--icp", "mid-market", "-w", "acme", env=free).returncode == 0
    rows = list(
        csv.DictReader(
            io.StringIO(
                stored(*base, "--sort", "fit", "--min-grade", "B", "--format", "csv").stdout
            )
        )
    )
    scores = [int(r["fit_score"]) for r in rows]
    assert scores == sorted(scores, reverse=True) and len(rows) == 3
    assert {r["fit_grade"] for r in rows} <= {"A", "B"}
    assert rows[0]["email"] == "ann@acme-analytics.com" and rows[0]["fit_score"] == "100"
    assert rows[0]["fit_reasons"].startswith(
        "industries: Software Development, in software-development; geography: US (US-CA), in "
        "north-america; employees: 51–200 employees, within 50–1,000;"
    )
    assert "; roles: 'VP Sales': vp in sales;" in rows[0]["fit_reasons"]
    assert {"fit_qualified", "fit_coverage", "fit_matched", "fit_as_of"} <= set(rows[0])

    shown = json.loads(stored(*base, "--sort", "fit", "--format", "json").stdout)
    assert [r["fit_grade"] for r in shown][-1] == "DQ" and len(shown) == 8
    assert shown[-1]["fit_disqualified_by"] == "keywords: mentions crypto; domains: on shadycoin.io"
    assert shown[0]["fit_qualified"] is True and isinstance(shown[0]["fit_coverage"], float)

    table = stored(*base, "--sort", "fit", "--min-grade", "B", "--limit", "2")
    assert table.returncode == 0, table.stderr
    assert "8 leads, 8 with a fit of ICP 'mid-market' v1, 3 graded B or better" in table.stdout
    assert "(first 2 shown)" in table.stdout and "Data Engineer" in table.stdout
    assert "Nordic Pay AB" not in table.stdout


def test_bad_input_names_what_exists_with_the_documented_exit_codes(stored: Run) -> None:
    """An unknown list is exit 6 naming the lists, an unknown ICP exit 3 naming the profiles,
    a short balance exit 6 naming required and available (and charges nothing); options that
    need --icp are usage errors; no traceback anywhere."""
    cases = [
        (("qualify", "q4", "--icp", "mid-market"), 6, "[LIST_NOT_FOUND]", "lists: 'q3'"),
        (("qualify", "q3", "--icp", "nope"), 3, "[ICP_NOT_FOUND]", "profiles: mid-market"),
        (
            ("qualify", "q3", "--icp", "mid-market", "--version", "2"),
            6,
            "[NOT_FOUND]",
            "only version 1",
        ),
        (("qualify", "q3", "--icp", "mid-market", "--job", "a b"), 6, "[INVALID_VALUE]", "job key"),
        (("qualify", "q3", "--icp", "mid-market", "--as-of", "soon"), 2, "", "YYYY-MM-DD"),
        (
            ("qualify", "q3", "--icp", "mid-market"),
            6,
            "[INSUFFICIENT_CREDITS]",
            "needs 4 credits, but workspace 'acme' has 0",
        ),
        (("list", "show", "q4", "--icp", "mid-market"), 6, "[LIST_NOT_FOUND]", "lists: 'q3'"),
        (("list", "show", "q3", "--icp", "nope"), 3, "[ICP_NOT_FOUND]", "profiles: mid-market"),
        (("list", "show", "q3", "--sort", "fit"), 2, "", "needs --icp"),
        (("list", "show", "q3", "--icp", "mid-market", "--min-grade", "E"), 2, "", "A, B, C or D"),
    ]
    for args, code, error, says in cases:
        done = stored(*args, "-w", "acme")
        assert done.returncode == code, (args, done.stdout, done.stderr)
        assert error in done.stderr and says in done.stderr, (args, done.stderr)
    assert balance_of(stored) == "0"
    other = stored("workspace", "create", "globex")
    assert other.returncode == 0
    assert stored("qualify", "q3", "--icp", "mid-market", "-w", "globex").returncode == 6


def test_help_answers_what_it_costs_and_how_to_retry() -> None:
    """`qualify --help` says what a lead costs, what a short balance does, how to retry,
    which version is scored and where to see the fits."""
    done = run("qualify", "--help", env={"COLUMNS": "100"})
    assert done.returncode == 0
    for words in (
        "LEADSIEVE_PRICE_PER_ROW",
        "INSUFFICIENT_CREDITS",
        "--job",
        "--version",
        "list show",
    ):
        assert words in done.stdout, words


def test_two_runs_at_once_never_spend_more_than_the_balance(
    stored: Run, env: dict[str, str]
) -> None:
    """Two `leadsieve qualify` processes on one balance that covers one run: one is charged
    and scores the list, the other is refused with INSUFFICIENT_CREDITS; the balance ends at
    0, never below. With credits for both, both are charged, each once."""
    assert EXE is not None
    command = [EXE, "qualify", "q3", "--icp", "mid-market", "--json", "-w", "acme"]
    for grant, refused in (("4", 1), ("8", 0)):
        assert stored("credits", "grant", grant, "-w", "acme").returncode == 0
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
        outcomes = []
        for process in runs:
            out, err = process.communicate(timeout=120)
            outcomes.append((process.returncode, out, err))
        codes = sorted(code for code, _, _ in outcomes)
        assert codes == sorted([0] * (2 - refused) + [6] * refused), outcomes
        for code, out, err in outcomes:
            assert "Traceback" not in err
            if code == 0:
                assert json.loads(out)["charged"] == "4"
            else:
                assert "[INSUFFICIENT_CREDITS]" in err and "has 0" in err
        assert balance_of(stored) == "0"
    history = json.loads(stored("credits", "history", "--json", "-w", "acme").stdout)
    assert sorted(e["kind"] for e in history) == ["charge"] * 3 + ["grant"] * 2


def test_a_rule_no_lead_has_data_for_is_named_in_a_warning(stored: Run, tmp_path: Path) -> None:
    """Every stored lead is unknown for an ICP rule on data the list never had (here a
    technology ICP on leads without technologies): qualify says so on stderr, the JSON on
    stdout stays exact."""
    assert stored("credits", "grant", "10", "-w", "acme").returncode == 0
    icp = tmp_path / "tech.json"
    icp.write_text(
        json.dumps({"slug": "tech", "rules": {"technologies": {"any_of": ["snowflake"]}}}),
        encoding="utf-8",
    )
    assert stored("icp", "save", icp, "-w", "acme").returncode == 0
    bare = tmp_path / "bare.csv"
    bare.write_text("Company Name,Website\nNo Stack Inc,nostack.example\n", encoding="utf-8")
    assert stored("import", bare, "--list", "bare", "-w", "acme").returncode == 0
    done = stored("qualify", "bare", "--icp", "tech", "-w", "acme", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["scored"] == 1
    assert "no data feeds technologies of ICP 'tech' in list 'bare'" in done.stderr
    fed = stored("qualify", "q3", "--icp", "mid-market", "-w", "acme")
    assert "warning" not in fed.stderr
