"""``leadsieve import`` and ``leadsieve db`` through the installed command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.service.test_importing import LEADS


def test_import_prints_the_exact_json_and_writes_rejects(tmp_path: Path, database_url: str) -> None:
    """--json prints exactly the documented object; rejected rows go to a file with reasons;
    the second run reports every record unchanged."""
    leads = tmp_path / "leads.csv"
    leads.write_text(LEADS, encoding="utf-8")
    env = {"LEADSIEVE_DATABASE_URL": database_url}
    done = run("import", leads, "--list", "Webinar", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "rows": {"in": 8, "created": 7, "updated": 0, "unchanged": 0, "merged": 0, "blank": 0,
                 "rejected": 1},
        "organizations": {"created": 5, "updated": 0, "unchanged": 0},
        "contacts": {"created": 4, "updated": 0, "unchanged": 0},
        "rejected": 1,
    }  # fmt: skip
    rejects = (tmp_path / "leads.csv.rejects.csv").read_text(encoding="utf-8")
    assert rejects.startswith("line,reason,raw") and "no way to identify" in rejects
    warnings = (tmp_path / "leads.csv.warnings.csv").read_text(encoding="utf-8")
    assert "check digit" in warnings
    again = run("import", leads, "--list", "Webinar", env=env)
    assert again.returncode == 0, again.stderr
    assert (
        "rows in 8 = 0 created + 0 updated + 7 unchanged + 0 merged + 0 blank + 1 rejected"
        in again.stdout
    )
    assert "organizations: 0 created, 0 updated, 5 unchanged" in again.stdout


def test_import_of_a_file_without_keys_exits_4_naming_the_columns(
    tmp_path: Path, database_url: str
) -> None:
    leads = tmp_path / "leads.csv"
    leads.write_text("Industry,Country\nRetail,Sweden\n", encoding="utf-8")
    done = run("import", leads, "--list", "l", env={"LEADSIEVE_DATABASE_URL": database_url})
    assert done.returncode == 4
    assert "LEAD_FILE_NO_USABLE_COLUMNS" in done.stderr and "'Industry'" in done.stderr


def test_a_file_whose_every_row_is_rejected_exits_4(tmp_path: Path, database_url: str) -> None:
    """Nothing imported is a failure, not a success with zero rows: exit 4, the stable code,
    and the rejects file with every row's reason."""
    leads = tmp_path / "leads.csv"
    leads.write_text("Company Name,Country\n,Sweden\n,Norway\n", encoding="utf-8")
    done = run("import", leads, "--list", "l", env={"LEADSIEVE_DATABASE_URL": database_url})
    assert done.returncode == 4, done.stdout
    assert "LEAD_FILE_ALL_REJECTED" in done.stderr
    rejects = (tmp_path / "leads.csv.rejects.csv").read_text(encoding="utf-8")
    assert rejects.count("no way to identify") == 2


def test_db_upgrade_then_status(tmp_path: Path) -> None:
    """A fresh file is migrated by `db upgrade`; a second upgrade has nothing to do."""
    env = {"LEADSIEVE_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    first = run("db", "upgrade", env=env)
    assert first.returncode == 0 and "upgraded from an empty database" in first.stdout
    second = run("db", "upgrade", env=env)
    assert "already at revision" in second.stdout
    status = run("db", "status", env=env)
    assert "up to date" in status.stdout


@pytest.mark.parametrize(
    ("url", "code", "says"),
    [
        ("mysql://x@localhost/db", "INVALID_VALUE", "SQLite or PostgreSQL, not mysql"),
        ("not a url", "INVALID_VALUE", "is not a database URL"),
        ("postgresql://postgres@127.0.0.1:1/test", "STORE_UNAVAILABLE", "Connection refused"),
        ("sqlite:////nonexistent-folder/x.db", "STORE_UNAVAILABLE", "check that its folder exists"),
    ],
    ids=["other-database", "not-a-url", "server-down", "no-folder"],
)
def test_a_database_that_cannot_be_used_says_why(url: str, code: str, says: str) -> None:
    """Exit 6 with the code and the reason, never a traceback or "internal error"."""
    done = run("db", "status", env={"LEADSIEVE_DATABASE_URL": url})
    assert done.returncode == 6, done.stderr
    assert code in done.stderr and says in done.stderr


def test_import_with_an_icp_comes_back_pre_scored(tmp_path: Path, database_url: str) -> None:
    """--icp imports, then qualifies the list as `qualify` does: charged per lead, the fits
    stored (list show sees them), grades and the best leads printed; an unknown ICP fails
    before anything is written or charged."""
    import json as json_

    from tests.service.test_qualify import ICP
    from tests.service.test_qualify import LEADS as QUALIFY_LEADS

    env = {"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": "", "COLUMNS": "200"}
    leads = tmp_path / "leads.csv"
    leads.write_text(QUALIFY_LEADS, encoding="utf-8")
    icp = tmp_path / "icp.json"
    icp.write_text(json_.dumps(ICP), encoding="utf-8")
    assert run("icp", "save", icp, env=env).returncode == 0
    assert run("credits", "grant", "100", env=env).returncode == 0
    missing = run("import", leads, "--list", "q3", "--icp", "nope", env=env)
    assert missing.returncode == 3 and "ICP_NOT_FOUND" in missing.stderr
    assert "no list" in run("list", "show", "q3", env=env).stderr.lower()
    args = ("import", leads, "--list", "q3", "--icp", "mid-market", "--as-of", "2026-12-01")
    done = run(*args, "--json", env=env)
    assert done.returncode == 0, done.stderr
    body = json_.loads(done.stdout)
    assert body["qualify"]["scored"] == 8 and body["qualify"]["charged"] == "4"
    shown = run("list", "show", "q3", "--icp", "mid-market", "--sort", "fit", env=env)
    assert shown.returncode == 0 and "8 with a fit" in shown.stdout
    text = run(*args, "--top", "3", env=env)
    assert text.returncode == 0, text.stderr
    assert "8 leads scored" in text.stdout and "top 3 by fit" in text.stdout
