"""Organizations and contacts one at a time: upsert, find by key, link to an employer, consent.

The bulk import (``leadsieve.service.importing``) and these functions share one upsert path
(``leadsieve.service.upserts``), so a record gets the same key order and merge rules however it
arrives: match by domain, then (country, org number) for organizations; by email, then LinkedIn
URL for contacts; fill empty fields, never overwrite a non-empty one unless asked. Consent is
append-only, and the master ``do_not_contact`` overrides every opt-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import polars as pl
from sqlalchemy.orm import Session

from leadsieve.errors import Forbidden, InvalidValue, NotFound
from leadsieve.normalize.identity import (
    normalize_domain,
    normalize_email,
    normalize_linkedin_url,
    normalize_phone,
)
from leadsieve.normalize.org_numbers import normalize_org_no
from leadsieve.service import upserts
from leadsieve.store.repositories import contacts as repo
from leadsieve.store.tables import ConsentEvent, Contact, Organization

CHANNELS = ("email", "phone", "sms", "post", "linkedin")
PURPOSES = ("marketing", "sales", "research")
STATUSES = ("granted", "denied", "withdrawn")


@dataclass(frozen=True)
class Upserted:
    id: int
    status: str  # created | updated | unchanged


def upsert_organization(
    session: Session, workspace_id: int, *, overwrite: bool = False, **fields: Any
) -> Upserted:
    """Create or complete one organization (fields as in ``Organization``); its ``domain`` is
    normalized to the registrable domain and ``org_no`` checked for ``country``."""
    unknown = set(fields) - set(upserts.ORG_STORED)
    if unknown:
        raise InvalidValue(f"unknown organization fields: {', '.join(sorted(unknown))}")
    row = dict.fromkeys(upserts.ORG_STORED) | fields
    row["domain"] = normalize_domain(row["domain"]) if row["domain"] else None
    if row["org_no"] is not None:
        country = row["org_no_country"] or row["country"]
        number = normalize_org_no(country, row["org_no"])
        if number is None or not number.valid or not country:
            why = number.reason if number and number.reason else "an org number needs its country"
            raise InvalidValue(why)
        row["org_no"], row["org_no_country"] = number.number, country
    key = _org_key(row)
    if key is None:
        raise InvalidValue("an organization needs a domain or an org number with its country")
    frame = pl.DataFrame([{"org_key": key, **row}], infer_schema_length=None)
    tally = upserts.Tally()
    ids = upserts.upsert_organizations(session, workspace_id, frame, tally, overwrite)
    found = ids[key]
    return Upserted(found, tally.status(found))


def upsert_contact(
    session: Session,
    workspace_id: int,
    *,
    organization_id: int | None = None,
    overwrite: bool = False,
    **fields: Any,
) -> Upserted:
    """Create or complete one contact, keyed by email, else LinkedIn URL; ``phone`` (one
    number) is stored in E.164 when it can be read, with ``country`` for national numbers."""
    # one phone number, as an import row carries it
    allowed = (set(upserts.CONTACT_STORED) - {"phones"}) | {"phone"}
    unknown = set(fields) - allowed
    if unknown:
        raise InvalidValue(f"unknown contact fields: {', '.join(sorted(unknown))}")
    row: dict[str, Any] = dict.fromkeys(sorted(allowed)) | fields
    row["phone"] = normalize_phone(row["phone"], row["country"]) if row["phone"] else None
    row["email"] = normalize_email(row["email"]) if row["email"] else None
    row["linkedin_url"] = (
        normalize_linkedin_url(row["linkedin_url"]) if row["linkedin_url"] else None
    )
    key = (
        f"e:{row['email']}"
        if row["email"]
        else (f"l:{row['linkedin_url']}" if row["linkedin_url"] else None)
    )
    if key is None:
        raise InvalidValue("a contact needs an email or a LinkedIn URL")
    org_key = None
    if organization_id is not None:
        _organization(session, workspace_id, organization_id)
        org_key = f"id:{organization_id}"
    frame = pl.DataFrame(
        [{"contact_key": key, "org_key": org_key, **row}],
        infer_schema_length=None,
    )
    tally = upserts.Tally()
    org_ids = {org_key: organization_id} if org_key and organization_id is not None else {}
    ids = upserts.upsert_contacts(session, workspace_id, frame, org_ids, tally, overwrite)
    found = ids[key]
    return Upserted(found, tally.status(found))


def find_by_domain(session: Session, workspace_id: int, text: str) -> Organization | None:
    domain = normalize_domain(text)
    return (
        None if domain is None else repo.find_organization_by_domain(session, workspace_id, domain)
    )


def find_by_org_no(
    session: Session, workspace_id: int, country: str, text: str
) -> Organization | None:
    """The organization with this number; an invalid number (check digit) is refused."""
    number = normalize_org_no(country.upper(), text)
    if number is None or not number.valid:
        raise InvalidValue(number.reason if number and number.reason else "no org number given")
    return repo.find_organization_by_org_no(session, workspace_id, country.upper(), number.number)


def find_by_email(session: Session, workspace_id: int, text: str) -> Contact | None:
    email = normalize_email(text)
    return None if email is None else repo.find_by_email(session, workspace_id, email)


def find_by_linkedin(session: Session, workspace_id: int, text: str) -> Contact | None:
    url = normalize_linkedin_url(text)
    return None if url is None else repo.find_by_linkedin(session, workspace_id, url)


def link_organization(
    session: Session, workspace_id: int, contact_id: int, organization_id: int
) -> bool:
    """Make ``organization_id`` the contact's current employer; the previous one stays in the
    history. False when it already is."""
    contact = _contact(session, workspace_id, contact_id)
    _organization(session, workspace_id, organization_id)
    if contact.organization_id == organization_id:
        return False
    repo.move_employer(session, contact, organization_id, datetime.now(UTC))
    return True


def record_consent(
    session: Session,
    workspace_id: int,
    contact_id: int,
    *,
    channel: str,
    purpose: str,
    status: str,
    legal_basis: str | None = None,
    source: str | None = None,
    captured_at: datetime | None = None,
) -> ConsentEvent:
    """Append a consent event; the latest per channel and purpose is the current consent."""
    for value, allowed, what in (
        (channel, CHANNELS, "channel"),
        (purpose, PURPOSES, "purpose"),
        (status, STATUSES, "status"),
    ):
        if value not in allowed:
            raise InvalidValue(f"unknown consent {what} {value!r}; use one of {', '.join(allowed)}")
    _contact(session, workspace_id, contact_id)
    now = datetime.now(UTC)
    event = ConsentEvent(
        workspace_id=workspace_id,
        contact_id=contact_id,
        channel=channel,
        purpose=purpose,
        status=status,
        legal_basis=legal_basis,
        source=source,
        captured_at=captured_at or now,
        withdrawn_at=now if status == "withdrawn" else None,
    )
    session.add(event)
    session.flush()
    return event


def consent(
    session: Session, workspace_id: int, contact_id: int, channel: str, purpose: str
) -> str:
    """``granted``, ``denied``, ``withdrawn`` or ``unknown``: the latest event's status."""
    _contact(session, workspace_id, contact_id)
    events = repo.consent_events(session, contact_id, channel, purpose)
    return events[-1].status if events else "unknown"


def may_contact(
    session: Session, workspace_id: int, contact_id: int, channel: str, purpose: str
) -> bool:
    """True only with a current opt-in and no do-not-contact mark."""
    contact = _contact(session, workspace_id, contact_id)
    if contact.do_not_contact:
        return False
    return consent(session, workspace_id, contact_id, channel, purpose) == "granted"


def mark_do_not_contact(
    session: Session, workspace_id: int, contact_id: int, *, reason: str, source: str
) -> None:
    """The master opt-out: overrides every opt-in; the first reason, source and time stay."""
    contact = _contact(session, workspace_id, contact_id)
    if contact.do_not_contact:
        return
    contact.do_not_contact = True
    contact.do_not_contact_reason = reason
    contact.do_not_contact_source = source
    contact.do_not_contact_at = datetime.now(UTC)


def resolve_contact(session: Session, workspace_id: int, ref: str) -> Contact:
    """The workspace's contact named by ``ref``: its id, email or LinkedIn URL."""
    text = ref.strip()
    if text.isdigit():
        return _contact(session, workspace_id, int(text))
    found = (
        find_by_email(session, workspace_id, text)
        if "@" in text
        else find_by_linkedin(session, workspace_id, text)
    )
    if found is None:
        raise NotFound(f"no contact {ref!r} in this workspace (give its id, email or LinkedIn URL)")
    return found


def current_consent(session: Session, workspace_id: int, contact_id: int) -> dict[str, str]:
    """``"channel/purpose" -> status`` of the contact's latest consent events."""
    _contact(session, workspace_id, contact_id)
    latest: dict[str, str] = {}
    for event in repo.consent_events(session, contact_id):
        latest[f"{event.channel}/{event.purpose}"] = event.status
    return dict(sorted(latest.items()))


def _org_key(row: dict[str, Any]) -> str | None:
    if row["domain"]:
        return f"d:{row['domain']}"
    if row["org_no"] and row["org_no_country"]:
        return f"n:{row['org_no_country']}:{row['org_no']}"
    return None


def _contact(session: Session, workspace_id: int, contact_id: int) -> Contact:
    found = repo.get(session, workspace_id, contact_id)
    if found is None:
        if session.get(Contact, contact_id) is not None:
            raise Forbidden(f"contact {contact_id} belongs to another workspace")
        raise NotFound(f"no contact {contact_id} in this workspace")
    return found


def _organization(session: Session, workspace_id: int, organization_id: int) -> Organization:
    found = session.get(Organization, organization_id)
    if found is None:
        raise NotFound(f"no organization {organization_id} in this workspace")
    if found.workspace_id != workspace_id:
        raise Forbidden(f"organization {organization_id} belongs to another workspace")
    return found
