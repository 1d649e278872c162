"""Benchmark Spark scoring: Parquet -> Parquet on `local[2]` against `leadsieve score` on Polars.

    python benchmarks/spark.py [--rows 10000000] [--seed 0] [--master local[2]] [--cores 2]
                               [--out benchmarks/results/spark.md]

Both runs read the same synthetic Parquet file (benchmarks/synth.py) and score it against
benchmarks/icp_bench.yaml, each in a fresh process timed from start to exit:
`leadsieve score IN --icp ICP -o OUT.parquet` (Polars, this machine) and
`leadsieve score IN --icp ICP --engine spark --master local[2] -o OUT/` (Spark). Spark's fixed
cost (JVM start, session, first job) is measured apart on 1,000 rows and subtracted for the
throughput per executor core, the figure the scaling model in docs/spark.md multiplies. The
fit columns of both outputs are compared by an order-free checksum. Target of issue #17: Spark's
time within 2x of Polars' on the same two cores. The report says PASS or FAIL.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import polars as pl

from report import finish
from run import HERE, ensure_input, leadsieve_command, log, run_child

ICP = HERE / "icp_bench.yaml"
AS_OF = "2026-09-01"  # the day after the newest synthetic signal, as benchmarks/run.py scores
TARGET_RATIO = 2.0
FITS = (
    "fit_score",
    "fit_grade",
    "fit_qualified",
    "fit_coverage",
    "fit_matched",
    "fit_missed",
    "fit_unknown",
    "fit_reasons",
    "fit_disqualified_by",
)


def checksum(files: str | Path) -> tuple[int, int]:
    """Rows and an order-free checksum of the fit columns of a Parquet file or glob."""
    hashed = pl.struct(list(FITS)).hash(seed=17) % (1 << 32)
    row = (
        pl.scan_parquet(files)
        .select(pl.len().alias("rows"), hashed.cast(pl.Int64).sum().alias("sum"))
        .collect()
        .row(0)
    )
    return int(row[0]), int(row[1])


def score(source: Path, out: Path, *spark: str) -> tuple[float, int]:
    """Seconds and peak RSS of one `leadsieve score` (the driver's RSS on Spark)."""
    args = [*leadsieve_command(), "score", str(source), "--icp", str(ICP), "--as-of", AS_OF]
    return run_child([*args, "-o", str(out), "-q", *spark])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--cores", type=int, default=2, help="executor cores --master gives")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "spark.md")
    args = parser.parse_args(argv)
    source, _ = ensure_input(args.rows, args.seed, "parquet")
    tiny, _ = ensure_input(1_000, args.seed, "parquet")
    spark = ("--engine", "spark", "--master", args.master)
    work = Path(tempfile.mkdtemp(prefix="leadsieve-spark-bench-"))
    try:
        log(f"Polars: {args.rows:,} rows")
        polars_s, polars_peak = score(source, work / "polars.parquet")
        log("Spark: fixed cost on 1,000 rows")
        fixed_s, _ = score(tiny, work / "tiny", *spark)
        log(f"Spark {args.master}: {args.rows:,} rows")
        spark_s, spark_peak = score(source, work / "spark", *spark)
        same = checksum(work / "polars.parquet") == checksum(work / "spark" / "*.parquet")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    net = max(spark_s - fixed_s, 1e-9)
    per_core = args.rows / net / args.cores
    ratio = spark_s / polars_s
    lines = [
        f"# Spark: {args.rows:,} rows, Parquet -> Parquet",
        "",
        f"`python benchmarks/spark.py --rows {args.rows} --master {args.master}`; input "
        f"`{source.name}`, ICP `{ICP.name}`, as of {AS_OF}.",
        "",
        "| run | seconds | rows/s | peak RSS (driver) |",
        "|---|---:|---:|---:|",
        f"| `leadsieve score` on Polars | {polars_s:.2f} | {args.rows / polars_s:,.0f} | "
        f"{polars_peak / 2**30:.2f} GiB |",
        f"| `leadsieve score --engine spark --master {args.master}` | {spark_s:.2f} | "
        f"{args.rows / spark_s:,.0f} | {spark_peak / 2**30:.2f} GiB |",
        f"| Spark's fixed cost (same command, 1,000 rows) | {fixed_s:.2f} | | |",
        "",
        f"Per executor core, fixed cost subtracted: {per_core:,.0f} rows/s "
        f"({args.rows:,} rows / {net:.2f} s / {args.cores} cores).",
        f"Scaling model (docs/spark.md): 1B leads on 64 cores ≈ {fixed_s:.0f} s + "
        f"{1e9 / (per_core * 64):,.0f} s.",
        f"Fit columns of both outputs equal (order-free checksum): {same}.",
    ]
    verdicts = [
        (
            f"Spark {args.master} within {TARGET_RATIO:g}x of Polars (#17)",
            f"{spark_s:.2f} s vs {polars_s:.2f} s ({ratio:.2f}x)",
            ratio <= TARGET_RATIO,
        ),
        ("same fits on both engines", f"checksums equal: {same}", same),
    ]
    return finish(lines, verdicts, args.out)


if __name__ == "__main__":
    sys.exit(main())
