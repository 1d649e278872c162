"""leadsieve.score on a Spark DataFrame: the same fits as Polars, cell for cell, on executors."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadsieve
from leadsieve.engine.spark import partition_scorer
from leadsieve.errors import LeadsieveError
from leadsieve.icp import Icp
from leadsieve.io import LINE_COLUMN, canonical_frame, read_leads, suggest_mapping
from tests.engine.test_properties import icps as random_icps
from tests.normalize.test_frame import lead_rows

SAMPLES = Path(leadsieve.__file__).parent / "samples"
FIXTURES = Path(__file__).parents[1] / "io" / "fixtures"
AS_OF = date(2026, 11, 1)
PARTITIONS = (1, 2, 8)


def canonical_leads(path: Path) -> pl.DataFrame:
    """A lead file read and mapped as `leadsieve score` does, with its line as a key."""
    leads = read_leads(path)
    headers = [c for c in leads.frame.columns if c != LINE_COLUMN]
    frame = canonical_frame(leads.frame, suggest_mapping(headers))
    return frame.with_columns(leads.frame[LINE_COLUMN].alias("line"))


def on_spark(spark: Any, frame: pl.DataFrame, partitions: int) -> Any:
    """The Polars frame as a Spark DataFrame spread over ``partitions`` partitions."""
    return spark.createDataFrame(frame.to_arrow()).repartition(partitions)


def collected(scored: Any, key: str = "line") -> pl.DataFrame:
    """A scored Spark DataFrame back in Polars, in key order (for comparing only)."""
    return pl.DataFrame(pl.from_arrow(scored.toArrow())).sort(key)


@pytest.fixture(scope="module")
def b2b_saas() -> Icp:
    return leadsieve.load_icp(SAMPLES / "b2b-saas.yaml")


@pytest.mark.parametrize("partitions", PARTITIONS)
@pytest.mark.parametrize(
    "path",
    [
        pytest.param(SAMPLES / "yc_companies_sample.csv", id="yc"),
        pytest.param(FIXTURES / "sp500_sample.csv", id="sp500"),
    ],
)
def test_real_files_score_the_same_as_polars(
    spark: Any, b2b_saas: Icp, path: Path, partitions: int
) -> None:
    """Every column, fit columns included, equals Polars cell for cell, however partitioned."""
    frame = canonical_leads(path)
    expected = leadsieve.score(frame, b2b_saas, as_of=AS_OF).sort("line")
    got = collected(leadsieve.score(on_spark(spark, frame, partitions), b2b_saas, as_of=AS_OF))
    assert got.columns == expected.columns
    assert got.equals(expected)
    assert got["fit_score"].n_unique() > 1  # the sample really exercises the rules


def test_several_icps_in_one_pass_with_best_icp(spark: Any, b2b_saas: Icp) -> None:
    """Two ICPs give suffixed fit columns and best_icp, equal to Polars."""
    other = leadsieve.parse_icp(
        "slug: us-big\nrules:\n  geography: {any_of: [US]}\n  employees: {min: 100}\n"
    )
    frame = canonical_leads(SAMPLES / "yc_companies_sample.csv")
    expected = leadsieve.score(frame, [b2b_saas, other], as_of=AS_OF).sort("line")
    spark_frame = on_spark(spark, frame, 2)
    got = collected(leadsieve.score(spark_frame, [b2b_saas, other], as_of=AS_OF))
    assert "best_icp" in got.columns and "fit_score__us_big" in got.columns
    assert got.equals(expected)


def test_spark_in_spark_out_lazily_with_original_types(spark: Any, b2b_saas: Icp) -> None:
    """A Spark DataFrame comes back, the input's own column types unchanged, fit types declared."""
    frame = spark.createDataFrame(
        [(1, "Acme AB", "Sverige", 120), (2, None, None, None)],
        "id long, company_name string, country string, employees int",
    )
    scored = leadsieve.score(frame, b2b_saas, as_of=AS_OF)
    types = dict(scored.dtypes)
    assert type(scored).__name__ == "DataFrame" and type(scored).__module__.startswith("pyspark")
    assert (types["id"], types["employees"]) == ("bigint", "int")
    assert (types["fit_score"], types["fit_qualified"], types["fit_coverage"]) == (
        "bigint",
        "boolean",
        "double",
    )
    reference = leadsieve.score(
        pl.DataFrame(
            {
                "id": [1, 2],
                "company_name": ["Acme AB", None],
                "country": ["Sverige", None],
                "employees": [120, None],
            },
            schema={
                "id": pl.Int64,
                "company_name": pl.String,
                "country": pl.String,
                "employees": pl.Int32,
            },
        ),
        b2b_saas,
        as_of=AS_OF,
    )
    assert collected(scored, "id").equals(reference)


def test_same_slug_twice_is_refused_as_on_polars(spark: Any, b2b_saas: Icp) -> None:
    """Several ICPs with one slug fail before any Spark job, with Polars' message."""
    frame = spark.createDataFrame([("Acme",)], "company_name string")
    with pytest.raises(LeadsieveError, match="ICP slugs must differ") as on_spark_error:
        leadsieve.score(frame, [b2b_saas, b2b_saas], as_of=AS_OF)
    with pytest.raises(LeadsieveError) as on_polars_error:
        leadsieve.score(pl.DataFrame({"company_name": ["Acme"]}), [b2b_saas, b2b_saas], as_of=AS_OF)
    assert str(on_spark_error.value) == str(on_polars_error.value)


@st.composite
def several_icps(draw: st.DrawFn) -> list[Icp]:
    """One to three random ICPs with distinct slugs."""
    drawn = draw(st.lists(random_icps(), min_size=1, max_size=3))
    return [icp.model_copy(update={"slug": f"icp-{i}"}) for i, icp in enumerate(drawn)]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(lead_rows(), min_size=1, max_size=6),
    icps=several_icps(),
    partitions=st.sampled_from(PARTITIONS),
)
def test_random_leads_and_icps_score_the_same_as_polars(
    spark: Any, rows: list[list[dict[str, Any]]], icps: list[Icp], partitions: int
) -> None:
    """Hypothesis: random raw leads, one to three random ICPs, any partitioning: equal to Polars."""
    records = [r for chunk in rows for r in chunk]
    columns = sorted({c for r in records for c in r})
    frame = (
        pl.DataFrame(
            [{c: r.get(c) for c in columns} for r in records],
            schema=dict.fromkeys(columns, pl.String),
            orient="row",
        )
        .with_row_index("line")
        .with_columns(pl.col("line").cast(pl.Int64))
    )
    expected = leadsieve.score(frame, icps, as_of=AS_OF).sort("line")
    got = collected(leadsieve.score(on_spark(spark, frame, partitions), icps, as_of=AS_OF))
    assert got.equals(expected)


def test_keep_normalized_gives_the_same_ls_columns(spark: Any, b2b_saas: Icp) -> None:
    """With keep_normalized, the ls_* columns come back too, equal to Polars'."""
    frame = canonical_leads(FIXTURES / "sp500_sample.csv")
    expected = leadsieve.score(frame, b2b_saas, as_of=AS_OF, keep_normalized=True).sort("line")
    scored = leadsieve.score(on_spark(spark, frame, 2), b2b_saas, as_of=AS_OF, keep_normalized=True)
    got = collected(scored)
    assert "ls_country" in got.columns and got["ls_country"].null_count() < got.height
    assert got.equals(expected)


def test_a_partition_is_scored_in_joined_batches_in_row_order(b2b_saas: Icp) -> None:
    """Spark's small Arrow batches are joined up to batch_rows before scoring: every row comes
    out once, in order, with the fit Polars gives it (no Spark job needed to check this)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    frame = canonical_leads(SAMPLES / "yc_companies_sample.csv")
    table = frame.to_arrow().cast(
        pa.schema([(c, pa.string()) for c in frame.columns[:-1]] + [("line", pa.int64())])
    )
    scorer, _ = partition_scorer(from_arrow_schema(table.schema), [b2b_saas], as_of=AS_OF)
    scorer = dataclasses.replace(scorer, batch_rows=50)
    out = list(scorer(iter(table.combine_chunks().to_batches(max_chunksize=7))))
    assert [b.num_rows for b in out[:-1]] == [56] * (frame.height // 56)  # 8 batches of 7
    got = pl.DataFrame(pl.from_arrow(pa.Table.from_batches(out)))
    assert got.equals(leadsieve.score(frame, b2b_saas, as_of=AS_OF))


def test_polars_users_do_not_load_spark_or_arrow() -> None:
    """The Spark dispatch costs Polars users nothing: importing the engine loads neither
    pyspark nor pyarrow (pyarrow alone takes about 0.1 s to import)."""
    code = "import sys, leadsieve.engine; print(sorted({m.split('.')[0] for m in sys.modules}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(done.stdout))
    assert "polars" in loaded and loaded.isdisjoint({"pyspark", "pyarrow", "py4j"})
