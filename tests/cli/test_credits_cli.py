"""`leadsieve credits`, run as a user runs it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from functools import partial

import pytest

from leadsieve.service.accounts import add_user
from leadsieve.service.credits import charge
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.repositories import workspaces
from tests.cli.test_cli import run

Run = partial[subprocess.CompletedProcess[str]]


@pytest.fixture
def env(database_url: str) -> dict[str, str]:
    return {"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": "", "COLUMNS": "200"}


@pytest.fixture
def ls(env: dict[str, str]) -> Run:
    """``run`` against the test's database, as no particular user, at the default price."""
    return partial(run, env=env)


def make_workspace(database_url: str, slug: str) -> int:
    with unit_of_work(open_store(database_url)) as session:
        return workspaces.ensure(session, slug, slug.title()).id


def balance_of(ls: Run, slug: str) -> str:
    done = ls("credits", "balance", "--json", "-w", slug)
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["balance"])


def test_grant_balance_and_history_in_text_and_json(ls: Run, database_url: str) -> None:
    """A grant adds exactly; `balance` says what a row costs and how many rows it covers;
    `history` lists grants and charges newest first, as a table or a JSON array."""
    acme = make_workspace(database_url, "acme")
    make_workspace(database_url, "globex")
    empty = ls("credits", "history", "-w", "acme")
    assert empty.returncode == 0 and "leadsieve credits grant N" in empty.stdout

    granted = ls("credits", "grant", "100", "--reason", "invoice 1042", "-w", "acme")
    assert granted.returncode == 0, granted.stderr
    assert "granted 100 credits to 'acme'; balance 100" in granted.stdout
    shown = json.loads(ls("credits", "grant", "0.000001", "--json", "-w", "acme").stdout)
    assert shown["workspace"] == "acme" and shown["balance"] == "100.000001"
    assert set(shown["entry"]) == {"id", "kind", "amount", "reason", "job", "user", "created_at"}
    assert (shown["entry"]["kind"], shown["entry"]["amount"]) == ("grant", "0.000001")
    with unit_of_work(open_store(database_url)) as session:
        charge(session, acme, "run-7", 40, "0.5")

    assert json.loads(ls("credits", "balance", "--json", "-w", "acme").stdout) == {
        "workspace": "acme",
        "balance": "80.000001",
        "price_per_row": "0.5",
        "rows_covered": 160,
    }
    text = ls("credits", "balance", "-w", "acme").stdout
    assert "80.000001 credits" in text and "costs 0.5" in text and "160 rows" in text

    entries = json.loads(ls("credits", "history", "--json", "-w", "acme").stdout)
    assert [(e["kind"], e["amount"], e["job"], e["reason"]) for e in entries] == [
        ("charge", "-20", "run-7", "40 rows at 0.5 credits per row"),
        ("grant", "0.000001", None, None),
        ("grant", "100", None, "invoice 1042"),
    ]
    (newest,) = json.loads(ls("credits", "history", "--json", "--limit", "1", "-w", "acme").stdout)
    assert newest["job"] == "run-7"
    table = ls("credits", "history", "-w", "acme").stdout
    assert "run-7" in table and "-20" in table and "+100" in table and "invoice 1042" in table
    assert json.loads(ls("credits", "history", "--json", "-w", "globex").stdout) == []
    assert balance_of(ls, "globex") == "0"


@pytest.mark.parametrize(
    ("amount", "says"),
    [
        pytest.param("-5", "more than 0", id="negative"),
        pytest.param("-0.5", "more than 0", id="negative-fraction"),
        pytest.param("0", "more than 0", id="zero"),
        pytest.param("lots", "a number", id="not-a-number"),
        pytest.param("nan", "a number", id="nan"),
        pytest.param("1.0000001", "6 decimals", id="too-precise"),
    ],
)
def test_a_bad_grant_is_refused_and_changes_nothing(
    ls: Run, database_url: str, amount: str, says: str
) -> None:
    """Negative (even written like an option), zero, non-numeric or too precise: exit 6,
    INVALID_VALUE saying what to do, and the balance stays as it was."""
    make_workspace(database_url, "acme")
    assert ls("credits", "grant", "10", "-w", "acme").returncode == 0
    refused = ls("credits", "grant", amount, "-w", "acme")
    assert refused.returncode == 6, refused.stderr
    assert "[INVALID_VALUE]" in refused.stderr and says in refused.stderr
    assert "leadsieve credits grant 100" in refused.stderr
    assert balance_of(ls, "acme") == "10"
    assert len(json.loads(ls("credits", "history", "--json", "-w", "acme").stdout)) == 1


def test_bad_usage_and_unknown_workspaces(ls: Run, database_url: str) -> None:
    """A missing N or a negative --limit is a usage error (exit 2); an unknown workspace is
    WORKSPACE_NOT_FOUND (exit 6)."""
    make_workspace(database_url, "acme")
    assert ls("credits", "grant", "-w", "acme").returncode == 2
    assert ls("credits", "history", "--limit", "-1", "-w", "acme").returncode == 2
    for args in (("balance",), ("grant", "5"), ("history",)):
        unknown = ls("credits", *args, "-w", "initech")
        assert unknown.returncode == 6 and "[WORKSPACE_NOT_FOUND]" in unknown.stderr


def test_the_granting_user_is_recorded(ls: Run, env: dict[str, str], database_url: str) -> None:
    """With LEADSIEVE_USER set, the grant names its member; an unknown user is NOT_FOUND, a
    user of another workspace FORBIDDEN, and neither grants anything."""
    acme = make_workspace(database_url, "acme")
    globex = make_workspace(database_url, "globex")
    with unit_of_work(open_store(database_url)) as session:
        add_user(session, acme, "ann@acme.example", role="owner")
        add_user(session, globex, "bob@globex.example", role="owner")

    def as_user(email: str, *args: str) -> subprocess.CompletedProcess[str]:
        return run(
            "credits", "grant", "5", "-w", "acme", *args, env={**env, "LEADSIEVE_USER": email}
        )

    done = as_user("Ann@acme.example", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entry"]["user"] == "ann@acme.example"
    stranger = as_user("eve@x.example")
    assert stranger.returncode == 6 and "[NOT_FOUND]" in stranger.stderr
    outsider = as_user("bob@globex.example")
    assert outsider.returncode == 6 and "[FORBIDDEN]" in outsider.stderr
    assert balance_of(ls, "acme") == "5"
    (entry,) = json.loads(ls("credits", "history", "--json", "-w", "acme").stdout)
    assert entry["user"] == "ann@acme.example"


@pytest.mark.parametrize(
    ("price", "says"),
    [
        pytest.param("half", "must be a number", id="not-a-number"),
        pytest.param("-1", "must be 0 or more", id="negative"),
        pytest.param("0.0000001", "more than 6 decimals", id="too-precise"),
    ],
)
def test_a_bad_price_per_row_is_a_clear_error(
    env: dict[str, str], database_url: str, price: str, says: str
) -> None:
    """LEADSIEVE_PRICE_PER_ROW that is no number, negative or too precise: exit 6 with
    INVALID_VALUE naming the variable, no traceback (``run`` checks)."""
    make_workspace(database_url, "acme")
    done = run("credits", "balance", "-w", "acme", env={**env, "LEADSIEVE_PRICE_PER_ROW": price})
    assert done.returncode == 6
    assert "[INVALID_VALUE]" in done.stderr and "LEADSIEVE_PRICE_PER_ROW" in done.stderr
    assert says in done.stderr


def test_free_scoring_shows_in_the_balance(env: dict[str, str], database_url: str) -> None:
    """LEADSIEVE_PRICE_PER_ROW=0: the balance says scoring is free."""
    make_workspace(database_url, "acme")
    free = {**env, "LEADSIEVE_PRICE_PER_ROW": "0"}
    shown = json.loads(run("credits", "balance", "--json", "-w", "acme", env=free).stdout)
    assert (shown["price_per_row"], shown["rows_covered"]) == ("0", None)
    assert "scoring is free" in run("credits", "balance", "-w", "acme", env=free).stdout
    assert Decimal(shown["balance"]) == 0


def test_help_explains_the_credits_commands() -> None:
    """`credits --help` explains the price and the ledger; each command has its own help."""
    done = run("credits", "--help")
    assert done.returncode == 0
    assert "LEADSIEVE_PRICE_PER_ROW" in done.stdout and "append-only" in done.stdout
    for command in ("balance", "grant", "history"):
        assert command in done.stdout
    grant_help = run("credits", "grant", "--help").stdout
    assert "--reason" in grant_help and "--workspace" in grant_help and "6 decimals" in grant_help
    assert "--limit" in run("credits", "history", "--help").stdout
