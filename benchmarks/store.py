"""Benchmark the lead store: `leadsieve import` of 1M contacts at 200k organizations, into
SQLite and into PostgreSQL, each in a fresh process and a fresh database.

    python benchmarks/store.py [--contacts 1000000] [--organizations 200000] [--seed 0] [--repeat 3]
                               [--postgres postgresql://postgres@127.0.0.1:5432/test]
                               [--out benchmarks/results/store.md]

The first import (every record created) runs ``--repeat`` times, each into a fresh database;
the last database then imports the same file again and finds every record unchanged (the
idempotence a re-import needs). Target of issue #4: >= 20,000 contacts/s on the first import,
on each database, judged on the median. The report says PASS or FAIL.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from report import finish, step_row
from run import DATA, HERE, leadsieve_command, log, run_child
from synth import make_leads

TARGET_CONTACTS_PER_S = 20_000
ORG_COLUMNS = [
    "company_name", "website", "industry", "employees", "revenue", "country", "subdivision",
    "city", "description", "keywords", "technologies", "signals",
]  # fmt: skip
CONTACT_COLUMNS = ["first_name", "last_name", "title"]


def ensure_contacts(contacts: int, organizations: int, seed: int) -> Path:
    """``contacts`` people spread over ``organizations`` companies (each with its own domain),
    every person with a work email at their company's domain, as one CSV."""
    path = DATA / f"contacts-{contacts}-at-{organizations}-seed{seed}.csv"
    if path.exists():
        log(f"reusing {path.name}")
        return path
    log(f"generating {contacts:,} contacts at {organizations:,} organizations -> {path.name}")
    orgs = make_leads(organizations, seed=seed).select(ORG_COLUMNS)
    orgs = orgs.with_columns(
        pl.format("https://www.company{}-bench.com", pl.int_range(pl.len())).alias("website"),
        pl.format("company{}-bench.com", pl.int_range(pl.len())).alias("_domain"),
    )
    rng = np.random.default_rng(seed)
    employer = np.sort(rng.integers(0, organizations, contacts))
    people = make_leads(contacts, seed=seed + 1).select(CONTACT_COLUMNS)
    frame = pl.concat([people, orgs[employer]], how="horizontal").with_columns(
        pl.format(
            "{}.{}{}@{}",
            pl.col("first_name").str.to_lowercase().fill_null("x"),
            pl.col("last_name").str.to_lowercase().fill_null("y"),
            pl.int_range(pl.len()),
            pl.col("_domain"),
        ).alias("email")
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.drop("_domain").sample(fraction=1.0, shuffle=True, seed=seed).write_csv(path)
    return path


def fresh_database(kind: str, postgres: str, folder: Path) -> tuple[str, Callable[[], None]]:
    """A URL to an empty database of ``kind`` and a function that drops it.

    Earlier runs' writes are flushed first (the kernel's dirty pages; PostgreSQL's by a
    CHECKPOINT), so that a run does not pay for the write-back of the one before it."""
    os.sync()
    if kind == "sqlite":
        target = folder / f"store-{uuid.uuid4().hex[:8]}.db"

        def remove() -> None:
            for leftover in folder.glob(target.name + "*"):
                leftover.unlink(missing_ok=True)

        return f"sqlite:///{target}", remove
    name = f"ls_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(
        make_url(postgres).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
        connection.execute(text("CHECKPOINT"))  # a superuser's, as the local benchmark runs

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return make_url(postgres).set(database=name).render_as_string(hide_password=False), drop


# Runs `leadsieve import` with the database URL in its environment and keeps its --json report.
_IMPORT = (
    "import os, subprocess, sys; "
    "env = {**os.environ, 'LEADSIEVE_DATABASE_URL': sys.argv[1]}; "
    "done = subprocess.run(sys.argv[3:], capture_output=True, text=True, env=env); "
    "open(sys.argv[2], 'w').write(done.stdout); sys.stderr.write(done.stderr); "
    "sys.exit(done.returncode)"
)


def import_once(path: Path, url: str, out: Path) -> tuple[float, int, dict[str, object]]:
    """Seconds, peak RSS and the --json report of one `leadsieve import` in a fresh process."""
    command = [
        sys.executable, "-c", _IMPORT, url, str(out),
        *leadsieve_command(), "import", str(path), "--list", "bench", "--json",
    ]  # fmt: skip
    seconds, peak = run_child(command)
    return seconds, peak, json.loads(out.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--organizations", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="first imports per database")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--out", type=Path, default=HERE / "results" / "store.md")
    args = parser.parse_args(argv)
    path = ensure_contacts(args.contacts, args.organizations, args.seed)
    lines = [
        "# leadsieve store benchmark",
        "",
        f"`leadsieve import` of {args.contacts:,} contacts at {args.organizations:,} organizations "
        f"(benchmarks/store.py, seed {args.seed}), each run a fresh process. The first import "
        f"runs {args.repeat} times, each into a fresh database, and the target is judged on "
        "their median (a shared virtual machine varies by several seconds from run to run); "
        "the last database then imports the same file again.",
        "",
        "| database | run | seconds | contacts/s | peak RSS | report |",
        "|---|---|---:|---:|---:|---|",
    ]
    verdicts: list[tuple[str, str, bool]] = []
    folder = DATA / "out"
    folder.mkdir(parents=True, exist_ok=True)
    for kind in args.databases:
        firsts: list[float] = []
        for attempt in range(1, args.repeat + 1):
            url, drop = fresh_database(kind, args.postgres, folder)
            try:
                runs = [f"first import ({attempt} of {args.repeat})"]
                if attempt == args.repeat:
                    runs.append("same file again")
                for run_name in runs:
                    log(f"{kind}: {run_name} ...")
                    started = time.perf_counter()
                    seconds, peak, report = import_once(path, url, folder / "import.json")
                    log(f"  {seconds:.2f} s ({time.perf_counter() - started:.2f} s with start-up)")
                    lines.append(
                        step_row(kind, run_name, seconds, args.contacts, peak, json.dumps(report))
                    )
                    if run_name.startswith("first import"):
                        firsts.append(seconds)
            finally:
                drop()
        median = statistics.median(firsts)
        rate = args.contacts / median
        spread = f"{min(firsts):.2f}–{max(firsts):.2f} s" if len(firsts) > 1 else ""
        verdicts.append(
            (
                f"import >= {TARGET_CONTACTS_PER_S:,} contacts/s into {kind}",
                f"{rate:,.0f} (median {median:.2f} s{f' of {spread}' if spread else ''})",
                rate >= TARGET_CONTACTS_PER_S,
            )
        )
    return finish(lines, verdicts, args.out)


if __name__ == "__main__":
    sys.exit(main())
