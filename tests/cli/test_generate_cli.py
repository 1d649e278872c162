"""``leadsieve icp generate`` through the installed command, on planted and on real data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

import leadsieve
from tests.cli.test_cli import run
from tests.generate.planted import customers, market

YC = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "yc_companies_2024-05-11.csv"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("planted")
    rng = np.random.default_rng(21)
    wins, base = folder / "customers.csv", folder / "market.parquet"
    customers(300, rng).write_csv(wins)
    market(10_000, rng).write_parquet(base)
    return wins, base


def test_generate_writes_a_valid_icp_with_evidence_and_a_report(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    """The written YAML loads as an ICP, carries the evidence as comments, and the report is one
    self-contained HTML file; the terminal shows the backtest."""
    wins, base = files
    out, report = tmp_path / "icp.yaml", tmp_path / "report.html"
    done = run(
        "icp",
        "generate",
        wins,
        "--baseline",
        base,
        "-o",
        out,
        "--report",
        report,
        "--name",
        "Planted",
        "--as-of",
        "2026-11-01",
    )
    assert done.returncode == 0, done.stderr
    icp = leadsieve.load_icp(out)
    assert icp.rules.industries is not None
    assert "software-development" in icp.rules.industries.any_of
    text = out.read_text(encoding="utf-8")
    assert "# industries (kept)" in text and "of the baseline (lift" in text
    assert ": left out: " in text and "left out: left out" not in text  # said once per rule
    assert "backtest (5-fold): AUC" in done.stdout
    assert "\n# backtest (5-fold): AUC" in text  # the YAML keeps the backtest beside the evidence
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "https://" not in html.replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_generate_refuses_to_overwrite(files: tuple[Path, Path], tmp_path: Path) -> None:
    """An existing output is kept unless --force; the exit code says the output is the problem."""
    wins, _ = files
    out = tmp_path / "icp.yaml"
    out.write_text("keep me", encoding="utf-8")
    done = run("icp", "generate", wins, "-o", out)
    assert done.returncode == 5
    assert "--force" in done.stderr and out.read_text(encoding="utf-8") == "keep me"


def test_generate_with_unusable_customers_says_what_is_wrong(tmp_path: Path) -> None:
    """Customers with no usable column: a clear message and the lead-file exit code."""
    wins = tmp_path / "customers.csv"
    wins.write_text("Favourite Colour,Shoe Size\nblue,42\n", encoding="utf-8")
    done = run("icp", "generate", wins, "-o", tmp_path / "icp.yaml")
    assert done.returncode == 4
    assert "Favourite Colour" in done.stderr


def test_generate_with_all_unknown_customers_is_refused(tmp_path: Path) -> None:
    """Customers unknown on every dimension: exit 3 (ICP problem) with the reason."""
    wins = tmp_path / "customers.csv"
    wins.write_text("Company Name,Industry\nA,Narnia\nB,\n", encoding="utf-8")
    done = run("icp", "generate", wins, "-o", tmp_path / "icp.yaml")
    assert done.returncode == 3
    assert "unknown on every dimension" in done.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"Company Name,Industry\n", "no data rows"),
        (b"\x00\x01\x02\x89PNG\x00\x00" * 50, "binary"),
    ],
    ids=["missing", "empty", "header-only", "binary"],
)
def test_generate_with_an_unreadable_customers_file_says_why(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    """A customers file that cannot give a single customer: the lead-file exit code, a message
    naming the problem, no traceback and no output written."""
    wins, out = tmp_path / "customers.csv", tmp_path / "icp.yaml"
    if content is not None:
        wins.write_bytes(content)
    done = run("icp", "generate", wins, "-o", out)
    assert done.returncode == 4, done.stderr
    assert expected in done.stderr.lower()
    assert "Traceback" not in done.stderr and not out.exists()


def test_generate_with_the_customers_as_baseline_is_refused(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    """The customers given as their own baseline: nothing separates them, exit 3, and the
    message says to give the rest of the market; no output written."""
    wins, _ = files
    out = tmp_path / "icp.yaml"
    done = run("icp", "generate", wins, "--baseline", wins, "-o", out)
    assert done.returncode == 3
    assert "--baseline" in done.stderr and not out.exists()


def test_generate_on_yc_companies(tmp_path: Path) -> None:
    """Real data: YC companies of 50 people or more, against all of YC. Tags are keywords,
    team_size is employees; the proposal finds the size band and explains itself."""
    if not YC.exists():
        pytest.skip(f"shared YC data not found at {YC}")
    every = pl.read_csv(YC, infer_schema=False)
    wins = tmp_path / "exits.csv"
    every.filter(pl.col("team_size").cast(pl.Float64, strict=False) >= 50).write_csv(wins)
    out = tmp_path / "icp.yaml"
    done = run("icp", "generate", wins, "--baseline", YC, "-o", out, "--as-of", "2024-05-11")
    assert done.returncode == 0, done.stderr
    icp = leadsieve.load_icp(out)
    assert icp.rules.employees is not None and icp.rules.employees.min is not None
    assert icp.rules.employees.min >= 51
    assert "backtest (5-fold)" in done.stdout
