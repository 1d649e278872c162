"""Contacts: lookups by their keys, employment links and consent. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import polars as pl
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from leadsieve.store.repositories import records
from leadsieve.store.tables import ConsentEvent, Contact, Employment, Organization


def find_organization_by_domain(
    session: Session, workspace_id: int, domain: str
) -> Organization | None:
    statement = select(Organization).where(
        Organization.workspace_id == workspace_id, Organization.domain == domain
    )
    return session.scalars(statement).one_or_none()


def find_organization_by_org_no(
    session: Session, workspace_id: int, country: str, number: str
) -> Organization | None:
    statement = select(Organization).where(
        Organization.workspace_id == workspace_id,
        Organization.org_no_country == country,
        Organization.org_no == number,
    )
    return session.scalars(statement).one_or_none()


def find_by_email(session: Session, workspace_id: int, email: str) -> Contact | None:
    statement = select(Contact).where(Contact.workspace_id == workspace_id, Contact.email == email)
    return session.scalars(statement).one_or_none()


def find_by_linkedin(session: Session, workspace_id: int, url: str) -> Contact | None:
    statement = select(Contact).where(
        Contact.workspace_id == workspace_id, Contact.linkedin_url == url
    )
    return session.scalars(statement).one_or_none()


def get(session: Session, workspace_id: int, contact_id: int) -> Contact | None:
    statement = select(Contact).where(
        Contact.workspace_id == workspace_id, Contact.id == contact_id
    )
    return session.scalars(statement).one_or_none()


@dataclass(frozen=True)
class Job:
    """One employer of a contact: ``ended_at`` is None for the current one."""

    organization_id: int
    started_at: datetime | None
    ended_at: datetime | None


def employer_history(session: Session, contact: Contact) -> list[Job]:
    """The contact's employers, oldest first: those it left, then the current one."""
    statement = (
        select(Employment).where(Employment.contact_id == contact.id).order_by(Employment.id)
    )
    jobs = [Job(e.organization_id, e.started_at, e.ended_at) for e in session.scalars(statement)]
    if contact.organization_id is not None:
        jobs.append(Job(contact.organization_id, contact.employer_since, None))
    return jobs


def move_employer(session: Session, contact: Contact, organization_id: int, at: datetime) -> None:
    """Make ``organization_id`` the current employer from ``at``; the one before, if any, goes
    to the history, ended at ``at``."""
    if contact.organization_id is not None:
        session.add(
            Employment(
                workspace_id=contact.workspace_id,
                contact_id=contact.id,
                organization_id=contact.organization_id,
                started_at=contact.employer_since or contact.created_at,
                ended_at=at,
            )
        )
    contact.organization_id = organization_id
    contact.employer_since = at


def consent_events(
    session: Session, contact_id: int, channel: str | None = None, purpose: str | None = None
) -> list[ConsentEvent]:
    statement = select(ConsentEvent).where(ConsentEvent.contact_id == contact_id)
    if channel is not None:
        statement = statement.where(ConsentEvent.channel == channel)
    if purpose is not None:
        statement = statement.where(ConsentEvent.purpose == purpose)
    return list(session.scalars(statement.order_by(ConsentEvent.id)))


#: Consent statuses that say "no": a contact whose current consent is one of them opted out.
OPTED_OUT = ("denied", "withdrawn")


def current_opt_outs(
    session: Session, workspace_id: int, contact_ids: Sequence[int]
) -> set[tuple[int, str, str]]:
    """(contact, channel, purpose) of ``contact_ids`` whose latest consent event says no."""
    latest = (
        select(func.max(ConsentEvent.id))
        .where(ConsentEvent.workspace_id == workspace_id)
        .group_by(ConsentEvent.contact_id, ConsentEvent.channel, ConsentEvent.purpose)
    )
    found: set[tuple[int, str, str]] = set()
    for part in records.chunks(sorted(set(contact_ids)), 10_000):
        statement = select(
            ConsentEvent.contact_id, ConsentEvent.channel, ConsentEvent.purpose
        ).where(
            ConsentEvent.contact_id.in_(list(part)),
            ConsentEvent.status.in_(OPTED_OUT),
            ConsentEvent.id.in_(latest.where(ConsentEvent.contact_id.in_(list(part)))),
        )
        found.update((int(c), str(ch), str(p)) for c, ch, p in session.execute(statement))
    return found


def add_consent_events(session: Session, events: pl.DataFrame) -> int:
    """Append consent events (columns of ``consent_events``) in bulk; how many."""
    return records.insert_count(session, ConsentEvent.__table__, events)  # type: ignore[arg-type]


def mark_do_not_contact(
    session: Session,
    workspace_id: int,
    contact_ids: Sequence[int],
    *,
    reason: str,
    source: str,
    at: datetime,
) -> int:
    """The master opt-out on those of ``contact_ids`` not yet marked (the first reason, source
    and time stay); how many were marked now."""
    marked = 0
    for part in records.chunks(sorted(set(contact_ids)), 10_000):
        result = session.execute(
            update(Contact)
            .where(
                Contact.workspace_id == workspace_id,
                Contact.id.in_(list(part)),
                Contact.do_not_contact.is_(False),
            )
            .values(
                do_not_contact=True,
                do_not_contact_reason=reason,
                do_not_contact_source=source,
                do_not_contact_at=at,
            )
        )
        marked += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return marked
