"""Reading XLSX, Parquet and JSON lead files, and telling formats apart."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from leadsieve.errors import LeadFileUnreadable
from leadsieve.io import LINE_COLUMN, Reject, iter_lead_batches, read_leads
from tests.io.conftest import write_file


def make_workbook(path: Path) -> Path:
    """Two sheets: "Leads" from A1 with a gap row; "Other" with a title row above its header."""
    workbook = xlsxwriter.Workbook(path)
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    leads = workbook.add_worksheet("Leads")
    leads.write_row(0, 0, ["Company", "Zip", "Employees", "Active", "Founded"])
    leads.write_row(1, 0, ["Acme", "00123", 250, True])
    leads.write_datetime(1, 4, dt.datetime(2020, 1, 2), day)
    leads.write_row(3, 0, ["Beta", "01234", 12.5])
    other = workbook.add_worksheet("Other")
    other.write(0, 0, "Exported leads")
    other.write_row(2, 1, ["Name", "City", "City"])
    other.write_row(3, 1, ["Gamma", "Oslo", "Bergen"])
    workbook.close()
    return path


LEADS_ROWS = [
    ("Acme", "00123", "250", "true", "2020-01-02 00:00:00", 2),
    ("Beta", "01234", "12.5", None, None, 4),
]
OTHER_ROWS = [("Gamma", "Oslo", "Bergen", 4)]


@pytest.mark.parametrize(
    ("name", "sheet", "columns", "expected"),
    [
        pytest.param("a.xlsx", None, ["Company", "Zip"], LEADS_ROWS, id="first-sheet"),
        pytest.param("a.xlsx", 0, ["Company", "Zip"], LEADS_ROWS, id="index-0"),
        pytest.param("a.xlsx", "Other", ["Name", "City", "City_2"], OTHER_ROWS, id="by-name"),
        pytest.param("a.XLSM", 1, ["Name", "City", "City_2"], OTHER_ROWS, id="index-1-xlsm"),
    ],
)
def test_xlsx_sheets_read_as_strings_with_excel_rows(
    tmp_path: Path, name: str, sheet: str | int | None, columns: list[str], expected: list[tuple]
) -> None:
    """Cells become strings, empty rows are skipped, and ``__line__`` is the Excel row."""
    lead_file = read_leads(make_workbook(tmp_path / name), sheet=sheet)
    assert lead_file.format == "xlsx"
    assert lead_file.frame.columns[: len(columns)] == columns
    assert lead_file.frame.columns[-1] == LINE_COLUMN
    assert lead_file.frame.rows() == expected


@pytest.mark.parametrize(
    "sheet", [pytest.param("Missing", id="unknown-name"), pytest.param(5, id="index-too-big")]
)
def test_unknown_sheet_names_the_sheets_that_exist(tmp_path: Path, sheet: str | int) -> None:
    """Asking for a sheet the workbook lacks lists the sheets it has."""
    with pytest.raises(LeadFileUnreadable, match=r"0: 'Leads', 1: 'Other'"):
        read_leads(make_workbook(tmp_path / "a.xlsx"), sheet=sheet)


def test_xlsx_batches_slice_the_sheet(tmp_path: Path) -> None:
    """A workbook streams as slices that keep their Excel row numbers."""
    batches = list(iter_lead_batches(make_workbook(tmp_path / "a.xlsx"), batch_size=1))
    assert [b.frame.get_column(LINE_COLUMN).to_list() for b in batches] == [[2], [4]]


def make_parquet(path: Path, height: int = 3) -> Path:
    """A Parquet file with typed, nested and null columns."""
    frame = pl.DataFrame(
        {
            "company": [f"Co {i}" for i in range(height)],
            "employees": list(range(height)),
            "revenue": [1.5 * i for i in range(height)],
            "public": [i % 2 == 0 for i in range(height)],
            "founded": [dt.date(2000 + i, 1, 1) for i in range(height)],
            "tags": [["b2b", "saas"] if i == 0 else None for i in range(height)],
            "hq": [{"city": "Köln", "zip": "00123"}] * height,
            "nothing": [None] * height,
        }
    )
    frame.write_parquet(path)
    return path


def test_parquet_values_become_strings_and_json(tmp_path: Path) -> None:
    """Typed Parquet columns read as strings; nested values as JSON; rows numbered from 1."""
    lead_file = read_leads(make_parquet(tmp_path / "leads.PARQUET"))
    assert lead_file.format == "parquet"
    assert set(lead_file.frame.drop(LINE_COLUMN).dtypes) == {pl.String}
    assert lead_file.frame.row(0) == (
        "Co 0",
        "0",
        "0.0",
        "true",
        "2000-01-01",
        '["b2b","saas"]',
        '{"city":"Köln","zip":"00123"}',
        None,
        1,
    )
    assert lead_file.frame.get_column(LINE_COLUMN).to_list() == [1, 2, 3]


def test_parquet_streams_in_batches(tmp_path: Path) -> None:
    """Parquet batches keep counting rows across batches."""
    path = make_parquet(tmp_path / "leads.pq", height=10)
    batches = list(iter_lead_batches(path, batch_size=4))
    lines = pl.concat([b.frame for b in batches]).get_column(LINE_COLUMN).to_list()
    assert len(batches) >= 2
    assert lines == list(range(1, 11))


JSONL = (
    '{"company": "Acme", "employees": 250, "tags": ["b2b"], "public": true}\n'
    "\n"
    '{"company": "Beta", "zip": "00123", "hq": {"city": "Oslo"}, "employees": null}\n'
    "not json\n"
    "[1, 2]\n"
    '{"company": "", "note": "ünïcode"}\n'
)


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in ("a.jsonl", "a.ndjson", "a.log")])
def test_json_lines_read_with_rejects(tmp_path: Path, name: str) -> None:
    """Each JSON object is a row at its line; bad lines are rejected, not fatal."""
    lead_file = read_leads(write_file(tmp_path, name, JSONL))
    assert lead_file.format == "jsonl"
    assert lead_file.frame.columns == [
        "company", "employees", "tags", "public", "zip", "hq", "note", LINE_COLUMN
    ]  # fmt: skip
    assert lead_file.frame.rows() == [
        ("Acme", "250", '["b2b"]', "true", None, None, None, 1),
        ("Beta", None, None, None, "00123", '{"city":"Oslo"}', None, 3),
        (None, None, None, None, None, None, "ünïcode", 6),
    ]
    assert lead_file.rejects[0].line == 4
    assert lead_file.rejects[0].reason.startswith("invalid JSON")
    assert lead_file.rejects[1] == Reject(5, "not a JSON object", "[1, 2]")
    assert lead_file.rows_in == 5


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        pytest.param(
            [{"company": "Acme"}, {"company": "Beta", "n": 1.5}],
            [("Acme", None, 1), ("Beta", "1.5", 2)],
            id="array",
        ),
        pytest.param({"company": "Solo"}, [("Solo", 1)], id="one-object"),
    ],
)
def test_json_documents_read_whole(
    tmp_path: Path, document: object, expected: list[tuple[object, ...]]
) -> None:
    """A .json array of objects (or one object) becomes rows numbered from 1."""
    path = write_file(tmp_path, "leads.json", json.dumps(document, indent=2))
    assert read_leads(path).frame.rows() == expected


def make_text(path: Path) -> Path:
    """A small comma-separated file."""
    return write_file(path.parent, path.name, "a,b\n1,2\n")


def make_jsonl(path: Path) -> Path:
    """A one-line JSON lines file."""
    return write_file(path.parent, path.name, '{"a": 1}\n')


@pytest.mark.parametrize(
    ("name", "maker", "fmt"),
    [
        pytest.param("leads.dat", make_text, "csv", id="text"),
        pytest.param("leads.bin", make_parquet, "parquet", id="parquet"),
        pytest.param("leads.export", make_workbook, "xlsx", id="xlsx"),
        pytest.param("leads", make_jsonl, "jsonl", id="jsonl"),
    ],
)
def test_unknown_extensions_are_sniffed(
    tmp_path: Path, name: str, maker: Callable[[Path], Path], fmt: str
) -> None:
    """Without a known extension the first bytes decide the format."""
    assert read_leads(maker(tmp_path / name)).format == fmt
