"""Score lead files larger than memory on one machine: ``leadsieve score INPUT --engine duckdb``.

DuckDB reads the input (Parquet, CSV or JSON lines; a file, a folder of files of one kind, or a
glob) and hands it over as a stream of Arrow record batches. Each batch is scored by the same
Polars code as ``--engine polars`` (``canonical_frame`` then ``engine.score``, after the column
mapping decided from the header by the same ``suggest_mapping``) and appended to one Parquet
file, so memory is bounded by the batch size, never by the file.

How each format is read (``duckdb_reading`` holds the CSV and JSON details):

- Parquet: DuckDB's reader; the input's columns are written back with their types, as Spark
  does, and turned into strings for scoring exactly as the one-machine reader does.
- CSV: leadsieve sniffs the delimiter, header and encoding from the first 64 KB (the same
  ``_layout``), then DuckDB parses the rows with those settings, RFC 4180 quoting, and its
  reject tables (``store_rejects``) for the records it cannot read.
- JSON lines: DuckDB splits the lines, leadsieve's JSON rules turn each into a row (two passes:
  the first collects the keys, which become the columns).

Rejects (file, line, reason, raw text) are written beside the output, as the Spark engine does;
rows in = rows scored + rows rejected.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from leadsieve.engine import score
from leadsieve.errors import (
    InvalidArgument,
    LeadFileNotFound,
    LeadFileUnreadable,
    OutputUnwritable,
)
from leadsieve.icp.model import Icp
from leadsieve.io import ColumnMapping, canonical_frame, require_usable, suggest_mapping
from leadsieve.io._delimited import no_rows, strip_nul
from leadsieve.io.read import _EXTENSIONS, Format, _as_strings, _checked, _sniff_format
from leadsieve.service.background import ReadAhead
from leadsieve.service.duckdb_reading import CsvScan, FileRejects, JsonScan
from leadsieve.service.scoring import GRADE_ORDER, fit_names

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]

#: Rows DuckDB hands over per Arrow batch: the unit of scoring, and what bounds memory.
BATCH_ROWS = 100_000
EXTRA = "pip install 'leadsieve[duckdb]'"


@dataclass
class DuckdbScoreSummary:
    """What a DuckDB scoring run did: counts and grade distribution, and where output went."""

    mapping: ColumnMapping
    icps: list[Icp]
    output: Path
    rows_in: int = 0
    rows_scored: int = 0
    rows_rejected: int = 0
    grades: dict[str, dict[str, int]] = field(default_factory=dict)
    qualified: dict[str, int] = field(default_factory=dict)
    rejects_path: Path | None = None
    replaced_columns: list[str] = field(default_factory=list)


def require_duckdb() -> Any:
    """The ``duckdb`` module (2.0 or later: its streaming Arrow reader), or a clear error
    naming the extra that installs it."""
    try:
        import duckdb
    except ImportError:
        raise InvalidArgument(
            f"--engine duckdb needs DuckDB, which is not installed: {EXTRA}"
        ) from None
    major = str(getattr(duckdb, "__version__", "0")).split(".", 1)[0]
    if not major.isdigit() or int(major) < 2:
        raise InvalidArgument(
            f"--engine duckdb needs DuckDB 2.0 or later, found {duckdb.__version__}: {EXTRA}"
        )
    return duckdb


def score_files_duckdb(
    location: str,
    icps: Sequence[Icp],
    *,
    as_of: date,
    output: Path,
    overrides: dict[str, str | None] | None = None,
    rejects_path: Path | None = None,
    saved: dict[str, str | None] | None = None,
    batch_rows: int = BATCH_ROWS,
) -> DuckdbScoreSummary:
    """Score a lead file, a folder of lead files or a glob with DuckDB; write Parquet.

    A failed run leaves no output behind. Several files must share the first one's columns.
    """
    duckdb = require_duckdb()
    if output.suffix.lower() not in (".parquet", ".pq"):
        raise OutputUnwritable(
            f"cannot write {output.name!r}: --engine duckdb writes Parquet (.parquet)"
        )
    if output.is_dir():
        raise OutputUnwritable(f"{str(output)!r} is a folder; name a Parquet file")
    if not output.parent.exists():
        raise OutputUnwritable(f"the folder {str(output.parent)!r} does not exist; create it first")
    files = input_files(location)
    if output.exists() and any(output.samefile(f) for f in files):
        raise OutputUnwritable(
            f"the output {str(output)!r} is a lead file being read; writing it would destroy "
            "the leads. Name another file."
        )
    fmt = _format_of(location, files)
    scan = _scan(duckdb, fmt, files, batch_rows)
    headers = scan.headers
    mapping = suggest_mapping(headers, overrides, saved)
    require_usable(mapping, headers)
    summary = DuckdbScoreSummary(mapping=mapping, icps=list(icps), output=output)
    names = fit_names(icps)
    fit_cols = [c for cols in names.values() for c in cols.values()]
    fit_cols += ["best_icp"] if len(icps) > 1 else []
    summary.replaced_columns = [c for c in headers if c in fit_cols]
    grades = {i.slug: Counter[str]() for i in icps}
    writer: Any = None
    # DuckDB reads the next batch (on its own threads, the GIL released) while one is scored.
    batches = ReadAhead(scan.batches())
    try:
        for frame in batches:
            if fmt == "parquet":  # as the one-machine reader gives it: strings, no NUL
                strings = strip_nul(_as_strings(frame))
            else:
                strings = frame = strip_nul(frame)
            scored = score(canonical_frame(strings, mapping), list(icps), as_of=as_of)
            out = pl.concat(
                [frame.drop(summary.replaced_columns), scored.select(fit_cols)], how="horizontal"
            )
            for icp in icps:
                grades[icp.slug].update(out[names[icp.slug]["fit_grade"]].to_list())
                summary.qualified[icp.slug] = summary.qualified.get(icp.slug, 0) + int(
                    out[names[icp.slug]["fit_qualified"]].sum()
                )
            summary.rows_scored += out.height
            writer = _write(writer, out.to_arrow(), output)
        rejects = scan.rejects()
        if writer is None:  # every row rejected: still write the file, with its columns
            writer = _write(None, _empty(headers, fit_cols, icps, as_of), output)
        writer.close()
    except BaseException:
        if writer is not None:
            writer.close()
        output.unlink(missing_ok=True)
        raise
    finally:
        batches.close()
    summary.rows_rejected = sum(len(r.rejects) for r in rejects)
    summary.rows_in = summary.rows_scored + summary.rows_rejected
    summary.grades = {slug: {g: counts[g] for g in GRADE_ORDER} for slug, counts in grades.items()}
    summary.qualified = {i.slug: summary.qualified.get(i.slug, 0) for i in icps}
    if summary.rows_rejected:
        summary.rejects_path = rejects_path or output.with_name(f"{output.name}.rejects.csv")
        _write_rejects(rejects, summary.rejects_path)
    return summary


def _scan(duckdb: Any, fmt: Format, files: list[Path], batch_rows: int) -> Any:
    if fmt == "csv":
        return CsvScan(duckdb, files, batch_rows)
    if fmt == "jsonl":
        return JsonScan(duckdb, files, batch_rows)
    return _ParquetScan(duckdb, files, batch_rows)


class _ParquetScan:
    """Parquet files read by DuckDB in order, batch by batch; Parquet has no rejects."""

    def __init__(self, duckdb: Any, files: list[Path], batch_rows: int) -> None:
        self.connection = duckdb.connect()
        self.files = [str(f) for f in files]
        self.batch_rows = batch_rows
        try:
            self.relation = self.connection.sql(
                "SELECT * FROM read_parquet($files)", params={"files": self.files}
            )
            self.headers: list[str] = list(self.relation.columns)
        except duckdb.Error as exc:
            raise _unreadable(self.files, "Parquet", exc) from None

    def batches(self) -> Iterator[pl.DataFrame]:
        import duckdb

        rows = 0
        try:
            for batch in self.relation.to_arrow_reader(self.batch_rows):
                frame = pl.from_arrow(batch)
                assert isinstance(frame, pl.DataFrame)
                rows += frame.height
                yield frame
        except duckdb.Error as exc:
            raise _unreadable(self.files, "Parquet", exc) from None
        if not rows:
            raise no_rows(Path(self.files[0]), self.headers)

    def rejects(self) -> list[FileRejects]:
        return []


def _unreadable(files: Sequence[str], what: str, exc: Exception) -> LeadFileUnreadable:
    first = str(exc).strip().splitlines()[0]
    shown = files[0] if len(files) == 1 else f"{files[0]} (and {len(files) - 1} more)"
    return LeadFileUnreadable(f"DuckDB cannot read {shown} as {what}: {first}")


def _write(writer: Any, table: pa.Table, output: Path) -> Any:
    """Append ``table`` to the Parquet file, opening it (with the first batch's schema) once."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    if writer is None:
        writer = pq.ParquetWriter(output, table.schema)
    writer.write_table(table.cast(writer.schema))
    return writer


def _empty(headers: list[str], fit_cols: list[str], icps: Sequence[Icp], as_of: date) -> pa.Table:
    """A table with the output's columns and no rows (every input row was rejected)."""
    frame = pl.DataFrame(schema=dict.fromkeys(headers, pl.String))
    mapping = suggest_mapping(headers)
    scored = score(canonical_frame(frame, mapping), list(icps), as_of=as_of)
    kept = [h for h in headers if h not in fit_cols]
    return pl.concat([frame.select(kept), scored.select(fit_cols)], how="horizontal").to_arrow()


def _write_rejects(rejects: list[FileRejects], path: Path) -> None:
    """file, line, reason, raw: one row per rejected record, by file then line."""
    rows = [(r.file, x.line, x.reason, x.raw) for r in rejects for x in r.rejects]
    frame = pl.DataFrame(
        rows,
        schema={"file": pl.String, "line": pl.Int64, "reason": pl.String, "raw": pl.String},
        orient="row",
    )
    frame.write_csv(path)


# --- finding the input --------------------------------------------------------------------------


def input_files(location: str) -> list[Path]:
    """The lead files ``location`` names: itself, the files under a folder, or a glob's matches,
    sorted. Names starting with ``_`` or ``.`` (``_SUCCESS``, ``.crc``) are skipped in folders
    and globs, as Spark and DuckDB writers leave them beside their data."""
    if any(c in location for c in "*?["):
        pattern = Path(location)
        anchor = Path(pattern.anchor or ".")
        found = sorted(
            anchor.glob(str(pattern.relative_to(anchor)) if pattern.anchor else location)
        )
        files = [p for p in found if p.is_file() and not p.name.startswith(("_", "."))]
        if not files:
            raise LeadFileNotFound(f"{location}: no file matches. Check the pattern and folder.")
        return [_checked(p) for p in files]
    path = Path(location)
    if not path.is_dir():
        return [_checked(path)]
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and not p.name.startswith(("_", ".")) and p.stat().st_size > 0
    )
    if not files:
        raise LeadFileUnreadable(f"{location} is empty: it holds no lead files.")
    return files


def _format_of(location: str, files: Sequence[Path]) -> Format:
    """The one format of the files: by extension, or sniffed for a single file without one."""
    kinds = {_EXTENSIONS.get(f.suffix.lower()) for f in files}
    if kinds == {None} and len(files) == 1:
        with files[0].open("rb") as handle:
            kinds = {_sniff_format(handle.read(4096))}
    if len(kinds) != 1 or None in kinds or "xlsx" in kinds:
        shown = ", ".join(sorted({f.suffix or "(none)" for f in files}))
        raise LeadFileUnreadable(
            f"{location}: DuckDB scores Parquet (.parquet), CSV (.csv .tsv .txt) or JSON lines "
            f"(.jsonl .ndjson .json) files of one kind; found {shown}. Convert them, or score "
            "an XLSX workbook with --engine polars."
        )
    (kind,) = kinds
    assert kind is not None
    return kind
