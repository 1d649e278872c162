"""``leadsieve score`` and ``leadsieve columns``: lead files in, scored files out."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from leadsieve.cli._common import (
    console,
    err_console,
    parse_day,
    progress_bar,
    user_errors,
    warn_icp,
    warn_unfed,
    workspace_option,
)
from leadsieve.cli._mappings import load_saved, mapping_option, save
from leadsieve.cli.suppress import EXCLUDE_LIST_OR_FILE, resolve_exclude

if TYPE_CHECKING:
    from leadsieve.icp import Icp
    from leadsieve.io.write import CsvStyle
    from leadsieve.service.scoring import ScoreSummary

# The library (Polars, pydantic, the normalizers) is imported inside each command, so that
# `leadsieve --help` and a usage error answer without loading it.

PROGRESS_FROM_ROWS = 200_000

MAP_HELP = (
    "Override the column mapping: 'Source Column=target' (target is a canonical column such "
    "as title, employees, industry); 'Source Column=' leaves a column unmapped. Repeatable."
)


ENCODING_HELP = (
    "Text encoding of a CSV/JSON lead file (utf-8, cp1252, latin-1, utf-16, cp1250, ...); "
    "default: detected."
)
FORCE_HELP = "Replace the output file if it exists (never the lead file itself)."
EXCEL_HELP = (
    "Write CSV for Excel: UTF-8 with a byte order mark and the lead file's delimiter (';' "
    "stays ';'), so accents show right in Excel on any locale."
)
RAW_CSV_HELP = (
    "Write CSV/TSV cells exactly as they are, for machines. By default a text cell starting "
    "with = + - @, a tab or CR gets a leading ' so a spreadsheet shows it instead of running "
    "it as a formula (a cell that is only a number, like -5, is left alone)."
)


def encoding_option() -> Any:
    """``--encoding``: the text encoding of the lead file a command reads (default: detected).
    Use it with ``leadsieve.io.read.reading_encoding`` around the service call."""
    return typer.Option(None, "--encoding", metavar="CODEC", help=ENCODING_HELP)


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
    saved: str | None = mapping_option(),
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
        help="Where unreadable rows go (default: <output>.rejects.csv, as in "
        "scored.csv.rejects.csv).",
    ),
    exclude: list[str] = EXCLUDE_LIST_OR_FILE,
    top: int = typer.Option(10, "--top", metavar="N", help="How many of the best leads to show."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print no summary."),
    encoding: str | None = encoding_option(),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    excel: bool = typer.Option(False, "--excel", help=EXCEL_HELP),
    raw_csv: bool = typer.Option(False, "--raw-csv", help=RAW_CSV_HELP),
    workspace: str | None = typer.Option(
        None,
        "--workspace",
        "-w",
        envvar="LEADSIEVE_WORKSPACE",
        help="Workspace of a --mapping NAME or --exclude LIST saved in the store (default: "
        "LEADSIEVE_WORKSPACE, else the only one).",
    ),
    engine: str = typer.Option(
        "polars",
        "--engine",
        metavar="ENGINE",
        help="polars (this machine); duckdb: DuckDB streams LEADS (a file, folder or glob) "
        "into one Parquet file, for files larger than memory; spark: score on Spark and write "
        "a Parquet folder, LEADS and -o may then be folders or URIs (s3a://, abfss://, hdfs://).",
    ),
    master: str | None = typer.Option(
        None,
        "--master",
        metavar="URL",
        help="Spark master with --engine spark (local[2], spark://host:7077, yarn).",
    ),
) -> None:
    """Score every row of a lead file against one or more ICPs, with a reason per rule.

    Rows that cannot be read go to a rejects file with their line number and reason (a blank
    row too); rows in always equals rows scored plus rows rejected. An existing output file is
    replaced only with --force, and never the lead file itself. Exit codes: 0 ok, 2 usage,
    3 ICP problem, 4 lead file problem, 5 output not written.
    """
    from leadsieve.icp import load_icp
    from leadsieve.io import parse_map_overrides
    from leadsieve.io.read import reading_encoding
    from leadsieve.io.write import csv_style
    from leadsieve.service.scoring import GRADE_ORDER, estimate_rows, score_file

    day = parse_day(as_of)
    if engine != "polars":
        from leadsieve.cli.score_engines import score_with_engine

        unsupported = {
            "--min-grade": min_grade is not None,
            "--sort": sort,
            "--sheet": bool(sheet),
            "--exclude": bool(exclude),
            "--encoding": encoding is not None,
        }
        with user_errors():
            chosen_map = load_saved(saved, workspace)
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
            saved=chosen_map,
            force=force,
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
        for icp_path, loaded in zip(icp, icps, strict=True):
            warn_icp(loaded, str(icp_path))
        overrides = parse_map_overrides(mapping)
        chosen = load_saved(saved, workspace)
        excluded = resolve_exclude(exclude, workspace)
        target = None if to_stdout else output
        for path, what in ((target, "output"), (rejects, "rejects file")):
            if path is not None:
                _refuse_overwrite(path, leads, what, force=force or what == "rejects file")
        if to_stdout:
            target = Path(_stdout_tmp())
        style = _csv_style(leads, encoding, excel=excel, raw=raw_csv)
        estimate = estimate_rows(leads) if leads.exists() else None
        show_bar = not quiet and (estimate or 0) >= PROGRESS_FROM_ROWS and err_console.is_terminal
        reading = reading_encoding(encoding)
        with reading, csv_style(style), progress_bar(show_bar) as progress:
            task = progress.add_task("scoring", total=estimate)
            summary = score_file(
                leads,
                icps,
                as_of=day,
                output=target,
                overrides=overrides,
                saved=chosen,
                sheet=_sheet(sheet),
                min_grade=grade,
                sort=sort,
                rejects_path=rejects,
                on_progress=lambda done: progress.update(task, completed=done),
                exclude=excluded,
            )
        if to_stdout and target is not None:
            sys.stdout.write(target.read_text(encoding="utf-8"))
            target.unlink()
            summary.output = None
    for slug, rules in summary.unfed.items():
        columns = shlex.quote(str(leads))
        warn_unfed(
            rules,
            slug,
            f"the columns of {leads.name}",
            f"see how its columns map with `leadsieve columns {columns}` and map one with --map",
        )
    if not quiet:
        _print_summary(summary, top, to_stdout)


def _refuse_overwrite(path: Path, leads: Path, what: str, *, force: bool) -> None:
    """Never write onto the lead file (it is read while the output is written); an existing
    output only with --force (``icp init`` asks the same)."""
    from leadsieve.errors import OutputUnwritable

    if leads.exists() and path.exists() and path.samefile(leads):
        raise OutputUnwritable(
            f"the {what} {str(path)!r} is the lead file being read; writing it would destroy "
            "the leads. Name another file."
        )
    if path.exists() and not path.is_dir() and not force:
        raise OutputUnwritable(
            f"{str(path)!r} exists; pass --force to replace it, or name another file."
        )


def _csv_style(leads: Path, encoding: str | None, *, excel: bool, raw: bool) -> CsvStyle:
    """How CSV output is written: for Excel, with the lead file's own delimiter."""
    from leadsieve.io import iter_lead_batches
    from leadsieve.io.write import CsvStyle

    delimiter = ","
    if excel and leads.exists():
        first = next(iter_lead_batches(leads, batch_size=100, encoding=encoding), None)
        delimiter = first.delimiter if first is not None and first.delimiter else ","
    return CsvStyle(excel=excel, delimiter=delimiter, raw=raw)


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
    if summary.excluded:
        out.print(f"excluded by suppression lists: {summary.excluded:,} rows (graded DQ)")
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
    best = summary.top.head(top)
    # A file of people shows who, beside the company: name and title.
    people = "person" in best.columns and any(
        best.get_column(c).is_not_null().any() for c in ("person", "title")
    )
    title = f"top {best.height} by {summary.icps[0].slug}"
    table = Table(title=title, show_lines=True, title_justify="left")
    columns = ("line", "company", "person", "score", "grade", "why") if people else COLUMNS
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in best.iter_rows(named=True):
        why = row["disqualified_by"] and "\n".join(
            ["disqualified:", *row["disqualified_by"].split("; ")]
        )
        reasons = why or "\n".join((row["reasons"] or "").split("; "))
        who = ["\n".join(filter(None, (row["person"], row["title"])))] if people else []
        table.add_row(str(row["line"]), row["lead"], *who, str(row["score"]), row["grade"], reasons)
    out.print(table)


#: The columns of the best leads of a file of companies.
COLUMNS = ("line", "lead", "score", "grade", "why")


def columns(
    leads: Path = typer.Argument(
        ..., metavar="LEADS", help="Lead file: CSV/TSV, XLSX, Parquet or JSONL."
    ),
    mapping: list[str] = typer.Option([], "--map", metavar="COLUMN=TARGET", help=MAP_HELP),
    saved: str | None = mapping_option(),
    save_as: str | None = typer.Option(
        None,
        "--save",
        metavar="NAME",
        help="Save the --map choices (with those of --mapping) under NAME in the workspace, "
        "or to a file when NAME ends in .json/.yaml/.yml, to reuse with --mapping NAME.",
    ),
    sheet: str | None = typer.Option(
        None, metavar="SHEET", help="XLSX sheet name or 0-based index."
    ),
    encoding: str | None = encoding_option(),
    workspace: str | None = workspace_option(),
) -> None:
    """Show how the file's columns map onto leadsieve's canonical columns, and why.

    Correct the mapping with --map until it is right, then --save it: the next file of the
    same layout needs only --mapping NAME.
    """
    from rich.table import Table

    from leadsieve.io import LINE_COLUMN, iter_lead_batches, parse_map_overrides, suggest_mapping

    with user_errors():
        overrides = parse_map_overrides(mapping)
        chosen = load_saved(saved, workspace)
        batch = next(
            iter_lead_batches(leads, batch_size=1000, sheet=_sheet(sheet), encoding=encoding)
        )
        headers = [c for c in batch.frame.columns if c != LINE_COLUMN]
        found = suggest_mapping(headers, overrides, chosen)
        note = None
        if save_as is not None:
            kept = {h: t for h, t in (chosen or {}).items() if h in headers}
            note = save(save_as, {**kept, **overrides}, headers, workspace)
    backups = {
        h: target
        for kind in (found.fallbacks, found.refinements)
        for target, hs in kind.items()
        for h in hs
    }
    table = Table(show_edge=False, pad_edge=False)
    for column in ("column", "maps to", "why", "example"):
        table.add_column(column, overflow="fold")
    for header in headers:
        values = batch.frame[header].drop_nulls()
        example = values[0] if values.len() else ""
        target = found.targets.get(header) or backups.get(header, "")
        table.add_row(header, target, found.reasons.get(header, ""), str(example)[:40])
    console.print(table)
    mapped = len(headers) - len(found.unmapped)
    console.print(f"{mapped} of {len(headers)} columns mapped; unmapped columns are kept as is")
    if note is not None:
        console.print(note, markup=False)


def register(app: typer.Typer) -> None:
    """Add the file commands to the main app."""
    app.command()(score)
    app.command()(columns)
