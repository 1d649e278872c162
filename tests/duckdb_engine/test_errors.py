"""`leadsieve score --engine duckdb`: what goes wrong is told as on `--engine polars` (same
codes, messages and exit codes), and what this engine does not do is refused with what to do."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import Result

from tests.duckdb_engine.test_cli import ICP, YC, both, leadsieve_score


def _error(result: Result) -> tuple[int, list[str]]:
    return result.exit_code, [line for line in result.output.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("leads", "extra", "code"),
    [
        pytest.param("missing.csv", [], "LEAD_FILE_NOT_FOUND", id="unreadable-path"),
        pytest.param("empty.csv", [], "LEAD_FILE_UNREADABLE", id="empty-file"),
        pytest.param(str(YC), ["--map", "company_name=shoe_size"], "COLUMN_MAPPING", id="bad-map"),
        pytest.param("no-usable.csv", [], "LEAD_FILE_NO_USABLE_COLUMNS", id="no-usable-column"),
        pytest.param("header-only.csv", [], "LEAD_FILE_NO_ROWS", id="no-rows"),
        pytest.param(str(YC), ["--icp", "bad-icp.yaml"], "ICP_INVALID", id="bad-icp"),
    ],
)
def test_errors_have_the_same_code_message_and_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leads: str, extra: list[str], code: str
) -> None:
    """An unreadable path, a mapping problem, a bad ICP: the exit code and message of Polars,
    and no output left behind."""
    monkeypatch.chdir(tmp_path)
    Path("no-usable.csv").write_text("Notes,Colour\nhello,blue\n", encoding="utf-8")
    Path("header-only.csv").write_text("Company Name,Country\n", encoding="utf-8")
    Path("empty.csv").write_text("", encoding="utf-8")
    Path("bad-icp.yaml").write_text("slug: x\nrules:\n  employees: {min: 10, max: 5}\n")
    one, duck = both(tmp_path, Path(leads), *extra)
    assert one.exit_code != 0 and code in one.output
    assert _error(duck) == _error(one)
    assert not (tmp_path / "duck.parquet").exists()


def test_without_duckdb_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb raises ImportError
    result = leadsieve_score(YC, "--icp", ICP, "-o", tmp_path / "o.parquet", "--engine", "duckdb")
    assert result.exit_code == 2, result.output
    assert "error [INVALID_ARGUMENT]" in result.output
    assert "pip install 'leadsieve[duckdb]'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--sort"], "--sort is not supported with --engine duckdb"),
        (["--master", "local[2]"], "--master is not supported with --engine duckdb"),
        (["--encoding", "cp1252"], "--encoding is not supported with --engine duckdb"),
    ],
)
def test_options_duckdb_cannot_honour_are_refused(
    tmp_path: Path, extra: list[str], message: str
) -> None:
    result = leadsieve_score(
        YC, "--icp", ICP, "-o", tmp_path / "o.parquet", "--engine", "duckdb", *extra
    )
    assert result.exit_code == 2 and message in " ".join(result.output.split())


def test_output_must_be_parquet_and_files_of_one_kind(tmp_path: Path) -> None:
    """A CSV output name and a folder mixing CSV and Parquet are refused with their codes."""
    csv_out = leadsieve_score(YC, "--icp", ICP, "-o", tmp_path / "o.csv", "--engine", "duckdb")
    assert csv_out.exit_code == 5 and "error [OUTPUT_UNWRITABLE]" in csv_out.output
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.csv").write_text("Company Name\nAcme\n", encoding="utf-8")
    pl.DataFrame({"Company Name": ["Beta"]}).write_parquet(folder / "b.parquet")
    mixed = leadsieve_score(
        folder, "--icp", ICP, "-o", tmp_path / "o.parquet", "--engine", "duckdb"
    )
    assert mixed.exit_code == 4 and "error [LEAD_FILE_UNREADABLE]" in mixed.output
    assert "files of one kind; found .csv, .parquet" in " ".join(mixed.output.split())


def test_a_folder_of_csv_files_with_other_columns_fails_with_its_code(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "a.csv").write_text("Company Name,Country\nAcme,SE\n", encoding="utf-8")
    (folder / "b.csv").write_text("Company Name,Website\nBeta,beta.io\n", encoding="utf-8")
    result = leadsieve_score(
        folder, "--icp", ICP, "-o", tmp_path / "o.parquet", "--engine", "duckdb"
    )
    assert result.exit_code == 4, result.output
    assert "error [LEAD_FILE_UNREADABLE]" in result.output
    assert "b.csv has the columns ['Company Name', 'Website']" in " ".join(result.output.split())
    assert not (tmp_path / "o.parquet").exists()


def test_an_old_duckdb_is_named_with_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB 1.x has no streaming Arrow reader on relations: refused before any reading."""
    import duckdb

    monkeypatch.setattr(duckdb, "__version__", "1.4.2")
    result = leadsieve_score(YC, "--icp", ICP, "-o", tmp_path / "o.parquet", "--engine", "duckdb")
    assert result.exit_code == 2, result.output
    assert "needs DuckDB 2.0 or later, found 1.4.2" in " ".join(result.output.split())


def test_an_existing_output_needs_force_and_a_lead_file_is_never_written(tmp_path: Path) -> None:
    """As on one machine: an existing output is replaced only with --force, and never when it
    is a file being read (a Parquet file scored onto itself); a folder is no output file."""
    leads = tmp_path / "leads.parquet"
    pl.read_csv(YC, infer_schema=False).write_parquet(leads)
    before = leads.read_bytes()
    out = tmp_path / "o.parquet"
    out.write_bytes(b"old")
    duck = ("--icp", ICP, "--engine", "duckdb")
    kept = leadsieve_score(leads, *duck, "-o", out)
    assert kept.exit_code == 5 and "pass --force to replace it" in kept.output
    assert out.read_bytes() == b"old"
    replaced = leadsieve_score(leads, *duck, "-o", out, "--force")
    assert replaced.exit_code == 0 and pl.read_parquet(out).height == 277
    onto_itself = leadsieve_score(leads, *duck, "-o", leads, "--force")
    assert onto_itself.exit_code == 5 and "is a lead file being read" in onto_itself.output
    assert leads.read_bytes() == before
    (tmp_path / "scored.parquet").mkdir()
    folder = leadsieve_score(leads, *duck, "-o", tmp_path / "scored.parquet", "--force")
    assert folder.exit_code == 5 and "is a folder; name a Parquet file" in folder.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "legacy.csv",
            "Company Name,Country\nCaf\u00e9 \u201cNoir\u201d,FR\n".encode("cp1252"),
            "is encoded in cp1252; --engine duckdb reads UTF-8 and Latin-1 text",
            id="cp1252",
        ),
        pytest.param(
            "leads.json",
            b'[{"Company Name": "Acme"}]\n',
            "is a JSON array; --engine duckdb streams JSON lines",
            id="json-array",
        ),
        pytest.param(
            "leads.xlsx", b"PK\x03\x04", "score an XLSX workbook with --engine polars", id="xlsx"
        ),
    ],
)
def test_what_duckdb_does_not_read_is_refused_with_what_to_do(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    """Files the one-machine reader handles and this engine does not: LEAD_FILE_UNREADABLE
    saying what to do, before any output is written."""
    leads = tmp_path / name
    leads.write_bytes(content)
    result = leadsieve_score(
        leads, "--icp", ICP, "-o", tmp_path / "o.parquet", "--engine", "duckdb"
    )
    assert result.exit_code == 4, result.output
    assert "error [LEAD_FILE_UNREADABLE]" in result.output
    assert message in " ".join(result.output.split())
    assert not (tmp_path / "o.parquet").exists()
