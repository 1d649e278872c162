"""Files a person opens: formulas neutralized in CSV/TSV, CSV for Excel, XLSX as data."""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import fastexcel
import polars as pl
import pytest

from leadsieve.io import LINE_COLUMN, LeadWriter, Reject, read_leads, write_leads, write_rejects
from leadsieve.io.write import CsvStyle, csv_style, neutralize_formulas, safe_cell

HOSTILE = '=HYPERLINK("http://x","click")'


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        pytest.param(HOSTILE, "'" + HOSTILE, id="equals"),
        pytest.param("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0", id="plus-dde"),
        pytest.param("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0", id="minus-formula"),
        pytest.param("@SUM(1+1)", "'@SUM(1+1)", id="at"),
        pytest.param("\t=1+1", "'\t=1+1", id="tab"),
        pytest.param("\r=1+1", "'\r=1+1", id="carriage-return"),
        pytest.param("+46 8 123 456", "'+46 8 123 456", id="phone-with-spaces-is-not-a-number"),
        pytest.param("-", "'-", id="lone-minus"),
        pytest.param("-5", "-5", id="negative-number"),
        pytest.param("+3.5", "+3.5", id="signed-decimal"),
        pytest.param("-1,5", "-1,5", id="decimal-comma"),
        pytest.param("-1e-3", "-1e-3", id="exponent"),
        pytest.param("Acme = best", "Acme = best", id="equals-inside"),
        pytest.param("Société Générale", "Société Générale", id="plain"),
    ],
)
def test_formula_cells_get_a_quote_and_numbers_do_not(cell: str, written: str) -> None:
    """OWASP's leading characters get a ``'``; a cell that is only a number is left alone."""
    frame = pl.DataFrame({"name": [cell]})
    assert neutralize_formulas(frame).item() == written
    assert safe_cell(cell) == written


@pytest.mark.parametrize("ext", [".csv", ".tsv"])
def test_score_like_output_is_neutralized_in_csv_and_tsv(tmp_path: Path, ext: str) -> None:
    """write_leads and LeadWriter (batch by batch) both neutralize; numbers and nulls stay."""
    frame = pl.DataFrame({"name": [HOSTILE, "Acme"], "delta": ["-5", None], "n": [-5, 3]})
    whole, batched = tmp_path / f"whole{ext}", tmp_path / f"batched{ext}"
    write_leads(frame, whole)
    with LeadWriter(batched) as out:
        out.write(frame.head(1))
        out.write(frame.tail(1))
    for path in (whole, batched):
        back = read_leads(path).frame
        assert back["name"].to_list() == ["'" + HOSTILE, "Acme"]
        assert back["delta"].to_list() == ["-5", None]
        assert back["n"].to_list() == ["-5", "3"]


def test_raw_csv_keeps_values_for_machines(tmp_path: Path) -> None:
    """``CsvStyle(raw=True)``, passed or set around a call, writes cells exactly as they are."""
    frame = pl.DataFrame({"name": [HOSTILE]})
    write_leads(frame, tmp_path / "passed.csv", style=CsvStyle(raw=True))
    with csv_style(CsvStyle(raw=True)), LeadWriter(tmp_path / "context.csv") as out:
        out.write(frame)
    write_leads(frame, tmp_path / "after.csv")  # the context is over: neutralized again
    assert read_leads(tmp_path / "passed.csv").frame["name"].item() == HOSTILE
    assert read_leads(tmp_path / "context.csv").frame["name"].item() == HOSTILE
    assert read_leads(tmp_path / "after.csv").frame["name"].item() == "'" + HOSTILE


def test_rejects_file_is_neutralized(tmp_path: Path) -> None:
    """A rejected line's raw text is a cell a person opens too."""
    path = tmp_path / "rejects.csv"
    write_rejects([Reject(3, "expected 2 fields, found 3", "=1+1,a,b")], path)
    assert read_leads(path).frame["raw"].item() == "'=1+1,a,b"


def test_excel_csv_has_a_bom_and_the_asked_delimiter(tmp_path: Path) -> None:
    """Excel style: UTF-8 with BOM (German Excel shows umlauts right) and ``;`` kept, in
    whole files and in batches (one BOM, at the start)."""
    frame = pl.DataFrame({"Firma": ["Müller GmbH", "Société Générale"], "Ort": ["Köln", "Paris"]})
    style = CsvStyle(excel=True, delimiter=";")
    whole, batched = tmp_path / "whole.csv", tmp_path / "batched.csv"
    write_leads(frame, whole, style=style)
    with LeadWriter(batched, style=style) as out:
        out.write(frame.head(1))
        out.write(frame.tail(1))
    expected = "\ufeffFirma;Ort\nMüller GmbH;Köln\nSociété Générale;Paris\n".encode()
    assert whole.read_bytes() == expected
    assert batched.read_bytes() == expected


def test_xlsx_keeps_types_text_and_never_formulas(tmp_path: Path) -> None:
    """Numbers and booleans are typed cells; text (formula-like, with control characters,
    carriage returns, escape look-alikes or XML markup) reads back exactly; no formula cell."""
    texts = [HOSTILE, "a\r\nb", "bell\x07end", "_x0041_", "<b>&amp;</b>", None]
    frame = pl.DataFrame(
        {
            "text": texts,
            "score": [1, 2, 3, 4, 5, None],
            "coverage": [0.5, float("nan"), 1.0, 0.25, 0.0, None],
            "qualified": [True, False, True, None, False, True],
        }
    )
    path = tmp_path / "out.xlsx"
    write_leads(frame, path)
    sheet = fastexcel.read_excel(str(path)).load_sheet(0).to_polars()
    assert sheet["text"].to_list() == texts
    assert sheet.schema["score"] == pl.Float64 and sheet["score"].to_list()[:2] == [1.0, 2.0]
    assert sheet["qualified"].to_list() == [True, False, True, None, False, True]
    coverage = sheet["coverage"].to_list()
    assert coverage[0] == 0.5 and math.isnan(coverage[1]) and coverage[5] is None
    with zipfile.ZipFile(path) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_xlsx_of_many_rows_is_written_in_slices(tmp_path: Path) -> None:
    """Rows past the first slice keep their order and row numbers."""
    n = 45_000
    frame = pl.DataFrame({"i": [str(k) for k in range(n)]})
    path = tmp_path / "many.xlsx"
    write_leads(frame, path)
    back = read_leads(path).frame
    assert back["i"].to_list() == frame["i"].to_list()
    assert back[LINE_COLUMN].to_list()[-1] == n + 1
