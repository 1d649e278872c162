"""score_file(): counts that add up, batches that agree, and no half-written output."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import polars as pl
import pytest

import leadsieve
from leadsieve.errors import LeadFileUnreadable, OutputUnwritable
from leadsieve.io import LeadWriter
from leadsieve.service.scoring import score_file

SAMPLES = Path(leadsieve.__file__).parent / "samples"
AS_OF = date(2026, 11, 1)


@pytest.fixture
def icp() -> leadsieve.Icp:
    return leadsieve.load_icp(SAMPLES / "b2b-saas.yaml")


def test_interrupted_run_removes_its_output(tmp_path: Path, icp: leadsieve.Icp) -> None:
    """Ctrl-C after the first batch was written leaves no partial file behind."""
    out = tmp_path / "scored.csv"
    seen: list[int] = []

    def interrupt(rows: int) -> None:
        seen.append(rows)
        if len(seen) == 2:  # the second batch waited for the first to be written
            assert out.stat().st_size > 0
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        score_file(
            SAMPLES / "yc_companies_sample.csv",
            [icp],
            as_of=AS_OF,
            output=out,
            batch_size=50,
            on_progress=interrupt,
        )
    assert len(seen) == 2 and not out.exists()


def test_a_failed_write_fails_the_run_and_removes_the_output(
    tmp_path: Path, icp: leadsieve.Icp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails on the background writer fails the run, and no file is left."""
    out = tmp_path / "scored.csv"
    written: list[int] = []
    original = LeadWriter.write

    def flaky(self: LeadWriter, batch: pl.DataFrame) -> None:
        if written:
            raise OutputUnwritable("the disk is full")
        written.append(batch.height)
        original(self, batch)

    monkeypatch.setattr(LeadWriter, "write", flaky)
    with pytest.raises(OutputUnwritable, match="disk is full"):
        score_file(
            SAMPLES / "yc_companies_sample.csv", [icp], as_of=AS_OF, output=out, batch_size=50
        )
    assert len(written) == 1 and not out.exists()


def test_a_failed_read_after_some_batches_surfaces_in_order(
    tmp_path: Path, icp: leadsieve.Icp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error raised while reading ahead reaches the caller after the batches before it were
    scored, and no output is left."""
    import leadsieve.service.scoring as scoring

    out = tmp_path / "scored.csv"
    original = scoring.iter_lead_batches

    def failing(*args: object, **kwargs: object) -> Iterator[object]:
        batches = original(*args, **kwargs)  # type: ignore[arg-type]
        yield next(batches)
        raise LeadFileUnreadable("line 51: the file ends inside a quoted field")

    monkeypatch.setattr(scoring, "iter_lead_batches", failing)
    seen: list[int] = []
    with pytest.raises(LeadFileUnreadable, match="line 51"):
        score_file(
            SAMPLES / "yc_companies_sample.csv",
            [icp],
            as_of=AS_OF,
            output=out,
            batch_size=50,
            on_progress=seen.append,
        )
    assert len(seen) == 1 and not out.exists()


def test_batches_do_not_change_the_result(tmp_path: Path, icp: leadsieve.Icp) -> None:
    """Scoring in many small batches writes exactly what one batch writes."""
    whole, small = tmp_path / "whole.parquet", tmp_path / "small.parquet"
    source = SAMPLES / "yc_companies_sample.csv"
    one = score_file(source, [icp], as_of=AS_OF, output=whole)
    many = score_file(source, [icp], as_of=AS_OF, output=small, batch_size=40)
    assert one.rows_in == many.rows_in == one.rows_scored + one.rows_rejected
    assert pl.read_parquet(whole).equals(pl.read_parquet(small))
    assert one.grades == many.grades
    assert one.top is not None and many.top is not None and one.top.equals(many.top)
