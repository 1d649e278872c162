"""Text lead files: encodings, CSV sniffing and chunked CSV parsing (used by ``read``).

A CSV file is cut into byte chunks at record boundaries (a newline with an even count of quotes
before it), so memory stays bounded. Each chunk is one ``pl.read_csv`` call. Its line numbers
come cheap: when the row count equals the chunk's line count (Polars counts lines fast), line =
first line + row index; otherwise a record spans 1 + the line breaks inside its values, which
must add up to the chunk's line count. Only rows whose last field came back null can be blank or
short, so only those are checked, vectorized, by counting separators outside quotes. Anything
else (too many fields, stray quotes, bytes that are not UTF-8, counts that do not add up) sends
that chunk alone the exact way: Python's ``csv`` module over the decoded text. Both ways give
the same frame; bad records become ``Reject``s with their line number.
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final

import polars as pl

from leadsieve.errors import LeadFileNoRows, LeadFileUnreadable

#: Why a row whose every field is empty is rejected: it is counted, never silently dropped.
BLANK_ROW: Final = "blank row: every field is empty"
#: Name of the column holding each record's line (CSV, JSON lines) or row (XLSX) number.
LINE_COLUMN: Final = "__line__"
#: Bytes sniffed for format, encoding, delimiter and header.
HEAD: Final = 65_536
_DELIMITERS: Final = (",", ";", "\t", "|")
_READ_CHUNK: Final = 512 << 20  # bytes per chunk when reading a whole file
_MAX_CHUNK: Final = 16 << 20  # a chunk may grow to this before we stop looking for a boundary
_BACKTRACK: Final = 1_000  # newlines to walk back looking for a record boundary


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that was not read: the line it starts on, why, and its raw text."""

    line: int
    reason: str
    raw: str


Chunk = tuple[pl.DataFrame, list[Reject], str, str]  # rows, rejects, encoding, delimiter


def no_rows(path: Path, columns: Sequence[str]) -> LeadFileNoRows:
    """The error for a file with a header (``columns``) but no data rows."""
    seen = ", ".join(c for c in columns if c != LINE_COLUMN) or "none"
    return LeadFileNoRows(
        f"{path} has a header but no data rows (columns seen: {seen}). Export the leads again "
        "with their rows, or pick the sheet that holds them."
    )


def unique_names(names: Sequence[str]) -> list[str]:
    """Name blank headers ``column_N`` and suffix repeats: Email, Email_2."""
    seen, out = {LINE_COLUMN}, []
    for i, name in enumerate(names, 1):
        base = name if name.strip() else f"column_{i}"
        candidate, k = base, 2
        while candidate in seen:
            candidate, k = f"{base}_{k}", k + 1
        seen.add(candidate)
        out.append(candidate)
    return out


def with_lines(frame: pl.DataFrame, lines: Sequence[int]) -> pl.DataFrame:
    """Turn empty strings into nulls and add the ``__line__`` column."""
    return frame.with_columns(
        pl.all().replace("", None), pl.Series(LINE_COLUMN, lines, dtype=pl.Int64)
    )


def strip_nul(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` without NUL characters in its text cells (a cell of only NULs becomes null).

    NUL cannot be stored in PostgreSQL text and means nothing in a lead value: it is removed at
    read time, so one stray byte never fails a file or an import batch. Checked first, since
    the removal costs a pass over every column (CSV checks its bytes instead, faster still)."""
    text = [n for n, t in frame.schema.items() if t == pl.String]
    if not text:
        return frame
    found = frame.select(pl.any_horizontal(pl.col(text).str.contains("\x00", literal=True)))
    if not found.to_series().any():
        return frame
    cleaned = pl.col(text).str.replace_all("\x00", "", literal=True)
    return frame.with_columns(pl.when(cleaned == "").then(None).otherwise(cleaned).name.keep())


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Decode error handler: bytes that are not UTF-8 are read as cp1252."""
    assert isinstance(exc, UnicodeDecodeError)  # registered for decoding only
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


_CP1252_BYTES: Final = "leadsieve-cp1252-bytes"
codecs.register_error(_CP1252_BYTES, _cp1252_bytes)


def _utf8_blocks(
    f: IO[bytes], codec: str, start: tuple[int, int], size: int, cr: bool
) -> Iterator[bytes]:
    """The file from ``start`` (BOM length, UTF-8 bytes after it) as UTF-8 blocks, CR as LF."""
    bom, skip = start
    if codec == "utf-8" and not cr:
        f.seek(bom + skip)
        while block := f.read(size):
            yield block
        return
    f.seek(bom)
    text = io.TextIOWrapper(f, encoding=codec, errors="replace", newline=None if cr else "")
    while chunk := text.read(size):
        encoded = chunk.encode("utf-8")
        if skip < len(encoded):
            yield encoded[skip:] if skip else encoded
        skip = max(0, skip - len(encoded))
    text.detach()


class _Chunk:
    """Whole records: bytes in memory, or a file read from physical line ``skip`` on (Polars
    maps the file; its bytes from ``offset`` are read only when a check needs them)."""

    def __init__(self, data: bytes | Path, skip: int = 0, offset: int = 0) -> None:
        self.data, self.skip, self.offset = data, skip, offset
        self._raw = data if isinstance(data, bytes) else None

    def scan(self, **options: Any) -> pl.LazyFrame:
        return pl.scan_csv(self.data, has_header=False, skip_lines=self.skip, **options)

    def lines(self) -> int:
        """Physical lines (a last line without newline counts), counted fast by Polars."""
        lines = self.scan(quote_char=None, schema={"": pl.String}).select(pl.len())
        return int(lines.collect().item())

    def separators(self, sep: str) -> int:
        """Separators outside quotes: Polars counts the "lines" that end in ``sep``."""

        def count(data: bytes | Path) -> int:
            scan = pl.scan_csv(
                data, has_header=False, eol_char=sep, separator="\n", schema={"": pl.String}
            )
            return int(scan.select(pl.len()).collect().item())

        if isinstance(self.data, bytes):
            return count(self.data) - 1 + self.data.endswith(sep.encode())
        with self.data.open("rb") as f:
            head = f.read(self.offset)  # BOM, preamble and header: whole records, ends in "\n"
            f.seek(-1, io.SEEK_END)
            return count(self.data) - count(head) + (f.read(1) == sep.encode())

    def has_nul(self) -> bool:
        """True when the records hold a NUL byte (memchr over the bytes or the mapped file)."""
        if isinstance(self.data, bytes):
            return b"\x00" in self.data
        with self.data.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            return m.find(b"\x00", self.offset) >= 0

    @property
    def raw(self) -> bytes:
        """The records as bytes (read from the file on first use)."""
        if self._raw is None:
            assert isinstance(self.data, Path)
            with self.data.open("rb") as f:
                f.seek(self.offset)
                self._raw = f.read()
        return self._raw


def _records(text: str, sep: str) -> Iterator[tuple[int, int, list[str] | None, str]]:
    """Yield (first line, last line, fields or None when unparsable, raw text) per record."""
    buf: list[str] = []

    def lines() -> Iterator[str]:
        for line in io.StringIO(text, newline="\n"):
            buf.append(line)
            yield line

    reader, done = csv.reader(lines(), delimiter=sep), 0
    while True:
        fields: list[str] | None
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error:
            fields = None
        raw = "".join(buf).rstrip("\r\n")
        buf.clear()
        yield done + 1, reader.line_num, fields, raw
        done = reader.line_num


def _classify(fields: list[str] | None, n: int, raw: str) -> str | None:
    """None for a good record, "" for an empty line (not a row), else the reason to reject it
    (``BLANK_ROW`` for a row whose every field is empty)."""
    if fields is None:
        return "cannot parse the record (a stray quote or a line break outside quotes?)"
    if not fields or (n > 1 and len(fields) == 1 and not raw.strip()):
        return ""
    if not any(fields):
        return BLANK_ROW
    if len(fields) == n or (len(fields) > n and not any(fields[n:])):
        return None
    return _fields_reason(n, len(fields))


def _split_records(
    text: str, sep: str, n: int
) -> Iterator[tuple[int, list[str] | None, str, str | None]]:
    """(first line, fields, raw, verdict) per record, where a quote that never closes, or that
    closes on a later line into a record that does not fit, swallows no lines: the record's
    first line is rejected and reading starts again on the next line."""
    offset = 0
    while True:
        restart = None
        lines = text.count("\n") + (not text.endswith("\n"))
        for first, last, fields, raw in _records(text, sep):
            verdict = _classify(fields, n, raw)
            # an odd count of quotes up to the end of the text: the last quote never closed
            unclosed = last == lines and raw.count('"') % 2 == 1
            swallowed = last - first >= 2 and fields is not None and _swallows(fields, sep, n)
            if last > first and (verdict or unclosed or swallowed):
                line = raw.split("\n", 1)[0].rstrip("\r")
                yield offset + first, None, line, _swallowed()
                restart = first
                break
            yield offset + first, fields, raw, verdict
        if restart is None:
            return
        cut = 0
        for _ in range(restart):
            cut = text.index("\n", cut) + 1
        text, offset = text[cut:], offset + restart


def _swallows(values: Sequence[str | None], sep: str, n: int) -> bool:
    """True when a value holds lines that look like records of the file: at least three lines
    after its first, half of them or more with exactly the n - 1 separators of a row and
    something between them. A stray quote read them into one value; an address or a
    description rarely looks like that. Files of one or two columns are not judged: too many
    ordinary lines have the one separator of a two-column row."""
    if n < 3:
        return False
    for value in values:
        if value and value.count("\n") >= 3:
            after = value.split("\n")[1:]
            rows = sum(p.count(sep) == n - 1 and bool(p.replace(sep, "").strip()) for p in after)
            if rows >= 3 and rows * 2 >= len(after):
                return True
    return False


def _swallowed() -> str:
    return (
        "a quote on this line is never closed the way the file's rows are (it would swallow "
        "the lines after it into one value); the lines after it are read on their own"
    )


def _fields_reason(expected: int, found: int) -> str:
    return f"expected {expected} field{'s' * (expected != 1)}, found {found}"


def header_index(records: Sequence[list[str] | None]) -> int | None:
    """Index of the header record, skipping blank records and a preamble ("Notes:" ...)."""
    filled = [i for i, r in enumerate(records) if r and any(f.strip() for f in r)]
    if not filled:
        return None
    first = filled[0]
    head = records[first] or []
    blank = next(
        (i for i in range(first + 1, min(len(records), first + 20)) if i not in filled), None
    )
    if blank is not None and (after := next((i for i in filled if i > blank), None)) is not None:
        notes = head[0].strip().lower().startswith("notes:")
        if notes or (len(head) == 1 and len(records[after] or []) > 1):
            return after
    return first


def _layout(path: Path, text: str, complete: bool) -> tuple[str, list[str], int, int]:
    """Sniff delimiter and header; return them, the first data line and its char offset."""
    if not complete:
        text = text[: text.rfind("\n") + 1]
    best: tuple[tuple[bool, bool, int, float], str, list[str], int] | None = None
    for sep in ("\t", ",", ";", "|") if path.suffix.lower() == ".tsv" else _DELIMITERS:
        recs = [r for _, r in zip(range(200), _records(text, sep), strict=False)]
        h = header_index([r[2] for r in recs])
        if h is None:
            continue
        names = recs[h][2] or []
        counts = [len(r[2]) for r in recs[h + 1 :] if r[2] and any(r[2])]
        agree = sum(c == len(names) for c in counts) / len(counts) if counts else 1.0
        score = (len(names) > 1, agree >= 0.9, len(names), agree)
        if best is None or score > best[0]:
            best = (score, sep, names, recs[h][1])
    if best is None:
        raise LeadFileUnreadable(f"{path} has no header line in its first 64 KB: is it CSV?")
    _, sep, names, last = best
    offset = 0
    for _ in range(last):
        offset = text.find("\n", offset) + 1 or len(text)
    return sep, unique_names(names), last + 1, offset


def _chunks(blocks: Iterator[bytes], target: int) -> Iterator[bytes]:
    """Regroup blocks into chunks that end on a record boundary, copying each byte once."""
    carry = b""
    block = next(blocks, None)
    while block is not None:
        following = next(blocks, None)
        if following is None:  # the last block: no boundary to look for
            yield b"".join((carry, block)) if carry else block
            return
        cut = _boundary(block, carry.count(b'"') & 1)
        if not cut and len(carry) + len(block) >= max(8 * target, _MAX_CHUNK):
            cut = block.rfind(b"\n") + 1  # a stray quote: give up on quote parity here
        if cut:
            yield b"".join((carry, memoryview(block)[:cut])) if carry or cut < len(block) else block
            carry = block[cut:]
        else:
            carry += block
        block = following


def _boundary(buf: bytes, odd: int) -> int:
    """Offset after the last newline with an even count of quotes before it (from ``odd``)."""
    pos = buf.rfind(b"\n")
    if pos >= 0:
        odd ^= buf.count(b'"', 0, pos) & 1
    for _ in range(_BACKTRACK):
        if pos < 0:
            return 0
        if not odd:
            return pos + 1
        prev = buf.rfind(b"\n", 0, pos)
        odd ^= buf.count(b'"', max(prev, 0), pos) & 1
        pos = prev
    return 0


def _parse_chunk(
    chunk: _Chunk, line: int, n_lines: int, names: list[str], sep: str
) -> tuple[pl.DataFrame, list[Reject], str | None]:
    """Parse ``n_lines`` physical lines of whole records starting on ``line``."""
    schema = dict.fromkeys(names, pl.String)
    options = {"row_index_name": LINE_COLUMN, "row_index_offset": line, "null_values": [""]}
    try:  # the row index keeps __line__ chunked like the other columns: no copies later
        frame = chunk.scan(schema=schema, separator=sep, **options).collect()
    except pl.exceptions.PolarsError:
        return _parse_exact(chunk.raw, line, names, sep)
    first_line = pl.col(LINE_COLUMN).cast(pl.Int64)
    if frame.height != n_lines:  # quoted line breaks: a record spans 1 + its values' newlines
        newlines = pl.col(names).str.count_matches("\n", literal=True).fill_null(0)
        extra = frame.select(pl.sum_horizontal(newlines).cast(pl.Int64)).to_series()
        if frame.height + extra.sum() != n_lines:
            return _parse_exact(chunk.raw, line, names, sep)
        long_records = (extra >= 2).arg_true().to_list()
        values = frame.select(names)
        if any(_swallows(values.row(i), sep, len(names)) for i in long_records):
            return _parse_exact(chunk.raw, line, names, sep)
        first_line = first_line + (extra.cum_sum() - extra)
    frame = frame.select(*names, first_line.alias(LINE_COLUMN))
    suspects = frame.get_column(names[-1]).is_null().arg_true()
    if suspects.is_empty() or _all_full(chunk, frame.select(names), sep):
        return frame, [], None
    # A null last field: an empty field, a blank or a short record. Count fields outside quotes.
    first_lines = frame.get_column(LINE_COLUMN)
    spans = first_lines.shift(-1, fill_value=line + n_lines) - first_lines
    starts = first_lines.gather(suspects)
    raw_lines = chunk.raw.split(b"\n")
    raws = [
        b"\n".join(raw_lines[i - line : i - line + n]) if n > 1 else raw_lines[i - line]
        for i, n in zip(starts.to_list(), spans.gather(suspects).to_list(), strict=True)
    ]
    raw = pl.Series(raws, dtype=pl.Binary).cast(pl.String).str.strip_suffix("\r")
    found = raw.str.replace_all('"[^"]*"', "").str.count_matches(sep, literal=True) + 1
    empty = frame.select(pl.all_horizontal(pl.col(names).is_null())).to_series().gather(suspects)
    no_row = (found == 1) & (raw.str.strip_chars() == "")  # an empty line: not a row at all
    blank = empty & ~no_row  # separators and nothing else: a row, counted as blank
    bad = ~no_row & ~empty & (found != len(names))
    expected = f"expected {len(names)} field{'s' * (len(names) != 1)}, found "
    miscount = pl.lit(expected) + pl.col("found").cast(pl.String)
    reason = pl.when(pl.col("blank")).then(pl.lit(BLANK_ROW)).otherwise(miscount)
    table = pl.DataFrame([starts, found.alias("found"), raw.alias("raw"), blank.alias("blank")])
    out = table.filter(blank | bad).select(LINE_COLUMN, reason.alias("reason"), "raw")
    rejects = [Reject(*r) for r in out.iter_rows()]
    drop = suspects.filter(no_row | blank | bad)
    keep = pl.repeat(True, frame.height, eager=True).scatter(drop, False)
    return frame.filter(keep), rejects, None


def _all_full(chunk: _Chunk, frame: pl.DataFrame, sep: str) -> bool:
    """No blank row and no short one: the separators outside quotes are all between fields."""
    if frame.select(pl.all_horizontal(pl.all().is_null()).any()).item():
        return False
    return chunk.separators(sep) == frame.height * (frame.width - 1)


def _parse_exact(
    chunk: bytes, line: int, names: list[str], sep: str
) -> tuple[pl.DataFrame, list[Reject], str | None]:
    """The exact way: Python's csv module, record by record."""
    codec = None
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError:  # a UTF-8 file with stray legacy bytes: read just those as cp1252
        text, codec = chunk.decode("utf-8", errors=_CP1252_BYTES), "utf-8+cp1252"
    rows: list[list[str]] = []
    lines: list[int] = []
    rejects: list[Reject] = []
    for first, fields, raw, verdict in _split_records(text, sep, len(names)):
        if verdict is None and fields is not None:
            rows.append(fields[: len(names)])
            lines.append(line + first - 1)
        elif verdict:
            rejects.append(Reject(line + first - 1, verdict, raw))
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
    frame = pl.DataFrame(
        dict(zip(names, columns, strict=True)), schema=dict.fromkeys(names, pl.String)
    )
    return with_lines(frame, lines), rejects, codec


def iter_csv(path: Path, batch_size: int | None, codec: str, bom: int) -> Iterator[Chunk]:
    """Yield the records of a CSV file in ``codec`` after a ``bom``-byte BOM, in chunks of
    about ``batch_size`` rows (None: up to 512 MB)."""
    with path.open("rb") as f:
        head = f.read(HEAD)
        text = head[bom:].decode(codec, errors="replace")
        if not text.strip():
            raise LeadFileUnreadable(f"{path} is empty: export the leads again or pick another.")
        if sum(c < " " and c not in "\t\r\n" for c in text) > len(text) // 10:
            raise LeadFileUnreadable(f"{path} looks like binary data, not a text lead file.")
        cr = "\r" in text and "\n" not in text
        text = text.replace("\r", "\n") if cr else text
        sep, names, line, offset = _layout(path, text, complete=len(head) < HEAD)
        size = _READ_CHUNK
        if batch_size is not None:
            size = max(1, batch_size * len(text.encode()) // max(1, text.count("\n")))
        label = f"{codec}-sig" if codec == "utf-8" and bom else codec
        start = (bom, len(text[:offset].encode()))
        chunks: Iterator[_Chunk] = iter([_Chunk(path, line - 1, sum(start))])
        if batch_size is not None or codec != "utf-8" or cr or size < path.stat().st_size:
            chunks = map(_Chunk, _chunks(_utf8_blocks(f, codec, start, size, cr), size))
        rows_in = 0
        for chunk in chunks:
            n_lines = chunk.lines()
            frame, rejects, fallback = _parse_chunk(chunk, line, n_lines, names, sep)
            if chunk.has_nul():
                frame = strip_nul(frame)
            line += n_lines
            rows_in += frame.height + sum(r.reason != BLANK_ROW for r in rejects)
            if frame.height or rejects:
                yield frame, rejects, fallback or label, sep
        if not rows_in:
            raise no_rows(path, names)
