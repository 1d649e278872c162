"""``leadsieve score`` and ``leadsieve columns``: lead files in, scored files out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from leadsieve.cli._common import console, err_console, parse_day, progress_bar, user_errors

if TYPE_CHECKING:
    from leadsieve.icp import Icp
    from leadsieve.service.scoring import ScoreSummary

# The library (Polars, pydantic, the normalizers) is imported inside each command, so that
# `leadsieve --help` and a usage error answer without loading it.

PROGRESS_FROM_ROWS = 200_000

MAP_HELP = (
    "Override the column mapping: 'Source Column=target' (target is a canonical column such "
    "as title, employees, industry); 'Source Column=' leaves a column unmapped. Repeatable."
)


def _sheet(value: str | None) -> str | int | None:
    return int(value) if value is not None and value.isdigit() else value


def score(
    leads: Path = typer.Argument(
        ..., metavar="LEADS", help="Lead file: CSV/TSV, XLSX, Parquet or JSONL."
    ),
    icp: list[Path] = typer.Option(
        ...,
        "--icp",
        metavar="FILE",
        help="ICP file (YAML/JSON). Repeat to score several ICPs in one pass.",
    ),
    output: Path | None = typer.Option(
        None,
        "-o",
        "--output",
        metavar="FILE",
        help="Write scored rows here (.csv .tsv .xlsx .parquet .jsonl; '-' for CSV on stdout). "
        "Original columns first, fit columns appended.",
    ),
    mapping: list[str] = typer.Option([], "--map", metavar="COLUMN=TARGET", help=MAP_HELP),
    sheet: str | None = typer.Option(
        None, metavar="SHEET", help="XLSX sheet name or 0-based index."
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help="Date signal ages are measured against (YYYY-MM-DD; default today).",
    ),
    min_grade: str | None = typer.Option(
        None,
        "--min-grade",
        metavar="GRADE",
        help="Write only rows graded at least this (A, B, C or D).",
    ),
    sort: bool = typer.Option(
        False, "--sort", help="Write rows best score first (holds all rows)."
    ),
    rejects: Path | None = typer.Option(
        None,
        "--rejects",
        metavar="FILE",
        help="Where unreadable rows go (default: <output>.rejects.csv).",
    ),
    top: int = typer.Option(10, "--top", metavar="N", help="How many of the best leads to show."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print no summary."),
    engine: str = typer.Option(
        "polars",
        "--engine",
        metavar="ENGINE",
        help="polars (this machine) or spark: score on Spark and write a Parquet folder; "
        "LEADS and -o may then be folders or URIs (s3a://, abfss://, hdfs://).",
    ),
    master: str | None = typer.Option(
        None,
        "--master",
        metavar="URL",
        help="Spark master with --engine spark (local[2], spark://host:7077, yarn).",
    ),
) -> None:
    """Score every row of a lead file against one or more ICPs, with a reason per rule.

    Rows that cannot be read go to a rejects file with their line number and reason; rows in
    always equals rows scored plus rows rejected. Exit codes: 0 ok, 2 usage, 3 ICP problem,
    4 lead file problem, 5 output not written.
    """
    from leadsieve.icp import load_icp
    from leadsieve.io import parse_map_overrides
    from leadsieve.service.scoring import GRADE_ORDER, estimate_rows, score_file

    day = parse_day(as_of)
    if engine != "polars":
        from leadsieve.cli.score_engines import score_with_engine

        unsupported = {"--min-grade": min_grade is not None, "--sort": sort, "--sheet": bool(sheet)}
        score_with_engine(
            engine,
            leads,
            icp,
            output=output,
            mapping=mapping,
            as_of=day,
            master=master,
            rejects=rejects,
            unsupported=unsupported,
            quiet=quiet,
        )
        return
    grade = None
    if min_grade is not None:
        grade = min_grade.strip().upper()
        if grade not in GRADE_ORDER[:4]:
            raise typer.BadParameter("use A, B, C or D", param_hint="--min-grade")
    to_stdout = output is not None and str(output) == "-"
    with user_errors():
        icps: list[Icp] = [load_icp(p) for p in icp]
        overrides = parse_map_overrides(mapping)
        target = None if to_stdout else output
        if to_stdout:
            target = Path(_stdout_tmp())
        estimate = estimate_rows(leads) if leads.exists() else None
        show_bar = not quiet and (estimate or 0) >= PROGRESS_FROM_ROWS and err_console.is_terminal
        with progress_bar(show_bar) as progress:
            task = progress.add_task("scoring", total=estimate)
            summary = score_file(
                leads,
                icps,
                as_of=day,
                output=target,
                overrides=overrides,
                sheet=_sheet(sheet),
                min_grade=grade,
                sort=sort,
                rejects_path=rejects,
                on_progress=lambda done: progress.update(task, completed=done),
            )
        if to_stdout and target is not None:
            sys.stdout.write(target.read_text(encoding="utf-8"))
            target.unlink()
            summary.output = None
    if not quiet:
        _print_summary(summary, top, to_stdout)


def _stdout_tmp() -> str:
    import os
    import tempfile

    descriptor, name = tempfile.mkstemp(prefix="leadsieve-", suffix=".csv")
    os.close(descriptor)
    return name


def _print_summary(summary: ScoreSummary, top: int, to_stdout: bool) -> None:
    from rich.table import Table

    from leadsieve.service.scoring import GRADE_ORDER

    out = err_console if to_stdout else console
    out.print(
        f"rows in {summary.rows_in:,} = scored {summary.rows_scored:,} + "
        f"rejected {summary.rows_rejected:,}"
    )
    for icp in summary.icps:
        grades = summary.grades[icp.slug]
        shown = "  ".join(f"{g} {grades.get(g, 0):,}" for g in GRADE_ORDER)
        qualified = summary.qualified[icp.slug]
        out.print(f"{icp.slug}: qualified {qualified:,}   grades: {shown}")
    if summary.output is not None:
        out.print(f"wrote {summary.rows_written:,} rows to {summary.output}")
    if summary.replaced_columns:
        out.print(f"replaced existing columns: {', '.join(summary.replaced_columns)}")
    if summary.rejects_path is not None:
        out.print(
            f"{summary.rows_rejected:,} unreadable rows with reasons in {summary.rejects_path}"
        )
    if summary.top is None or top <= 0:
        return
    title = f"top {min(top, summary.top.height)} by {summary.icps[0].slug}"
    table = Table(title=title, show_lines=True, title_justify="left")
    for column in ("line", "lead", "score", "grade", "why"):
        table.add_column(column, overflow="fold")
    for row in summary.top.head(top).iter_rows(named=True):
        why = row["disqualified_by"] and f"disqualified: {row['disqualified_by']}"
        reasons = why or "\n".join((row["reasons"] or "").split("; "))
        table.add_row(str(row["line"]), row["lead"], str(row["score"]), row["grade"], reasons)
    out.print(table)


def columns(
    leads: Path = typer.Argument(
        ..., metavar="LEADS", help="Lead file: CSV/TSV, XLSX, Parquet or JSONL."
    ),
    mapping: list[str] = typer.Option([], "--map", metavar="COLUMN=TARGET", help=MAP_HELP),
    sheet: str | None = typer.Option(
        None, metavar="SHEET", help="XLSX sheet name or 0-based index."
    ),
) -> None:
    """Show how the file's columns map onto leadsieve's canonical columns, and why."""
    from rich.table import Table

    from leadsieve.io import LINE_COLUMN, iter_lead_batches, parse_map_overrides, suggest_mapping

    with user_errors():
        overrides = parse_map_overrides(mapping)
        batch = next(iter_lead_batches(leads, batch_size=1000, sheet=_sheet(sheet)))
        headers = [c for c in batch.frame.columns if c != LINE_COLUMN]
        found = suggest_mapping(headers, overrides)
    table = Table(show_edge=False, pad_edge=False)
    for column in ("column", "maps to", "why", "example"):
        table.add_column(column, overflow="fold")
    for header in headers:
        values = batch.frame[header].drop_nulls()
        example = values[0] if values.len() else ""
        target = found.targets.get(header, "")
        table.add_row(header, target, found.reasons.get(header, ""), str(example)[:40])
    console.print(table)
    mapped = len(found.targets)
    console.print(f"{mapped} of {len(headers)} columns mapped; unmapped columns are kept as is")


def register(app: typer.Typer) -> None:
    """Add the file commands to the main app."""
    app.command()(score)
    app.command()(columns)
