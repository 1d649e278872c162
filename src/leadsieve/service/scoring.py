"""Score a lead file: read in batches, map columns once, score, append, write, account.

Memory stays bounded by the batch size unless the output must be sorted. Every row read is
either scored or rejected with its line number: ``rows_in == rows_scored + rows_rejected``.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

import polars as pl

from leadsieve.engine import score
from leadsieve.engine.columns import FIT_COLUMNS, suffixed
from leadsieve.engine.exclusions import SuppressionList
from leadsieve.engine.feeds import unfed_rules
from leadsieve.errors import InvalidArgument, OutputUnwritable
from leadsieve.icp.model import Icp
from leadsieve.io import (
    LINE_COLUMN,
    ColumnMapping,
    LeadWriter,
    Reject,
    canonical_frame,
    iter_lead_batches,
    require_usable,
    suggest_mapping,
    write_rejects,
)
from leadsieve.service.background import ReadAhead

GRADE_ORDER = ("A", "B", "C", "D", "DQ")
OUTPUT_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".parquet", ".pq", ".jsonl", ".ndjson"})
TOP = 10

Progress = Callable[[int], None]
T = TypeVar("T")


@dataclass
class ScoreSummary:
    """What a scoring run did: counts, grade distribution, the best leads, where output went."""

    mapping: ColumnMapping
    icps: list[Icp]
    rows_in: int = 0
    rows_scored: int = 0
    rows_rejected: int = 0
    rows_written: int = 0
    grades: dict[str, Counter[str]] = field(default_factory=dict)
    qualified: Counter[str] = field(default_factory=Counter)
    top: pl.DataFrame | None = None
    rejects: list[Reject] = field(default_factory=list)
    output: Path | None = None
    rejects_path: Path | None = None
    replaced_columns: list[str] = field(default_factory=list)
    #: Per ICP slug, its rules that no mapped column of the file feeds (``engine.feeds``).
    unfed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Rows on a suppression list given with ``exclude`` (disqualified for every ICP).
    excluded: int = 0


def fit_names(icps: Sequence[Icp]) -> dict[str, dict[str, str]]:
    """Per ICP slug, the output column name of each fit column."""
    several = len(icps) > 1
    return {i.slug: {c: suffixed(c, i.slug) if several else c for c in FIT_COLUMNS} for i in icps}


def check_output(path: Path) -> None:
    """Fail before any work when the output cannot be written."""
    if path.suffix.lower() not in OUTPUT_SUFFIXES:
        kinds = ", ".join(sorted(OUTPUT_SUFFIXES))
        raise OutputUnwritable(f"cannot write {path.name!r}: use one of {kinds}")
    if not path.parent.exists():
        raise OutputUnwritable(f"the folder {str(path.parent)!r} does not exist; create it first")
    if path.exists() and path.is_dir():
        raise OutputUnwritable(f"{str(path)!r} is a folder; name a file")


def _grade_rank(min_grade: str) -> list[str]:
    grade = min_grade.strip().upper() if isinstance(min_grade, str) else min_grade
    if grade not in GRADE_ORDER[:4]:
        raise InvalidArgument(f"the minimum grade is A, B, C or D, not {min_grade!r}")
    return list(GRADE_ORDER[: GRADE_ORDER.index(grade) + 1])


def score_file(
    path: str | Path,
    icps: Sequence[Icp],
    *,
    as_of: date,
    output: Path | None = None,
    overrides: dict[str, str | None] | None = None,
    saved: dict[str, str | None] | None = None,
    sheet: str | int | None = None,
    min_grade: str | None = None,
    sort: bool = False,
    rejects_path: Path | None = None,
    batch_size: int = 250_000,
    on_progress: Progress | None = None,
    exclude: Sequence[SuppressionList] = (),
) -> ScoreSummary:
    """Score every row of a lead file against the ICPs and write the result (if ``output``);
    rows on an ``exclude`` list are disqualified (``engine.exclusions``)."""
    if output is not None:
        check_output(output)
    if min_grade is not None:
        _grade_rank(min_grade)  # a grade that does not exist fails before any reading
    names = fit_names(icps)
    first = next(iter(names.values()))
    summary: ScoreSummary | None = None
    writer: _Writer | None = None
    held: list[pl.DataFrame] = []
    header: pl.DataFrame | None = None
    batches = ReadAhead(iter_lead_batches(path, batch_size=batch_size, sheet=sheet))
    try:
        for batch in batches:
            if summary is None:
                headers = [c for c in batch.frame.columns if c != LINE_COLUMN]
                mapping = suggest_mapping(headers, overrides, saved)
                require_usable(mapping, headers)
                summary = ScoreSummary(mapping=mapping, icps=list(icps))
                summary.grades = {i.slug: Counter() for i in icps}
                fed = set(mapping.targets.values())
                summary.unfed = {i.slug: r for i in icps if (r := unfed_rules(i, fed))}
            summary.rejects.extend(batch.rejects)
            summary.rows_rejected += len(batch.rejects)
            summary.rows_in += batch.rows_in
            if batch.frame.height:
                out = _score_batch(batch.frame, summary, icps, names, as_of, exclude)
                summary.rows_scored += out.height
                if exclude:  # an exclusion is the first of a row's disqualifications
                    dq = out.get_column(first["fit_disqualified_by"])
                    summary.excluded += int(dq.str.starts_with("excluded: ").sum())
                for icp in icps:
                    col = names[icp.slug]
                    summary.grades[icp.slug].update(out[col["fit_grade"]].to_list())
                    summary.qualified[icp.slug] += int(out[col["fit_qualified"]].sum())
                summary.top = _top(summary.top, out, summary.mapping, first, icps)
                if min_grade is not None:
                    allowed = _grade_rank(min_grade)
                    keep = pl.any_horizontal(
                        pl.col(names[i.slug]["fit_grade"]).is_in(allowed) for i in icps
                    )
                    out = out.filter(keep)
                out = out.drop(LINE_COLUMN)
                header = out.head(0)
                summary.rows_written += out.height
                if output is not None and sort:
                    held.append(out)
                elif output is not None:
                    if writer is None:
                        writer = _Writer(LeadWriter(output))
                    writer.write(out)
            if on_progress is not None:
                on_progress(summary.rows_in)
        assert summary is not None  # the reader raises on a file without rows
        if output is not None and sort and held:
            everything = pl.concat(held, how="vertical")
            order = [first["fit_score"]]
            with LeadWriter(output) as sorted_writer:
                sorted_writer.write(everything.sort(order, descending=True, maintain_order=True))
        elif output is not None and writer is None:
            # Every row was filtered out: still write the file, with its header.
            with LeadWriter(output) as empty:
                empty.write(header if header is not None else pl.DataFrame())
        summary.output = output
        if writer is not None:
            finishing: _Writer = writer
            writer = None  # closed below, even if closing fails: nothing left to abandon
            finishing.close()
    except BaseException:
        # No half-written output: a failed or interrupted run leaves nothing behind.
        if writer is not None:
            writer.abandon()
        if output is not None:
            output.unlink(missing_ok=True)
        raise
    finally:
        batches.close()
    if summary.rejects:
        target = rejects_path or _default_rejects_path(Path(path), output)
        write_rejects(summary.rejects, target)
        summary.rejects_path = target
    return summary


class _Writer:
    """A ``LeadWriter`` that writes each batch on a background thread while the next is scored.

    At most one write is pending (memory stays bounded by two batches), batches land in order,
    and a failed write surfaces at the next ``write`` or at ``close``.
    """

    def __init__(self, writer: LeadWriter) -> None:
        self._writer = writer
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="leadsieve-write")
        self._pending: Future[None] | None = None

    def write(self, batch: pl.DataFrame) -> None:
        self._wait()
        self._pending = self._pool.submit(self._writer.write, batch)

    def close(self) -> None:
        """Finish the pending write and the file; raises what the writing raised."""
        try:
            self._wait()
        finally:
            self._pool.shutdown()
            self._writer.close()

    def abandon(self) -> None:
        """Stop after a failure elsewhere: let the pending write end, close, raise nothing."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        with contextlib.suppress(Exception):  # the original failure is the one to report
            self._writer.close()

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()


def _score_batch(
    frame: pl.DataFrame,
    summary: ScoreSummary,
    icps: Sequence[Icp],
    names: dict[str, dict[str, str]],
    as_of: date,
    exclude: Sequence[SuppressionList] = (),
) -> pl.DataFrame:
    canonical = canonical_frame(frame, summary.mapping)
    scored = score(canonical, list(icps), as_of=as_of, exclude=exclude)
    fit_cols = [c for cols in names.values() for c in cols.values()]
    if len(icps) > 1:
        fit_cols.append("best_icp")
    clashing = [c for c in fit_cols if c in frame.columns]
    if clashing:
        # Re-scoring an already scored file: the new fit columns replace the old ones.
        for column in clashing:
            if column not in summary.replaced_columns:
                summary.replaced_columns.append(column)
        frame = frame.drop(clashing)
    fits = scored.select(fit_cols)
    return pl.concat([frame, fits], how="horizontal")


def _label_expr(mapping: ColumnMapping) -> pl.Expr:
    parts = []
    for target in ("company_name", "full_name", "domain", "website", "email"):
        source = mapping.canonical_for(target)
        if source is not None:
            parts.append(pl.col(source).cast(pl.String))
    if not parts:
        return pl.lit("(no name)")
    return pl.coalesce(*parts, pl.lit("(no name)"))


def _person_exprs(mapping: ColumnMapping) -> list[pl.Expr]:
    """The person's name and title, as ``person`` and ``title``, when the file has people: its
    full name, else first and last names; nothing for a file of companies."""
    source = mapping.canonical_for
    shown = {
        target: pl.col(column).cast(pl.String).str.strip_chars().replace("", None)
        for target in ("full_name", "first_name", "last_name", "title")
        if (column := source(target)) is not None
    }
    names = [shown[t] for t in ("first_name", "last_name") if t in shown]
    name = shown.get("full_name")
    if names:
        joined = pl.concat_str(names, separator=" ", ignore_nulls=True).replace("", None)
        name = joined if name is None else pl.coalesce(name, joined)
    if name is None and "title" not in shown:
        return []
    return [
        (name if name is not None else pl.lit(None, pl.String)).alias("person"),
        shown.get("title", pl.lit(None, pl.String)).alias("title"),
    ]


def _top(
    current: pl.DataFrame | None,
    out: pl.DataFrame,
    mapping: ColumnMapping,
    first: dict[str, str],
    icps: Sequence[Icp],
) -> pl.DataFrame:
    """The best ``TOP`` rows so far by the first ICP's score (file order breaks ties), with
    the person's name and title when the file has people."""
    batch_top = out.select(
        pl.col(LINE_COLUMN).alias("line"),
        _label_expr(mapping).alias("lead"),
        *_person_exprs(mapping),
        pl.col(first["fit_score"]).alias("score"),
        pl.col(first["fit_grade"]).alias("grade"),
        pl.col(first["fit_qualified"]).alias("qualified"),
        pl.col(first["fit_reasons"]).alias("reasons"),
        pl.col(first["fit_disqualified_by"]).alias("disqualified_by"),
        *([pl.col("best_icp")] if len(icps) > 1 else []),
    )
    both = batch_top if current is None else pl.concat([current, batch_top])
    return both.sort(["score", "line"], descending=[True, False]).head(TOP)


def estimate_rows(path: Path) -> int | None:
    """About how many rows a file holds, cheaply, for a progress bar; None when unknown.

    Parquet says exactly in its metadata; a text file is counted by its newlines (quoted
    newlines make this a slight overestimate); other formats are not estimated.
    """
    suffix = path.suffix.lower()
    try:
        if suffix in {".parquet", ".pq"}:
            return int(pl.scan_parquet(path).select(pl.len()).collect().item())
        if suffix in {".csv", ".tsv", ".txt", ".jsonl", ".ndjson"}:
            lines = 0
            with path.open("rb") as handle:
                while block := handle.read(1 << 24):
                    lines += block.count(b"\n")
            return max(lines - (1 if suffix in {".csv", ".tsv", ".txt"} else 0), 0)
    except (OSError, pl.exceptions.PolarsError):
        return None
    return None


def _default_rejects_path(source: Path, output: Path | None) -> Path:
    """``<output>.rejects.csv`` beside the output (without one, beside the lead file), named
    as ``import`` names its rejects: ``scored.csv`` -> ``scored.csv.rejects.csv``."""
    base = output if output is not None else source
    return base.with_name(f"{base.name}.rejects.csv")
