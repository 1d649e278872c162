"""Every data line is accounted for: blank rows are counted, a stray quote swallows nothing."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from leadsieve.errors import LeadFileNoRows
from leadsieve.io import LINE_COLUMN, Reject, iter_lead_batches, read_leads
from leadsieve.io._delimited import BLANK_ROW, _swallowed
from tests.io.conftest import write_file


def test_blank_row_is_counted_as_a_reject_and_an_empty_line_is_not_a_row(tmp_path: Path) -> None:
    """ ",," (a spreadsheet row left empty) is a row: rejected as blank with its line, so rows
    in = kept + rejected; an empty line is spacing, not a row."""
    path = write_file(tmp_path, "leads.csv", 'name,note\nA,1\n,\n"",""\n\nB,2\n   \n')
    got = read_leads(path)
    assert got.frame.rows() == [("A", "1", 2), ("B", "2", 6)]
    assert got.rejects == [Reject(3, BLANK_ROW, ","), Reject(4, BLANK_ROW, '"",""')]
    assert got.rows_in == 4


def test_blank_rows_only_is_a_file_without_rows(tmp_path: Path) -> None:
    """Nothing but blank rows under the header: LEAD_FILE_NO_ROWS, as for a header alone."""
    with pytest.raises(LeadFileNoRows):
        read_leads(write_file(tmp_path, "leads.csv", "name,note\n,\n,\n"))


def test_xlsx_blank_row_between_rows_is_counted(tmp_path: Path) -> None:
    """A sheet row left empty between leads is a blank reject; empty rows below the last lead
    are not rows."""
    path = tmp_path / "leads.xlsx"
    pl.DataFrame({"name": ["A", None, "B", None, None]}).write_excel(path)
    got = read_leads(path)
    assert got.frame.rows() == [("A", 2), ("B", 4)]
    assert got.rejects == [Reject(3, BLANK_ROW, "")]


def _thousand(lines: dict[int, str]) -> str:
    rows = ["company_name,domain,title"] + [f"Company {i},c{i}.com,CEO" for i in range(1, 1001)]
    for number, text in lines.items():
        rows[number - 1] = text
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("batch_size", [None, 100])
def test_a_quote_that_never_closes_swallows_no_lead(tmp_path: Path, batch_size: int | None) -> None:
    """The issue's file: 1,000 rows, an unterminated quote on line 12. Before, rows in was 11
    and 989 leads vanished; now line 12 is rejected (saying what it would have swallowed) and
    every other line is read: rows in = 1,000 = the file's data lines."""
    path = write_file(tmp_path, "leads.csv", _thousand({12: 'Acme "Best,acme.com,"VP Sales'}))
    if batch_size is None:
        files = [read_leads(path)]
    else:
        files = list(iter_lead_batches(path, batch_size=batch_size))
    frame = pl.concat([f.frame for f in files])
    rejects = [r for f in files for r in f.rejects]
    assert sum(f.rows_in for f in files) == 1000
    assert rejects == [Reject(12, _swallowed(), 'Acme "Best,acme.com,"VP Sales')]
    assert frame.height == 999 and frame[LINE_COLUMN].to_list() == [
        n for n in range(2, 1002) if n != 12
    ]
    assert frame.row(10) == ("Company 12", "c12.com", "CEO", 13)


def test_a_stray_quote_closed_by_another_far_below(tmp_path: Path) -> None:
    """A quote opened on line 12 and "closed" by a stray quote on line 500 read 489 lines as
    one value of a 3-field record that seemed fine. Line 12 is rejected; line 500, read on its
    own, is a row whose domain holds a quote character, as every other reader would see it."""
    text = _thousand({12: 'Acme,"acme.com,CEO', 500: 'Beta,beta.com",CEO'})
    got = read_leads(write_file(tmp_path, "leads.csv", text))
    assert got.rejects == [Reject(12, _swallowed(), 'Acme,"acme.com,CEO')]
    assert got.frame.height == 999 and got.rows_in == 1000
    assert got.frame.filter(pl.col(LINE_COLUMN) == 500).row(0) == ("Beta", 'beta.com"', "CEO", 500)


def test_a_long_quoted_description_is_not_taken_for_swallowed_rows(tmp_path: Path) -> None:
    """Paragraphs inside a quoted value stay one value: they do not look like the file's rows."""
    text = (
        "name,description,country\n"
        'Acme,"We build tools.\n\nFounded in 2020, we serve banks.\n\nOur team, 40 people.",SE\n'
        "Beta,Plain,DE\n"
    )
    got = read_leads(write_file(tmp_path, "leads.csv", text))
    assert got.rejects == [] and got.frame.height == 2
