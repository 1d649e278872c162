"""Ingest ICP matches: score leads against an ICP and open a pursuit on a sales board for each
organization that qualifies.

A run, ``ingest_icp_matches``:

1. resolves the workspace, the board, the ICP at its current version and the leads: a list's,
   or every lead of the workspace (each contact with its employer, each organization without
   contacts: ``store.repositories.workspace_leads``). The ICP is named by id or slug, not
   both; unnamed, it is the only profile the acting user sees in the workspace (several:
   ``SalesIcpAmbiguous`` listing their slugs; none: ``IcpNotFound``). Another workspace's
   board, list or ICP, and another user's private ICP, are not found;
2. leaves out the leads whose fit of this version is still current (as of the same day, by
   this leadsieve version, with the same suppression lists, the lead unchanged since: they
   are ``reused``, neither scored nor charged), and charges the N others × price under the
   job ``ingest:<board id>:<version id>:<key>`` (``service.jobs``: the caller's ``--job`` or
   a fresh key) before anything is scored, as ``qualify`` does: a balance that falls short
   is ``InsufficientCredits``, and nothing is scored, opened or charged;
3. scores the leads in batches and stores their fits as ``qualify`` does (``lead_fits``, so
   ``list show --icp`` shows them), one transaction per batch;
4. opens the pursuits in one transaction: one per organization with a qualified lead, at the
   board's first open stage, source "icp", with the ICP profile, version and the best score
   of the organization's qualified leads (the fit at opening), the acting user as its owner,
   and its opening in the stage history as made by the acting user (as
   ``boards.open_pursuit`` records it). Its qualified contacts go on it, except those marked
   do-not-contact or opted out, which are counted (``skipped_do_not_contact``) and never
   attached. An organization with an open pursuit on
   the board already is ``already_open`` and gets nothing new;
5. if scoring fails midway, refunds the unscored leads, (N − scored) × price, opens nothing
   and raises. Leads removed during the run are refunded at the end.

A qualified lead without an organization (a contact with no employer) cannot be a pursuit, one
organization's case: it counts as scored and qualified, and in ``without_organization``. An
organization qualifies through any of its leads, even when its qualified contacts are all
do-not-contact: the flag is about reaching the person, not the company.

Running it twice on unchanged leads scores, charges and opens nothing: the fits are reused and
the pursuits are open. A run killed midway is resumed unpaid by running it again
(``service.jobs``). Organizations whose pursuit on the board was closed won, or closed lost
within ``reopen_after`` days, are not reopened (``skipped_closed``). Two runs at once open
each pursuit once: pursuits are inserted with insert-or-skip on the partial unique
index (one open pursuit per board and organization), and the openings on one board take turns
on its lock (``store.repositories.pursuits.lock_board``), so the second finds the first's
pursuits open. Contacts go only on the pursuits a run opened itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import polars as pl
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from leadsieve._version import __version__
from leadsieve.engine.exclusions import fingerprint
from leadsieve.engine.feeds import always_unknown, unknown_counts
from leadsieve.errors import IcpNotFound, InsufficientCredits, InvalidValue, SalesIcpAmbiguous
from leadsieve.service import boards, credits, jobs, lists, pipeline, suppression
from leadsieve.service.background import ReadAhead
from leadsieve.service.fit_batches import FitTarget, fit_batches
from leadsieve.service.profiles import ProfileVersion, visible_version
from leadsieve.service.qualify import price_per_row
from leadsieve.service.store import resolve_workspace, unit_of_work
from leadsieve.store.repositories import boards as boards_repo
from leadsieve.store.repositories import fits as fits_repo
from leadsieve.store.repositories import icps, pursuits, workspace_leads
from leadsieve.store.repositories import jobs as jobs_repo
from leadsieve.store.tables import Workspace

#: Leads per batch, as ``qualify`` reads them.
BATCH_SIZE = 50_000
#: What a pursuit opened by an ICP match records as its source.
SOURCE = "icp"

Progress = Callable[[int], None]


@dataclass(frozen=True)
class IngestReport:
    """What a run did. ``leads`` were charged for, ``scored`` hold this run's fit and
    ``qualified`` of them qualify; ``opened`` pursuits were opened, ``already_open``
    organizations had one; ``skipped_do_not_contact`` qualified contacts were not put on the
    pursuits opened; ``without_organization`` qualified leads had no organization to open a
    pursuit for. ``list_name`` is None when every lead of the workspace was scored."""

    workspace: str
    board: str
    list_name: str | None
    icp_slug: str
    icp_version: int
    job: str
    #: The part of ``job`` a rerun names with ``--job`` to resume it.
    key: str
    as_of: date
    price: Decimal
    leads: int
    scored: int
    qualified: int
    opened: int
    already_open: int
    skipped_do_not_contact: int
    without_organization: int
    charged: Decimal
    balance: Decimal
    #: Leads whose fit of this version, as of this day, was reused: not scored nor charged.
    reused: int = 0
    #: Qualifying organizations not reopened: closed won, or closed lost too recently.
    skipped_closed: int = 0
    #: Nothing was charged, stored or opened: the counts say what would have been.
    dry_run: bool = False
    #: The ICP's rules that no scored lead had data for (unknown for every one of them).
    unfed: tuple[str, ...] = ()
    #: Leads scored by an earlier, interrupted try of this job (not scored again).
    resumed: int = 0
    #: Interrupted jobs of the same board, ICP version and leads refunded and closed by this
    #: run (key, credits given back).
    voided: tuple[tuple[str, Decimal], ...] = ()

    def as_json(self) -> dict[str, Any]:
        """Exactly what ``leadsieve board ingest --json`` prints."""
        return {
            "scored": self.scored,
            "qualified": self.qualified,
            "opened": self.opened,
            "already_open": self.already_open,
            "skipped_do_not_contact": self.skipped_do_not_contact,
            "skipped_closed": self.skipped_closed,
            "reused": self.reused,
        }


@dataclass(frozen=True)
class _Plan:
    """What the run resolved and was charged for, before its first batch."""

    space: Workspace
    board_id: int
    board: str
    list_name: str | None
    found: ProfileVersion
    profile_id: int
    user_id: int | None
    leads: int
    paid: Decimal
    target: FitTarget
    replacing: bool
    #: The fits reused (``organization_id``, ``contact_id``, ``score``, ``qualified``).
    reused: pl.DataFrame
    #: Closed lost pursuits older than this may be reopened; closed won ones never.
    reopen_after: int = 90
    #: The run's job (0 for a dry run) and the key it goes by.
    job_id: int = 0
    key: str = ""
    #: What an earlier, interrupted try of the job scored: how many leads, and the qualified
    #: ones (``organization_id``, ``contact_id``, ``score``).
    earlier_scored: int = 0
    earlier: pl.DataFrame = field(default_factory=lambda: _no_matches())
    #: Interrupted jobs of the same work refunded and closed on the way (key, credits).
    voided: tuple[tuple[str, Decimal], ...] = ()


def ingest_icp_matches(
    engine: Engine,
    board: str,
    *,
    icp_id: int | None = None,
    icp_slug: str | None = None,
    list_name: str | None = None,
    workspace: str | None = None,
    user: str | None = None,
    as_of: date | None = None,
    price: Decimal | int | str | None = None,
    batch_size: int = BATCH_SIZE,
    on_start: Progress | None = None,
    on_progress: Progress | None = None,
    reopen_after: int = 90,
    dry_run: bool = False,
    exclude: Sequence[str] = (),
    job: str | None = None,
) -> IngestReport:
    """Score ``list_name``'s leads (None: every lead of the workspace) against the ICP
    ``icp_id`` or ``icp_slug`` (neither: the workspace's only one) and open a pursuit on
    ``board`` for each organization that qualifies (see the module docstring).

    ``user`` is the acting user's email (profiles' visibility, the history's mover);
    ``price`` defaults to ``LEADSIEVE_PRICE_PER_ROW``, ``as_of`` to today. Once charged,
    ``on_start`` gets the number of leads; ``on_progress`` the number scored after each
    batch. With ``dry_run`` nothing is charged, stored or opened: the report says what would
    be (``charged`` is what the run would cost). ``exclude`` names suppression lists whose
    leads are disqualified, so never opened (``service.suppression``). ``job`` names the run
    (``service.jobs``): rerun with the same key, an interrupted run resumes unpaid."""
    if icp_id is not None and icp_slug is not None:
        raise InvalidValue(
            f"name the ICP once: by id ({icp_id}) or by slug ({icp_slug!r}), not both"
        )
    if batch_size < 1:
        raise InvalidValue(f"the batch size must be 1 or more, not {batch_size}")
    price = price_per_row(price)
    day = as_of or date.today()
    with unit_of_work(engine) as session:
        icp = (icp_id, icp_slug)
        key = jobs.job_key(job)
        plan = _prepare(
            session, board, icp, list_name, workspace, user, price, day, batch_size, dry_run,
            exclude, key, named=job is not None, adopt_day=as_of is None,
        )  # fmt: skip
    if isinstance(plan, str):  # the named job cannot run: what was refunded is committed
        raise InvalidValue(plan)
    plan = replace(plan, reopen_after=_days(reopen_after))
    space_id = plan.space.id
    scored, qualified = plan.earlier_scored, plan.earlier.height
    matches: list[pl.DataFrame] = [plan.earlier]
    unknown: Counter[str] = Counter()
    todo = plan.leads - plan.earlier_scored
    try:
        if on_start is not None:
            on_start(plan.leads)
        if todo:
            beat = jobs.Heartbeat(engine, plan.job_id) if plan.job_id else None
            with beat.running() if beat is not None else nullcontext():
                batches = _dry(engine, plan) if dry_run else _batches(engine, plan)
                for batch in batches:
                    scored += batch.scored
                    qualified += batch.qualified
                    matches.append(batch.matches)
                    unknown.update(batch.unknown)
                    if on_progress is not None:
                        on_progress(scored)
    except BaseException as error:
        if not dry_run:
            _finish(engine, plan, plan.leads - scored, price, error)
        raise
    reused = plan.reused.filter(pl.col("qualified")).select(
        "organization_id", "contact_id", "score"
    )
    qualified += reused.height
    found = pl.concat([*matches, reused])
    refunded, unscored = Decimal(0), max(plan.leads - scored, 0)
    try:
        with unit_of_work(engine) as session:
            opening = _would_open if dry_run else _open
            opened, already_open, skipped, closed = opening(
                session, plan, found.filter(pl.col("organization_id").is_not_null())
            )
            if not dry_run:  # the pursuits and the job's end commit together
                refunded = jobs.settle(session, space_id, plan.job_id, unscored, price)
            left = credits.balance(session, space_id)
    except BaseException as error:  # the fits are stored: a new run reuses them unpaid
        if not dry_run:
            _finish(engine, plan, unscored, price, error)
        raise
    return IngestReport(
        workspace=plan.space.slug,
        board=plan.board,
        list_name=plan.list_name,
        icp_slug=plan.found.profile.slug,
        icp_version=plan.found.number,
        job=plan.target.job,
        key=plan.key,
        as_of=plan.target.as_of,
        price=price,
        leads=plan.leads,
        scored=scored,
        qualified=qualified,
        opened=opened,
        already_open=already_open,
        skipped_do_not_contact=skipped,
        without_organization=int(found.get_column("organization_id").null_count()),
        charged=plan.paid - refunded,
        balance=left,
        unfed=always_unknown(plan.target.icp, unknown, scored),
        reused=plan.reused.height,
        skipped_closed=closed,
        dry_run=dry_run,
        resumed=plan.earlier_scored,
        voided=plan.voided,
    )


# --- resolving and paying ------------------------------------------------------------------


def _prepare(
    session: Session,
    board: str,
    icp: tuple[int | None, str | None],
    list_name: str | None,
    workspace: str | None,
    user: str | None,
    price: Decimal,
    day: date,
    batch_size: int,
    dry_run: bool = False,
    exclude: Sequence[str] = (),
    key: str = "",
    *,
    named: bool = False,
    adopt_day: bool = False,
) -> _Plan | str:
    """Resolve the run's workspace, board, leads and ICP version, count the leads and charge
    them (see the module docstring); a dry run charges nothing and says what it would. A
    named job that cannot run gives why (``jobs.Begun.refused``), and nothing is charged."""
    space = resolve_workspace(session, workspace)
    found_board = boards.get_board(session, space.id, board)
    lead_list = None if list_name is None else lists.get_list(session, space.id, list_name)
    user_id = credits.acting_user_id(session, space.id, user)
    found, version_id = _icp(session, space, *icp, user, user_id)
    profile = icps.get(session, space.id, found.profile.slug)
    assert profile is not None  # read just above, in this transaction
    job = f"ingest:{found_board.id}:{version_id}:{key}"
    if lead_list is not None:
        leads, first, last = fits_repo.list_span(session, lead_list.id)
        ranges, what = (first, last, 0, 0), f"list {lead_list.name!r}"
    else:
        span = workspace_leads.span(session, space.id)
        leads, what = span.leads, f"every lead of workspace {space.slug!r}"
        ids = (span.first_contact, span.last_contact)
        ranges = (*ids, span.first_organization, span.last_organization)
    icp_document = found.icp()  # a stored document that no longer validates fails before charging
    excluded = suppression.load_lists(session, space.id, exclude)
    work = jobs.Work(
        kind="ingest",
        key=key,
        ledger=job,
        params={
            "board_id": found_board.id,
            "list_id": None if lead_list is None else lead_list.id,
            "version_id": version_id,
            "leads": leads,
            "last": list(ranges),
            "as_of": day.isoformat(),
            "exclusions": fingerprint(excluded),
        },
        total=0,
        price=price,
        adoptable=("as_of",) if adopt_day else (),
    )
    begun = None
    if not dry_run:
        begun = jobs.begin(session, space.id, work, user_id, named=named)
        if begun.refused is not None:
            return begun.refused
        job = begun.ledger
        day = date.fromisoformat(begun.params.get("as_of", day.isoformat()))
    # a fit of this version, as of this day, of an unchanged lead (not one of this job's own)
    fresh = (version_id, day, __version__, fingerprint(excluded))
    if lead_list is not None:
        reused = fits_repo.reusable_leads(session, lead_list.id, *fresh, job)
    else:
        reused = workspace_leads.reusable_leads(session, space.id, fresh, job)
    earlier_scored, earlier = 0, _no_matches()
    if begun is not None and begun.resumed:
        earlier_scored = jobs_repo.fits_written(session, version_id, job)
        earlier = fits_repo.job_matches(session, version_id, job)
    try:
        if dry_run:
            paid = credits.Charge(
                job=job,
                amount=(leads - reused.height) * price,
                balance=credits.balance(session, space.id),
                entry_id=None,
                new=False,
            )
        else:
            assert begun is not None
            paid = credits.charge(session, space.id, job, leads - reused.height, price)
            jobs.charged(
                session, begun.id, paid.amount, None if begun.resumed else leads - reused.height
            )
    except InsufficientCredits as short:
        raise InsufficientCredits(
            f"ingesting {what} into board {found_board.name!r} ({leads:,} leads at {price} "
            f"credits each) needs {short.required} credits, but workspace {space.slug!r} has "
            f"{short.available}; nothing was scored, opened or charged. Add credits with "
            f"`leadsieve credits grant {short.required - short.available} --workspace "
            f"{space.slug}`",
            required=short.required,
            available=short.available,
        ) from None
    return _Plan(
        space=space,
        board_id=found_board.id,
        board=found_board.name,
        list_name=None if lead_list is None else lead_list.name,
        found=found,
        profile_id=profile.id,
        user_id=user_id,
        leads=begun.total if begun is not None and begun.resumed else leads - reused.height,
        paid=paid.amount,
        job_id=0 if begun is None else begun.id,
        key=key if begun is None else begun.key,
        earlier_scored=earlier_scored,
        earlier=earlier,
        voided=() if begun is None else begun.voided,
        replacing=fits_repo.has_fits(session, version_id),
        reused=reused,
        target=FitTarget(
            workspace_id=space.id,
            list_id=None if lead_list is None else lead_list.id,
            version_id=version_id,
            version=found.number,
            icp=icp_document,
            first_item=ranges[0],
            last_item=ranges[1],
            first_organization=ranges[2],
            last_organization=ranges[3],
            batch_size=batch_size,
            job=job,
            as_of=day,
            skip=begun is not None and begun.resumed,
            reuse=True,
            exclusions=excluded,
        ),
    )


def _icp(
    session: Session,
    space: Workspace,
    icp_id: int | None,
    icp_slug: str | None,
    user: str | None,
    user_id: int | None,
) -> tuple[ProfileVersion, int]:
    """The current version of the ICP named by slug or id, else of the only one the user
    sees, and the version's row id."""
    if icp_slug is not None:
        return visible_version(session, space, icp_slug.strip(), None, user)
    visible = icps.list_visible(session, space.id, user_id)
    known = ", ".join(f"{p.slug} (id {p.id})" for p in visible)
    if icp_id is not None:
        chosen = next((p for p in visible if p.id == icp_id), None)
        if chosen is None:
            raise IcpNotFound(
                f"no ICP profile with id {icp_id} in workspace {space.slug!r} "
                f"({f'profiles: {known}' if visible else 'no profiles yet'}); name one of "
                "these with --icp-id or --icp-slug"
            )
    elif not visible:
        raise IcpNotFound(
            f"workspace {space.slug!r} has no ICP profile to score the leads with; save one "
            "with `leadsieve icp save FILE`"
        )
    elif len(visible) > 1:
        raise SalesIcpAmbiguous(
            f"workspace {space.slug!r} has {len(visible)} ICP profiles "
            f"({', '.join(p.slug for p in visible)}) and none was named; choose one with "
            f"--icp-slug SLUG (or --icp-id ID: {known})"
        )
    else:
        chosen = visible[0]
    return visible_version(session, space, chosen.slug, None, user)


def _finish(
    engine: Engine, plan: _Plan, unscored: int, price: Decimal, failure: BaseException
) -> Decimal:
    """End a failed ingest run's job (``jobs.finish``): it opened nothing."""
    return jobs.finish(
        engine, plan.space.id, plan.job_id, unscored=unscored, price=price, failure=failure,
        stuck=f"rerun it with --job {plan.key} to finish it without paying again",
        next_step="No pursuit was opened; ingest again to open them", key=plan.key,
    )  # fmt: skip


# --- scoring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Batch:
    """A batch's fits ready to write, and what it adds: leads scored and qualified, and the
    qualified ones (``organization_id``, ``contact_id``, ``score``)."""

    fits: pl.DataFrame | fits_repo.EncodedFits
    scored: int
    qualified: int
    matches: pl.DataFrame
    unknown: dict[str, int]


def _batches(engine: Engine, plan: _Plan) -> Iterator[_Batch]:
    """Each batch written, one transaction each, while a thread reads and scores the next."""
    ahead = ReadAhead(_scored(engine, plan.target))
    try:
        for batch in ahead:
            with unit_of_work(engine) as session:
                fits_repo.write_fits(session, batch.fits, replacing=plan.replacing)
                jobs.add_done(session, plan.job_id, batch.scored)
            yield batch
    finally:
        ahead.close()


def _scored(engine: Engine, target: FitTarget) -> Iterator[_Batch]:
    """The target's batches; for PostgreSQL encoded (as CSV) on the reading thread, as
    ``qualify`` does."""
    encode = engine.dialect.name == "postgresql"
    for fits in fit_batches(engine, target):
        qualified = fits.filter(pl.col("qualified"))
        yield _Batch(
            fits_repo.encode_fits(engine.dialect.name, fits) if encode else fits,
            fits.height,
            qualified.height,
            qualified.select("organization_id", "contact_id", "score"),
            unknown_counts(fits),
        )


def _dry(engine: Engine, plan: _Plan) -> Iterator[_Batch]:
    """The run's batches scored and not written (a dry run)."""
    return _scored(engine, plan.target)


def _would_open(session: Session, plan: _Plan, matches: pl.DataFrame) -> tuple[int, int, int, int]:
    """What ``_open`` would do, read and not written: pursuits that would open, organizations
    already open, contacts that would be skipped, organizations closed and not reopened."""
    if matches.is_empty():
        return 0, 0, 0, 0
    since = datetime.now(UTC) - timedelta(days=plan.reopen_after)
    candidates = matches.get_column("organization_id").unique().cast(pl.Int64).to_list()
    closed = pursuits.closed_not_to_reopen(session, plan.board_id, candidates, since)
    open_now = pursuits.open_organizations(session, plan.board_id, candidates)
    opening = set(candidates) - closed - open_now
    contacts = matches.filter(
        pl.col("contact_id").is_not_null() & pl.col("organization_id").is_in(sorted(opening))
    ).get_column("contact_id")
    blocked = pursuits.do_not_contact(session, plan.space.id, contacts.unique())
    skipped = int(contacts.unique().is_in(blocked.implode()).sum())
    return len(opening), len(set(candidates) & open_now - closed), skipped, len(closed)


def _no_matches() -> pl.DataFrame:
    schema = {"organization_id": pl.Int64(), "contact_id": pl.Int64(), "score": pl.Int64()}
    return pl.DataFrame(schema=schema)


def _days(value: int) -> int:
    if value < 0:
        raise InvalidValue(f"--reopen-after is a number of days, 0 or more, not {value}")
    return value


# --- opening -------------------------------------------------------------------------------


def _open(session: Session, plan: _Plan, matches: pl.DataFrame) -> tuple[int, int, int, int]:
    """Open a pursuit per organization of ``matches`` (qualified leads with an organization)
    and put its qualified contacts on it, but those marked do-not-contact: how many were
    opened, already open, contacts skipped, and organizations not reopened because their
    pursuit on the board was closed won, or closed lost within ``plan.reopen_after`` days."""
    if matches.is_empty():
        return 0, 0, 0, 0
    locked = pursuits.lock_board(session, plan.board_id)
    assert locked  # resolved when the run began, and boards are never deleted
    since = datetime.now(UTC) - timedelta(days=plan.reopen_after)
    candidates = matches.get_column("organization_id").unique().cast(pl.Int64).to_list()
    closed = pursuits.closed_not_to_reopen(session, plan.board_id, candidates, since)
    matches = matches.filter(~pl.col("organization_id").is_in(sorted(closed)))
    if matches.is_empty():
        return 0, 0, 0, len(closed)
    start = pipeline.opening_stage(
        boards_repo.stages(session, plan.board_id), None, board=plan.board
    )
    organizations = (
        matches.group_by("organization_id")
        .agg(pl.col("score").max().alias("fit_score"))
        .sort("organization_id")  # every run takes the index's keys in one order
    )
    rows = organizations.select(
        pl.lit(plan.space.id, pl.Int64).alias("workspace_id"),
        pl.lit(plan.board_id, pl.Int64).alias("board_id"),
        pl.col("organization_id").cast(pl.Int64),
        pl.lit(start.id, pl.Int64).alias("stage_id"),
        # owned by the acting user, as a pursuit opened by hand (none without one)
        pl.lit(plan.user_id, pl.Int64).alias("owner_id"),
        pl.lit(SOURCE).alias("source"),
        pl.lit(plan.profile_id, pl.Int64).alias("icp_profile_id"),
        pl.lit(plan.found.number, pl.Int64).alias("icp_version"),
        pl.col("fit_score").cast(pl.Int64),
    )
    opened = pursuits.open_pursuits(session, rows)
    pursuits.record_openings(session, opened.get_column("id"), start.id, plan.user_id)
    contacts = (
        matches.filter(pl.col("contact_id").is_not_null())
        .join(opened.rename({"id": "pursuit_id"}), on="organization_id")
        .select(pl.col("pursuit_id").cast(pl.Int64), pl.col("contact_id").cast(pl.Int64))
        .unique(maintain_order=True)
        .sort("pursuit_id", "contact_id")
    )
    blocked = pursuits.do_not_contact(session, plan.space.id, contacts.get_column("contact_id"))
    skipped = contacts.filter(pl.col("contact_id").is_in(blocked.implode()))
    pursuits.add_contacts(session, contacts.filter(~pl.col("contact_id").is_in(blocked.implode())))
    return opened.height, organizations.height - opened.height, skipped.height, len(closed)
