"""`leadsieve score --engine duckdb`: DuckDB reads, leadsieve scores; the same fits, rows,
rejects and errors as `--engine polars` on the same file."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner, Result

import leadsieve
from leadsieve.cli.app import app
from tests.io.exports import BUILDERS

SAMPLES = Path(leadsieve.__file__).parent / "samples"
YC = SAMPLES / "yc_companies_sample.csv"
SP500 = Path(__file__).parents[1] / "io" / "fixtures" / "sp500_sample.csv"
ICP = SAMPLES / "b2b-saas.yaml"
AS_OF = "2026-11-01"


def leadsieve_score(*args: str | Path) -> Result:
    return CliRunner().invoke(app, ["score", *map(str, args), "--as-of", AS_OF, "--top", "0"])


def both(tmp_path: Path, leads: Path | str, *extra: str | Path) -> tuple[Result, Result]:
    """The same command on Polars (to ref.parquet) and on DuckDB (to duck.parquet)."""
    one = leadsieve_score(leads, "--icp", ICP, "-o", tmp_path / "ref.parquet", *extra)
    duck = leadsieve_score(
        leads, "--icp", ICP, "-o", tmp_path / "duck.parquet", "--engine", "duckdb", *extra
    )
    return one, duck


def summary_lines(result: Result) -> list[str]:
    """The lines both engines print alike: counts, grades, replaced columns."""
    starts = ("rows in", "b2b", "replaced")
    return [line for line in result.output.splitlines() if line.startswith(starts)]


def rows_in(result: Result) -> int:
    line = summary_lines(result)[0]
    return int(line.split("=")[0].removeprefix("rows in").strip().replace(",", ""))


@pytest.mark.parametrize(("suffix", "sep"), [(".csv", ","), (".tsv", "\t"), (".csv", ";")])
def test_the_yc_sample_gives_the_polars_file_cell_for_cell(
    tmp_path: Path, suffix: str, sep: str
) -> None:
    """The bundled YC sample (quoted line breaks in its descriptions), as it ships and with
    tabs or semicolons: same columns, same cells in the same order, same counts and grades."""
    leads = YC
    if sep != ",":
        leads = tmp_path / f"yc{suffix}"
        pl.read_csv(YC, infer_schema=False).write_csv(leads, separator=sep)
    one, duck = both(tmp_path, leads)
    assert one.exit_code == 0 and duck.exit_code == 0, duck.output
    assert summary_lines(duck) == summary_lines(one)
    assert "wrote 277 rows to" in duck.output and "(Parquet)" in duck.output
    got = pl.read_parquet(tmp_path / "duck.parquet")
    assert got.columns[-1] == "leadsieve_version" and got["fit_grade"].n_unique() > 2
    assert got.equals(pl.read_parquet(tmp_path / "ref.parquet"))


@pytest.mark.parametrize("vendor", sorted(BUILDERS))
def test_every_real_shaped_vendor_export_gives_the_polars_file(tmp_path: Path, vendor: str) -> None:
    """Each vendor layout of tests/io (preambles, CRLF, German amounts, people and companies),
    mapped by its header as on one machine: every cell of the output equal to Polars."""
    leads = tmp_path / f"{vendor}.csv"
    leads.write_text(BUILDERS[vendor](60, 3), encoding="utf-8")
    one, duck = both(tmp_path, leads)
    assert one.exit_code == 0, one.output
    assert duck.exit_code == 0, duck.output
    assert summary_lines(duck) == summary_lines(one)
    assert pl.read_parquet(tmp_path / "duck.parquet").equals(
        pl.read_parquet(tmp_path / "ref.parquet")
    )


def test_a_map_override_and_two_icps(tmp_path: Path) -> None:
    """--map leaves a column unmapped and a second ICP adds suffixed columns and best_icp,
    as on Polars."""
    other = tmp_path / "other.yaml"
    other.write_text(ICP.read_text(encoding="utf-8").replace("slug: b2b-saas", "slug: other"))
    leads = tmp_path / "zoominfo.csv"
    leads.write_text(BUILDERS["zoominfo-contacts"](80, 5), encoding="utf-8")
    one, duck = both(tmp_path, leads, "--icp", other, "--map", "Country=")
    assert duck.exit_code == 0, duck.output
    assert summary_lines(duck) == summary_lines(one)
    got = pl.read_parquet(tmp_path / "duck.parquet")
    assert "fit_score__other" in got.columns and got.columns[-1] == "best_icp"
    assert got.equals(pl.read_parquet(tmp_path / "ref.parquet"))


def test_small_batches_change_nothing(tmp_path: Path) -> None:
    """Read 7 rows at a time (so rows, quoted line breaks and rejects straddle batches): the
    output is still the Polars file, and the rejects the same."""
    from leadsieve.icp import load_icp
    from leadsieve.service.duckdb_files import score_files_duckdb

    leads = _with_broken_lines(tmp_path)
    one = leadsieve_score(leads, "--icp", ICP, "-o", tmp_path / "ref.parquet")
    summary = score_files_duckdb(
        str(leads),
        [load_icp(ICP)],
        as_of=pl.Series([AS_OF]).str.to_date()[0],
        output=tmp_path / "duck.parquet",
        batch_rows=7,
    )
    assert rows_in(one) == summary.rows_in and summary.rows_rejected == 4
    assert pl.read_parquet(tmp_path / "duck.parquet").equals(
        pl.read_parquet(tmp_path / "ref.parquet")
    )
    assert _rejects(tmp_path / "duck.parquet.rejects.csv").equals(
        _rejects(tmp_path / "ref.parquet.rejects.csv")
    )


def _with_broken_lines(tmp_path: Path, newline: str = "\n") -> Path:
    """The YC sample with four records DuckDB and Polars both reject, between real records:
    too few fields, too many, a blank row, and too few again after a quoted line break."""
    good = pl.read_csv(YC, infer_schema=False)
    width = good.width
    parts = [good.slice(0, 30), good.slice(30, 40), good.slice(70, 60), good.slice(130, 147)]
    texts = [
        p.write_csv(include_header=i == 0, line_terminator=newline) for i, p in enumerate(parts)
    ]
    bad = ["Acme,acme.io", "a,b,c" + ",x" * width, "," * (width - 1)]
    bad = [line + newline for line in bad]
    leads = tmp_path / "leads.csv"
    body = texts[0] + bad[0] + texts[1] + bad[1] + texts[2] + bad[2] + texts[3] + bad[0]
    with leads.open("w", encoding="utf-8", newline="") as out:
        out.write(body)
    return leads


def _rejects(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False).select("line", "reason", "raw")


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_rejects_are_the_same_lines_reasons_and_text(tmp_path: Path, newline: str) -> None:
    """Too few fields, too many, a blank row: rows in = scored + rejected, the same counts as
    Polars, every reject at the same physical line (after quoted line breaks) with the same
    reason and raw text, written beside the output with the file's name; LF or CRLF."""
    leads = _with_broken_lines(tmp_path, newline)
    one, duck = both(tmp_path, leads)
    assert duck.exit_code == 0, duck.output
    assert summary_lines(duck) == summary_lines(one)
    assert summary_lines(duck)[0].endswith("rejected 4")
    assert "4 unreadable rows with reasons in" in duck.output
    written = pl.read_csv(tmp_path / "duck.parquet.rejects.csv", infer_schema=False)
    assert written["file"].str.ends_with("leads.csv").all()
    expected = _rejects(tmp_path / "ref.parquet.rejects.csv")
    assert written.select("line", "reason", "raw").equals(expected)
    assert "blank row: every field is empty" in expected["reason"].to_list()
    scored = pl.read_parquet(tmp_path / "duck.parquet")
    assert scored.height + written.height == rows_in(duck) == rows_in(one)
    assert scored.equals(pl.read_parquet(tmp_path / "ref.parquet"))


def test_an_unclosed_quote_loses_nothing(tmp_path: Path) -> None:
    """Where the engines differ (docs/spark.md): a quote that never closes makes DuckDB reject
    the record it opens together with the lines it swallowed, where Polars reads those lines
    again. Nothing is lost either way: every name of the file is in a scored row or in the raw
    text of a reject, and rows in = scored + rejected."""
    good = pl.read_csv(YC, infer_schema=False).head(40)
    text = (
        good.head(20).write_csv()
        + 'x,"never closed,y\n'
        + good.tail(20).write_csv(include_header=False)
    )
    leads = tmp_path / "leads.csv"
    leads.write_text(text, encoding="utf-8")
    one, duck = both(tmp_path, leads)
    assert duck.exit_code == 0, duck.output
    scored = pl.read_parquet(tmp_path / "duck.parquet")
    rejects = pl.read_csv(tmp_path / "duck.parquet.rejects.csv", infer_schema=False)
    assert scored.height + rejects.height == rows_in(duck)
    assert rejects["line"][0] == str(text[: text.index('x,"never')].count("\n") + 1)
    raw = "\n".join(rejects["raw"].to_list())
    assert all(
        name in scored["company_name"].to_list() or name in raw for name in good["company_name"]
    )
    assert rows_in(duck) < rows_in(one)


def test_parquet_file_folder_and_glob(tmp_path: Path) -> None:
    """Parquet as a file, a folder of parts (with _SUCCESS) and a glob: the fits equal Polars on
    the whole file, and the input's columns come back with their own types."""
    whole = pl.read_csv(YC).with_columns(pl.col("num_founders").cast(pl.Int32))
    whole.write_parquet(tmp_path / "whole.parquet")
    folder = tmp_path / "parts"
    folder.mkdir()
    for i, offset in enumerate(range(0, whole.height, 100)):
        whole.slice(offset, 100).write_parquet(folder / f"part-{i}.parquet")
    (folder / "_SUCCESS").write_text("")
    one = leadsieve_score(tmp_path / "whole.parquet", "--icp", ICP, "-o", tmp_path / "ref.parquet")
    expected = pl.read_parquet(tmp_path / "ref.parquet")
    fits = [c for c in expected.columns if c not in whole.columns]
    for n, leads in enumerate([tmp_path / "whole.parquet", folder, f"{folder}/part-*.parquet"]):
        out = tmp_path / f"duck{n}.parquet"
        duck = leadsieve_score(leads, "--icp", ICP, "-o", out, "--engine", "duckdb")
        assert duck.exit_code == 0, duck.output
        assert summary_lines(duck) == summary_lines(one)
        got = pl.read_parquet(out)
        assert got.columns == expected.columns
        assert got.select(fits).equals(expected.select(fits))
        assert got.select(whole.columns).equals(whole)  # types kept: num_founders is Int32


def test_json_lines_with_broken_lines(tmp_path: Path) -> None:
    """JSON lines (S&P 500 rows; a broken line, a blank line, an array, keys only one object
    has, an escaped backslash before a 0, a raw NUL): the Polars file, the same rejects at the
    same lines with the same reasons."""
    rows = pl.read_csv(SP500, infer_schema=False).to_dicts()
    rows[3]["Employees"] = 1200  # a number, written as JSON text "1200" by both
    lines = [json.dumps(r) for r in rows]
    lines[7] = lines[7][:-1] + ', "Notes": {"a": [1, 2]}}'
    lines.insert(5, "{not json")
    lines.insert(9, "")
    lines.insert(12, "[1, 2]")
    lines[14] = lines[14][:-1] + ', "Path": "C:\\\\0data"}'  # a backslash, then 0: valid JSON
    lines.insert(15, '{"Security": "raw\x00nul"}')  # a raw NUL: invalid JSON on both
    leads = tmp_path / "leads.jsonl"
    leads.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one, duck = both(tmp_path, leads)
    assert duck.exit_code == 0, duck.output
    assert summary_lines(duck) == summary_lines(one)
    got = pl.read_parquet(tmp_path / "duck.parquet")
    assert "Notes" in got.columns and "C:\\0data" in got["Path"].to_list()
    assert got.equals(pl.read_parquet(tmp_path / "ref.parquet"))
    assert _rejects(tmp_path / "duck.parquet.rejects.csv").equals(
        _rejects(tmp_path / "ref.parquet.rejects.csv")
    )
    assert _rejects(tmp_path / "duck.parquet.rejects.csv")["line"].to_list() == ["6", "13", "16"]


def test_rescoring_a_scored_file_replaces_its_fit_columns(tmp_path: Path) -> None:
    first = leadsieve_score(YC, "--icp", ICP, "-o", tmp_path / "scored.csv")
    assert first.exit_code == 0
    one, duck = both(tmp_path, tmp_path / "scored.csv")
    assert duck.exit_code == 0, duck.output
    assert summary_lines(duck) == summary_lines(one)
    assert any(
        line.startswith("replaced existing columns: fit_score") for line in summary_lines(duck)
    )
    assert pl.read_parquet(tmp_path / "duck.parquet").equals(
        pl.read_parquet(tmp_path / "ref.parquet")
    )


def test_a_folder_of_csv_files_names_each_reject_by_its_file(tmp_path: Path) -> None:
    """Two CSV exports of one layout in a folder: every row of both scored in file order, the
    broken line rejected with its file and line; rows in = scored + rejected."""
    header = YC.read_text(encoding="utf-8").splitlines()[0]
    folder = tmp_path / "exports"
    folder.mkdir()
    pl.read_csv(YC, infer_schema=False).head(50).write_csv(folder / "part-1.csv")
    (folder / "part-2.csv").write_text(f"{header}\nx,y\n", encoding="utf-8")
    (folder / "_SUCCESS").write_text("", encoding="utf-8")
    result = leadsieve_score(
        folder, "--icp", ICP, "-o", tmp_path / "o.parquet", "--engine", "duckdb"
    )
    assert result.exit_code == 0, result.output
    scored = pl.read_parquet(tmp_path / "o.parquet")
    rejects = pl.read_csv(tmp_path / "o.parquet.rejects.csv", infer_schema=False)
    assert scored.height == 50 and rows_in(result) == 51
    assert rejects["file"][0].endswith("part-2.csv") and rejects["line"].to_list() == ["2"]
    assert rejects["reason"][0] == "expected 15 fields, found 2"


def test_a_stray_quote_in_a_value_is_a_reject_on_duckdb(tmp_path: Path) -> None:
    """Where the parsers differ (docs/spark.md): `"Beta" Inc` unquoted is read as `Beta Inc` by
    Polars' reader and rejected by DuckDB's, with the reason and the raw line; the other rows
    score alike."""
    leads = tmp_path / "leads.csv"
    leads.write_text(
        'Company Name,Country,Website\nAcme,SE,acme.se\n"Beta" Inc,SE,beta.se\nGamma,SE,g.se\n',
        encoding="utf-8",
    )
    one, duck = both(tmp_path, leads)
    assert duck.exit_code == 0, duck.output
    assert summary_lines(one)[0] == "rows in 3 = scored 3 + rejected 0"
    assert summary_lines(duck)[0] == "rows in 3 = scored 2 + rejected 1"
    rejects = _rejects(tmp_path / "duck.parquet.rejects.csv")
    assert rejects.row(0) == (
        "3",
        "cannot parse the record (a stray quote or a line break outside quotes?)",
        '"Beta" Inc,SE,beta.se',
    )
    expected = pl.read_parquet(tmp_path / "ref.parquet").filter(
        pl.col("Company Name") != "Beta Inc"
    )
    assert pl.read_parquet(tmp_path / "duck.parquet").equals(expected)
