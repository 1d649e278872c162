"""ICP documents that crashed scoring (issue 14, seen 12) and technology names (seen 8), through
the installed command: `icp validate`, `score` and `icp save` on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import LEADS, run, write
from tests.cli.test_profiles_cli import env
from tests.icp.test_validation import BROKEN


@pytest.mark.parametrize("case", list(BROKEN))
def test_validate_and_score_refuse_documents_that_crashed(case: str, tmp_path: Path) -> None:
    """`icp validate` and `score` say ICP_INVALID with the problem's path, exit 3, and never
    reach an internal error (1.0e+308 weights used to crash score; deep nesting ended in a
    RecursionError; a duplicate key was silently replaced)."""
    text, problem = BROKEN[case]
    icp = write(tmp_path / "icp.yaml", text)
    leads = write(tmp_path / "leads.csv", LEADS)
    for args in (("icp", "validate", icp), ("score", leads, "--icp", icp, "-o", "-")):
        done = run(*args)
        assert done.returncode == 3, (args, done.stderr)
        assert "error [ICP_INVALID]" in done.stderr and problem in done.stderr
        assert "internal error" not in done.stderr and done.stdout == ""


def test_icp_save_refuses_them_and_stores_nothing(database_url: str, tmp_path: Path) -> None:
    """`icp save` (the store's way in) refuses each document the same way; nothing is saved."""
    e = env(database_url)
    for case, (text, problem) in BROKEN.items():
        done = run("icp", "save", write(tmp_path / f"{case}.yaml", text), env=e)
        assert done.returncode == 3, done.stderr
        assert problem in done.stderr
    assert json.loads(run("icp", "list", "--json", env=e).stdout) == []


def test_a_technology_typo_is_refused_and_an_unknown_one_warned(
    database_url: str, tmp_path: Path
) -> None:
    """Seen 8: `salesforse` is ICP_INVALID with its suggestion; a product the vocabulary lacks
    is a warning that `icp validate`, `score` and `icp save` print, and it still scores."""
    typo = write(
        tmp_path / "typo.yaml",
        "slug: t\nrules:\n  technologies: {any_of: [salesforse], required: true}\n",
    )
    done = run("icp", "validate", typo)
    assert done.returncode == 3
    assert "rules.technologies.any_of.0 (line 3): unknown technology 'salesforse' (did you " in (
        done.stderr
    )
    assert "did you mean salesforce?" in done.stderr

    unknown = write(
        tmp_path / "unknown.yaml",
        "slug: t\nrules:\n  technologies: {any_of: [SFDC, Acme Billing]}\n",
    )
    warning = "warning: {}: rules.technologies.any_of: 'acme billing' is not in the technology "
    done = run("icp", "validate", unknown)
    assert done.returncode == 0, done.stderr
    assert "valid ICP 't'" in done.stdout and warning.format(unknown) in done.stderr
    leads = write(
        tmp_path / "leads.csv",
        "Company Name,Technologies\nA,Salesforce Sales Cloud; Slack\nB,acme billing\nC,HubSpot\n",
    )
    done = run("score", leads, "--icp", unknown, "-o", tmp_path / "out.csv")
    assert done.returncode == 0, done.stderr
    assert warning.format(unknown) in done.stderr
    scored = (tmp_path / "out.csv").read_text("utf-8").splitlines()
    assert [line.split(",")[0] for line in scored[1:]] == ["A", "B", "C"]
    header = scored[0].split(",")
    matched = [line.split(",")[header.index("fit_score")] for line in scored[1:]]
    assert matched == ["100", "100", "0"]
    done = run("icp", "save", unknown, env=env(database_url))
    assert done.returncode == 0, done.stderr
    assert warning.format(unknown) in done.stderr
