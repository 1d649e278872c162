"""Benchmark ICP-match ingest: `leadsieve board ingest` of 100k stored leads (contacts at
their organizations) against the benchmark ICP into a sales board, on SQLite and PostgreSQL.

    python benchmarks/ingest.py [--leads 100000] [--organizations 20000] [--seed 0]
                                [--databases sqlite postgresql]
                                [--postgres postgresql://postgres@127.0.0.1:5432/test]
                                [--out benchmarks/results/ingest.md]

Each database is fresh. The list is built with `leadsieve import` from benchmarks/store.py's
contacts file (not timed against the target), the ICP (benchmarks/icp_bench.yaml) saved,
credits granted and a board created; then `leadsieve board ingest` runs in a fresh process,
timed from start to exit: every lead read from the store, scored, its fit written, the run
charged, and a pursuit opened for each qualifying organization with its qualifying contacts.
A second run, over every lead of the workspace (no --list), finds every pursuit open
(reported, no target). Target of issue #5: <= 20 s for 100k leads, on each database. The
report says PASS or FAIL.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from qualify import AS_OF, ICP, ICP_SLUG, leadsieve
from report import finish, step_row
from run import DATA, HERE, log
from store import ensure_contacts, fresh_database

TARGET_SECONDS = 20.0
BOARD = "bench"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--organizations", type=int, default=None, help="default: leads / 5")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--out", type=Path, default=HERE / "results" / "ingest.md")
    args = parser.parse_args(argv)
    organizations = args.organizations or max(args.leads // 5, 1)
    path = ensure_contacts(args.leads, organizations, args.seed)
    lines = [
        "# leadsieve board ingest benchmark",
        "",
        f"`leadsieve board ingest` of a stored list of {args.leads:,} contacts at "
        f"{organizations:,} organizations (benchmarks/store.py's file, seed {args.seed}) "
        f"against {ICP.name} (every rule and disqualifier), as of {AS_OF}, into an empty "
        "board: each lead read from the store, scored, its fit written, the run charged, a "
        "pursuit opened per qualifying organization with its qualifying contacts. The second "
        "run scores every lead of the workspace (no --list) and finds every pursuit open. "
        "Each database fresh, each command a fresh process; the import that builds the list "
        "is shown for scale.",
        "",
        "| database | step | seconds | leads/s | peak RSS | output |",
        "|---|---|---:|---:|---:|---|",
    ]
    verdicts: list[tuple[str, float]] = []
    folder = DATA / "out"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "ingest.out"
    for kind in args.databases:
        url, drop = fresh_database(kind, args.postgres, folder)
        try:
            log(f"{kind}: importing {path.name} ...")
            seconds, peak, _ = leadsieve(url, out, "import", path, "--list", "bench", "--json")
            lines.append(step_row(kind, "import (builds the list)", seconds, args.leads, peak, ""))
            for setup in (
                ("icp", "save", ICP),
                ("credits", "grant", str(args.leads)),
                ("board", "create", BOARD),
            ):
                leadsieve(url, out, *setup)
            ingest = ("board", "ingest", BOARD, "--icp-slug", ICP_SLUG, "--as-of", AS_OF, "--json")
            steps = [
                ("ingest --list bench", (*ingest, "--list", "bench")),
                ("ingest again, every lead of the workspace", ingest),
            ]
            for step, command in steps:
                log(f"{kind}: {step} ...")
                started = time.perf_counter()
                seconds, peak, shown = leadsieve(url, out, *command)
                log(f"  {seconds:.2f} s ({time.perf_counter() - started:.2f} s with the wrapper)")
                report = json.loads(shown)
                if report["scored"] != args.leads:
                    raise RuntimeError(f"{kind}: scored {report['scored']}, not {args.leads}")
                first = step == steps[0][0]
                if (report["opened"] > 0) != first:
                    raise RuntimeError(f"{kind}: {step} opened {report['opened']} pursuits")
                lines.append(step_row(kind, step, seconds, args.leads, peak, json.dumps(report)))
                if first:
                    verdicts.append((kind, seconds))
        finally:
            drop()
    goals = [
        (
            f"ingest {args.leads:,} leads into a board on {kind} <= {TARGET_SECONDS:.0f} s",
            f"{seconds:.2f} s",
            seconds <= TARGET_SECONDS,
        )
        for kind, seconds in verdicts
    ]
    return finish(lines, goals, args.out)


if __name__ == "__main__":
    sys.exit(main())
