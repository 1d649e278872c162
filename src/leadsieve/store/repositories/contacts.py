"""Contacts: lookups by their keys, employment links and consent. Never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

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
