"""Money is never lost to a crash: real ``qualify`` and ``board ingest`` processes killed with
SIGKILL at random points, then resumed, cancelled or rerun on changed work; on SQLite and
PostgreSQL. After each, the credits the workspace lost are exactly the leads scored × price,
and no lead was paid for twice."""

from __future__ import annotations

import datetime
import os
import random
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

import leadsieve
from leadsieve.errors import InvalidValue, JobRunning
from leadsieve.icp import load_icp
from leadsieve.service import accounts, boards, credits, jobs, profiles
from leadsieve.service.importing import import_file
from leadsieve.service.ingest import ingest_icp_matches
from leadsieve.service.qualify import qualify_list
from leadsieve.service.store import open_store, unit_of_work
from leadsieve.store.tables import CreditEntry, Job, LeadFit, Pursuit

SAMPLES = Path(leadsieve.__file__).parent / "samples"
DAY = datetime.date(2026, 12, 1)  # the child's as-of day: the same work
PRICE = Decimal("0.5")
BATCH = 20

#: A real run in a child process, slowed between batches (outside any transaction) so that
#: the test can kill it at the point it chose: argv = url, kind, job key ("" for none).
CHILD = """
import sys, time, datetime
from leadsieve.service import ingest, qualify
from leadsieve.service.store import open_store

def slowed(real):
    def batches(*args, **kwargs):
        for batch in real(*args, **kwargs):
            time.sleep(0.15)
            yield batch
    return batches

qualify.fit_batches = slowed(qualify.fit_batches)
ingest.fit_batches = slowed(ingest.fit_batches)
url, kind, key = sys.argv[1], sys.argv[2], sys.argv[3] or None
day = datetime.date(2026, 12, 1)
engine = open_store(url)
if kind == "qualify":
    qualify.qualify_list(engine, "yc", "b2b-saas", workspace="acme", batch_size=20, as_of=day,
                         job=key, price="0.5")
else:
    ingest.ingest_icp_matches(engine, "sales", list_name="yc", workspace="acme", batch_size=20,
                              as_of=day, job=key, price="0.5")
"""


def store(database_url: str) -> tuple[Engine, int]:
    """Workspace ``acme`` with the YC sample as list ``yc``, the sample ICP, a board and
    10,000 credits."""
    engine = open_store(database_url)
    with unit_of_work(engine) as session:
        space = accounts.create_workspace(session, "acme", "Acme")
        space_id = space.id
        credits.grant(session, space_id, "10000")
        boards.create_board(session, space_id, "sales")
    import_file(engine, SAMPLES / "yc_companies_sample.csv", list_name="yc", workspace="acme")
    profiles.save_profile(engine, load_icp(SAMPLES / "b2b-saas.yaml"), workspace="acme")
    return engine, space_id


def kill_midway(engine: Engine, url: str, kind: str, key: str | None, done: int) -> Job:
    """Run ``kind`` in a child process and SIGKILL it once its job has ``done`` leads scored
    (0: right after it was charged); the job's row as the kill left it."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, kind, key or ""], env=env, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
            job = _job(engine, kind)
            if job is not None and job.charged and job.done >= done:
                break
            time.sleep(0.02)
        else:
            pytest.fail(f"the {kind} run did not reach {done} leads in time")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stderr:
            child.stderr.close()
    job = _job(engine, kind)
    assert job is not None
    return job


def _job(engine: Engine, kind: str) -> Job | None:
    with unit_of_work(engine) as session:
        found = session.scalars(select(Job).where(Job.kind == kind).order_by(Job.id.desc()))
        job = found.first()
        if job is not None:
            session.expunge(job)
        return job


def lost(engine: Engine, space: int) -> Decimal:
    """What the workspace paid, all runs together."""
    with unit_of_work(engine) as session:
        return Decimal(10000) - credits.balance(session, space)


def fits_of(engine: Engine, ledger: str | None = None) -> int:
    with unit_of_work(engine) as session:
        statement = select(func.count()).select_from(LeadFit)
        if ledger is not None:
            statement = statement.where(LeadFit.job == ledger)
        return int(session.scalar(statement) or 0)


def charges(engine: Engine) -> list[tuple[str, str | None]]:
    with unit_of_work(engine) as session:
        rows = session.execute(
            select(CreditEntry.kind, CreditEntry.job)
            .where(CreditEntry.kind != "grant")
            .order_by(CreditEntry.id)
        )
        return [(kind, job) for kind, job in rows]


def interrupted(engine: Engine, job: Job) -> None:
    """The kill left the job charged in full, running, with a dead runner, and its scored
    leads' fits stored."""
    assert job.status == "running"
    assert job.charged == job.total * 500_000 and job.total > 4 * BATCH
    assert not jobs.alive(job)
    assert fits_of(engine, job.ledger) == job.done < job.total
    shown = jobs.recent(engine, workspace="acme")
    assert shown[0].key == job.key and shown[0].interrupted


@pytest.mark.parametrize("seed", [1, 2])
def test_a_killed_qualify_is_resumed_by_running_it_again_unpaid(
    database_url: str, seed: int
) -> None:
    """Killed at a random batch, without a key: the same command again resumes the job under
    its own key and as-of day, scores only what it had not, and the workspace pays for each
    lead once."""
    engine, space = store(database_url)
    point = random.Random(seed).randrange(0, 10) * BATCH
    job = kill_midway(engine, database_url, "qualify", None, point)
    interrupted(engine, job)
    report = qualify_list(engine, "yc", "b2b-saas", workspace="acme", batch_size=BATCH)
    assert report.key == job.key and report.resumed == job.done
    assert report.scored == report.leads == job.total and report.as_of == DAY
    assert charges(engine) == [("charge", job.ledger)]
    assert lost(engine, space) == job.total * PRICE == report.charged
    assert fits_of(engine, job.ledger) == job.total
    assert _job(engine, "qualify").status == "succeeded"  # type: ignore[union-attr]


def test_a_killed_qualify_with_a_key_is_resumed_by_its_key(database_url: str) -> None:
    """The key the summary prints, or the ledger's job id, both name the job."""
    engine, space = store(database_url)
    job = kill_midway(engine, database_url, "qualify", "nightly", 3 * BATCH)
    interrupted(engine, job)
    report = qualify_list(engine, "yc", "b2b-saas", workspace="acme", job=job.ledger)
    assert (report.key, report.resumed, report.scored) == ("nightly", job.done, job.total)
    assert lost(engine, space) == job.total * PRICE
    assert charges(engine) == [("charge", job.ledger)]


def test_a_killed_job_cancelled_by_hand_is_refunded_what_it_did_not_do(
    database_url: str,
) -> None:
    """``leadsieve jobs cancel KEY``: the workspace keeps paying for the scored leads only;
    the job is over (its key refused), and a new run pays anew."""
    engine, space = store(database_url)
    job = kill_midway(engine, database_url, "qualify", "weekly", 2 * BATCH)
    interrupted(engine, job)
    [(ledger, refunded)] = jobs.cancel(engine, "weekly", workspace="acme")
    assert ledger == job.ledger and refunded == (job.total - job.done) * PRICE
    assert lost(engine, space) == job.done * PRICE
    with pytest.raises(InvalidValue, match="ended cancelled"):
        qualify_list(engine, "yc", "b2b-saas", workspace="acme", job="weekly")
    with pytest.raises(InvalidValue, match="has ended"):
        jobs.cancel(engine, "weekly", workspace="acme")
    assert lost(engine, space) == job.done * PRICE


def test_a_killed_job_whose_list_changed_is_refunded_not_resumed(
    database_url: str, tmp_path: Path
) -> None:
    """Leads added to the list before the rerun: the job cannot be resumed on other work, so
    the rerun naming it refunds what it did not score and stops; a run without a key then
    qualifies the list anew, paid once."""
    engine, space = store(database_url)
    job = kill_midway(engine, database_url, "qualify", "k1", 4 * BATCH)
    interrupted(engine, job)
    extra = tmp_path / "more.csv"
    extra.write_text("company_name,website\nNewco,newco.example\n", encoding="utf-8")
    import_file(engine, extra, list_name="yc", workspace="acme")
    with pytest.raises(InvalidValue, match="refunded") as refused:
        qualify_list(engine, "yc", "b2b-saas", workspace="acme", job="k1")
    assert "new job key" in str(refused.value)
    assert lost(engine, space) == job.done * PRICE
    report = qualify_list(engine, "yc", "b2b-saas", workspace="acme")
    assert report.key != "k1" and report.leads == job.total + 1 and report.resumed == 0
    assert lost(engine, space) == (job.done + job.total + 1) * PRICE


def test_a_price_change_refunds_a_killed_keyless_job_and_starts_anew(database_url: str) -> None:
    """Without a key, an interrupted job of the same list and version at another price is
    refunded for what it did not score and closed; the new run pays at the new price."""
    engine, space = store(database_url)
    job = kill_midway(engine, database_url, "qualify", None, 2 * BATCH)
    interrupted(engine, job)
    report = qualify_list(engine, "yc", "b2b-saas", workspace="acme", price="0.25")
    assert report.voided == ((job.key, (job.total - job.done) * PRICE),)
    assert report.key != job.key and report.scored == job.total
    assert lost(engine, space) == job.done * PRICE + job.total * Decimal("0.25")


@pytest.mark.parametrize("seed", [3, 4])
def test_a_killed_ingest_is_resumed_and_opens_each_pursuit_once(
    database_url: str, seed: int
) -> None:
    """``board ingest`` killed midway opened nothing; run again it resumes unpaid, opens a
    pursuit per qualifying organization (the leads the killed try scored included), and a
    third run opens, charges and reopens nothing."""
    engine, space = store(database_url)
    point = random.Random(seed).randrange(0, 10) * BATCH
    job = kill_midway(engine, database_url, "ingest", None, point)
    interrupted(engine, job)
    with unit_of_work(engine) as session:
        assert session.scalar(select(func.count()).select_from(Pursuit)) == 0
    report = ingest_icp_matches(engine, "sales", list_name="yc", workspace="acme")
    assert (
        report.key == job.key and report.as_of == DAY
    )  # the job's day, not today and report.resumed == job.done
    assert report.scored == job.total and report.opened > 0
    with unit_of_work(engine) as session:
        qualified = session.scalar(
            select(func.count(func.distinct(LeadFit.organization_id))).where(LeadFit.qualified)
        )
        assert session.scalar(select(func.count()).select_from(Pursuit)) == qualified
    assert report.opened == qualified
    assert lost(engine, space) == job.total * PRICE
    again = ingest_icp_matches(engine, "sales", list_name="yc", workspace="acme", as_of=DAY)
    assert (again.opened, again.scored, again.charged) == (0, 0, 0)
    assert again.reused == job.total and again.already_open == qualified
    assert lost(engine, space) == job.total * PRICE


def test_a_job_running_in_another_process_is_not_taken_over(database_url: str) -> None:
    """A run naming a job that a live process runs is refused (JOB_RUNNING), and so is
    cancelling it; once that process is gone, the job is resumable."""
    engine, space = store(database_url)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, database_url, "qualify", "busy"], env=env
    )
    try:
        deadline = time.monotonic() + 120
        while (job := _job(engine, "qualify")) is None or not job.charged:
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.02)
        with pytest.raises(JobRunning, match="running now"):
            qualify_list(engine, "yc", "b2b-saas", workspace="acme", job="busy")
        with pytest.raises(JobRunning):
            jobs.cancel(engine, "busy", workspace="acme")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    report = qualify_list(engine, "yc", "b2b-saas", workspace="acme", job="busy")
    assert report.scored == report.leads and lost(engine, space) == report.leads * PRICE


def test_job_keys_are_read_from_ledger_ids_and_checked() -> None:
    """``qualify:3:7:KEY`` (what the ledger shows) names KEY; spaces and overlong keys are
    refused; no key gives a fresh one each time."""
    assert jobs.job_key("qualify:3:7:nightly") == "nightly"
    assert jobs.job_key("ingest:1:2:o'brien;--") == "o'brien;--"
    assert jobs.job_key(" plain ") == "plain"
    assert jobs.job_key(None) != jobs.job_key(None)
    for bad in ("", "two words", "x" * 65):
        with pytest.raises(InvalidValue, match="job key"):
            jobs.job_key(bad)
