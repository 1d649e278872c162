"""Where the end-to-end target's CPU budget goes: can `leadsieve score` fit in 2.5x Polars?

    python benchmarks/budget.py [--rows 1000000] [--seed 0] [--out benchmarks/results/budget.md]

The target of issue #2 is a wall time: a 1M-row CSV scored end to end in at most 2.5 times
what Polars takes to read that file and write it back. On a machine with C cores, no schedule
can do more than C CPU-seconds of work per second of wall time, so the target is a budget of
2.5 x (Polars' wall time) x C CPU-seconds. This script measures, in CPU-seconds (user + system,
every thread), what the parts of a scoring run cost at their least:

- the interpreter start and the imports a `leadsieve score` run needs (fresh process);
- reading the input and writing leadsieve's output, with no work between (the I/O floor);
- the engine on the normalized frame (every fit column, reasons included), best of 3;
- one `str.to_lowercase` over every input column: less than any normalizer can do;
- each normalization group as it runs today;

and reports what is left of the budget once the parts that no implementation can skip are paid.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl

from run import (
    AS_OF,
    DATA,
    E2E_MAX_RATIO,
    ICP_PATH,
    ROOT,
    ensure_input,
    leadsieve_command,
    log,
)

REPEATS = 3
_STARTUP = (
    "import leadsieve, leadsieve.cli.app, polars, narwhals, "
    "leadsieve.normalize.frame, leadsieve.engine.score"
)
_POLARS = (
    "import sys, polars as pl; pl.read_csv(sys.argv[1], infer_schema=False).write_csv(sys.argv[2])"
)


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU-seconds (user + system) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_of(work: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """The least wall seconds and the least CPU-seconds of ``repeats`` runs, in process."""
    walls, cpus = [], []
    for _ in range(repeats):
        cpu, started = cpu_seconds(), time.perf_counter()
        work()
        walls.append(time.perf_counter() - started)
        cpus.append(cpu_seconds() - cpu)
    return min(walls), min(cpus)


def measure(rows: int, seed: int) -> tuple[list[tuple[str, float, float]], dict[str, float]]:
    import narwhals as nw

    import leadsieve
    from leadsieve.engine.score import plan, run_fit
    from leadsieve.normalize.frame import _NULL_KEY, _groups, mapping_table, prepare
    from leadsieve.normalize.groups import COLUMN_GROUPS

    source, _ = ensure_input(rows, seed, "csv")
    out = DATA / "out"
    out.mkdir(parents=True, exist_ok=True)
    scored, copied = out / "budget-scored.csv", out / "budget-copy.csv"
    parts: list[tuple[str, float, float]] = []
    try:
        log("Polars' bare read + write, fresh process, best of 3")
        bare = min(
            (child([sys.executable, "-c", _POLARS, str(source), str(copied)]) for _ in range(3)),
            key=lambda r: r[0],
        )
        log("`leadsieve score` end to end, fresh process")
        cmd = [*leadsieve_command(), "score", str(source), "--icp", str(ICP_PATH)]
        e2e = child([*cmd, "--as-of", AS_OF.isoformat(), "-o", str(scored)])
        startup = min(
            (child([sys.executable, "-c", _STARTUP]) for _ in range(3)), key=lambda r: r[0]
        )
        parts.append(("interpreter start + imports (fresh process)", *startup))

        output = pl.read_csv(scored, infer_schema=False)
        log("the I/O floor: read the input, write leadsieve's output")
        parts.append(
            (
                f"read the input, write leadsieve's {len(output.columns)}-column output",
                *best_of(
                    lambda: (
                        pl.read_csv(source, infer_schema=False),
                        output.write_csv(copied),
                    )
                ),
            )
        )
        frame = pl.read_csv(source, infer_schema=False)
        lowered = best_of(lambda: frame.select(pl.all().str.to_lowercase()))
        normalizers: list[tuple[str, float, float]] = []
        present = set(frame.columns)
        for group in _groups(present):
            used = [c for c in group.inputs if c in present]
            if not used:
                continue

            def run_group(group: Any = group, used: list[str] = used) -> None:
                key_cols = [f"__k{i}" for i in range(len(used))]
                keys = frame.select(
                    pl.col(c).cast(pl.String).fill_null(_NULL_KEY).alias(k)
                    for c, k in zip(used, key_cols, strict=True)
                )
                table = mapping_table(group, used, keys.unique())
                keys.join(table, on=key_cols, how="left", maintain_order="left")

            normalizers.append((f"normalize {' + '.join(used)}", *best_of(run_group, 1)))
        for column_group in COLUMN_GROUPS:
            inputs = [c for c in column_group.inputs if c in present]
            if inputs:
                expr = column_group.expr(inputs).alias(column_group.output)
                timed = best_of(lambda expr=expr: frame.select(expr), 1)
                normalizers.append((f"normalize {column_group.output}", *timed))
        prepared: Any = nw.to_native(prepare(nw.from_native(frame)))
        plans = [plan(leadsieve.load_icp(ICP_PATH), AS_OF)]
        log("the engine alone, best of 3")
        parts.append(
            (
                "engine: every fit column with reasons (leadsieve's, meets its own target)",
                *best_of(lambda: run_fit(nw.from_native(prepared), plans)),
            )
        )
    finally:
        scored.unlink(missing_ok=True)
        copied.unlink(missing_ok=True)
    facts = {
        "bare_wall": bare[0],
        "bare_cpu": bare[1],
        "e2e_wall": e2e[0],
        "e2e_cpu": e2e[1],
        "lower_wall": lowered[0],
        "lower_cpu": lowered[1],
        "columns": float(len(frame.columns)),
    }
    return [*parts, ("", 0.0, 0.0), *normalizers], facts


def render(rows: int, parts: list[tuple[str, float, float]], facts: dict[str, float]) -> str:
    cores = os.cpu_count() or 1
    limit_wall = E2E_MAX_RATIO * facts["bare_wall"]
    budget = limit_wall * cores
    split = next(i for i, p in enumerate(parts) if not p[0])
    fixed, normalizers = parts[:split], parts[split + 1 :]
    fixed_cpu = sum(p[2] for p in fixed)
    engine_cpu = sum(p[2] for p in fixed if p[0].startswith("engine"))
    left = budget - fixed_cpu
    normalize_cpu = sum(p[2] for p in normalizers)
    verdict = (
        f"Normalization today costs {normalize_cpu:.2f} CPU-s, {normalize_cpu / left:.1f}x what "
        f"is left. Were the engine free, {left + engine_cpu:.2f} CPU-s would be left: "
        f"normalization would still cost {normalize_cpu / (left + engine_cpu):.1f}x that."
        if left > 0
        else "The parts above already exceed the budget, before any normalization."
    )
    lines = [
        "# leadsieve: the end-to-end target's CPU budget",
        "",
        f"Input: benchmarks/synth.py, {rows:,} rows, {int(facts['columns'])} input columns; "
        f"ICP benchmarks/icp_bench.yaml; {cores} cores. Command: `python benchmarks/budget.py`.",
        "",
        "| run | wall s | CPU-s |",
        "|---|---:|---:|",
        f"| Polars' bare read + write (fresh process, best of 3) | {facts['bare_wall']:.2f} | "
        f"{facts['bare_cpu']:.2f} |",
        f"| `leadsieve score` CSV -> CSV today (fresh process) | {facts['e2e_wall']:.2f} | "
        f"{facts['e2e_cpu']:.2f} |",
        "",
        f"Target: at most {E2E_MAX_RATIO}x {facts['bare_wall']:.2f} s = {limit_wall:.2f} s of "
        f"wall time, so at most {budget:.2f} CPU-s of work with all {cores} cores busy throughout.",
        "",
        "| paid before any normalization (best of 3) | wall s | CPU-s |",
        "|---|---:|---:|",
        *(f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, wall, cpu in fixed),
        f"| **sum** | {sum(p[1] for p in fixed):.2f} | **{fixed_cpu:.2f}** |",
        "",
        f"Left for normalizing {int(facts['columns'])} columns: {budget:.2f} - {fixed_cpu:.2f} = "
        f"**{left:.2f} CPU-s**. For scale, one `str.to_lowercase` over every input column, "
        f"less than any normalizer does, costs {facts['lower_cpu']:.2f} CPU-s.",
        "",
        "| normalization as it runs today (cold caches, once) | wall s | CPU-s |",
        "|---|---:|---:|",
        *(f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, wall, cpu in normalizers),
        f"| **sum** | {sum(p[1] for p in normalizers):.2f} | **{normalize_cpu:.2f}** |",
        "",
        verdict,
        "",
        f"Measured {datetime.now().astimezone().isoformat(timespec='seconds')}, "
        f"load average {os.getloadavg()[0]:.2f} at the end.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/budget.md")
    args = parser.parse_args()
    parts, facts = measure(args.rows, args.seed)
    report = render(args.rows, parts, facts)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
