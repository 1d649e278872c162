"""Reading CSV lead files: encodings, delimiters, layout quirks, line numbers and rejects."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest

from leadsieve.io import LINE_COLUMN, Reject, iter_lead_batches, read_leads
from leadsieve.io._delimited import _swallowed
from tests.io.conftest import write_file

ROWS = "Company;City;Revenue\nCafé Müller;Köln;5 000 €\nSmörgås AB;Örebro;€ 12\n"
EXPECTED = [("Café Müller", "Köln", "5 000 €", 2), ("Smörgås AB", "Örebro", "€ 12", 3)]


def rows(path: Path) -> list[tuple[object, ...]]:
    """All rows of ``path`` as tuples, ``__line__`` last."""
    return read_leads(path).frame.rows()


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(ROWS.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + ROWS.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(ROWS.encode("utf-16"), "utf-16-le", id="utf-16-le-bom"),
        pytest.param(b"\xfe\xff" + ROWS.encode("utf-16-be"), "utf-16-be", id="utf-16-be-bom"),
        pytest.param(ROWS.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(ROWS.encode("cp1252"), "cp1252", id="cp1252"),
    ],
)
def test_encodings_are_detected_and_decoded(tmp_path: Path, data: bytes, encoding: str) -> None:
    """Each encoding is recognised, reported, and decoded to the same values, also streaming."""
    path = write_file(tmp_path, "leads.csv", data)
    lead_file = read_leads(path)
    assert lead_file.encoding == encoding
    assert lead_file.delimiter == ";"
    assert lead_file.frame.rows() == EXPECTED
    assert lead_file.frame.columns == ["Company", "City", "Revenue", LINE_COLUMN]
    batches = list(iter_lead_batches(path, batch_size=1))
    assert pl.concat([b.frame for b in batches]).rows() == EXPECTED
    assert {b.encoding for b in batches} == {encoding}


def test_stray_legacy_byte_in_a_utf8_file_is_read_as_cp1252(tmp_path: Path) -> None:
    """A UTF-8 file with one cp1252 byte far from its head keeps its UTF-8 text intact."""
    body = "Company,City\n" + "Müller GmbH,Köln\n" * 5000
    data = body.encode("utf-8") + "Café,Bräcke\n".encode("cp1252")
    lead_file = read_leads(write_file(tmp_path, "leads.csv", data))
    assert lead_file.frame.row(0)[:2] == ("Müller GmbH", "Köln")
    assert lead_file.frame.row(-1) == ("Café", "Bräcke", 5002)
    assert lead_file.encoding == "utf-8+cp1252"


@pytest.mark.parametrize(
    ("name", "text", "delimiter"),
    [
        pytest.param("a.csv", "a,b,c\n1,2,3\n", ",", id="comma"),
        pytest.param("a.csv", "a;b;c\n1;2,5;3\n", ";", id="semicolon-decimal-comma"),
        pytest.param("a.tsv", "a\tb\tc\n1\t2\t3\n", "\t", id="tab-tsv"),
        pytest.param("a.txt", "a\tb\tc\n1\t2\t3\n", "\t", id="tab-txt"),
        pytest.param("a.csv", "a|b|c\n1|2|3\n", "|", id="pipe"),
        pytest.param("a.csv", 'a,b,c\n"1;x",2,"3;y"\n', ",", id="comma-with-quoted-semicolons"),
    ],
)
def test_delimiter_is_sniffed(tmp_path: Path, name: str, text: str, delimiter: str) -> None:
    """The delimiter with consistent field counts wins, quotes respected."""
    lead_file = read_leads(write_file(tmp_path, name, text))
    assert lead_file.delimiter == delimiter
    assert lead_file.frame.columns == ["a", "b", "c", LINE_COLUMN]
    assert lead_file.frame.height == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'name,note\nA,"two\nlines"\nB,x\n',
            [("A", "two\nlines", 2), ("B", "x", 4)],
            id="quoted-newline",
        ),
        pytest.param(
            'name,note\r\nA,"two\r\nlines"\r\nB,x\r\n',
            [("A", "two\r\nlines", 2), ("B", "x", 4)],
            id="quoted-crlf",
        ),
        pytest.param(
            "name,note\n\nA,1\n   \n,\n\nB,2\n\n\n",
            [("A", "1", 3), ("B", "2", 7)],
            id="blank-whitespace-and-empty-records",
        ),
        pytest.param(
            'name,note\n"",""\nA,""\n',
            [("A", None, 3)],
            id="quoted-empty-is-null",
        ),
        pytest.param("name,note\r1,2\r3,4", [("1", "2", 2), ("3", "4", 3)], id="old-mac-cr"),
        pytest.param("name,note\nA,1", [("A", "1", 2)], id="no-final-newline"),
        pytest.param('name,note\nA,5" screen\n', [("A", '5" screen', 2)], id="stray-quote"),
        pytest.param("name,note\nA,\nB,\nC,x\n", [("A", None, 2), ("B", None, 3), ("C", "x", 4)],
                     id="empty-last-column"),
        pytest.param("name\nA\n\nB\n", [("A", 2), ("B", 4)], id="one-column"),
    ],
)  # fmt: skip
def test_line_numbers_follow_physical_lines(
    tmp_path: Path, text: str, expected: list[tuple[object, ...]]
) -> None:
    """``__line__`` is the physical line a record starts on; blank records are skipped."""
    assert rows(write_file(tmp_path, "leads.csv", text)) == expected


def test_values_stay_strings(tmp_path: Path) -> None:
    """No type inference: leading zeros, numbers, booleans and dates stay as written."""
    path = write_file(tmp_path, "leads.csv", "zip,n,flag,day\n00123,1e5,true,2024-01-31\n")
    frame = read_leads(path).frame
    assert frame.row(0) == ("00123", "1e5", "true", "2024-01-31", 2)
    assert set(frame.drop(LINE_COLUMN).dtypes) == {pl.String}
    assert frame.schema[LINE_COLUMN] == pl.Int64


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        pytest.param("Email,Email,Email", ["Email", "Email_2", "Email_3"], id="repeated"),
        pytest.param("Email,,Name", ["Email", "column_2", "Name"], id="blank"),
        pytest.param("__line__,Name", ["__line___2", "Name"], id="reserved"),
        pytest.param("A_2,A,A", ["A_2", "A", "A_3"], id="suffix-taken"),
    ],
)
def test_header_names_are_made_unique(tmp_path: Path, header: str, columns: list[str]) -> None:
    """Repeated or blank headers get unique names; the original names are kept otherwise."""
    path = write_file(tmp_path, "leads.csv", f"{header}\nx,y,z\n")
    assert read_leads(path).frame.columns == [*columns, LINE_COLUMN]


@pytest.mark.parametrize(
    ("preamble", "first_line"),
    [
        pytest.param(
            'Notes:\n"When exporting your connection data, you may notice that some of the '
            'email addresses are missing. You will only see email addresses, if allowed."\n\n',
            5,
            id="linkedin-notes",
        ),
        pytest.param("Leads export\n\n", 4, id="title-line"),
        pytest.param("\n\n", 4, id="leading-blank-lines"),
        pytest.param("", 2, id="none"),
    ],
)
def test_preamble_before_header_is_skipped(tmp_path: Path, preamble: str, first_line: int) -> None:
    """LinkedIn's Connections.csv "Notes:" preamble and blank line do not hide the header."""
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    record = "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme AB,Head of Sales,15 Oct 2023\n"
    lead_file = read_leads(write_file(tmp_path, "Connections.csv", preamble + header + record))
    assert lead_file.frame.columns[:3] == ["First Name", "Last Name", "URL"]
    assert lead_file.frame.row(0) == (
        "Ann",
        "Lee",
        "https://www.linkedin.com/in/ann-lee",
        None,
        "Acme AB",
        "Head of Sales",
        "15 Oct 2023",
        first_line,
    )


RAGGED = 'a,b,c\n1,2,3\nshort\n4,5,6,7\n8,9,10,,\n"x\ny",11\n12,13,14'


def test_ragged_records_become_rejects_and_the_rest_is_read(tmp_path: Path) -> None:
    """Wrong field counts are rejected with line and reason; empty extra fields are tolerated."""
    lead_file = read_leads(write_file(tmp_path, "leads.csv", RAGGED))
    assert lead_file.frame.rows() == [
        ("1", "2", "3", 2),
        ("8", "9", "10", 5),
        ("12", "13", "14", 8),
    ]
    # A record over several lines that does not fit may be a stray quote swallowing lines:
    # its first line is rejected and the next is read on its own (#13 item 17).
    assert lead_file.rejects == [
        Reject(3, "expected 3 fields, found 1", "short"),
        Reject(4, "expected 3 fields, found 4", "4,5,6,7"),
        Reject(6, _swallowed(), '"x'),
        Reject(7, "expected 3 fields, found 2", 'y",11'),
    ]
    assert lead_file.rows_in == 7


@pytest.mark.parametrize(
    ("text", "rejects"),
    [
        pytest.param("a,b,c\n1,2,\n3\n4,5,6\n", [Reject(3, "expected 3 fields, found 1", "3")],
                     id="short-among-empty-last-fields"),
        pytest.param('a,b,c\n1,2,""\n"3",4\r\n', [Reject(3, "expected 3 fields, found 2", '"3",4')],
                     id="quoted-short"),
        pytest.param('a,b,c\n1,2,3\n  \n"  "\n', [Reject(4, "expected 3 fields, found 1", '"  "')],
                     id="quoted-whitespace-is-not-blank"),
    ],
)  # fmt: skip
def test_short_records_are_found_without_the_slow_path(
    tmp_path: Path, text: str, rejects: list[Reject]
) -> None:
    """Short records hiding among empty last fields are rejected; the rest is kept."""
    lead_file = read_leads(write_file(tmp_path, "leads.csv", text))
    assert lead_file.rejects == rejects
    assert lead_file.rows_in == len(rejects) + lead_file.frame.height


@pytest.mark.parametrize("batch_size", [pytest.param(n, id=f"batch-{n}") for n in (1, 2, 3, 100)])
def test_batches_carry_their_own_lines_and_rejects(tmp_path: Path, batch_size: int) -> None:
    """Streaming gives the same rows, line numbers and rejects as reading whole."""
    path = write_file(tmp_path, "leads.csv", RAGGED)
    whole = read_leads(path)
    batches = list(iter_lead_batches(path, batch_size=batch_size))
    assert pl.concat([b.frame for b in batches]).equals(whole.frame)
    assert [r for b in batches for r in b.rejects] == whole.rejects
    for batch in batches:
        lines = batch.frame.get_column(LINE_COLUMN).to_list() + [r.line for r in batch.rejects]
        assert lines, "no empty batches"


def test_big_file_streams_in_many_batches_with_exact_lines(tmp_path: Path) -> None:
    """A file cut into many chunks keeps every record once, multi-line ones included."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "note"])
    expected_lines, line = [], 2
    for i in range(3000):
        note = f"line one\nline two {i}" if i % 7 == 0 else f'say "hi" {i}'
        writer.writerow([str(i), note])
        expected_lines.append(line)
        line += 1 + note.count("\n")
    path = write_file(tmp_path, "leads.csv", out.getvalue())
    batches = list(iter_lead_batches(path, batch_size=250))
    frame = pl.concat([b.frame for b in batches])
    assert len(batches) > 5
    assert frame.get_column("id").to_list() == [str(i) for i in range(3000)]
    assert frame.get_column(LINE_COLUMN).to_list() == expected_lines
    assert read_leads(path).frame.equals(frame)


@pytest.mark.parametrize(
    ("fixture", "height", "first"),
    [
        pytest.param("yc_sample", 40, ("29523", "K-Scale Labs"), id="yc-directory"),
        pytest.param("sp500_sample", 30, ("MMM", "3M"), id="sp500"),
    ],
)
def test_real_files_match_the_csv_module(
    request: pytest.FixtureRequest, fixture: str, height: int, first: tuple[str, str]
) -> None:
    """Real exports read the same as Python's csv module, line numbers included."""
    path: Path = request.getfixturevalue(fixture)
    frame = read_leads(path).frame
    reader = csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline=""))
    next(reader)
    expected, start = [], reader.line_num + 1
    for record in reader:
        expected.append((*(v or None for v in record), start))
        start = reader.line_num + 1
    assert frame.height == height
    assert frame.row(0)[:2] == first
    assert frame.rows() == expected
