"""Files that cannot be read at all raise one clear ``LeadFileError`` each, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadsieve.errors import LeadFileError, LeadFileNoRows, LeadFileNotFound, LeadFileUnreadable
from leadsieve.io import iter_lead_batches, read_leads
from tests.io.conftest import write_file

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00"


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        pytest.param("a.csv", b"", LeadFileUnreadable, "is empty", id="zero-bytes"),
        pytest.param("a.csv", b" \r\n\t\n", LeadFileUnreadable, "is empty", id="whitespace"),
        pytest.param("a.csv", b"\xef\xbb\xbf\n", LeadFileUnreadable, "is empty", id="bom-only"),
        pytest.param("a.xlsx", b"", LeadFileUnreadable, "is empty", id="empty-xlsx"),
        pytest.param("a.csv", PNG, LeadFileUnreadable, "looks like a PNG image", id="png"),
        pytest.param("a.csv", PDF, LeadFileUnreadable, "looks like a PDF document", id="pdf"),
        pytest.param("a.csv", ZIP, LeadFileUnreadable, "looks like a ZIP archive", id="zip"),
        pytest.param(
            "a.csv", b"a,b\n" + b"\x00\x00\x01" * 60, LeadFileUnreadable, "NUL bytes", id="nul"
        ),
        pytest.param("a.csv", bytes(range(1, 32)) * 50, LeadFileUnreadable, "binary", id="ctrl"),
        pytest.param("a.xlsx", b"a,b\n1,2\n", LeadFileUnreadable, "Excel workbook", id="bad-xlsx"),
        pytest.param("a.xlsx", ZIP + b"junk", LeadFileUnreadable, "Excel workbook", id="bad-zip"),
        pytest.param("a.parquet", b"PAR1junkPAR1", LeadFileUnreadable, "Parquet", id="bad-pq"),
        pytest.param("a.json", b"[{", LeadFileUnreadable, "JSON array", id="bad-json"),
        pytest.param("a.csv", b"Name,Email\n", LeadFileNoRows, "Name, Email", id="header-only"),
        pytest.param("a.csv", b"Name,Email\n\n,\n", LeadFileNoRows, "Name, Email", id="blank-rows"),
        pytest.param("a.jsonl", b"[]", LeadFileNoRows, "no data rows", id="empty-json-array"),
    ],
)
def test_unreadable_files_raise_a_clear_error(
    tmp_path: Path, name: str, data: bytes, error: type[LeadFileError], message: str
) -> None:
    """The error class says what kind of problem it is; the message names the file and cause."""
    path = write_file(tmp_path, name, data)
    with pytest.raises(error, match=message) as caught:
        read_leads(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b'{"a": 1}\n{}\n', [("1", 1), (None, 2)], id="after-a-row"),
        pytest.param(b"\n{}\n", [(2,)], id="alone"),
    ],
)
def test_jsonl_empty_object_is_a_row(tmp_path: Path, data: bytes, expected: list[tuple]) -> None:
    """An empty JSON object is a row with no values: it counts, it is not an error."""
    assert read_leads(write_file(tmp_path, "a.jsonl", data)).frame.rows() == expected


def test_missing_path_is_not_found(tmp_path: Path) -> None:
    """A path that does not exist raises LeadFileNotFound at once, even when streaming."""
    with pytest.raises(LeadFileNotFound, match="no such file"):
        read_leads(tmp_path / "nope.csv")
    with pytest.raises(LeadFileNotFound):
        iter_lead_batches(tmp_path / "nope.csv")


def test_folder_is_unreadable(tmp_path: Path) -> None:
    """A directory is not a lead file."""
    with pytest.raises(LeadFileUnreadable, match="is a folder"):
        read_leads(tmp_path)


def test_empty_xlsx_sheet_has_no_rows(tmp_path: Path) -> None:
    """A sheet with a header and nothing under it raises LeadFileNoRows naming the header."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(tmp_path / "a.xlsx")
    workbook.add_worksheet("Leads").write_row(0, 0, ["Company", "Country"])
    workbook.close()
    with pytest.raises(LeadFileNoRows, match="Company, Country"):
        read_leads(tmp_path / "a.xlsx")


def test_empty_parquet_has_no_rows(tmp_path: Path) -> None:
    """A Parquet file with columns but no rows raises LeadFileNoRows naming the columns."""
    import polars as pl

    pl.DataFrame(schema={"Company": pl.String}).write_parquet(tmp_path / "a.parquet")
    with pytest.raises(LeadFileNoRows, match="Company"):
        read_leads(tmp_path / "a.parquet")


def test_batch_size_must_be_positive(tmp_path: Path) -> None:
    """A zero batch size is a programming error, not a file error."""
    with pytest.raises(ValueError, match="batch_size"):
        iter_lead_batches(write_file(tmp_path, "a.csv", "a\n1\n"), batch_size=0)
