"""Benchmark the lead store: `leadsieve import` of 1M contacts at 200k organizations, into
SQLite and into PostgreSQL, each in a fresh process and a fresh database.

    python benchmarks/store.py [--contacts 1000000] [--organizations 200000] [--seed 0]
                               [--postgres postgresql://postgres@127.0.0.1:5432/test]
                               [--out benchmarks/results/store.md]

Each run imports the same file twice: the first run creates every record, the second finds
every record unchanged (the idempotence a re-import needs). Target of issue #4: >= 20,000
contacts/s on the first import, on each database. The report says PASS or FAIL.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from run import DATA, HERE, leadsieve_command, log, machine, run_child
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
    """A URL to an empty database of ``kind`` and a function that drops it."""
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
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--out", type=Path, default=HERE / "results" / "store.md")
    args = parser.parse_args(argv)
    path = ensure_contacts(args.contacts, args.organizations, args.seed)
    lines = [
        "# leadsieve store benchmark",
        "",
        f"`leadsieve import` of {args.contacts:,} contacts at {args.organizations:,} organizations "
        f"(benchmarks/store.py, seed {args.seed}), each database fresh, each run a fresh process.",
        "",
        "| database | run | seconds | contacts/s | peak RSS | report |",
        "|---|---|---:|---:|---:|---|",
    ]
    verdicts = []
    folder = DATA / "out"
    folder.mkdir(parents=True, exist_ok=True)
    for kind in args.databases:
        url, drop = fresh_database(kind, args.postgres, folder)
        try:
            for run_name in ("first import", "same file again"):
                log(f"{kind}: {run_name} ...")
                started = time.perf_counter()
                seconds, peak, report = import_once(path, url, folder / "import.json")
                log(f"  {seconds:.2f} s ({time.perf_counter() - started:.2f} s with start-up)")
                rate = args.contacts / seconds
                lines.append(
                    f"| {kind} | {run_name} | {seconds:.2f} | {rate:,.0f} | {peak / 2**30:.2f} GiB "
                    f"| `{json.dumps(report)}` |"
                )
                if run_name == "first import":
                    verdicts.append((kind, rate))
        finally:
            drop()
    lines += ["", "| target | measured | result |", "|---|---|---|"]
    for kind, rate in verdicts:
        verdict = "PASS" if rate >= TARGET_CONTACTS_PER_S else "FAIL"
        goal = f"import >= {TARGET_CONTACTS_PER_S:,} contacts/s into {kind}"
        lines.append(f"| {goal} | {rate:,.0f} | {verdict} |")
    lines += ["", "| machine | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in machine().items()]
    report = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0 if all(rate >= TARGET_CONTACTS_PER_S for _, rate in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
