"""Paid runs as jobs: a ``jobs`` row per qualify or ingest run, so that what a run was charged
and what it did outlive the process that ran it.

A run ``begin``s its job in the transaction that charges it. The row names the work
(``Work.params``: list or board, ICP version, leads, last item, suppression lists), the price
and the process running it (``runner``: host, pid and the process's start time, so a reused
pid is not mistaken for it). Each batch of fits written adds to ``done`` in the batch's own
transaction. At the end the run ``finish``es: the refund of what it did not do (leads removed
during the run, or everything unscored after a failure) and the final status in one
transaction.

A run killed midway (``kill -9``, a power cut) leaves its row ``running`` with a runner that is
gone: on this host its pid no longer runs the same process; on another host its heartbeat
(``Heartbeat``, every ``HEARTBEAT_EVERY``) is older than ``STALE_AFTER``. Such a job is
*interrupted*, and:

- rerun with its key (``--job KEY``), or without a key on the same list (or board) and ICP
  version, it is **resumed**: no new charge, the leads already holding its fits are skipped;
- when what it was started on changed since (the list, the price, the suppression lists),
  it cannot be resumed: it is **refunded** for the leads it did not score and closed
  (``cancelled``), and a run without a key starts a new job; a run naming the key is told so;
- ``leadsieve jobs cancel KEY`` refunds and closes it by hand.

So the credits a job keeps are always its scored leads × price, whatever happened in between.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from leadsieve.errors import InvalidValue, JobRunning, NotFound
from leadsieve.service import credits
from leadsieve.service.store import resolve_workspace, unit_of_work
from leadsieve.store.repositories import credits as ledger
from leadsieve.store.repositories import jobs as repo
from leadsieve.store.tables import Job

#: The longest job key a caller may give (the ledger's job id adds the kind and the ids).
MAX_KEY = 64
#: How often a running job notes that its process is alive.
HEARTBEAT_EVERY = 15.0
#: A job on another host whose process has been silent this long is presumed interrupted.
STALE_AFTER = timedelta(minutes=2)
#: The params that say which work a job is: a keyless rerun of the same work resumes it.
TARGET = ("list_id", "board_id", "version_id")
_LEDGER_ID = re.compile(r"^(?:qualify|ingest):\d+:\d+:(?P<key>\S+)$")
#: The jobs this process is running now: one it began and then left (its refund failed) is
#: interrupted for a rerun in the same process, as it would be for another.
_ACTIVE: set[int] = set()
_ACTIVE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Work:
    """What a run is about to be charged for: ``total`` leads at ``price`` under the ledger
    id ``ledger``; ``params`` name the work (a rerun resumes only the same params)."""

    kind: str
    key: str
    ledger: str
    params: dict[str, Any]
    total: int
    price: Decimal
    #: Params the caller did not choose (``as_of`` defaulted to today): a resumed job keeps
    #: its own, rather than being refused as other work.
    adoptable: tuple[str, ...] = ()


@dataclass(frozen=True)
class Begun:
    """A job begun (or taken over): its row id, key and ledger id. ``resumed`` says an
    earlier try of the job ran (its fits are kept and skipped, its charge stands);
    ``voided`` lists the interrupted jobs of the same work refunded and closed on the way
    (key and credits given back): a new run of the work makes their unscored leads moot."""

    id: int
    key: str
    ledger: str
    resumed: bool
    #: The leads the job is charged for (the first try's count, on a resume).
    total: int = 0
    #: The job's params: on a resume, the first try's (its ``as_of``, when adoptable).
    params: dict[str, Any] = field(default_factory=dict)
    voided: tuple[tuple[str, Decimal], ...] = ()
    #: Set when the named job cannot run (it was interrupted and its work changed, so it was
    #: refunded and closed): the caller commits, charges nothing and raises this message.
    refused: str | None = None


@dataclass(frozen=True)
class JobView:
    """A job as ``leadsieve jobs`` shows it."""

    key: str
    kind: str
    status: str
    interrupted: bool
    done: int
    total: int
    charged: Decimal
    refunded: Decimal
    params: dict[str, Any]
    problem: str | None
    created_at: datetime
    finished_at: datetime | None


def job_key(job: str | None) -> str:
    """The key a run goes by: the caller's (a ledger id such as ``qualify:3:7:KEY``, as a
    summary or the ledger shows it, is read as its KEY) or a fresh random one."""
    if job is None:
        return uuid.uuid4().hex[:16]
    cleaned = job.strip()
    found = _LEDGER_ID.match(cleaned)
    if found is not None:
        cleaned = found["key"]
    if not cleaned or len(cleaned) > MAX_KEY or any(c.isspace() for c in cleaned):
        raise InvalidValue(
            f"a job key is 1 to {MAX_KEY} characters without spaces, not {job!r}; "
            "name the run, such as 'nightly-2026-12-01'"
        )
    return cleaned


def begin(
    session: Session, workspace_id: int, work: Work, user_id: int | None, *, named: bool
) -> Begun:
    """Begin ``work``'s job, or take over an earlier try of it, before it is charged (in the
    charging transaction, under the workspace's ledger lock, so two runs of one key cannot
    both begin it).

    ``named`` says the caller gave the key: without one, an interrupted job of the same work
    (``TARGET``) is resumed under its own key. Other interrupted jobs of the same target are
    refunded and closed (``Begun.voided``). An earlier try of the key still running is
    ``JobRunning``; one that failed or was cancelled is over (``InvalidValue``); one whose work
    changed since is ``InvalidValue`` when it finished, and refunded and closed when it was
    interrupted (``Begun.refused``: the caller commits that and stops)."""
    ledger.lock_workspace(session, workspace_id)
    voided: list[tuple[str, Decimal]] = []
    chosen: Job | None = None
    for earlier in _interrupted(session, workspace_id, work):
        if earlier.ledger == work.ledger:
            continue  # the job itself, below
        if not named and chosen is None and _same(earlier, work):
            chosen = earlier  # resumed under its own key
            continue
        voided.append((earlier.key, _void(session, earlier, "another run of its work began")))
    if chosen is not None:
        work = replace(work, key=chosen.key, ledger=chosen.ledger)
    job = repo.find(session, workspace_id, work.ledger)
    if job is None:
        job = repo.add(
            session,
            workspace_id=workspace_id,
            kind=work.kind,
            key=work.key,
            ledger=work.ledger,
            status="running",
            user_id=user_id,
            params=work.params,
            total=work.total,
            done=0,
            price=credits.to_micro(work.price),
            charged=0,
            refunded=0,
            runner=runner_id(),
            heartbeat_at=datetime.now(UTC),
        )
        _activate(job.id)
        return Begun(job.id, work.key, work.ledger, False, work.total, work.params, tuple(voided))
    if job.status in ("failed", "cancelled"):
        raise InvalidValue(
            f"job {job.key!r} already ran on this work and ended {job.status} "
            f"({credits.from_micro(job.refunded)} credits refunded); run again with a new "
            "job key (or none)"
        )
    if job.status == "running" and alive(job):
        raise JobRunning(
            f"job {job.key!r} is running now (process {job.runner}); wait for it to finish, "
            "or run with another job key"
        )
    if not _same(job, work):
        if job.status != "running":
            raise InvalidValue(
                f"job {job.key!r} was charged {credits.from_micro(job.charged)} credits for "
                f"{job.total:,} leads at {credits.from_micro(job.price)}, and the list, the "
                "price or the suppression lists changed since; run with a new job key (or "
                "none) to start a new run"
            )
        refunded = _void(session, job, "its work changed before it was resumed")
        return Begun(
            job.id,
            job.key,
            job.ledger,
            resumed=False,
            voided=(*voided, (job.key, refunded)),
            refused=(
                f"job {job.key!r} was interrupted, and the list, the price or the suppression "
                f"lists changed before it was resumed: its unscored leads were refunded "
                f"({refunded:,} credits) and the job is closed; run again with a new job key "
                "(or none)"
            ),
        )
    repo.change(
        session, job.id, status="running", runner=runner_id(), heartbeat_at=datetime.now(UTC)
    )
    _activate(job.id)
    return Begun(job.id, job.key, job.ledger, True, job.total, dict(job.params), tuple(voided))


def charged(session: Session, job_id: int, amount: Decimal, total: int | None = None) -> None:
    """Record what the job's charge took (its first try's charge, on a resume), and, when
    counted only after ``begin``, the ``total`` leads it was for."""
    values: dict[str, Any] = {"charged": credits.to_micro(amount)}
    if total is not None:
        values["total"] = total
    repo.change(session, job_id, **values)


def add_done(session: Session, job_id: int, leads: int) -> None:
    """Count ``leads`` more fits written, in the transaction that wrote them."""
    repo.add_done(session, job_id, leads)


def settle(
    session: Session,
    workspace_id: int,
    job_id: int,
    unscored: int,
    price: Decimal,
    *,
    failure: BaseException | None = None,
    result: dict[str, Any] | None = None,
) -> Decimal:
    """End the job in the caller's transaction: refund its ``unscored`` leads × ``price`` and
    set its status (succeeded, or failed after ``failure``); what was refunded."""
    job = session.get(Job, job_id)
    assert job is not None  # begun by this run
    refunded = Decimal(0)
    if unscored > 0:
        refunded = credits.refund(session, workspace_id, job.ledger, unscored, price).amount
    now = datetime.now(UTC)
    repo.change(
        session,
        job_id,
        status="failed" if failure is not None else "succeeded",
        refunded=credits.to_micro(refunded),
        result=result,
        problem=None if failure is None else _problem(failure),
        finished_at=now,
        heartbeat_at=now,
    )
    release(job_id)
    return refunded


def finish(
    engine: Engine,
    workspace_id: int,
    job_id: int,
    *,
    unscored: int,
    price: Decimal,
    failure: BaseException | None,
    stuck: str,
    next_step: str,
    key: str,
) -> Decimal:
    """``settle`` the job in a fresh transaction; what was refunded.

    After a ``failure`` the refund is noted on it, with ``next_step``. A refund that fails
    too (the database is gone) must not hide the failure: the job stays ``running``, to be
    found interrupted by the next run of its work, and the note says ``stuck``."""
    try:
        with unit_of_work(engine) as session:
            refunded = settle(session, workspace_id, job_id, unscored, price, failure=failure)
    except Exception as error:
        release(job_id)
        if failure is None:
            raise
        failure.add_note(
            f"the run stopped with {unscored:,} leads unscored, and refunding them failed too "
            f"({error}); {stuck}"
        )
        return Decimal(0)
    if failure is not None and refunded:
        failure.add_note(
            f"the run stopped with {unscored:,} leads unscored; their {refunded:,} credits "
            f"were refunded (job {key}). {next_step}"
        )
    return refunded


def cancel(engine: Engine, key: str, *, workspace: str | None = None) -> list[tuple[str, Decimal]]:
    """Refund and close the interrupted jobs named ``key`` (``leadsieve jobs cancel``): what
    each gave back. A job running now is ``JobRunning``; one that ended is ``InvalidValue``."""
    key = job_key(key)
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, workspace)
        ledger.lock_workspace(session, space.id)
        found = repo.by_key(session, space.id, key)
        if not found:
            raise NotFound(
                f"no job {key!r} in workspace {space.slug!r}; `leadsieve jobs` lists its jobs"
            )
        open_ = [job for job in found if job.status == "running"]
        if not open_:
            raise InvalidValue(
                f"job {key!r} has ended ({found[0].status}); only an interrupted job can be "
                "cancelled"
            )
        busy = [job for job in open_ if alive(job)]
        if busy:
            raise JobRunning(
                f"job {key!r} is running now (process {busy[0].runner}); stop that process "
                "first, then cancel the job to be refunded"
            )
        return [(job.ledger, _void(session, job, "cancelled by hand")) for job in open_]


def recent(engine: Engine, *, workspace: str | None = None, limit: int = 20) -> list[JobView]:
    """The workspace's latest jobs, newest first, interrupted ones marked."""
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, workspace)
        return [_view(job) for job in repo.recent(session, space.id, limit)]


# --- the runner ----------------------------------------------------------------------------


def runner_id(pid: int | None = None) -> str:
    """This process (or ``pid`` on this host) as a job's runner: host, pid, start time."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{pid}:{_started(pid)}"


def alive(job: Job) -> bool:
    """Whether the job's process still runs it: on this host, whether its pid still runs
    the process that began it; elsewhere, whether it spoke within ``STALE_AFTER``."""
    if job.runner is None:
        return False
    if job.runner == runner_id():
        with _ACTIVE_LOCK:
            return job.id in _ACTIVE
    host, pid, started = job.runner.rsplit(":", 2)
    if host == socket.gethostname() and pid.isdigit():
        return runner_id(int(pid)) == job.runner if started else _pid_runs(int(pid))
    beat = job.heartbeat_at
    if beat is None:
        return False
    beat = beat if beat.tzinfo is not None else beat.replace(tzinfo=UTC)  # SQLite: naive UTC
    return datetime.now(UTC) - beat < STALE_AFTER


def release(job_id: int) -> None:
    """This process no longer runs the job (it ended, or was left to be resumed)."""
    with _ACTIVE_LOCK:
        _ACTIVE.discard(job_id)


def _activate(job_id: int) -> None:
    with _ACTIVE_LOCK:
        _ACTIVE.add(job_id)


class Heartbeat:
    """While a run works, note every ``HEARTBEAT_EVERY`` seconds that its process is alive
    (for runs watched from another host: on this one the pid says it)."""

    def __init__(self, engine: Engine, job_id: int) -> None:
        self._engine, self._job_id = engine, job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="leadsieve-heartbeat", daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(HEARTBEAT_EVERY):
            try:
                with unit_of_work(self._engine) as session:
                    repo.change(session, self._job_id, heartbeat_at=datetime.now(UTC))
            except Exception:  # a missed beat only makes the job look older
                continue

    @contextmanager
    def running(self) -> Iterator[None]:
        """Beat while the block runs."""
        self._thread.start()
        try:
            yield
        finally:
            self._stop.set()
            self._thread.join()


# --- helpers -------------------------------------------------------------------------------


def _interrupted(session: Session, workspace_id: int, work: Work) -> list[Job]:
    """The workspace's interrupted jobs of the same kind and target as ``work``."""
    target = {name: work.params.get(name) for name in TARGET}
    return [
        job
        for job in repo.running(session, workspace_id, work.kind)
        if {name: job.params.get(name) for name in TARGET} == target and not alive(job)
    ]


def _same(job: Job, work: Work) -> bool:
    """Whether the job was started on ``work`` (up to the params ``work`` may adopt)."""

    def chosen(params: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in params.items() if k not in work.adoptable}

    return chosen(job.params) == chosen(work.params) and job.price == credits.to_micro(work.price)


def _void(session: Session, job: Job, why: str) -> Decimal:
    """Refund an interrupted job for the leads it did not score, and close it."""
    done = min(repo.fits_written(session, int(job.params["version_id"]), job.ledger), job.total)
    price = credits.from_micro(job.price)
    refunded = Decimal(0)
    if job.charged and job.total > done:
        back = credits.refund(session, job.workspace_id, job.ledger, job.total - done, price)
        refunded = back.amount
    repo.change(
        session,
        job.id,
        status="cancelled",
        done=done,
        refunded=credits.to_micro(refunded),
        problem=f"interrupted; {why}: {job.total - done:,} unscored leads refunded",
        finished_at=datetime.now(UTC),
    )
    return refunded


def _view(job: Job) -> JobView:
    return JobView(
        key=job.key,
        kind=job.kind,
        status=job.status,
        interrupted=job.status == "running" and not alive(job),
        done=job.done,
        total=job.total,
        charged=credits.from_micro(job.charged),
        refunded=credits.from_micro(job.refunded),
        params=dict(job.params),
        problem=job.problem,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


def _problem(failure: BaseException) -> str:
    code = getattr(failure, "code", None)
    text = str(failure).splitlines()[0] if str(failure) else type(failure).__name__
    return f"{code}: {text}" if code else text


def _started(pid: int) -> str:
    """The process's start time since boot, in clock ticks (Linux); empty elsewhere or when
    there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[1].split()[19]


def _pid_runs(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
