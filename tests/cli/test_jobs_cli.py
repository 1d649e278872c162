"""``leadsieve jobs`` and ``leadsieve jobs cancel``: a qualify run killed midway is listed as
interrupted with its whole key and what to do, and cancelling it refunds what it did not score;
on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import partial

from tests.cli.test_cli import run
from tests.service.test_jobs import BATCH, PRICE, kill_midway, lost, store


def test_an_interrupted_job_is_listed_and_cancelled(database_url: str) -> None:
    engine, space = store(database_url)
    job = kill_midway(engine, database_url, "qualify", "nightly-2026-12-01", 2 * BATCH)
    env = {"LEADSIEVE_DATABASE_URL": database_url, "LEADSIEVE_USER": "", "COLUMNS": "80"}
    ls = partial(run, env=env)

    shown = ls("jobs", "-w", "acme")
    assert shown.returncode == 0, shown.stderr
    assert "nightly-2026-12-01" in shown.stdout  # whole, even on 80 columns: --job takes it
    assert "interrupted" in shown.stdout and f"{job.done:,} of {job.total:,}" in shown.stdout
    assert "leadsieve jobs cancel nightly-2026-12-01" in shown.stdout.replace("\n", " ")

    listed = ls("jobs", "--json", "-w", "acme")
    assert listed.returncode == 0, listed.stderr
    [first] = json.loads(listed.stdout)
    assert (first["key"], first["kind"], first["interrupted"]) == (
        "nightly-2026-12-01",
        "qualify",
        True,
    )
    assert Decimal(first["charged"]) == job.total * PRICE and first["done"] == job.done

    cancelled = ls("jobs", "cancel", "nightly-2026-12-01", "-w", "acme")
    assert cancelled.returncode == 0, cancelled.stderr
    refunded = (job.total - job.done) * PRICE
    assert f"{refunded:,} credits refunded" in cancelled.stdout
    assert lost(engine, space) == job.done * PRICE

    again = ls("jobs", "cancel", "nightly-2026-12-01", "-w", "acme")
    assert again.returncode == 6 and "has ended (cancelled)" in again.stderr
    rerun = ls("qualify", "yc", "--icp", "b2b-saas", "--job", "nightly-2026-12-01", "-w", "acme")
    assert rerun.returncode == 6 and "ended cancelled" in rerun.stderr
    assert "Traceback" not in again.stderr + rerun.stderr
    assert lost(engine, space) == job.done * PRICE
