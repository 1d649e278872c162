"""leadsieve.score(): raw canonical columns in, the same kind of frame out, same fits everywhere."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

import leadsieve
from leadsieve.engine import FIT_COLUMNS
from leadsieve.io import canonical_frame, read_leads, suggest_mapping

SAMPLES = Path(leadsieve.__file__).parent / "samples"
AS_OF = date(2026, 11, 1)


@pytest.fixture(scope="module")
def canonical() -> pl.DataFrame:
    leads = read_leads(SAMPLES / "yc_companies_sample.csv")
    headers = [c for c in leads.frame.columns if c != "__line__"]
    frame = canonical_frame(leads.frame, suggest_mapping(headers))
    return frame.with_columns(leads.frame["__line__"].alias("line"))


@pytest.fixture(scope="module")
def icp() -> leadsieve.Icp:
    return leadsieve.load_icp(SAMPLES / "b2b-saas.yaml")


def _fits(frame: pl.DataFrame) -> list[dict[str, object]]:
    return frame.sort("line").select("line", *FIT_COLUMNS).to_dicts()


def test_polars_in_polars_out(canonical: pl.DataFrame, icp: leadsieve.Icp) -> None:
    """A Polars frame comes back as a Polars frame with every row and the fit columns."""
    out = leadsieve.score(canonical, icp, as_of=AS_OF)
    assert isinstance(out, pl.DataFrame)
    assert out.height == canonical.height
    assert out.columns == [*canonical.columns, *FIT_COLUMNS]
    assert out["fit_qualified"].sum() > 0


def test_every_backend_gives_the_same_fits(canonical: pl.DataFrame, icp: leadsieve.Icp) -> None:
    """Lazy Polars, pandas and DuckDB return their own kind, with bit-identical fits."""
    expected = _fits(leadsieve.score(canonical, icp, as_of=AS_OF))

    lazy = leadsieve.score(canonical.lazy(), icp, as_of=AS_OF)
    assert isinstance(lazy, pl.LazyFrame)
    assert _fits(lazy.collect()) == expected

    frame_pd = leadsieve.score(canonical.to_pandas(), icp, as_of=AS_OF)
    assert isinstance(frame_pd, pd.DataFrame)
    assert _fits(pl.from_pandas(frame_pd)) == expected

    con = duckdb.connect()
    con.register("leads", canonical.to_arrow())
    relation = leadsieve.score(con.sql("select * from leads"), icp, as_of=AS_OF)
    assert isinstance(relation, duckdb.DuckDBPyRelation)
    assert _fits(relation.pl()) == expected


def test_several_icps_and_best_icp(canonical: pl.DataFrame, icp: leadsieve.Icp) -> None:
    """Several ICPs give suffixed columns per ICP and best_icp among those qualified."""
    other = leadsieve.parse_icp("slug: india\nmin_score: 50\nrules:\n  geography: {any_of: [IN]}\n")
    out = leadsieve.score(canonical, [icp, other], as_of=AS_OF)
    assert {"fit_score__b2b_saas", "fit_score__india", "best_icp"} <= set(out.columns)
    india = out.filter(pl.col("fit_qualified__india"))
    assert india.height > 0
    assert set(india["best_icp"].to_list()) <= {"india", "b2b-saas"}
    neither = out.filter(~pl.col("fit_qualified__india") & ~pl.col("fit_qualified__b2b_saas"))
    assert neither["best_icp"].null_count() == neither.height


def test_same_slug_twice_is_refused(canonical: pl.DataFrame, icp: leadsieve.Icp) -> None:
    """Two ICPs with one slug would write the same columns: refused with a clear message."""
    with pytest.raises(leadsieve.LeadsieveError, match="slugs must differ"):
        leadsieve.score(canonical, [icp, icp], as_of=AS_OF)


def test_user_mistakes_through_the_library_are_leadsieve_errors() -> None:
    """No ICP, a dict instead of an ICP, a list instead of a frame, a string date, a grade
    that does not exist: each a LeadsieveError with the code INVALID_ARGUMENT and a message
    that says what to pass (it was a bare ValueError, or `tuple.index(x)`)."""
    from leadsieve.errors import InvalidArgument
    from leadsieve.service.scoring import score_file

    samples = Path(leadsieve.__file__).parent / "samples"
    icp = leadsieve.load_icp(samples / "b2b-saas.yaml")
    leads = pl.DataFrame({"company_name": ["Acme"]})
    day = date(2026, 12, 1)
    calls = {
        "no ICP": lambda: leadsieve.score(leads, [], as_of=day),
        "a dict": lambda: leadsieve.score(leads, {"slug": "x"}, as_of=day),  # type: ignore[arg-type]
        "a list of rows": lambda: leadsieve.score([{"a": 1}], icp, as_of=day),  # type: ignore[type-var]
        "a string date": lambda: leadsieve.score(leads, icp, as_of="2026-12-01"),  # type: ignore[arg-type]
        "grade E": lambda: score_file(
            samples / "yc_companies_sample.csv", [icp], as_of=day, min_grade="E"
        ),
    }
    for what, call in calls.items():
        with pytest.raises(InvalidArgument) as caught:
            call()
        assert caught.value.code == "INVALID_ARGUMENT", what
        assert not isinstance(caught.value, ValueError), what
