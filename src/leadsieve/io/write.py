"""Write lead frames and rejects to CSV, TSV, XLSX, Parquet or JSON lines, whole or in batches.

The format follows the extension. CSV, TSV and XLSX cannot hold nested values, so list columns
become "a; b" text and struct columns JSON text there; Parquet and JSON lines keep them.

CSV and TSV are files people open in a spreadsheet, so a text cell that Excel would run as a
formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, OWASP's "CSV
injection") is written with a ``'`` in front: ``'=HYPERLINK(...)``. A cell that is only a number
(``-5``, ``+3.5``, ``1e-3``) is left alone: Excel reads it as that number, and a number cannot
call a function or reach another cell. ``CsvStyle(raw=True)`` keeps every value as it is, for
machines; ``CsvStyle(excel=True)`` writes UTF-8 with a BOM (so Excel does not guess a code page)
with the delimiter asked for. XLSX stores every value as data, never as a formula.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final, Self

import polars as pl

from leadsieve.errors import OutputUnwritable
from leadsieve.io._xlsx import write_xlsx
from leadsieve.io.read import Reject

_FORMATS: Final[dict[str, str]] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_XLSX_MAX_ROWS: Final = 1_048_575  # Excel's 1,048,576 rows minus the header
#: A cell Excel would read as a formula starts with one of these (OWASP: CSV injection).
_FORMULA_START: Final = r"^[=+\-@\t\r]"
#: ... unless it is only a number, which Excel reads as that number.
_NUMBER: Final = r"^[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?$"


@dataclass(frozen=True, slots=True)
class CsvStyle:
    """How CSV and TSV files are written.

    ``excel``: UTF-8 with a byte order mark, so Excel reads accents right on any locale.
    ``delimiter``: the field separator of ``.csv`` files (``.tsv`` always uses a tab).
    ``raw``: keep formula-like cells as they are (for machines); by default they get a ``'``.
    """

    excel: bool = False
    delimiter: str = ","
    raw: bool = False


_STYLE: ContextVar[CsvStyle | None] = ContextVar("leadsieve_csv_style", default=None)


@contextmanager
def csv_style(style: CsvStyle) -> Iterator[None]:
    """Within the block, CSV and TSV files are written in ``style`` when no style is passed
    (the CLI sets it around a service call that writes files)."""
    token = _STYLE.set(style)
    try:
        yield
    finally:
        _STYLE.reset(token)


def neutralize_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells Excel would run as a formula, prefixed with ``'``; numbers stay as they are."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if not text:
        return frame
    exprs = []
    for name in text:
        col = pl.col(name)
        risky = col.str.contains(_FORMULA_START) & ~col.str.contains(_NUMBER)
        exprs.append(pl.when(risky).then(pl.lit("'") + col).otherwise(col).alias(name))
    return frame.with_columns(exprs)


def safe_cell(value: object) -> object:
    """One cell as ``neutralize_formulas`` writes it (for CSV written row by row)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return value if _is_number(value) else "'" + value
    return value


def _is_number(value: str) -> bool:
    return re.fullmatch(_NUMBER.strip("^$"), value) is not None


def write_leads(frame: pl.DataFrame, path: str | Path, *, style: CsvStyle | None = None) -> None:
    """Write ``frame`` to ``path`` in the format its extension names (UTF-8 text, with header);
    CSV and TSV in ``style`` (default: the ``csv_style`` in effect, else formulas neutralized)."""
    target = Path(path)
    kind = _format(target)
    try:
        if kind in ("csv", "tsv"):
            _write_delimited(frame, target, kind, style or _STYLE.get() or CsvStyle(), header=True)
        elif kind == "xlsx":
            _check_xlsx_rows(target, frame.height)
            write_xlsx(_flat(frame), target, sheet="leads")
        elif kind == "parquet":
            frame.write_parquet(target)
        else:
            frame.write_ndjson(target)
    except OSError as exc:
        raise _unwritable(target, exc) from exc


def write_rejects(
    rejects: Sequence[Reject], path: str | Path, *, style: CsvStyle | None = None
) -> None:
    """Write rejected records as a table of line, reason and raw text (CSV by default)."""
    frame = pl.DataFrame(
        {
            "line": [r.line for r in rejects],
            "reason": [r.reason for r in rejects],
            "raw": [r.raw for r in rejects],
        },
        schema={"line": pl.Int64, "reason": pl.String, "raw": pl.String},
    )
    write_leads(frame, path, style=style)


def _write_delimited(
    frame: pl.DataFrame, target: Path | IO[bytes], kind: str, style: CsvStyle, *, header: bool
) -> None:
    flat = _flat(frame)
    if not style.raw:
        flat = neutralize_formulas(flat)
    flat.write_csv(
        target,
        separator="\t" if kind == "tsv" else style.delimiter,
        include_header=header,
        include_bom=style.excel and header,
    )


class LeadWriter:
    """Write a lead file batch by batch: ``with LeadWriter(path) as out: out.write(batch)``.

    CSV, TSV and JSON lines append as they go; Parquet streams through pyarrow's writer when
    pyarrow is installed (else batches are held until ``close``); XLSX is held until ``close``.
    Every batch must have the columns of the first.
    """

    def __init__(self, path: str | Path, *, style: CsvStyle | None = None) -> None:
        self.path = Path(path)
        self._kind = _format(self.path)
        # taken now: batches may be written on another thread, where the context is not set
        self._style = style or _STYLE.get() or CsvStyle()
        self._columns: list[str] | None = None
        self._file: IO[bytes] | None = None
        self._parquet: Any = None
        self._held: list[pl.DataFrame] = []
        self._rows = 0
        self.closed = False

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def write(self, batch: pl.DataFrame) -> None:
        """Append ``batch`` to the file."""
        if self.closed:
            raise ValueError("this LeadWriter is closed")
        if self._columns is None:
            self._columns = batch.columns
        elif batch.columns != self._columns:
            raise ValueError(f"batch columns {batch.columns} differ from {self._columns}")
        self._rows += batch.height
        try:
            if self._kind in ("csv", "tsv", "jsonl"):
                self._append_text(batch)
            elif self._kind == "parquet" and self._parquet_writer(batch) is not None:
                self._parquet.write_table(batch.to_arrow().cast(self._parquet.schema))
            else:
                if self._kind == "xlsx":
                    _check_xlsx_rows(self.path, self._rows)
                self._held.append(batch)
        except OSError as exc:
            raise _unwritable(self.path, exc) from exc

    def close(self) -> None:
        """Finish the file; nothing is written for a writer that got no batch."""
        if self.closed:
            return
        self.closed = True
        try:
            if self._file is not None:
                self._file.close()
            if self._parquet is not None:
                self._parquet.close()
            if self._held:
                held = pl.concat(self._held, how="vertical_relaxed")
                write_leads(held, self.path, style=self._style)
        except OSError as exc:
            raise _unwritable(self.path, exc) from exc

    def _append_text(self, batch: pl.DataFrame) -> None:
        first = self._file is None
        if self._file is None:
            self._file = self.path.open("wb")
        if self._kind == "jsonl":
            batch.write_ndjson(self._file)
        else:
            _write_delimited(batch, self._file, self._kind, self._style, header=first)

    def _parquet_writer(self, batch: pl.DataFrame) -> Any:
        if self._parquet is None:
            try:
                import pyarrow.parquet as pq  # type: ignore[import-untyped]
            except ImportError:  # pyarrow is optional: hold the batches and write at close
                return None
            self._parquet = pq.ParquetWriter(self.path, batch.to_arrow().schema)
        return self._parquet


def _format(path: Path) -> str:
    kind = _FORMATS.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(_FORMATS)
        raise OutputUnwritable(
            f"cannot write {path}: leadsieve writes {supported} files. Use one of these extensions."
        )
    return kind


def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    """Nested columns as text: lists joined with "; ", structs as JSON."""
    nested = [name for name, dtype in frame.schema.items() if dtype.is_nested()]
    if not nested:
        return frame
    exprs = []
    for name in nested:
        dtype, col = frame.schema[name], pl.col(name)
        if isinstance(dtype, pl.List | pl.Array) and not dtype.inner.is_nested():
            exprs.append(col.cast(pl.List(pl.String)).list.join("; ").alias(name))
        else:
            encoded = pl.struct(col.alias("v")).struct.json_encode().str.slice(5).str.head(-1)
            exprs.append(pl.when(col.is_null()).then(None).otherwise(encoded).alias(name))
    return frame.with_columns(exprs)


def _check_xlsx_rows(path: Path, rows: int) -> None:
    if rows > _XLSX_MAX_ROWS:
        raise OutputUnwritable(
            f"cannot write {path}: {rows:,} rows do not fit in an Excel sheet "
            f"({_XLSX_MAX_ROWS:,} at most). Write .csv or .parquet instead."
        )


def _unwritable(path: Path, exc: OSError) -> OutputUnwritable:
    return OutputUnwritable(
        f"cannot write {path}: {exc.strerror or exc}. Check that its folder exists and is writable."
    )
