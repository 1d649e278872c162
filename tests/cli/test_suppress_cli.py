"""`leadsieve suppress` and `--exclude`, run as a user runs them, on SQLite and PostgreSQL;
`score --exclude FILE` without any store."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import polars as pl
import pytest

from tests.cli.test_cli import run, write

LEADS = """\
Company Name,Website,# Employees,Country,First Name,Email,Org Number
Acme,https://www.acme.example,100,United States,Ann,ann@acme.example,
Acme Shop,shop.acme.example,100,United States,,,
Beta,,100,Germany,Jo,jo@beta.example,
Nordic Pay AB,nordicpay.se,100,Sweden,Eva,eva@nordicpay.se,556036-0793
Kept,kept.example,100,Germany,Kim,kim@kept.example,
"""
ICP = "slug: any\nrules:\n  employees: {min: 1, max: 100000}\n"
CUSTOMERS = """\
Account Name,Website,Email,Org Number,Country
Acme,acme.example,,,
Nordic,,,556036-0793,Sweden
Nobody,,,,
"""


@pytest.fixture
def files(tmp_path: Path) -> Path:
    write(tmp_path / "leads.csv", LEADS)
    write(tmp_path / "icp.yaml", ICP)
    write(tmp_path / "customers.csv", CUSTOMERS)
    write(tmp_path / "people.txt", "jo@beta.example\n")
    return tmp_path


def graded(path: Path) -> dict[str, tuple[str, str | None]]:
    frame = pl.read_csv(path)
    return {
        name: (grade, dq)
        for name, grade, dq in frame.select(
            "Company Name", "fit_grade", "fit_disqualified_by"
        ).iter_rows()
    }


def test_score_excludes_a_file_of_values_without_a_store(files: Path) -> None:
    """A lead file and a one-value-a-line file exclude their leads; no store is opened (its
    folder does not exist); a row of the file that names nothing is warned about."""
    env = {"LEADSIEVE_DATABASE_URL": f"sqlite:///{files / 'no' / 'such' / 'x.db'}"}
    done = run(
        "score", "leads.csv", "--icp", "icp.yaml", "--exclude", "customers.csv",
        "--exclude", "people.txt", "-o", "out.csv", cwd=files, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "customers.csv line 4 excludes nothing" in done.stderr
    assert "excluded by suppression lists: 4 rows" in done.stdout
    on_file = "excluded: on a suppression list (file customers.csv)"
    assert graded(files / "out.csv") == {
        "Acme": ("DQ", on_file),
        "Acme Shop": ("DQ", on_file),
        "Beta": ("DQ", "excluded: on a suppression list (file people.txt)"),
        "Nordic Pay AB": ("DQ", on_file),
        "Kept": ("A", None),
    }
    missing = run("score", "leads.csv", "--icp", "icp.yaml", "--exclude", "gone.csv", cwd=files)
    assert missing.returncode == 4
    assert "LEAD_FILE_NOT_FOUND" in missing.stderr


def test_lists_are_made_shown_and_applied(files: Path, database_url: str) -> None:
    """create --from counts every row; add, show --json, list --json, remove; qualify and
    score by name; an unknown name is NOT_FOUND naming the saved lists; delete."""
    ls = partial(run, cwd=files, env={"LEADSIEVE_DATABASE_URL": database_url, "COLUMNS": "200"})
    made = ls("suppress", "create", "customers", "--kind", "customer", "--from", "customers.csv")
    assert made.returncode == 0, made.stderr
    assert "3 rows = added 2 + duplicates 0 + rejected 1" in made.stdout
    assert "line 4: no domain, website, email or org number" in made.stderr
    added = ls("suppress", "add", "customers", "JO@beta.example", "gmail.com")
    assert "2 values = added 1 + duplicates 0 + rejected 1" in added.stdout
    assert "gmail.com is a free-mail domain" in added.stderr
    shown = json.loads(ls("suppress", "show", "customers", "--json").stdout)
    assert shown["label"] == "existing customer" and shown["entries"] == 3
    assert [(v["kind"], v["value"]) for v in shown["values"]] == [
        ("domain", "acme.example"),
        ("email", "jo@beta.example"),
        ("org_no", "SE:5560360793"),
    ]
    assert json.loads(ls("suppress", "list", "--json").stdout) == [
        {"name": "customers", "kind": "customer", "label": "existing customer", "entries": 3}
    ]
    removed = ls("suppress", "remove", "customers", "https://www.acme.example/about")
    assert "removed 1 entries" in removed.stdout

    scored = ls("score", "leads.csv", "--icp", "icp.yaml", "--exclude", "customers", "-o", "o.csv")
    assert scored.returncode == 0, scored.stderr
    assert {n for n, (g, _) in graded(files / "o.csv").items() if g == "DQ"} == {
        "Beta",
        "Nordic Pay AB",
    }

    assert ls("import", "leads.csv", "--list", "q3").returncode == 0
    assert ls("icp", "save", "icp.yaml").returncode == 0
    assert ls("credits", "grant", "100").returncode == 0
    unknown = ls("qualify", "q3", "--icp", "any", "--exclude", "custmers")
    assert unknown.returncode == 6
    assert "NOT_FOUND" in unknown.stderr and "saved: 'customers'" in unknown.stderr
    done = ls("qualify", "q3", "--icp", "any", "--exclude", "customers", "--json")
    assert json.loads(done.stdout)["qualified"] == 3  # Acme, Acme Shop's org, Kept
    board = ls("suppress", "from-board", "nowhere", "--won")
    assert board.returncode == 6 and "BOARD_NOT_FOUND" in board.stderr
    assert ls("suppress", "delete", "customers").returncode == 0
    assert json.loads(ls("suppress", "list", "--json").stdout) == []
