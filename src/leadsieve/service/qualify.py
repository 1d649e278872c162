"""Qualify a stored lead list: score every lead against one ICP version, store one fit per
lead, pay for it in credits.

A run, ``qualify_list``:

1. resolves the workspace, the list and the ICP version (the current one unless named; a
   profile the acting user cannot see is not found), and counts the list's leads, N;
2. charges N × price under its job, before anything is scored: a balance that falls short is
   ``InsufficientCredits`` (required and available), and nothing is scored or charged;
3. reads the leads in batches (ranges of list item ids, up to the last item counted), each
   rebuilt into ``ls_*`` columns from its stored records (``service.stored_leads``), scores them
   with the engine (the ICP compiled once) and writes the batch's fits in bulk, one
   transaction per batch (``service.fit_batches``, ``store.repositories.fits``);
4. if anything fails midway, refunds what was not scored, (N − scored) × price, in a fresh
   transaction, then raises the error. Leads removed from the list during the run are refunded
   the same way at the end.

Jobs and retries. The ledger's job is ``qualify:<list id>:<version id>:<key>``, the key being
the caller's (``--job``) or a fresh random one, so a key names one run of one list against one
ICP version. Running a key again is a retry: its charge is found and nothing more is charged, and
the leads that already hold a fit this job wrote are skipped (a run killed midway resumes where
it stopped, paid once). A job that failed and was refunded is closed: it is refused, and a new
key starts a new, newly paid run. So the credits a job keeps are always its scored leads ×
price. Two different jobs at once take turns on the workspace's ledger lock, so they never
spend the same credits. One key should not run twice at the same time.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from leadsieve.engine.exclusions import fingerprint
from leadsieve.engine.feeds import always_unknown, unknown_counts
from leadsieve.errors import InsufficientCredits, InvalidValue
from leadsieve.service import credits, exclusions, jobs, lists, suppression
from leadsieve.service.background import ReadAhead
from leadsieve.service.fit_batches import FitTarget, fit_batches
from leadsieve.service.profiles import visible_version
from leadsieve.service.store import resolve_workspace, unit_of_work
from leadsieve.settings import get_settings, parse_credits
from leadsieve.store.repositories import fits as repo
from leadsieve.store.tables import Workspace

#: Leads per batch: each batch is read, scored and written as a whole (50,000 measured
#: faster than 100,000 or 25,000 on both databases: SQLite commits big transactions slower).
BATCH_SIZE = 50_000
GRADES = ("A", "B", "C", "D", "DQ")
#: Batches written at once, per database (see ``_score_batches``).
WRITERS = {"postgresql": 2, "sqlite": 1}

Progress = Callable[[int], None]


@dataclass(frozen=True)
class QualifyReport:
    """What a run did. ``leads`` were in the list (and charged for), ``scored`` hold this
    job's fit (``resumed`` of them written by an earlier try of the job), ``charged`` is what
    the job kept after any refund, ``balance`` what the workspace has left."""

    workspace: str
    list_name: str
    icp_slug: str
    icp_version: int
    job: str
    #: The part of ``job`` a rerun names with ``--job`` to resume it.
    key: str
    as_of: date
    price: Decimal
    leads: int
    scored: int
    resumed: int
    qualified: int
    grades: dict[str, int]
    charged: Decimal
    balance: Decimal
    #: The ICP's rules that no scored lead had data for (unknown for every one of them).
    unfed: tuple[str, ...] = ()
    #: Interrupted jobs of the same list and version refunded and closed by this run (key,
    #: credits given back).
    voided: tuple[tuple[str, Decimal], ...] = ()

    def as_json(self) -> dict[str, Any]:
        """Exactly what ``leadsieve qualify --json`` prints; credits as strings, exact."""
        return {
            "scored": self.scored,
            "qualified": self.qualified,
            "charged": str(self.charged),
            "balance": str(self.balance),
        }


@dataclass
class _Tally:
    scored: int = 0
    qualified: int = 0
    grades: Counter[str] = field(default_factory=Counter)
    #: Per rule, the leads scored by this run for which it was unknown.
    unknown: Counter[str] = field(default_factory=Counter)

    def add(
        self, grades: dict[str, int], qualified: int, unknown: dict[str, int] | None = None
    ) -> None:
        self.grades.update(grades)
        self.scored += sum(grades.values())
        self.qualified += qualified
        self.unknown.update(unknown or {})


def qualify_list(
    engine: Engine,
    list_name: str,
    icp_slug: str,
    *,
    workspace: str | None = None,
    user: str | None = None,
    version: int | None = None,
    job: str | None = None,
    as_of: date | None = None,
    price: Decimal | int | str | None = None,
    batch_size: int = BATCH_SIZE,
    on_start: Progress | None = None,
    on_progress: Progress | None = None,
    exclude: Sequence[str] = (),
) -> QualifyReport:
    """Score every lead of ``list_name`` against ``icp_slug`` (version ``version``, default
    the current one), store the fits and charge the workspace (see the module docstring).

    ``user`` is the acting user's email (profiles' visibility rules); ``price`` defaults to
    ``LEADSIEVE_PRICE_PER_ROW``, ``as_of`` to today. Once charged, ``on_start`` gets the
    number of leads; ``on_progress`` gets the number holding this job's fit after each
    batch. ``exclude`` names suppression lists whose leads are disqualified
    (``service.suppression``)."""
    if batch_size < 1:
        raise InvalidValue(f"the batch size must be 1 or more, not {batch_size}")
    key = jobs.job_key(job)
    price = price_per_row(price)
    day = as_of or date.today()
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, workspace)
        lead_list = lists.get_list(session, space.id, list_name)
        found, version_id = visible_version(session, space, icp_slug, version, user)
        icp = found.icp()  # a stored document that no longer validates fails before charging
        user_id = credits.acting_user_id(session, space.id, user)
        excluded = suppression.load_lists(session, space.id, exclude)
        leads, first_item, last_item = repo.list_span(session, lead_list.id)
        work = jobs.Work(
            kind="qualify",
            key=key,
            ledger=f"qualify:{lead_list.id}:{version_id}:{key}",
            params={
                "list_id": lead_list.id,
                "version_id": version_id,
                "leads": leads,
                "last_item": last_item,
                "exclusions": fingerprint(excluded),
                "as_of": day.isoformat(),
            },
            total=leads,
            price=price,
            adoptable=() if as_of else ("as_of",),
        )
        exclusions.check_job(session, version_id, work.ledger, key, excluded)
        begun = jobs.begin(session, space.id, work, user_id, named=job is not None)
        day = date.fromisoformat(begun.params.get("as_of", day.isoformat()))
        if begun.refused is None:
            paid = _charge(session, space, lead_list.name, begun.ledger, leads, price)
            jobs.charged(session, begun.id, paid.amount)
            retry = begun.resumed or (paid.entry_id is not None and not paid.new)
            earlier: tuple[dict[str, int], int] = ({}, 0)
            if retry:
                earlier = repo.job_progress(
                    session, lead_list.id, last_item, version_id, begun.ledger
                )
            replacing = repo.has_fits(session, version_id)
    if begun.refused is not None:
        raise InvalidValue(begun.refused)
    target = FitTarget(
        workspace_id=space.id,
        list_id=lead_list.id,
        version_id=version_id,
        version=found.number,
        icp=icp,
        first_item=first_item,
        last_item=last_item,
        batch_size=batch_size,
        job=begun.ledger,
        as_of=day,
        skip=retry,
        exclusions=excluded,
    )
    tally = _Tally()
    tally.add(*earlier)
    resumed = tally.scored
    try:
        if on_start is not None:
            on_start(leads)
        if leads:
            with jobs.Heartbeat(engine, begun.id).running():
                _score_batches(
                    engine, target, tally, begun.id, replacing=replacing, on_progress=on_progress
                )
    except BaseException as error:
        _finish(engine, space.id, begun, leads - tally.scored, price, error)
        raise
    refunded = _finish(engine, space.id, begun, max(leads - tally.scored, 0), price, None)
    with unit_of_work(engine) as session:
        left = credits.balance(session, space.id)
    return QualifyReport(
        workspace=space.slug,
        list_name=lead_list.name,
        icp_slug=found.profile.slug,
        icp_version=found.number,
        job=begun.ledger,
        key=begun.key,
        as_of=day,
        price=price,
        leads=leads,
        scored=tally.scored,
        resumed=resumed,
        qualified=tally.qualified,
        grades={g: tally.grades[g] for g in GRADES},
        charged=paid.amount - refunded,
        balance=left,
        unfed=always_unknown(icp, tally.unknown, tally.scored - resumed),
        voided=begun.voided,
    )


def _charge(
    session: Session, space: Workspace, list_name: str, ledger_job: str, leads: int, price: Decimal
) -> credits.Charge:
    """Charge the run (found, on a retry), or say what it needs."""
    try:
        return credits.charge(session, space.id, ledger_job, leads, price)
    except InsufficientCredits as short:
        raise InsufficientCredits(
            f"qualifying list {list_name!r} ({leads:,} leads at {price} credits each) "
            f"needs {short.required} credits, but workspace {space.slug!r} has "
            f"{short.available}; nothing was scored or charged. Add credits with "
            f"`leadsieve credits grant {short.required - short.available} --workspace "
            f"{space.slug}`",
            required=short.required,
            available=short.available,
        ) from None


def price_per_row(price: Decimal | int | str | None) -> Decimal:
    """A run's price per lead: ``price``, else the ``LEADSIEVE_PRICE_PER_ROW`` setting,
    checked (0 or more credits, at most 6 decimals)."""
    return parse_credits(
        get_settings().price_per_row if price is None else price,
        what="the price per row",
        fix="use 0 or more credits with at most 6 decimals, such as 0.5",
        allow_zero=True,
    )


def _score_batches(
    engine: Engine,
    target: FitTarget,
    tally: _Tally,
    job_id: int,
    *,
    replacing: bool,
    on_progress: Progress | None,
) -> None:
    """Write the fits of the list's leads batch by batch, each batch one transaction, while
    a thread reads and scores the next batch. (A child process instead of the thread, as the
    import uses, measured no faster here: its start-up and the fits' transfer cost what it
    saved on the GIL.)

    PostgreSQL writes two batches at once, on two connections: a COPY keeps one server
    process busy, and the second core has room for another. SQLite has one writer at a time.
    A batch that fails to write stops the run once the batches being written are done; the
    tally counts committed batches only. ``replacing`` says the version has fits already,
    which the batches may replace."""
    writers = WRITERS.get(engine.dialect.name, 1)
    lock = threading.Lock()

    def write(batch: _Batch) -> None:
        with unit_of_work(engine) as session:
            repo.write_fits(session, batch.fits, replacing=replacing)
            jobs.add_done(session, job_id, sum(batch.grades.values()))
        with lock:
            tally.add(batch.grades, batch.qualified, batch.unknown)
            if on_progress is not None:
                on_progress(tally.scored)

    batches = ReadAhead(_encoded(engine, target))
    try:
        with ThreadPoolExecutor(writers, thread_name_prefix="leadsieve-write") as pool:
            pending: set[Future[None]] = set()
            for batch in batches:
                if len(pending) >= writers:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        future.result()
                pending.add(pool.submit(write, batch))
            for future in pending:
                future.result()
    finally:
        batches.close()


@dataclass(frozen=True)
class _Batch:
    """A batch of fits ready to write, and what it adds to the tally."""

    fits: pl.DataFrame | repo.EncodedFits
    grades: dict[str, int]
    qualified: int
    unknown: dict[str, int]


def _encoded(engine: Engine, target: FitTarget) -> Iterator[_Batch]:
    """The run's batches. For PostgreSQL they are encoded (as CSV) here, on the reading
    thread, which has time to spare while the server is busy with COPY; SQLite's writer is
    the one that waits, and making its rows here would only take the GIL from it."""
    encode = engine.dialect.name == "postgresql"
    for fits in fit_batches(engine, target):
        yield _Batch(
            repo.encode_fits(engine.dialect.name, fits) if encode else fits,
            dict(fits.get_column("grade").value_counts().iter_rows()),
            int(fits.get_column("qualified").sum()),
            unknown_counts(fits),
        )


def _finish(
    engine: Engine,
    workspace_id: int,
    begun: jobs.Begun,
    unscored: int,
    price: Decimal,
    failure: BaseException | None,
) -> Decimal:
    """End a qualify run's job (``jobs.finish``): a job whose refund failed is finished
    unpaid by rerunning it with the same key."""
    return jobs.finish(
        engine, workspace_id, begun.id, unscored=unscored, price=price, failure=failure,
        stuck=f"rerun it with --job {begun.key} to finish it without paying again",
        next_step="The leads scored before keep their fits; qualify again to score the list",
        key=begun.key,
    )  # fmt: skip
