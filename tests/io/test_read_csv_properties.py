"""Property tests: any CSV the csv module writes reads back exactly, whole or in batches."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from tempfile import TemporaryDirectory

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from leadsieve.io import LINE_COLUMN, Reject, iter_lead_batches, read_leads
from leadsieve.io._delimited import BLANK_ROW, _Chunk, _parse_chunk, _parse_exact

DELIMITERS = [",", ";", "\t", "|"]


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, str, int, list[list[str]], list[int], list[Reject]]:
    """A CSV text plus what reading it must give: rows, their lines and the rejects."""
    sep = draw(st.sampled_from(DELIMITERS))
    n = draw(st.integers(1, 4))
    alphabet = st.sampled_from(["a", "Z", " ", "é", "€", '"', "\n", "\r\n", "0", sep])
    value = st.lists(alphabet, max_size=6).map("".join)
    records = draw(st.lists(st.lists(value, min_size=n, max_size=n), min_size=1, max_size=30))
    # one column has no delimiter to sniff, so a "ragged" record there is just a value
    ragged = [n > 1 and draw(st.booleans()) and draw(st.booleans()) for _ in records]
    terminator = draw(st.sampled_from(["\n", "\r\n"]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator=terminator)
    writer.writerow([f"col{i}" for i in range(n)])
    rows, lines, rejects = [], [], []
    for record, bad in zip(records, ragged, strict=True):
        if draw(st.booleans()) and draw(st.booleans()):
            out.write(terminator)  # a blank line
        line = out.getvalue().count("\n") + 1
        if bad:
            width = draw(st.sampled_from([k for k in range(1, n + 3) if k != n]))
            start = out.tell()
            writer.writerow(["oops"] * width)
            raw = out.getvalue()[start:].rstrip("\r\n")
            rejects.append(Reject(line, f"expected {n} field{'s' * (n != 1)}, found {width}", raw))
            continue
        start = out.tell()
        writer.writerow(record)
        if any(record):
            rows.append(record)
            lines.append(line)
        else:  # every field empty: a blank row, counted as a reject, never dropped unseen
            rejects.append(Reject(line, BLANK_ROW, out.getvalue()[start:].rstrip("\r\n")))
    return out.getvalue(), sep, n, rows, lines, rejects


def expected_frame(n: int, rows: list[list[str]], lines: list[int]) -> pl.DataFrame:
    """The frame reading must produce: empty strings as null, then ``__line__``."""
    data = {f"col{i}": [r[i] or None for r in rows] for i in range(n)}
    return pl.DataFrame(data, schema=dict.fromkeys(data, pl.String)).with_columns(
        pl.Series(LINE_COLUMN, lines, dtype=pl.Int64)
    )


@settings(max_examples=150, deadline=None)
@given(csv_files(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]), st.integers(1, 40))
def test_written_csv_reads_back_exactly(
    case: tuple[str, str, int, list[list[str]], list[int], list[Reject]],
    encoding: str,
    batch_size: int,
) -> None:
    """Values, line numbers and rejects survive any quoting, encoding and batch size."""
    text, sep, n, rows, lines, rejects = case
    if not rows and all(r.reason == BLANK_ROW for r in rejects):
        return  # no data row: LeadFileNoRows, tested apart
    with TemporaryDirectory() as folder:
        path = Path(folder) / "leads.csv"
        path.write_bytes(text.encode(encoding))
        whole = read_leads(path)
        batches = list(iter_lead_batches(path, batch_size=batch_size))
    expected = expected_frame(n, rows, lines)
    if n > 1:
        assert whole.delimiter == sep
    assert whole.frame.equals(expected)
    assert whole.rejects == rejects
    assert pl.concat([b.frame for b in batches]).equals(expected)
    assert [r for b in batches for r in b.rejects] == rejects


@settings(max_examples=150, deadline=None)
@given(csv_files())
def test_fast_and_exact_parsers_agree(
    case: tuple[str, str, int, list[list[str]], list[int], list[Reject]],
) -> None:
    """The one-call Polars path and the csv-module path give the same frame and rejects."""
    text, sep, n, _, _, _ = case
    body = text.split("\n", 1)[1].encode("utf-8")
    names = [f"col{i}" for i in range(n)]
    n_lines = body.count(b"\n") + (not body.endswith(b"\n"))
    fast = _parse_chunk(_Chunk(body), 2, n_lines, names, sep)
    exact = _parse_exact(body, 2, names, sep)
    assert fast[0].equals(exact[0])
    assert fast[1] == exact[1]
