"""Read lead files (CSV, XLSX, Parquet, JSON lines) into all-string frames with line numbers.

Every value stays a string (``"00123"`` survives) and empty cells are null. ``__line__`` holds
the 1-based physical line (CSV, JSON lines) or sheet row (XLSX) where a record starts; Parquet
rows and JSON array items are numbered from 1. How CSV is parsed fast and exactly: ``_delimited``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import polars as pl

from leadsieve.errors import LeadFileNotFound, LeadFileUnreadable
from leadsieve.io._delimited import (
    BLANK_ROW,
    HEAD,
    LINE_COLUMN,
    Reject,
    header_index,
    iter_csv,
    no_rows,
    strip_nul,
    unique_names,
    with_lines,
)
from leadsieve.io._encoding import (
    detect_encoding,
    encoding_for,
    given_encoding,
    reading_encoding,
)

__all__ = [
    "LINE_COLUMN",
    "Format",
    "LeadFile",
    "Reject",
    "iter_lead_batches",
    "read_leads",
    "reading_encoding",
]

Format = Literal["csv", "xlsx", "parquet", "jsonl"]

#: Leading bytes of binary formats someone may hand us instead of a text file.
_SIGNATURES: Final = (
    (b"PK\x03\x04", "a ZIP archive (an .xlsx workbook is one: give it the .xlsx extension)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"PAR1", "a Parquet file (give it the .parquet extension)"),
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive (decompress it first)"),
    (b"\xd0\xcf\x11\xe0", "a legacy Excel .xls workbook (save it as .xlsx or CSV)"),
)
_EXTENSIONS: Final[dict[str, Format]] = {
    **dict.fromkeys((".csv", ".tsv", ".txt"), "csv"),
    **dict.fromkeys((".xlsx", ".xlsm"), "xlsx"),
    **dict.fromkeys((".parquet", ".pq"), "parquet"),
    **dict.fromkeys((".jsonl", ".ndjson", ".json"), "jsonl"),
}


@dataclass(frozen=True, slots=True)
class LeadFile:
    """A lead file (or one batch of it): all-string ``frame`` plus how it was read."""

    frame: pl.DataFrame
    format: Format
    encoding: str | None = None
    delimiter: str | None = None
    rejects: list[Reject] = field(default_factory=list)

    @property
    def rows_in(self) -> int:
        """Records read from the file: rows kept plus rows rejected."""
        return self.frame.height + len(self.rejects)


def read_leads(
    path: str | Path, *, sheet: str | int | None = None, encoding: str | None = None
) -> LeadFile:
    """Read a whole lead file; raise a ``LeadFileError`` when it cannot be read at all.

    ``encoding`` overrides the detected encoding of a text file (CSV, JSON)."""
    batches = list(_batches(_checked(path), None, sheet, encoding_for(encoding)))
    first = batches[0]
    if len(batches) == 1:
        return first
    encodings = dict.fromkeys(e for b in batches for e in (b.encoding or "").split("+") if e)
    return LeadFile(
        frame=pl.concat([b.frame for b in batches], how="vertical", rechunk=False),
        format=first.format,
        encoding="+".join(encodings) or None,
        delimiter=first.delimiter,
        rejects=[r for b in batches for r in b.rejects],
    )


def iter_lead_batches(
    path: str | Path,
    *,
    batch_size: int = 250_000,
    sheet: str | int | None = None,
    encoding: str | None = None,
) -> Iterator[LeadFile]:
    """Stream a lead file in batches of about ``batch_size`` records, each with its rejects.

    CSV and Parquet stream in bounded memory; XLSX and JSON are loaded whole, then sliced.
    Path errors (and XLSX or JSON content errors) raise at once, others while iterating.
    ``encoding`` overrides the detected encoding of a text file (CSV, JSON).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    return _batches(_checked(path), batch_size, sheet, encoding_for(encoding))


def _checked(path: str | Path) -> Path:
    p = Path(path)
    if not p.exists():
        raise LeadFileNotFound(f"{p}: no such file. Check the path and the folder you run from.")
    if p.is_dir():
        raise LeadFileUnreadable(f"{p} is a folder, not a lead file: pass a file inside it.")
    try:
        with p.open("rb") as f:
            head = f.read(HEAD)
    except OSError as exc:
        raise LeadFileUnreadable(
            f"cannot open {p}: {exc.strerror}. Check its permissions."
        ) from exc
    if not head.strip():
        raise LeadFileUnreadable(f"{p} is empty: export the leads again or pick another file.")
    return p


def _batches(
    path: Path, batch_size: int | None, sheet: str | int | None, encoding: str | None
) -> Iterator[LeadFile]:
    with path.open("rb") as f:
        head = f.read(HEAD)
    fmt = _EXTENSIONS.get(path.suffix.lower()) or _sniff_format(head)
    for signature, kind in _SIGNATURES if fmt in ("csv", "jsonl") else ():
        if head.startswith(signature):
            raise LeadFileUnreadable(f"{path} looks like {kind}, not a text lead file.")
    if fmt == "csv":
        codec = given_encoding(head, encoding) if encoding else detect_encoding(path, head)
        rows = iter_csv(path, batch_size, *codec)
        return (LeadFile(f, "csv", enc, sep, rej) for f, rej, enc, sep in rows)
    if fmt == "parquet":
        return (_strip_nul(b) for b in _iter_parquet(path, batch_size))
    if fmt == "xlsx":
        table = _load_xlsx(path, sheet)
    else:
        table = _load_json(path, head, given_encoding(head, encoding) if encoding else None)
    return _slices(_strip_nul(table), batch_size)


def _strip_nul(table: LeadFile) -> LeadFile:
    frame = strip_nul(table.frame)
    if frame is table.frame:
        return table
    return LeadFile(frame, table.format, table.encoding, table.delimiter, table.rejects)


def _sniff_format(head: bytes) -> Format:
    if head.startswith(b"PK"):
        return "xlsx"
    if head.startswith(b"PAR1"):
        return "parquet"
    text = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    return "jsonl" if text[:1] in (b"{", b"[") else "csv"


def _unreadable(path: Path, what: str, exc: BaseException) -> LeadFileUnreadable:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return LeadFileUnreadable(
        f"cannot read {path} as {what}: {detail}. Check that the file is complete and really "
        f"{what}, or export it again."
    )


# --- XLSX, Parquet, JSON ----------------------------------------------------------------------


def _load_xlsx(path: Path, sheet: str | int | None) -> LeadFile:
    import fastexcel  # needed only for workbooks

    try:
        reader = fastexcel.read_excel(str(path))
        sheets = list(reader.sheet_names)
    except Exception as exc:
        raise _unreadable(path, "an Excel workbook", exc) from exc
    if sheet is None or (isinstance(sheet, int) and 0 <= sheet < len(sheets)) or sheet in sheets:
        chosen = sheets[sheet or 0] if not isinstance(sheet, str) else sheet
    else:
        listed = ", ".join(f"{i}: {name!r}" for i, name in enumerate(sheets))
        raise LeadFileUnreadable(
            f"{path} has no sheet {sheet!r}; its sheets are {listed}. Pick one with --sheet "
            "(a name or a 0-based index)."
        )
    try:
        loaded = reader.load_sheet(chosen, header_row=None, skip_rows=0, dtypes="string")
        raw: pl.DataFrame = loaded.to_polars()
    except Exception as exc:
        raise _unreadable(path, f"an Excel workbook (sheet {chosen!r})", exc) from exc
    top = [[v or "" for v in row] for row in raw.head(200).iter_rows()]
    h = header_index(
        [row[: max((i + 1 for i, v in enumerate(row) if v), default=0)] for row in top]
    )
    if h is None:
        raise no_rows(path, [])
    names = unique_names([v or "" for v in raw.row(h)])
    body = raw.slice(h + 1).rename(dict(zip(raw.columns, names, strict=True)))
    framed = with_lines(body, range(h + 2, h + 2 + body.height))
    keep = [
        n
        for n, v in zip(names, raw.row(h), strict=True)
        if v or body.get_column(n).null_count() < body.height
    ]
    framed = framed.select(*keep, LINE_COLUMN)
    empty = framed.select(pl.all_horizontal(pl.col(keep).is_null())).to_series()
    if empty.all():
        raise no_rows(path, keep)
    # an empty row between filled ones is a blank row, counted; empty rows after the last
    # filled one are the sheet's formatting reaching further down, not rows
    last = empty.not_().arg_true()[-1]
    blank = framed.get_column(LINE_COLUMN).head(last + 1).filter(empty.head(last + 1)).to_list()
    return LeadFile(
        framed.filter(~empty), "xlsx", rejects=[Reject(b, BLANK_ROW, "") for b in blank]
    )


def _as_strings(frame: pl.DataFrame) -> pl.DataFrame:
    """Cast every column to String; nested values become JSON text."""
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if dtype.is_nested():
            encoded = pl.struct(col.alias("v")).struct.json_encode().str.slice(5).str.head(-1)
            col = pl.when(col.is_null()).then(None).otherwise(encoded)
        elif dtype == pl.Binary:
            col = col.bin.encode("hex")
        elif dtype != pl.String:
            col = col.cast(pl.String)
        exprs.append(col.alias(name))
    return frame.select(exprs)


def _iter_parquet(path: Path, batch_size: int | None) -> Iterator[LeadFile]:
    try:
        scan = pl.scan_parquet(path)
        names = unique_names(scan.collect_schema().names())
        batches = iter(
            scan.collect_batches(chunk_size=batch_size) if batch_size else [scan.collect()]
        )
    except Exception as exc:
        raise _unreadable(path, "a Parquet file", exc) from exc
    done = 0
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            break
        except Exception as exc:
            raise _unreadable(path, "a Parquet file", exc) from exc
        frame = _as_strings(batch.rename(dict(zip(batch.columns, names, strict=True))))
        yield LeadFile(with_lines(frame, range(done + 1, done + 1 + frame.height)), "parquet")
        done += frame.height
    if not done:
        raise no_rows(path, names)


def _json_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _load_json(path: Path, head: bytes, given: tuple[str, int] | None) -> LeadFile:
    """JSON lines (one object per line) or a JSON array of objects, loaded whole."""
    codec, bom = given or detect_encoding(path, head)
    text = path.read_bytes()[bom:].decode(codec, errors="replace")
    try:
        whole: Any = json.loads(text)
    except ValueError as exc:
        if text.lstrip().startswith("["):
            raise _unreadable(path, "a JSON array of objects", exc) from exc
        whole = None  # not one JSON document: JSON lines, read line by line below
    records: list[tuple[int, Any, str]] = []
    if isinstance(whole, list):
        records = [(i, obj, "") for i, obj in enumerate(whole, 1)]
    elif whole is not None:  # one object: it starts on the first line that is not blank
        records = [(text[: len(text) - len(text.lstrip())].count("\n") + 1, whole, "")]
    else:
        for i, line in enumerate(text.split("\n"), 1):
            if line.strip():
                try:
                    records.append((i, json.loads(line), line.rstrip("\r")))
                except ValueError as exc:
                    records.append((i, exc, line.rstrip("\r")))
    columns: dict[str, list[str | None]] = {}
    lines: list[int] = []
    rejects: list[Reject] = []
    for line_no, obj, raw in records:
        if not isinstance(obj, dict):
            why = f"invalid JSON: {obj}" if isinstance(obj, ValueError) else "not a JSON object"
            rejects.append(Reject(line_no, why, raw or json.dumps(obj, ensure_ascii=False)))
            continue
        for key, value in obj.items():
            columns.setdefault(key, [None] * len(lines)).append(_json_text(value))
        lines.append(line_no)
        for values in columns.values():
            values.extend([None] * (len(lines) - len(values)))
    names = unique_names(list(columns))
    if not lines and not rejects:
        raise no_rows(path, names)
    series = [pl.Series(n, v, pl.String) for n, v in zip(names, columns.values(), strict=True)]
    frame = pl.DataFrame([*series, pl.Series(LINE_COLUMN, lines, pl.Int64)])
    frame = frame.with_columns(pl.exclude(LINE_COLUMN).replace("", None))
    return LeadFile(frame, "jsonl", codec, None, rejects)


def _slices(table: LeadFile, batch_size: int | None) -> Iterator[LeadFile]:
    """Cut a loaded file into batches; each reject goes with the batch holding its line."""
    if batch_size is None or table.frame.height <= batch_size:
        yield table
        return
    starts = table.frame.get_column(LINE_COLUMN).gather_every(batch_size).to_list()[1:]
    for k, offset in enumerate(range(0, table.frame.height, batch_size)):
        low = starts[k - 1] if k else -1
        high = starts[k] if k < len(starts) else None
        mine = [r for r in table.rejects if r.line >= low and (high is None or r.line < high)]
        frame = table.frame.slice(offset, batch_size)
        yield LeadFile(frame, table.format, table.encoding, table.delimiter, mine)
