"""CSV and JSON lines read by DuckDB, batch by batch, with every record kept or rejected.

CSV: leadsieve sniffs each file's delimiter, header and encoding from its first 64 KB (the
one-machine ``_layout``), then DuckDB parses the rows with exactly those settings (RFC 4180
quoting, every column a string) and records what it cannot read in its reject tables
(``store_rejects``). Two things DuckDB does not say are found by one pass over the file's bytes,
run only when needed: the physical line a rejected record starts on (DuckDB's ``line`` counts a
quoted line break as no line), and where a row whose every field is empty stands (DuckDB reads
it as a row of nulls; leadsieve rejects it as a blank row, as on one machine).

JSON lines: DuckDB splits each file into lines (no quoting, so line n is row n); leadsieve's
JSON rules (``read._json_text``) turn each line into a row or a reject. The keys of all objects,
in the order first seen, are the columns: a first pass collects them, since Parquet needs its
schema before the first row is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import polars as pl

from leadsieve.errors import LeadFileUnreadable
from leadsieve.io._delimited import (
    BLANK_ROW,
    HEAD,
    Reject,
    _fields_reason,
    _layout,
    no_rows,
    unique_names,
)
from leadsieve.io._encoding import detect_encoding
from leadsieve.io.read import _json_text

#: DuckDB's names for the encodings leadsieve detects that it can read.
_CODECS: Final = {"utf-8": "utf-8", "ascii": "utf-8", "latin-1": "latin-1"}
_UNPARSABLE: Final = "cannot parse the record (a stray quote or a line break outside quotes?)"
_FOUND = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")

_READ_CSV: Final = (
    "SELECT * FROM read_csv($path, header=false, skip=$skip, columns=$columns, delim=$sep, "
    "quote='\"', escape='\"', encoding=$encoding, auto_detect=false, store_rejects=true)"
)
# One VARCHAR column per line: no quoting, and as delimiter the NUL character, which a JSON
# line never holds unescaped (a line that does is rejected, as invalid JSON would be).
_READ_LINES: Final = (
    "SELECT * FROM read_csv($path, header=false, columns={'line': 'VARCHAR'}, delim=$nul, "
    "quote='', escape='', encoding=$encoding, auto_detect=false, store_rejects=true)"
)
_REJECTS: Final = (
    "SELECT line, error_type, error_message, csv_line FROM reject_errors ORDER BY line"
)


@dataclass
class FileRejects:
    """The records of one file that were not read: line, reason, raw text."""

    file: str
    rejects: list[Reject] = field(default_factory=list)


@dataclass(frozen=True)
class _Layout:
    """How one CSV file is laid out: what DuckDB is told to read it."""

    sep: str
    names: list[str]
    first_line: int  # 1-based physical line of the first record after the header
    encoding: str


def _encoding(path: Path, head: bytes) -> tuple[str, int]:
    """DuckDB's name for the file's encoding, and the length of its byte order mark."""
    codec, bom = detect_encoding(path, head)
    if codec not in _CODECS:
        raise LeadFileUnreadable(
            f"{path} is encoded in {codec}; --engine duckdb reads UTF-8 and Latin-1 text. Save "
            "it as UTF-8, or score it with --engine polars."
        )
    return _CODECS[codec], bom


def _csv_layout(path: Path) -> _Layout:
    """Delimiter, header and first data line, sniffed as the one-machine reader does."""
    with path.open("rb") as handle:
        head = handle.read(HEAD)
    encoding, bom = _encoding(path, head)
    text = head[bom:].decode(encoding, errors="replace")
    if sum(c < " " and c not in "\t\r\n" for c in text) > len(text) // 10:
        raise LeadFileUnreadable(f"{path} looks like binary data, not a text lead file.")
    if "\r" in text and "\n" not in text:
        raise LeadFileUnreadable(
            f"{path} ends its lines with CR alone (old Mac style); --engine duckdb reads LF or "
            "CRLF. Score it with --engine polars, or convert its line endings."
        )
    sep, names, line, _ = _layout(path, text, complete=len(head) < HEAD)
    return _Layout(sep, names, line, encoding)


class CsvScan:
    """CSV files of one header read by DuckDB in order: all-string frames, then rejects."""

    def __init__(self, duckdb: Any, files: list[Path], batch_rows: int) -> None:
        self.duckdb, self.files, self.batch_rows = duckdb, files, batch_rows
        self.layouts = [_csv_layout(f) for f in files]
        self.headers = self.layouts[0].names
        for path, layout in zip(files[1:], self.layouts[1:], strict=True):
            if layout.names != self.headers:
                raise LeadFileUnreadable(
                    f"{path} has the columns {layout.names}, not those of the first file "
                    f"{self.headers}: score files with the same columns together."
                )
        self._rejects: list[FileRejects] = []

    def batches(self) -> Iterator[pl.DataFrame]:
        """Each file's rows in file order, without the rows whose every field is empty."""
        for path, layout in zip(self.files, self.layouts, strict=True):
            connection = self.duckdb.connect()
            params = {
                "path": str(path),
                "skip": layout.first_line - 1,
                "columns": dict.fromkeys(layout.names, "VARCHAR"),
                "sep": layout.sep,
                "encoding": layout.encoding,
            }
            blank, rows = 0, 0
            try:
                relation = connection.sql(_READ_CSV, params=params)
                for batch in relation.to_arrow_reader(self.batch_rows):
                    frame = _frame(batch)
                    empty = frame.select(pl.all_horizontal(pl.all().is_null())).to_series()
                    blank += int(empty.sum())
                    kept = frame.filter(~empty)
                    rows += kept.height
                    if kept.height:
                        yield kept
                found = connection.sql(_REJECTS).fetchall()
            except self.duckdb.Error as exc:
                raise _unreadable(path, "CSV", exc) from None
            finally:
                connection.close()
            rejects = _csv_rejects(path, layout, found, blank)
            if not rows and not any(r.reason != BLANK_ROW for r in rejects.rejects):
                raise no_rows(path, layout.names)
            self._rejects.append(rejects)

    def rejects(self) -> list[FileRejects]:
        """The rejects of every file read so far (all of them once ``batches`` is done)."""
        return self._rejects


def _frame(batch: Any) -> pl.DataFrame:
    frame = pl.from_arrow(batch)
    assert isinstance(frame, pl.DataFrame)
    return frame


def _unreadable(path: Path, what: str, exc: Exception) -> LeadFileUnreadable:
    first = str(exc).strip().splitlines()[0]
    return LeadFileUnreadable(f"DuckDB cannot read {path} as {what}: {first}")


def _csv_rejects(
    path: Path, layout: _Layout, found: list[tuple[Any, ...]], blank: int
) -> FileRejects:
    """DuckDB's reject rows (several per record: one per field count it tried) as one reject
    per record, at its physical line, with leadsieve's reasons; then the blank rows."""
    by_line: dict[int, list[tuple[str, str, str]]] = {}
    for line, error_type, message, raw in found:
        by_line.setdefault(line, []).append((error_type, message, raw))
    physical, blank_lines = _physical_lines(path, layout, set(by_line), blank)
    rejects = [
        Reject(physical.get(line, line), _reason(errors), errors[0][2].strip("\r\n"))
        for line, errors in by_line.items()
    ]
    sep = layout.sep
    rejects += [Reject(n, BLANK_ROW, sep * (len(layout.names) - 1)) for n in blank_lines]
    return FileRejects(str(path), sorted(rejects, key=lambda r: r.line))


def _reason(errors: list[tuple[str, str, str]]) -> str:
    """leadsieve's reason for what DuckDB found in one record, in the one-machine words where
    they agree. DuckDB reports a record several times, once per field count it passed: too
    many fields, the largest count is the record's; too few, the smallest."""
    kinds = {error_type for error_type, _, _ in errors}
    if "UNQUOTED VALUE" in kinds:
        return _UNPARSABLE
    for kind, pick in (("TOO MANY COLUMNS", max), ("MISSING COLUMNS", min)):
        counts = [m for t, message, _ in errors if t == kind and (m := _FOUND.search(message))]
        if counts:
            found = pick(counts, key=lambda m: int(m[2]))
            return _fields_reason(int(found[1]), int(found[2]))
    error_type, message, _ = errors[0]
    return f"{error_type.lower()}: {message}"


def _physical_lines(
    path: Path, layout: _Layout, wanted: set[int], blanks: int
) -> tuple[dict[int, int], list[int]]:
    """The physical line of each of DuckDB's record numbers in ``wanted``, and the lines of
    the first ``blanks`` rows whose every field is empty, by one pass over the bytes.

    DuckDB numbers records from the file's first line, counting a blank line as one and a
    record with quoted line breaks as one; a record starts on a line that does not begin
    inside quotes, which an odd count of quotes before it marks (RFC 4180 doubles a quote
    inside a value, keeping the count even)."""
    found: dict[int, int] = {}
    blank_lines: list[int] = []
    if not wanted and not blanks:
        return found, blank_lines
    sep = layout.sep.encode()
    record, quoted = 0, False
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not quoted:
                record += 1
                if record in wanted:
                    found[record] = number
                if len(blank_lines) < blanks and number >= layout.first_line:
                    text = line.rstrip(b"\r\n")
                    if sep in text and not text.replace(sep, b"").replace(b'"', b""):
                        blank_lines.append(number)
            if line.count(b'"') % 2:
                quoted = not quoted
            if len(found) == len(wanted) and len(blank_lines) == blanks:
                break
    return found, blank_lines


class JsonScan:
    """JSON lines files read line by line by DuckDB and parsed by leadsieve's JSON rules."""

    def __init__(self, duckdb: Any, files: list[Path], batch_rows: int) -> None:
        self.duckdb, self.files, self.batch_rows = duckdb, files, batch_rows
        self.encodings = [self._encoding(f) for f in files]
        keys: dict[str, None] = {}
        self._bad: dict[Path, dict[int, Reject]] = {}
        for path, encoding in zip(files, self.encodings, strict=True):
            for _, texts in self._lines(path, encoding):
                for text in texts:
                    record = _parsed(text)
                    if isinstance(record, dict):
                        keys.update(dict.fromkeys(record))
        self.keys = list(keys)
        self.headers = unique_names(self.keys)
        self._rejects: list[FileRejects] = []

    def _encoding(self, path: Path) -> str:
        with path.open("rb") as handle:
            head = handle.read(HEAD)
        encoding, bom = _encoding(path, head)
        if head[bom:].lstrip()[:1] == b"[":
            raise LeadFileUnreadable(
                f"{path} is a JSON array; --engine duckdb streams JSON lines (one object per "
                "line). Convert it, or score it with --engine polars."
            )
        return encoding

    def _lines(self, path: Path, encoding: str) -> Iterator[tuple[list[int], list[str | None]]]:
        """(line numbers, texts) per batch; lines DuckDB cannot read at all (a NUL byte, bytes
        of another encoding) are kept aside as rejects, found on the first pass."""
        connection = self.duckdb.connect()
        try:
            params = {"path": str(path), "encoding": encoding, "nul": "\x00"}
            relation = connection.sql(_READ_LINES, params=params)
            bad = self._bad.get(path)
            line = 0
            for batch in relation.to_arrow_reader(self.batch_rows):
                texts: list[str | None] = batch.column(0).to_pylist()
                numbers = []
                for _ in texts:
                    line += 1
                    while bad and line in bad:
                        line += 1
                    numbers.append(line)
                yield numbers, texts
            if bad is None:
                found = connection.sql(_REJECTS).fetchall()
                self._bad[path] = {n: _line_reject(n, message, raw) for n, _, message, raw in found}
        except self.duckdb.Error as exc:
            raise _unreadable(path, "JSON lines", exc) from None
        finally:
            connection.close()

    def batches(self) -> Iterator[pl.DataFrame]:
        """Each file's objects as all-string rows, in file order, over the columns of all."""
        for path, encoding in zip(self.files, self.encodings, strict=True):
            rejects = FileRejects(str(path), list(self._bad.get(path, {}).values()))
            rows = 0
            for numbers, texts in self._lines(path, encoding):
                columns: dict[str, list[str | None]] = {k: [] for k in self.keys}
                for number, text in zip(numbers, texts, strict=True):
                    if text is None or not text.strip():
                        continue
                    record = _parsed(text)
                    if not isinstance(record, dict):
                        why = f"invalid JSON: {record}" if isinstance(record, ValueError) else None
                        raw = text.rstrip("\r")
                        rejects.rejects.append(Reject(number, why or "not a JSON object", raw))
                        continue
                    for key, values in columns.items():
                        values.append(_json_text(record.get(key)))
                series = [
                    pl.Series(n, v, pl.String)
                    for n, v in zip(self.headers, columns.values(), strict=True)
                ]
                frame = pl.DataFrame(series).with_columns(pl.all().replace("", None))
                rows += frame.height
                if frame.height:
                    yield frame
            if not rows and not rejects.rejects:
                raise no_rows(path, self.headers)
            rejects.rejects.sort(key=lambda r: r.line)
            self._rejects.append(rejects)

    def rejects(self) -> list[FileRejects]:
        """The rejects of every file read so far (all of them once ``batches`` is done)."""
        return self._rejects


def _line_reject(line: int, message: str, raw: str) -> Reject:
    """A line DuckDB could not read (a NUL character in it, bytes of another encoding): the
    one-machine reason when the line is no JSON (a raw NUL never is), else DuckDB's."""
    text = raw.strip("\r\n")
    parsed = _parsed(text)
    why = f"invalid JSON: {parsed}" if isinstance(parsed, ValueError) else None
    return Reject(line, why or f"cannot read the line: {message}", text)


def _parsed(text: str | None) -> Any:
    """The JSON value of a line, the ``ValueError`` that parsing it raised, or None if blank."""
    if text is None or not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError as exc:
        return exc
