"""The installed ``leadsieve`` command, run as a user runs it (a subprocess)."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import leadsieve

SAMPLES = Path(leadsieve.__file__).parent / "samples"
SAMPLE = SAMPLES / "yc_companies_sample.csv"
SAMPLE_ICP = SAMPLES / "b2b-saas.yaml"
EXE = shutil.which("leadsieve", path=str(Path(sys.executable).parent))


def run(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed command (``env`` added to this process's environment); never let a
    traceback pass unnoticed."""
    assert EXE is not None, "the leadsieve entry point is not installed"
    done = subprocess.run(
        [EXE, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env=None if env is None else {**os.environ, **env},
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


LEADS = """\
Company Name,Website,Industry,# Employees,Country,Title,Keywords
Acme Analytics,https://www.acme-analytics.com,Computer Software,51-200,United States,VP Sales,b2b; saas
Nordic Pay AB,nordicpay.se,Financial Services,"1,001-5,000",Sverige,Head of RevOps,fintech
Shady Coin,shadycoin.io,Computer Software,11-50,USA,CEO,crypto; exchange
Tiny Shop,tinyshop.example,Retail,2-10,UK,Owner,
"""

ICP = """\
slug: saas-us
rules:
  industries: {any_of: [software-development], weight: 40}
  geography: {any_of: [north-america], weight: 30}
  employees: {min: 50, max: 1000, weight: 30}
disqualifiers:
  keywords: [crypto]
"""


@pytest.fixture
def leads(tmp_path: Path) -> Path:
    return write(tmp_path / "apollo.csv", LEADS)


@pytest.fixture
def icp(tmp_path: Path) -> Path:
    return write(tmp_path / "icp.yaml", ICP)


def test_help_explains_commands_and_exit_codes() -> None:
    """--help names the main commands and the exit codes."""
    done = run("--help")
    assert done.returncode == 0
    for word in ("score", "columns", "icp", "Exit codes"):
        assert word in done.stdout


def test_score_writes_original_columns_then_fit_columns(
    leads: Path, icp: Path, tmp_path: Path
) -> None:
    """Output keeps every original column first and appends the fit columns; counts add up."""
    out = tmp_path / "scored.csv"
    done = run("score", leads, "--icp", icp, "-o", out, "--as-of", "2026-11-01")
    assert done.returncode == 0, done.stderr
    assert "rows in 4 = scored 4 + rejected 0" in done.stdout
    frame = pl.read_csv(out, infer_schema=False)
    original = pl.read_csv(leads, infer_schema=False).columns
    assert frame.columns[: len(original)] == original
    assert frame.columns[len(original) :] == list(leadsieve.engine.FIT_COLUMNS)
    by_name = {r["Company Name"]: r for r in frame.iter_rows(named=True)}
    assert by_name["Acme Analytics"]["fit_score"] == "100"
    assert by_name["Acme Analytics"]["fit_qualified"] == "true"
    assert by_name["Shady Coin"]["fit_grade"] == "DQ"
    assert by_name["Shady Coin"]["fit_disqualified_by"] == "keywords: mentions crypto"
    assert (
        "employees: 51–200 employees, within 50–1,000" in by_name["Acme Analytics"]["fit_reasons"]
    )


def test_summary_shows_grades_and_top_leads_with_reasons(leads: Path, icp: Path) -> None:
    """Without -o the summary prints the grade distribution and the best leads with reasons."""
    done = run("score", leads, "--icp", icp, "--as-of", "2026-11-01")
    assert done.returncode == 0
    assert "qualified 1" in done.stdout
    assert "Acme Analytics" in done.stdout
    assert "in north-america" in done.stdout


PEOPLE = """\
First Name,Last Name,Title,Company,Website,Industry,# Employees,Country
Ann,Lee,VP Sales,Acme Analytics,acme-analytics.com,Computer Software,240,United States
Bo,Berg,Office Assistant,Nordic Parts,nordicparts.se,Retail,40,Sweden
"""


def test_top_leads_of_a_people_export_show_name_and_title(icp: Path, tmp_path: Path) -> None:
    """A file of people: the best leads show the person's name and title beside the company;
    a file of companies has no person column."""
    people = run(
        "score", write(tmp_path / "people.csv", PEOPLE), "--icp", icp, "--as-of", "2026-11-01"
    )
    assert people.returncode == 0, people.stderr
    header = next(line for line in people.stdout.splitlines() if "line" in line and "why" in line)
    assert [w for w in header.split() if w in {"company", "person"}] == ["company", "person"]
    rows = [line for line in people.stdout.splitlines() if "Acme Analytics" in line]
    assert rows and "Ann Lee" in rows[0]
    following = people.stdout.split("Acme Analytics", 1)[1].splitlines()[1]
    assert "VP Sales" in following
    companies = run("score", SAMPLE, "--icp", SAMPLE_ICP, "--as-of", "2026-11-01", "--top", "3")
    assert companies.returncode == 0, companies.stderr
    header = next(line for line in companies.stdout.splitlines() if "why" in line)
    assert "lead" in header and "person" not in header


def test_map_override_min_grade_and_sort(leads: Path, icp: Path, tmp_path: Path) -> None:
    """--map changes a mapping; --min-grade filters; --sort puts the best first."""
    out = tmp_path / "a.csv"
    done = run(
        "score",
        leads,
        "--icp",
        icp,
        "-o",
        out,
        "--min-grade",
        "C",
        "--sort",
        "--map",
        "Industry=",
        "--map",
        "Keywords=",
        "--as-of",
        "2026-11-01",
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.read_text().splitlines()))
    scores = [int(r["fit_score"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert all(r["fit_grade"] in {"A", "B", "C"} for r in rows)
    assert all("industries: unknown" in r["fit_reasons"] for r in rows)


def test_several_icps_in_one_pass(leads: Path, icp: Path, tmp_path: Path) -> None:
    """Two ICPs give suffixed columns per ICP and best_icp."""
    nordic = write(
        tmp_path / "nordic.yaml",
        "slug: nordic\nrules:\n  geography: {any_of: [nordics]}\nmin_score: 50\n",
    )
    out = tmp_path / "both.parquet"
    done = run("score", leads, "--icp", icp, "--icp", nordic, "-o", out, "--as-of", "2026-11-01")
    assert done.returncode == 0, done.stderr
    frame = pl.read_parquet(out)
    assert {"fit_score__saas_us", "fit_score__nordic", "best_icp"} <= set(frame.columns)
    best = dict(zip(frame["Company Name"], frame["best_icp"], strict=True))
    assert best["Acme Analytics"] == "saas-us"
    assert best["Nordic Pay AB"] == "nordic"
    assert best["Tiny Shop"] is None


def test_csv_on_stdout(leads: Path, icp: Path) -> None:
    """-o - writes CSV to stdout and the summary to stderr."""
    done = run("score", leads, "--icp", icp, "-o", "-", "--as-of", "2026-11-01")
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].endswith("leadsieve_version")
    assert len(done.stdout.splitlines()) == 5
    assert "rows in 4" in done.stderr


def test_ragged_rows_go_to_rejects_with_line_numbers(icp: Path, tmp_path: Path) -> None:
    """A row with the wrong number of fields is rejected with its line; in = scored + rejected."""
    bad = write(
        tmp_path / "bad.csv", LEADS + "Broken,row\n" + "Last Co,last.example,Retail,10,US,CEO,\n"
    )
    out = tmp_path / "bad_scored.csv"
    done = run("score", bad, "--icp", icp, "-o", out, "--as-of", "2026-11-01")
    assert done.returncode == 0, done.stderr
    assert "rows in 6 = scored 5 + rejected 1" in done.stdout
    rejects = list(
        csv.DictReader((tmp_path / "bad_scored.csv.rejects.csv").read_text().splitlines())
    )
    assert [r["line"] for r in rejects] == ["6"]
    assert "fields" in rejects[0]["reason"]
    assert len(pl.read_csv(out, infer_schema=False)) == 5


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        pytest.param(None, "LEAD_FILE_NOT_FOUND", ["no such file"], id="missing"),
        pytest.param(b"", "LEAD_FILE_UNREADABLE", ["empty"], id="empty"),
        pytest.param(
            b"Company Name,Country\n", "LEAD_FILE_NO_ROWS", ["Company Name"], id="header-only"
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "LEAD_FILE_UNREADABLE", ["PNG"], id="binary"
        ),
        pytest.param(
            b"foo,bar\n1,2\n",
            "LEAD_FILE_NO_USABLE_COLUMNS",
            ["foo", "bar", "--map"],
            id="no-usable-columns",
        ),
    ],
)
def test_bad_lead_files(
    tmp_path: Path, icp: Path, content: bytes | None, code: str, words: list[str]
) -> None:
    """Each bad file gets its code, a message that says what to do, and exit code 4."""
    path = tmp_path / "leads.csv"
    if content is not None:
        path.write_bytes(content)
    done = run("score", path, "--icp", icp)
    assert done.returncode == 4, done.stderr
    assert f"[{code}]" in done.stderr
    for word in words:
        assert word in done.stderr


@pytest.mark.parametrize(
    ("icp_text", "words"),
    [
        pytest.param(
            "slug: s\nrules:\n  industries: {any_of: [software-development], wieght: 5}\n",
            ["did you mean 'weight'"],
            id="misspelled-field",
        ),
        pytest.param(
            "slug: s\nrules:\n  industries: {any_of: [sofware-development]}\n",
            ["software-development"],
            id="unknown-industry",
        ),
        pytest.param(
            "slug: s\nrules:\n  geography: {any_of: [Narnia]}\n", ["Narnia"], id="unknown-region"
        ),
        pytest.param(
            "slug: s\nrules:\n  keywords: {any_of: [x], weight: lots}\n",
            ["must be a number"],
            id="non-numeric-weight",
        ),
        pytest.param(
            "slug: s\nrules:\n  employees: {min: 10, max: 1}\n", ["swap them"], id="min-over-max"
        ),
        pytest.param("slug: s\nrules: [\n", ["not valid YAML"], id="broken-yaml"),
    ],
)
def test_bad_icps(tmp_path: Path, leads: Path, icp_text: str, words: list[str]) -> None:
    """A bad ICP is ICP_INVALID with exit code 3, for score and for icp validate."""
    path = write(tmp_path / "bad.yaml", icp_text)
    for args in (("score", leads, "--icp", path), ("icp", "validate", path)):
        done = run(*args)
        assert done.returncode == 3, done.stderr
        assert "[ICP_INVALID]" in done.stderr
        for word in words:
            assert word in done.stderr


def test_unwritable_output_fails_before_reading(leads: Path, icp: Path, tmp_path: Path) -> None:
    """An unknown output extension is OUTPUT_UNWRITABLE with exit code 5."""
    done = run("score", leads, "--icp", icp, "-o", tmp_path / "x.docx")
    assert done.returncode == 5
    assert "[OUTPUT_UNWRITABLE]" in done.stderr


def test_bad_option_values_are_usage_errors(leads: Path, icp: Path) -> None:
    """A bad --as-of or --min-grade is a usage error (exit 2), not a crash."""
    assert run("score", leads, "--icp", icp, "--as-of", "tomorrow").returncode == 2
    assert run("score", leads, "--icp", icp, "--min-grade", "Z").returncode == 2


def test_icp_init_validate_show_schema(tmp_path: Path) -> None:
    """A new user writes a starter ICP, validates it, reads it and gets the schema."""
    assert run("icp", "init", "mine.yaml", "--slug", "mine", cwd=tmp_path).returncode == 0
    again = run("icp", "init", "mine.yaml", cwd=tmp_path)
    assert again.returncode == 5 and "--force" in again.stderr
    assert "valid ICP 'mine'" in run("icp", "validate", tmp_path / "mine.yaml").stdout
    shown = run("icp", "show", tmp_path / "mine.yaml").stdout
    assert "industries" in shown and "Disqualified by" in shown
    schema = json.loads(run("icp", "schema").stdout)
    assert schema["title"] == "leadsieve ICP document"


def test_icp_lookups() -> None:
    """`icp industries` searches the taxonomy; `icp regions` lists members."""
    assert "software-development" in run("icp", "industries", "software").stdout
    assert "nordics" in run("icp", "regions").stdout


def test_columns_shows_mapping(leads: Path) -> None:
    """`columns` lists each header, its canonical column, and why."""
    done = run("columns", leads)
    assert done.returncode == 0
    assert "employees" in done.stdout and "# Employees" in done.stdout


def test_new_user_scores_yc_with_a_starter_icp(tmp_path: Path) -> None:
    """The issue's 'done when': init an ICP, score the real YC file, read why per company."""
    yc = Path(__file__).parents[3] / "shared" / "data" / "yc_companies_2024-05-11.csv"
    source = yc if yc.exists() else SAMPLE
    assert run("icp", "init", "icp.yaml", cwd=tmp_path).returncode == 0
    out = tmp_path / "yc.csv"
    done = run("score", source, "--icp", tmp_path / "icp.yaml", "-o", out, "--as-of", "2026-11-01")
    assert done.returncode == 0, done.stderr
    frame = pl.read_csv(out, infer_schema=False)
    assert frame.height == pl.read_csv(source, infer_schema=False).height
    assert frame["fit_reasons"].null_count() == 0
    assert frame["fit_reasons"].str.count_matches("; ").min() == 7  # one reason per rule


def test_demo_sample_scores() -> None:
    """The bundled sample and ICP (make demo) score with qualified leads and reasons."""
    done = run("score", SAMPLE, "--icp", SAMPLE_ICP, "--as-of", "2026-11-01", "--top", "3")
    assert done.returncode == 0
    assert "qualified" in done.stdout and "within" in done.stdout


def test_icp_init_with_a_bad_slug(tmp_path: Path) -> None:
    """A slug that is not lowercase-dashes is ICP_INVALID with a suggestion, and no file."""
    done = run("icp", "init", "x.yaml", "--slug", "Bad Slug", cwd=tmp_path)
    assert done.returncode == 3
    assert "try 'bad-slug'" in done.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_every_row_rejected_still_accounts_and_sorts(icp: Path, tmp_path: Path) -> None:
    """When no row can be read the counts still add up, and --sort still writes its output."""
    bad = write(tmp_path / "ragged.csv", "Company Name,Country\nA,US,extra\nB,SE,more\n")
    out = tmp_path / "out.csv"
    done = run("score", bad, "--icp", icp, "-o", out, "--sort")
    assert done.returncode == 0, done.stderr
    assert "rows in 2 = scored 0 + rejected 2" in done.stdout
    assert out.exists()


def test_score_warns_about_rules_no_column_feeds(tmp_path: Path) -> None:
    """A file without industry or size columns scores (exit 0) with a warning naming the
    unfed rules and the command that shows the mapping; stdout output stays clean."""
    leads = tmp_path / "leads.csv"
    leads.write_text("company_name,country\nAcme,Sweden\n", encoding="utf-8")
    icp = tmp_path / "icp.yaml"
    icp.write_text(
        "slug: t\nrules:\n  industries: {any_of: [software-development]}\n"
        "  geography: {any_of: [SE]}\n  employees: {min: 10}\n",
        encoding="utf-8",
    )
    done = run("score", leads, "--icp", icp, "-o", "-", "-q")
    assert done.returncode == 0, done.stderr
    assert "no data feeds industries, employees of ICP 't'" in done.stderr
    assert "leadsieve columns" in done.stderr
    assert "warning" not in done.stdout
