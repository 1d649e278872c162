"""Writing lead frames and rejects, whole and batch by batch."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

import leadsieve.io.write as write_module
from leadsieve.errors import OutputUnwritable
from leadsieve.io import LINE_COLUMN, LeadWriter, Reject, read_leads, write_leads, write_rejects

EXTENSIONS = [".csv", ".tsv", ".xlsx", ".parquet", ".pq", ".jsonl", ".ndjson"]


def make_leads(n: int = 3, start: int = 0) -> pl.DataFrame:
    """A small lead frame: strings (with a leading zero, accents and a comma) and a score."""
    return pl.DataFrame(
        {
            "Company": [f"Acme, {i} Ö" for i in range(start, start + n)],
            "Zip": [f"{i:05d}" for i in range(start, start + n)],
            "Notes": [None if i % 2 else 'say "hi"\nbye' for i in range(start, start + n)],
            "fit_score": list(range(start, start + n)),
        }
    )


@pytest.mark.parametrize("ext", [pytest.param(e, id=e) for e in EXTENSIONS])
def test_write_then_read_round_trips(tmp_path: Path, ext: str) -> None:
    """What write_leads writes, read_leads reads back (values as strings)."""
    frame = make_leads()
    path = tmp_path / f"out{ext}"
    write_leads(frame, path)
    back = read_leads(path).frame.drop(LINE_COLUMN)
    assert back.equals(frame.with_columns(pl.col("fit_score").cast(pl.String)))


@pytest.mark.parametrize(
    ("ext", "expected"),
    [
        pytest.param(".csv", ("b2b; saas", '{"city":"Köln"}'), id="csv"),
        pytest.param(".xlsx", ("b2b; saas", '{"city":"Köln"}'), id="xlsx"),
        pytest.param(".jsonl", ('["b2b","saas"]', '{"city":"Köln"}'), id="jsonl"),
        pytest.param(".parquet", ('["b2b","saas"]', '{"city":"Köln"}'), id="parquet"),
    ],
)
def test_nested_columns(tmp_path: Path, ext: str, expected: tuple[str, str]) -> None:
    """Lists and structs become text where the format cannot nest, and stay nested otherwise."""
    frame = pl.DataFrame({"tags": [["b2b", "saas"]], "hq": [{"city": "Köln"}]})
    path = tmp_path / f"out{ext}"
    write_leads(frame, path)
    assert read_leads(path).frame.row(0)[:2] == expected


def test_write_rejects_as_csv(tmp_path: Path) -> None:
    """Rejects are written as line, reason, raw."""
    path = tmp_path / "rejects.csv"
    write_rejects([Reject(3, "expected 3 fields, found 1", "short"), Reject(9, "x", 'a,"b')], path)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "line,reason,raw"
    assert read_leads(path).frame.rows() == [
        ("3", "expected 3 fields, found 1", "short", 2),
        ("9", "x", 'a,"b', 3),
    ]


def test_write_no_rejects_writes_a_header(tmp_path: Path) -> None:
    """An empty reject list still gives a file with a header."""
    path = tmp_path / "rejects.csv"
    write_rejects([], path)
    assert path.read_text(encoding="utf-8").strip() == "line,reason,raw"


@pytest.mark.parametrize("ext", [pytest.param(e, id=e) for e in EXTENSIONS])
def test_lead_writer_appends_batches(tmp_path: Path, ext: str) -> None:
    """Batches written one by one read back as one frame, header once."""
    path = tmp_path / f"out{ext}"
    batches = [make_leads(2, 0), make_leads(3, 2), make_leads(1, 5)]
    with LeadWriter(path) as writer:
        for batch in batches:
            writer.write(batch)
    expected = pl.concat(batches).with_columns(pl.col("fit_score").cast(pl.String))
    assert read_leads(path).frame.drop(LINE_COLUMN).equals(expected)


def test_lead_writer_streams_text_as_it_goes(tmp_path: Path) -> None:
    """CSV batches reach the file before close; a header appears once."""
    path = tmp_path / "out.csv"
    writer = LeadWriter(path)
    writer.write(make_leads(1))
    writer.write(make_leads(1, 1))
    assert path.read_text(encoding="utf-8").count("Company,Zip") == 1
    writer.close()
    writer.close()


def test_lead_writer_refuses_other_columns_and_closed_use(tmp_path: Path) -> None:
    """Every batch must have the first batch's columns; a closed writer takes no batch."""
    writer = LeadWriter(tmp_path / "out.jsonl")
    writer.write(make_leads(1))
    with pytest.raises(ValueError, match="differ"):
        writer.write(make_leads(1).drop("Zip"))
    writer.close()
    with pytest.raises(ValueError, match="closed"):
        writer.write(make_leads(1))
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["Zip"] for line in lines] == ["00000"]


@pytest.mark.parametrize(
    "name", [pytest.param(n, id=n) for n in ("out.xls", "out.txt", "out", "out.json")]
)
def test_unknown_output_format_lists_supported_ones(tmp_path: Path, name: str) -> None:
    """Writing to an extension we do not write names the ones we do."""
    with pytest.raises(OutputUnwritable, match=r"\.csv, \.tsv, \.xlsx, \.parquet"):
        write_leads(make_leads(), tmp_path / name)
    with pytest.raises(OutputUnwritable):
        LeadWriter(tmp_path / name)


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    """A path in a folder that does not exist gives a LeadFileError, not an OSError."""
    with pytest.raises(OutputUnwritable, match="folder exists"):
        write_leads(make_leads(), tmp_path / "nope" / "out.csv")


def test_xlsx_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More rows than an Excel sheet holds is refused with a pointer to CSV or Parquet."""
    monkeypatch.setattr(write_module, "_XLSX_MAX_ROWS", 2)
    with pytest.raises(OutputUnwritable, match=r"\.csv or \.parquet"):
        write_leads(make_leads(3), tmp_path / "out.xlsx")
    writer = LeadWriter(tmp_path / "stream.xlsx")
    writer.write(make_leads(2))
    with pytest.raises(OutputUnwritable, match="do not fit"):
        writer.write(make_leads(1))


def test_parquet_writer_without_pyarrow_holds_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without pyarrow, Parquet batches are held and written once at close."""
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    path = tmp_path / "out.parquet"
    with LeadWriter(path) as writer:
        writer.write(make_leads(2))
        writer.write(make_leads(2, 2))
        assert not path.exists()
    assert read_leads(path).frame.height == 4
