"""`leadsieve score --engine spark`: the same rows, fits, rejects and errors as on one machine."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from typer.testing import CliRunner, Result

import leadsieve
from leadsieve.cli.app import app
from tests.io.test_mapping import APOLLO, ZOOMINFO
from tests.normalize.test_frame import VALUES

SAMPLES = Path(leadsieve.__file__).parent / "samples"
YC = SAMPLES / "yc_companies_sample.csv"
SP500 = Path(__file__).parents[1] / "io" / "fixtures" / "sp500_sample.csv"
ICP = SAMPLES / "b2b-saas.yaml"
AS_OF = "2026-11-01"


def leadsieve_score(*args: str | Path) -> Result:
    """Run `leadsieve score` in this process (the Spark session is the tests' one)."""
    return CliRunner().invoke(app, ["score", *map(str, args), "--as-of", AS_OF])


def both(tmp_path: Path, leads: Path, *extra: str | Path) -> tuple[Result, Result]:
    """The same command on one machine (to ref.parquet) and on Spark (to the folder spark/)."""
    one = leadsieve_score(leads, "--icp", ICP, "-o", tmp_path / "ref.parquet", *extra)
    on_spark = leadsieve_score(
        leads, "--icp", ICP, "-o", tmp_path / "spark", "--engine", "spark", *extra
    )
    return one, on_spark


def summary_lines(result: Result) -> list[str]:
    """The lines of the summary both engines print: counts and grades."""
    return [line for line in result.output.splitlines() if line.startswith(("rows in", "b2b"))]


def spark_output(folder: Path) -> pl.DataFrame:
    """The Parquet folder Spark wrote, as one frame."""
    return pl.read_parquet(folder / "*.parquet")


def rejects_of_spark(folder: Path) -> pl.DataFrame:
    """The rejects Spark wrote beside the output (file, line, reason, raw)."""
    frame = pl.read_csv(next(folder.glob("*.csv")), infer_schema=False)
    return frame.with_columns(pl.col("line").cast(pl.Int64)).sort("file", "line")


def test_csv_gives_the_same_file_and_summary(tmp_path: Path) -> None:
    """The YC CSV: same columns, same cells in the same order, same counts and grades."""
    one, on_spark = both(tmp_path, YC)
    assert one.exit_code == 0 and on_spark.exit_code == 0, on_spark.output
    assert summary_lines(on_spark) == summary_lines(one)
    assert "wrote 277 rows to" in on_spark.output and "(Parquet)" in on_spark.output
    assert spark_output(tmp_path / "spark").equals(pl.read_parquet(tmp_path / "ref.parquet"))


def test_rejects_are_the_same_rows_lines_and_reasons(tmp_path: Path) -> None:
    """Rows in = scored + rejected on both; every reject has the same line, reason and text."""
    good = YC.read_text(encoding="utf-8").splitlines()
    bad = [good[0], *good[1:40], '"broken,"quote"', "a,b,c," + ",x" * 30, *good[40:80]]
    leads = tmp_path / "leads.csv"
    leads.write_text("\n".join(bad) + "\n", encoding="utf-8")
    one, on_spark = both(tmp_path, leads)
    assert on_spark.exit_code == 0, on_spark.output
    assert summary_lines(on_spark) == summary_lines(one)
    assert "rejected 0" not in summary_lines(one)[0]
    expected = pl.read_csv(tmp_path / "ref.parquet.rejects.csv", infer_schema=False)
    got = rejects_of_spark(tmp_path / "spark.rejects")
    assert got["file"].str.ends_with("leads.csv").all()
    assert got.select("line", "reason", "raw").equals(
        expected.with_columns(pl.col("line").cast(pl.Int64))
    )
    assert spark_output(tmp_path / "spark").equals(pl.read_parquet(tmp_path / "ref.parquet"))


def test_a_folder_of_parquet_files_scores_like_the_whole_file(tmp_path: Path) -> None:
    """Three Parquet part files in a folder: the rows' fits equal one machine on the whole file,
    and the input's columns pass through untouched (Spark keeps "" where the reader has null)."""
    whole = pl.read_csv(YC, infer_schema=False)
    whole.write_parquet(tmp_path / "whole.parquet")
    folder = tmp_path / "parts"
    folder.mkdir()
    for i, offset in enumerate(range(0, whole.height, 100)):
        whole.slice(offset, 100).write_parquet(folder / f"part-{i}.parquet")
    (folder / "_SUCCESS").write_text("")
    one = leadsieve_score(tmp_path / "whole.parquet", "--icp", ICP, "-o", tmp_path / "ref.parquet")
    on_spark = leadsieve_score(folder, "--icp", ICP, "-o", tmp_path / "spark", "--engine", "spark")
    assert on_spark.exit_code == 0, on_spark.output
    assert summary_lines(on_spark) == summary_lines(one)
    expected = pl.read_parquet(tmp_path / "ref.parquet").sort("company_id")
    got = spark_output(tmp_path / "spark").sort("company_id")
    assert got.columns == expected.columns
    fits = [c for c in got.columns if c not in whole.columns]
    assert fits[0] == "fit_score" and got.select(fits).equals(expected.select(fits))
    assert got.select(whole.columns).equals(whole.sort("company_id"))


def test_json_lines_with_a_broken_line(tmp_path: Path) -> None:
    """JSON lines: the same rows and fits, and the broken line rejected with its number."""
    rows = pl.read_csv(SP500, infer_schema=False).to_dicts()
    lines = [json.dumps(r) for r in rows]
    lines.insert(5, "{not json")
    leads = tmp_path / "leads.jsonl"
    leads.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one, on_spark = both(tmp_path, leads)
    assert on_spark.exit_code == 0, on_spark.output
    assert summary_lines(on_spark) == summary_lines(one)
    assert rejects_of_spark(tmp_path / "spark.rejects")["line"].to_list() == [6]
    assert spark_output(tmp_path / "spark").equals(pl.read_parquet(tmp_path / "ref.parquet"))


def _vendor_export(path: Path, headers: list[str], targets: dict[str, str]) -> None:
    """A real-shaped vendor export: its headers, messy real-world values where they map."""
    pick = random.Random(17)
    rows = [
        {h: pick.choice([*VALUES[targets[h]], None]) if h in targets else f"x{n}" for h in headers}
        for n in range(120)
    ]
    pl.DataFrame(rows, schema=dict.fromkeys(headers, pl.String)).write_csv(path)


@pytest.mark.parametrize(
    ("headers", "targets"),
    [
        pytest.param(
            APOLLO,
            {
                "Title": "title",
                "Company": "company_name",
                "# Employees": "employees",
                "Industry": "industry",
                "Keywords": "keywords",
                "Website": "website",
                "Country": "country",
                "Technologies": "technologies",
                "Annual Revenue": "revenue",
                "Email": "email",
                "Seniority": "seniority",
                "Departments": "department",
            },
            id="apollo",
        ),
        pytest.param(
            ZOOMINFO,
            {
                "Job Title": "title",
                "Company Name": "company_name",
                "Employees": "employees",
                "Primary Industry": "industry",
                "Website": "website",
                "Country": "country",
                "Company Description": "description",
                "Revenue (in 000s USD)": "revenue_thousands_usd",
                "Email Address": "email",
                "Department": "department",
            },
            id="zoominfo",
        ),
    ],
)
def test_vendor_exports_with_a_map_override(
    tmp_path: Path, headers: list[str], targets: dict[str, str]
) -> None:
    """Apollo and ZoomInfo shaped exports, one column remapped by --map: identical output."""
    leads = tmp_path / "export.csv"
    _vendor_export(leads, headers, targets)
    one, on_spark = both(tmp_path, leads, "--map", "Country=")
    assert on_spark.exit_code == 0, on_spark.output
    assert summary_lines(on_spark) == summary_lines(one)
    got = spark_output(tmp_path / "spark")
    assert got.equals(pl.read_parquet(tmp_path / "ref.parquet"))
    assert got["fit_reasons"].str.contains("geography: unknown").all()  # Country unmapped


def _error(result: Result) -> tuple[int, list[str]]:
    return result.exit_code, [line for line in result.output.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("leads", "extra", "code"),
    [
        pytest.param("missing.csv", [], "LEAD_FILE_NOT_FOUND", id="unreadable-path"),
        pytest.param(str(YC), ["--map", "company_name=shoe_size"], "COLUMN_MAPPING", id="bad-map"),
        pytest.param("no-usable.csv", [], "LEAD_FILE_NO_USABLE_COLUMNS", id="no-usable-column"),
        pytest.param(str(YC), ["--icp", "bad-icp.yaml"], "ICP_INVALID", id="bad-icp"),
    ],
)
def test_errors_have_the_same_code_message_and_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leads: str, extra: list[str], code: str
) -> None:
    """An unreadable path, a mapping problem, a bad ICP: same exit code and message as Polars."""
    monkeypatch.chdir(tmp_path)
    Path("no-usable.csv").write_text("Notes,Colour\nhello,blue\n", encoding="utf-8")
    Path("bad-icp.yaml").write_text("slug: x\nrules:\n  employees: {min: 10, max: 5}\n")
    one, on_spark = both(tmp_path, Path(leads), *extra)
    assert one.exit_code != 0 and code in one.output
    assert _error(on_spark) == _error(one)
    assert not (tmp_path / "spark").exists()


def test_options_spark_cannot_honour_are_refused(tmp_path: Path) -> None:
    """--sort and --min-grade need the whole file on one machine: a usage error, not ignored."""
    result = leadsieve_score(
        YC, "--icp", ICP, "-o", tmp_path / "spark", "--engine", "spark", "--sort"
    )
    assert result.exit_code == 2 and "--sort is not supported with --engine spark" in result.output


@pytest.fixture(autouse=True)
def _spark(spark: Any) -> None:
    """Every test of this module runs on the tests' Spark session (started once)."""


def test_a_folder_of_csv_files_with_other_columns_fails_with_its_code(tmp_path: Path) -> None:
    """A file whose header differs from the first's stops the run on the executor; the driver
    reports it as LEAD_FILE_UNREADABLE naming the file, never as a Spark traceback."""
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "a.csv").write_text("Company Name,Country\nAcme,SE\n", encoding="utf-8")
    (folder / "b.csv").write_text("Company Name,Website\nBeta,beta.io\n", encoding="utf-8")
    result = leadsieve_score(folder, "--icp", ICP, "-o", tmp_path / "out", "--engine", "spark")
    assert result.exit_code == 4, result.output
    assert "error [LEAD_FILE_UNREADABLE]" in result.output
    assert "b.csv has the columns ['Company Name', 'Website']" in result.output
    assert "Traceback" not in result.output


def test_a_folder_of_csv_files_and_a_file_uri(tmp_path: Path) -> None:
    """Two CSV files of a folder named by a file:// URI: every row of both scored, each
    reject named by its file and line."""
    header = YC.read_text(encoding="utf-8").splitlines()[0]
    folder = tmp_path / "exports"
    folder.mkdir()
    pl.read_csv(YC, infer_schema=False).head(50).write_csv(folder / "part-1.csv")
    (folder / "part-2.csv").write_text(f"{header}\nx,y\n", encoding="utf-8")
    (folder / "_SUCCESS").write_text("", encoding="utf-8")
    result = leadsieve_score(
        f"file://{folder}", "--icp", ICP, "-o", tmp_path / "out", "--engine", "spark"
    )
    assert result.exit_code == 0, result.output
    scored = spark_output(tmp_path / "out")
    rejects = rejects_of_spark(tmp_path / "out.rejects")
    assert scored.height + rejects.height == summary_in(result)
    assert scored.height == 50 and rejects["line"].to_list() == [2]
    assert rejects["reason"][0].endswith("fields, found 2")
    assert rejects["file"][0].endswith("part-2.csv")


def summary_in(result: Result) -> int:
    """The `rows in` count a run printed."""
    line = summary_lines(result)[0]
    return int(line.split("=")[0].removeprefix("rows in").strip().replace(",", ""))


def test_rescoring_a_scored_file_replaces_its_fit_columns(tmp_path: Path) -> None:
    """A scored Parquet file scored again: the old fit columns are replaced and come last,
    and both engines say which, as on one machine."""
    first = leadsieve_score(YC, "--icp", ICP, "-o", tmp_path / "scored.parquet")
    assert first.exit_code == 0
    one, on_spark = both(tmp_path, tmp_path / "scored.parquet")
    assert on_spark.exit_code == 0, on_spark.output
    replaced = [line for line in one.output.splitlines() if line.startswith("replaced")]
    assert replaced and replaced[0].startswith("replaced existing columns: fit_score")
    assert replaced[0] in on_spark.output
    assert spark_output(tmp_path / "spark").equals(pl.read_parquet(tmp_path / "ref.parquet"))
