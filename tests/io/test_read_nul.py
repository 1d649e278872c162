"""NUL characters are removed from cells at read time (PostgreSQL text cannot hold one, and it
means nothing in a lead), so one stray byte never fails a file or a batch."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from leadsieve.io import LINE_COLUMN, read_leads


@pytest.mark.parametrize(
    ("name", "data"),
    [
        pytest.param("a.csv", b"name,email\nAc\x00me,a@acme.com\n\x00,b@b.com\n", id="csv"),
        pytest.param(
            "a.jsonl",
            (json.dumps({"name": "Ac\x00me", "email": "a@acme.com"}) + "\n"
             + json.dumps({"name": "\x00", "email": "b@b.com"}) + "\n").encode(),
            id="jsonl-escape",
        ),
    ],
)  # fmt: skip
def test_nul_is_stripped_and_the_row_kept(tmp_path: Path, name: str, data: bytes) -> None:
    """ "Ac\\0me" reads "Acme"; a cell of only NUL is empty; both rows are kept, none rejected."""
    path = tmp_path / name
    path.write_bytes(data)
    got = read_leads(path)
    assert got.frame.drop(LINE_COLUMN).rows() == [("Acme", "a@acme.com"), (None, "b@b.com")]
    assert got.rejects == []


def test_nul_in_parquet_cells(tmp_path: Path) -> None:
    """Parquet hands NUL through as well: the same cleaning applies."""
    frame = pl.DataFrame({"name": ["Ac\x00me", "Beta"]})
    frame.write_parquet(tmp_path / "a.parquet")
    assert read_leads(tmp_path / "a.parquet").frame["name"].to_list() == ["Acme", "Beta"]


def test_many_nul_bytes_still_mean_binary(tmp_path: Path) -> None:
    """A file that is mostly NUL bytes is still refused as binary, not read as text."""
    from leadsieve.errors import LeadFileUnreadable

    path = tmp_path / "a.csv"
    path.write_bytes(b"name\n" + b"\x00\x00\x01" * 500)
    with pytest.raises(LeadFileUnreadable, match="NUL bytes"):
        read_leads(path)
