"""Contacts: lookups by their keys, employment links and consent. Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
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


def employments(session: Session, contact_id: int) -> list[Employment]:
    statement = (
        select(Employment).where(Employment.contact_id == contact_id).order_by(Employment.id)
    )
    return list(session.scalars(statement))


def move_employer(session: Session, contact: Contact, organization_id: int, at: datetime) -> None:
    """End the current employment (if any) and start one at ``organization_id``."""
    session.execute(
        update(Employment)
        .where(Employment.contact_id == contact.id, Employment.ended_at.is_(None))
        .values(ended_at=at)
    )
    session.add(
        Employment(
            workspace_id=contact.workspace_id,
            contact_id=contact.id,
            organization_id=organization_id,
            started_at=at,
        )
    )
    contact.organization_id = organization_id


def consent_events(
    session: Session, contact_id: int, channel: str | None = None, purpose: str | None = None
) -> list[ConsentEvent]:
    statement = select(ConsentEvent).where(ConsentEvent.contact_id == contact_id)
    if channel is not None:
        statement = statement.where(ConsentEvent.channel == channel)
    if purpose is not None:
        statement = statement.where(ConsentEvent.purpose == purpose)
    return list(session.scalars(statement.order_by(ConsentEvent.id)))
