"""Jobs: every SQL statement about them. Never commits.

Amounts are micro-credits, as in the ledger; the service (``service.jobs``) converts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from leadsieve.store.tables import Job, LeadFit


def find(session: Session, workspace_id: int, ledger: str) -> Job | None:
    """The workspace's job whose ledger id is ``ledger``, if any."""
    statement = select(Job).where(Job.workspace_id == workspace_id, Job.ledger == ledger)
    return session.scalars(statement).one_or_none()


def by_key(session: Session, workspace_id: int, key: str) -> Sequence[Job]:
    """The workspace's jobs named ``key`` (one per list or board and ICP version), newest
    first."""
    statement = (
        select(Job).where(Job.workspace_id == workspace_id, Job.key == key).order_by(Job.id.desc())
    )
    return session.scalars(statement).all()


def running(session: Session, workspace_id: int, kind: str | None = None) -> Sequence[Job]:
    """The workspace's jobs marked running (some may have lost their process), oldest first."""
    statement = select(Job).where(Job.workspace_id == workspace_id, Job.status == "running")
    if kind is not None:
        statement = statement.where(Job.kind == kind)
    return session.scalars(statement.order_by(Job.id)).all()


def recent(session: Session, workspace_id: int, limit: int) -> Sequence[Job]:
    """The workspace's latest ``limit`` jobs, newest first."""
    statement = (
        select(Job).where(Job.workspace_id == workspace_id).order_by(Job.id.desc()).limit(limit)
    )
    return session.scalars(statement).all()


def add(session: Session, **values: Any) -> Job:
    """Insert a job with ``values`` and return it (its id assigned)."""
    job = Job(**values)
    session.add(job)
    session.flush()
    return job


def change(session: Session, job_id: int, **values: Any) -> None:
    """Set ``values`` on the job."""
    session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def add_done(session: Session, job_id: int, leads: int) -> None:
    """Count ``leads`` more as done and note the runner alive, in the transaction that wrote
    their fits (two writers at once add, neither overwrites)."""
    session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(done=Job.done + leads, heartbeat_at=datetime.now(UTC))
        .execution_options(synchronize_session=False)
    )


def fits_written(session: Session, version_id: int, ledger: str) -> int:
    """How many leads hold a fit of this ICP version written by the job ``ledger``."""
    statement = select(func.count()).where(
        LeadFit.icp_version_id == version_id, LeadFit.job == ledger
    )
    return int(session.scalar(statement) or 0)
