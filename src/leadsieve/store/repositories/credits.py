"""The credit ledger: every SQL statement about it. Appends only, never commits.

Amounts here are whole micro-credits (``CreditEntry.amount``); the service converts them.
There is no update or delete: an entry, once written, stays as it is.
"""

from __future__ import annotations

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from leadsieve.store.tables import CreditEntry, User, Workspace


def lock_workspace(session: Session, workspace_id: int) -> bool:
    """Make this transaction the only one charging or refunding in the workspace until it ends,
    before anything is read; False when there is no such workspace.

    PostgreSQL: the workspace row is locked (``SELECT ... FOR NO KEY UPDATE``: two of these
    wait for each other, but inserts that merely reference the workspace, such as an import's,
    are not held up as they would be by a plain ``FOR UPDATE``). A second charge waits here
    until the first commits, then reads the balance that charge left (READ COMMITTED reads
    afresh per statement).

    SQLite has no row locks, and the Python driver opens a transaction (a deferred ``BEGIN``)
    only at the first write: a balance read before any write runs outside the transaction, so
    two processes could both read the same balance and both charge it. An ``UPDATE`` that
    changes nothing is that first write: it takes the database's write lock (waiting for
    another writer within the busy timeout) before the balance is read, and holds it to
    ``COMMIT``, as ``BEGIN IMMEDIATE`` would. Were a transaction already open, it has written,
    so it holds the lock already."""
    if session.get_bind().dialect.name == "postgresql":
        locked = (
            select(Workspace.id).where(Workspace.id == workspace_id).with_for_update(key_share=True)
        )
        return session.scalar(locked) is not None
    touched = (
        update(Workspace)
        .where(Workspace.id == workspace_id)
        .values(name=Workspace.name)
        .returning(Workspace.id)
        .execution_options(synchronize_session=False)
    )
    return session.scalar(touched) is not None


def balance(session: Session, workspace_id: int) -> int:
    """The sum of the workspace's entries, in micro-credits (0 when it has none)."""
    statement = select(func.coalesce(func.sum(CreditEntry.amount), 0)).where(
        CreditEntry.workspace_id == workspace_id
    )
    # PostgreSQL sums a BIGINT column as NUMERIC (a Decimal), SQLite as an integer
    return int(session.scalar(statement) or 0)


def find(session: Session, workspace_id: int, job: str, kind: str) -> CreditEntry | None:
    """The workspace's ``kind`` entry (charge or refund) of ``job``, if written."""
    statement = select(CreditEntry).where(
        CreditEntry.workspace_id == workspace_id,
        CreditEntry.job == job,
        CreditEntry.kind == kind,
    )
    return session.scalars(statement).one_or_none()


def append(
    session: Session,
    workspace_id: int,
    *,
    kind: str,
    amount: int,
    reason: str | None = None,
    job: str | None = None,
    user_id: int | None = None,
) -> CreditEntry:
    """Append one entry of ``amount`` micro-credits and return it."""
    statement = (
        insert(CreditEntry)
        .values(
            workspace_id=workspace_id,
            kind=kind,
            amount=amount,
            reason=reason,
            job=job,
            user_id=user_id,
        )
        .returning(CreditEntry)
    )
    return session.scalars(statement).one()


def history(
    session: Session, workspace_id: int, limit: int | None = None
) -> list[tuple[CreditEntry, str | None]]:
    """The workspace's entries newest first (the first ``limit``), each with the email of the
    user who made it (None: no one named)."""
    statement = (
        select(CreditEntry, User.email)
        .outerjoin(User, User.id == CreditEntry.user_id)
        .where(CreditEntry.workspace_id == workspace_id)
        .order_by(CreditEntry.id.desc())
        .limit(limit)
    )
    return [(entry, email) for entry, email in session.execute(statement)]
