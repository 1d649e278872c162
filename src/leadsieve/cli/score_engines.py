"""``leadsieve score --engine spark|duckdb``: score lead files on Spark, or with DuckDB for
files larger than memory on one machine; both write Parquet.

``leadsieve.cli.files.score`` parses the options and hands over here when ``--engine`` is not
the default; this module starts the engine, calls the service and prints the same summary lines
as ``--engine polars``.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer

from leadsieve.cli._common import console, user_errors, warn_icp

ENGINES = ("polars", "spark", "duckdb")


def raw_location(path: Path) -> str:
    """The location as the user typed it: ``Path`` folds ``s3a://bucket/key`` into
    ``s3a:/bucket/key``, which Hadoop reads as another path, so the argument is looked up."""
    return next((arg for arg in sys.argv[1:] if arg and Path(arg) == path), str(path))


def score_with_engine(
    engine: str,
    leads: Path,
    icp_files: list[Path],
    *,
    output: Path | None,
    mapping: list[str],
    as_of: date,
    master: str | None,
    rejects: Path | None,
    unsupported: dict[str, bool],
    quiet: bool,
    saved: dict[str, str | None] | None = None,
    force: bool = False,
) -> None:
    """Score ``leads`` on ``engine`` (``spark`` or ``duckdb``) and print the summary."""
    if engine not in ENGINES:
        raise typer.BadParameter(f"use one of {', '.join(ENGINES)}", param_hint="--engine")
    if output is None or str(output) == "-":
        what = "a Parquet folder" if engine == "spark" else "a Parquet file"
        where = " (a path or a URI such as s3a://)" if engine == "spark" else " (.parquet)"
        raise typer.BadParameter(
            f"--engine {engine} writes {what}: name it with -o{where}", param_hint="-o"
        )
    if engine == "duckdb":
        unsupported = {**unsupported, "--master": master is not None}
    for option, given in unsupported.items():
        if given:
            raise typer.BadParameter(f"{option} is not supported with --engine {engine}")
    from leadsieve.icp import load_icp
    from leadsieve.io import parse_map_overrides

    summary: Any
    with user_errors():
        icps = [load_icp(p) for p in icp_files]
        for path, loaded in zip(icp_files, icps, strict=True):
            warn_icp(loaded, str(path))
        overrides = parse_map_overrides(mapping)
        if engine == "duckdb":
            from leadsieve.errors import OutputUnwritable
            from leadsieve.service.duckdb_files import score_files_duckdb

            if output.exists() and not force:  # as on one machine; Spark replaces its folder
                raise OutputUnwritable(
                    f"{str(output)!r} exists; pass --force to replace it, or name another file."
                )

            summary = score_files_duckdb(
                raw_location(leads),
                icps,
                as_of=as_of,
                output=output,
                overrides=overrides,
                rejects_path=rejects,
                saved=saved,
            )
        else:
            from leadsieve.service.spark_files import score_files_spark, spark_session

            spark = spark_session(master, quiet=quiet)
            summary = score_files_spark(
                spark,
                raw_location(leads),
                icps,
                as_of=as_of,
                output=raw_location(output),
                overrides=overrides,
                rejects_path=raw_location(rejects) if rejects is not None else None,
                saved=saved,
            )
    if quiet:
        return
    console.print(
        f"rows in {summary.rows_in:,} = scored {summary.rows_scored:,} + "
        f"rejected {summary.rows_rejected:,}"
    )
    for icp in summary.icps:
        grades = summary.grades[icp.slug]
        shown = "  ".join(f"{g} {n:,}" for g, n in grades.items())
        console.print(f"{icp.slug}: qualified {summary.qualified[icp.slug]:,}   grades: {shown}")
    console.print(f"wrote {summary.rows_scored:,} rows to {summary.output} (Parquet)")
    if summary.replaced_columns:
        console.print(f"replaced existing columns: {', '.join(summary.replaced_columns)}")
    if summary.rejects_path is not None:
        console.print(
            f"{summary.rows_rejected:,} unreadable rows with reasons in {summary.rejects_path}"
        )
