"""Credits: metered usage. Scoring a row costs ``price_per_row`` credits (setting
``LEADSIEVE_PRICE_PER_ROW``, default 0.5) from the workspace's balance.

The balance is the sum of an append-only ledger: grants add, a job's charge takes, a job's
refund gives back. Amounts are exact ``Decimal`` credits here and whole micro-credits in the
store. A job is charged at most once and refunded at most once (a unique key per workspace, job
and kind), so a retried run never pays twice. Charging checks the balance and writes the charge
while holding the workspace's ledger lock, so two runs at once cannot both spend the same
credits. The caller owns the transaction (``unit_of_work``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from leadsieve.errors import (
    Forbidden,
    InsufficientCredits,
    InvalidValue,
    NotFound,
    WorkspaceNotFound,
)
from leadsieve.settings import CREDIT_PLACES, MAX_CREDITS, parse_credits
from leadsieve.store.repositories import accounts, icps
from leadsieve.store.repositories import credits as repo
from leadsieve.store.tables import CreditEntry, User, Workspace

GRANT, CHARGE, REFUND = "grant", "charge", "refund"
#: The most credits a workspace may hold. Every charge is at most the balance, so no amount
#: or sum in the ledger comes near what its 64-bit integers hold in micro-credits (9.2e12
#: credits).
MAX_BALANCE = MAX_CREDITS
#: The longest job id the ledger keeps.
MAX_JOB = 128


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One ledger entry: ``amount`` is signed (a grant or refund > 0, a charge < 0)."""

    id: int
    kind: str
    amount: Decimal
    reason: str | None
    job: str | None
    user: str | None  # the email of who made it, if anyone was named
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Charge:
    """What ``job`` paid: ``amount`` credits taken (0 when free), the ``balance`` left, the
    entry (None when nothing was charged) and whether this call wrote it (``new``) or found
    it written by an earlier try."""

    job: str
    amount: Decimal
    balance: Decimal
    entry_id: int | None
    new: bool


@dataclass(frozen=True, slots=True)
class Refund:
    """What ``job`` got back: ``amount`` credits (0 when nothing was due), the ``balance``
    after, the entry (None when nothing was refunded) and whether this call wrote it."""

    job: str
    amount: Decimal
    balance: Decimal
    entry_id: int | None
    new: bool


def to_micro(amount: Decimal) -> int:
    """Credits (at most ``CREDIT_PLACES`` decimals) as whole micro-credits."""
    return int(amount.scaleb(CREDIT_PLACES))


def from_micro(micro: int) -> Decimal:
    """Whole micro-credits as credits, in their shortest spelling (12.5, not 12.500000)."""
    return Decimal(micro) / Decimal(10) ** CREDIT_PLACES


def balance(session: Session, workspace_id: int) -> Decimal:
    """The workspace's credits: the sum of its ledger entries (0 when it has none)."""
    return from_micro(repo.balance(session, workspace_id))


def grant(
    session: Session,
    workspace_id: int,
    amount: Decimal | int | str,
    reason: str | None = None,
    user_id: int | None = None,
) -> LedgerEntry:
    """Add ``amount`` credits (> 0, at most 6 decimals) to the workspace; ``InvalidValue``
    otherwise, and nothing is written. ``user_id``, when given, must be a member."""
    credits = parse_credits(
        amount,
        what="a grant",
        fix="grant a positive number of credits, such as `leadsieve credits grant 100`",
    )
    if session.get(Workspace, workspace_id) is None:
        raise WorkspaceNotFound(f"no workspace with id {workspace_id}; nothing was granted")
    if user_id is not None and accounts.get_role(session, workspace_id, user_id) is None:
        raise Forbidden(
            f"user {user_id} is not a member of this workspace; nothing was granted "
            "(add them with `leadsieve user add`)"
        )
    space = _lock(session, workspace_id)  # two grants at once cannot both pass the bound
    held = repo.balance(session, workspace_id)
    if held + to_micro(credits) > to_micro(MAX_BALANCE):
        raise InvalidValue(
            f"workspace {space.slug!r} holds {from_micro(held):,} credits; granting {credits:,} "
            f"more would pass the most a workspace may hold, {MAX_BALANCE:,}; nothing was "
            "granted. Grant at most "
            f"{max(MAX_BALANCE - from_micro(held), Decimal(0)):,}"
        )
    entry = repo.append(
        session,
        workspace_id,
        kind=GRANT,
        amount=to_micro(credits),
        reason=(reason or "").strip() or None,
        user_id=user_id,
    )
    email = None if user_id is None else _email(session, user_id)
    return _entry(entry, email)


def acting_user_id(session: Session, workspace_id: int, email: str | None) -> int | None:
    """The id of the user ``email`` (``LEADSIEVE_USER``), who must be a member of the
    workspace; None when no one is named."""
    if not email:
        return None
    user = icps.find_user(session, email)
    if user is None:
        raise NotFound(
            f"LEADSIEVE_USER is {email!r} but there is no such user; "
            f"add the user with `leadsieve user add {email}`, or unset LEADSIEVE_USER"
        )
    if accounts.get_role(session, workspace_id, user.id) is None:
        space = session.get(Workspace, workspace_id)
        slug = "SLUG" if space is None else space.slug
        raise Forbidden(
            f"{user.email} is not a member of workspace {slug!r}; add them with "
            f"`leadsieve user add {user.email} --workspace {slug}`, or unset LEADSIEVE_USER"
        )
    return user.id


def history(session: Session, workspace_id: int, limit: int | None = None) -> list[LedgerEntry]:
    """The workspace's ledger entries, newest first (the first ``limit``)."""
    if limit is not None and limit < 0:
        raise InvalidValue(f"the limit must be 0 or more, not {limit}")
    return [_entry(entry, email) for entry, email in repo.history(session, workspace_id, limit)]


def charge(
    session: Session, workspace_id: int, job: str, rows: int, price: Decimal | int | str
) -> Charge:
    """Charge ``job`` ``rows`` × ``price`` credits: one charge entry, once per job.

    The same job again charges nothing more and returns its first charge. A cost above the
    balance raises ``InsufficientCredits`` (required and available) and writes nothing. A free
    job (price or rows 0) writes nothing and never fails for the balance. The balance check
    and the charge hold the workspace's ledger lock, so concurrent jobs take turns."""
    job, price, cost = _job(job), _price(price), _rows(rows)
    required = cost * to_micro(price)
    if required == 0:
        existing = repo.find(session, workspace_id, job, CHARGE)
        return Charge(
            job=job,
            amount=Decimal(0) if existing is None else from_micro(-existing.amount),
            balance=balance(session, workspace_id),
            entry_id=None if existing is None else existing.id,
            new=False,
        )
    space = _lock(session, workspace_id)
    existing = repo.find(session, workspace_id, job, CHARGE)
    if existing is not None:
        return Charge(
            job=job,
            amount=from_micro(-existing.amount),
            balance=balance(session, workspace_id),
            entry_id=existing.id,
            new=False,
        )
    available = repo.balance(session, workspace_id)
    if required > available:
        short = from_micro(required - available)
        raise InsufficientCredits(
            f"job {job!r} needs {from_micro(required)} credits ({cost:,} rows at {price} per "
            f"row) but workspace {space.slug!r} has {from_micro(available)}; nothing was "
            f"charged. Add credits with `leadsieve credits grant {short} --workspace "
            f"{space.slug}`, or score fewer rows",
            required=from_micro(required),
            available=from_micro(available),
        )
    entry = repo.append(
        session,
        workspace_id,
        kind=CHARGE,
        amount=-required,
        reason=f"{cost:,} rows at {price} credits per row",
        job=job,
    )
    return Charge(job, from_micro(required), from_micro(available - required), entry.id, True)


def refund(
    session: Session, workspace_id: int, job: str, rows: int, price: Decimal | int | str
) -> Refund:
    """Give back ``rows`` × ``price`` credits of a charged ``job`` (rows it did not score):
    one refund entry, at most once per job, never more than the job was charged.

    The same job again refunds nothing more and returns its first refund. A job never charged
    (in this workspace) or a refund above its charge is ``InvalidValue``; nothing due (price
    or rows 0) writes nothing."""
    job, price, cost = _job(job), _price(price), _rows(rows)
    due = cost * to_micro(price)
    if due == 0:
        existing = repo.find(session, workspace_id, job, REFUND)
        return Refund(
            job=job,
            amount=Decimal(0) if existing is None else from_micro(existing.amount),
            balance=balance(session, workspace_id),
            entry_id=None if existing is None else existing.id,
            new=False,
        )
    _lock(session, workspace_id)
    existing = repo.find(session, workspace_id, job, REFUND)
    if existing is not None:
        return Refund(
            job=job,
            amount=from_micro(existing.amount),
            balance=balance(session, workspace_id),
            entry_id=existing.id,
            new=False,
        )
    charged = repo.find(session, workspace_id, job, CHARGE)
    if charged is None:
        raise InvalidValue(
            f"job {job!r} was never charged in this workspace, so there is nothing to refund"
        )
    if due > -charged.amount:
        raise InvalidValue(
            f"a refund of {from_micro(due)} credits ({cost:,} rows at {price} per row) is more "
            f"than the {from_micro(-charged.amount)} job {job!r} was charged; refund at most "
            "what was charged"
        )
    entry = repo.append(
        session,
        workspace_id,
        kind=REFUND,
        amount=due,
        reason=f"{cost:,} rows at {price} credits per row",
        job=job,
    )
    return Refund(job, from_micro(due), balance(session, workspace_id), entry.id, True)


def _lock(session: Session, workspace_id: int) -> Workspace:
    """The workspace, with its ledger lock held until the transaction ends."""
    if not repo.lock_workspace(session, workspace_id):
        raise WorkspaceNotFound(f"no workspace with id {workspace_id}; nothing was charged")
    space = session.get(Workspace, workspace_id)
    assert space is not None  # locked just above
    return space


def _job(job: str) -> str:
    cleaned = job.strip() if isinstance(job, str) else ""
    if not cleaned or len(cleaned) > MAX_JOB:
        raise InvalidValue(
            f"a job id is 1 to {MAX_JOB} characters, not {job!r}; name the run being paid for"
        )
    return cleaned


def _price(price: Decimal | int | str) -> Decimal:
    return parse_credits(
        price,
        what="the price per row",
        fix="use 0 or more credits with at most 6 decimals, such as 0.5",
        allow_zero=True,
    )


def _rows(rows: int) -> int:
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
        raise InvalidValue(f"the number of rows must be a whole number, 0 or more, not {rows!r}")
    return rows


def _email(session: Session, user_id: int) -> str | None:
    user = session.get(User, user_id)
    return None if user is None else user.email


def _entry(entry: CreditEntry, email: str | None) -> LedgerEntry:
    return LedgerEntry(
        id=entry.id,
        kind=entry.kind,
        amount=from_micro(entry.amount),
        reason=entry.reason,
        job=entry.job,
        user=email,
        created_at=entry.created_at,
    )
