"""Benchmark qualifying a stored list: `leadsieve qualify` of 1M stored leads (contacts at
their organizations) against the benchmark ICP, fits written, on SQLite and on PostgreSQL.

    python benchmarks/qualify.py [--contacts 1000000] [--organizations 200000] [--seed 0]
                                 [--databases sqlite postgresql]
                                 [--postgres postgresql://postgres@127.0.0.1:5432/test]
                                 [--out benchmarks/results/qualify.md]

Each database is fresh. The list is built with `leadsieve import` from benchmarks/store.py's
contacts file (not timed against the target), the ICP (benchmarks/icp_bench.yaml) saved, and
credits granted; then `leadsieve qualify` runs in a fresh process, timed from start to exit:
every lead read from the store, scored, its fit written and the run charged. A second run
with the same ICP version replaces every fit (reported, no target). Target of issue #5:
<= 30 s for 1M leads, on each database. The report says PASS or FAIL.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from report import finish, step_row
from run import DATA, HERE, leadsieve_command, log, run_child
from store import ensure_contacts, fresh_database

TARGET_SECONDS = 30.0
ICP = HERE / "icp_bench.yaml"
ICP_SLUG = "bench-mid-market-saas"
AS_OF = "2026-09-01"  # the day after the newest synthetic signal, as benchmarks/run.py scores

# Runs a `leadsieve` command with the database URL in its environment, keeping its stdout.
_WITH_DATABASE = (
    "import os, subprocess, sys; "
    "env = {**os.environ, 'LEADSIEVE_DATABASE_URL': sys.argv[1], 'LEADSIEVE_USER': ''}; "
    "done = subprocess.run(sys.argv[3:], capture_output=True, text=True, env=env); "
    "open(sys.argv[2], 'w').write(done.stdout); sys.stderr.write(done.stderr); "
    "sys.exit(done.returncode)"
)


def leadsieve(url: str, out: Path, *args: str | Path) -> tuple[float, int, str]:
    """Seconds, peak RSS and stdout of one `leadsieve` command in a fresh process."""
    command = [sys.executable, "-c", _WITH_DATABASE, url, str(out), *leadsieve_command(), *args]
    seconds, peak = run_child(command)
    return seconds, peak, out.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--organizations", type=int, default=None, help="default: contacts / 5")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--out", type=Path, default=HERE / "results" / "qualify.md")
    args = parser.parse_args(argv)
    organizations = args.organizations or max(args.contacts // 5, 1)
    path = ensure_contacts(args.contacts, organizations, args.seed)
    lines = [
        "# leadsieve qualify benchmark",
        "",
        f"`leadsieve qualify` of a stored list of {args.contacts:,} contacts at "
        f"{organizations:,} organizations (benchmarks/store.py's file, seed {args.seed}) "
        f"against {ICP.name} (every rule and disqualifier), as of {AS_OF}: each lead read "
        "from the store, scored, its fit written, the run charged. Each database fresh, each "
        "command a fresh process; the import that builds the list is shown for scale.",
        "",
        "| database | step | seconds | leads/s | peak RSS | output |",
        "|---|---|---:|---:|---:|---|",
    ]
    verdicts: list[tuple[str, float]] = []
    folder = DATA / "out"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "qualify.out"
    for kind in args.databases:
        url, drop = fresh_database(kind, args.postgres, folder)
        try:
            log(f"{kind}: importing {path.name} ...")
            seconds, peak, _ = leadsieve(url, out, "import", path, "--list", "bench", "--json")
            lines.append(
                step_row(kind, "import (builds the list)", seconds, args.contacts, peak, "")
            )
            for setup in (("icp", "save", ICP), ("credits", "grant", str(args.contacts))):
                leadsieve(url, out, *setup)
            command = ("qualify", "bench", "--icp", ICP_SLUG, "--as-of", AS_OF, "--json")
            for step in ("qualify", "qualify again (fits replaced)"):
                log(f"{kind}: {step} ...")
                started = time.perf_counter()
                seconds, peak, shown = leadsieve(url, out, *command)
                log(f"  {seconds:.2f} s ({time.perf_counter() - started:.2f} s with the wrapper)")
                report = json.loads(shown)
                if report["scored"] != args.contacts:
                    raise RuntimeError(f"{kind}: scored {report['scored']}, not {args.contacts}")
                lines.append(step_row(kind, step, seconds, args.contacts, peak, json.dumps(report)))
                if step == "qualify":
                    verdicts.append((kind, seconds))
        finally:
            drop()
    goals = [
        (
            f"qualify {args.contacts:,} stored leads on {kind} <= {TARGET_SECONDS:.0f} s",
            f"{seconds:.2f} s",
            seconds <= TARGET_SECONDS,
        )
        for kind, seconds in verdicts
    ]
    return finish(lines, goals, args.out)


if __name__ == "__main__":
    sys.exit(main())
