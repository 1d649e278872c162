"""score_file(): counts that add up, batches that agree, and no half-written output."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

import leadsieve
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
        assert out.exists()  # the first batch is on disk by now
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
    assert seen and not out.exists()


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
