"""Every lead of a workspace, read as a list's items are (``fits.read_leads``), for runs that
score the whole workspace instead of a list. Never commits.

The workspace's leads are its contacts, each with its current employer (lead key
``c<contact id>``), and its organizations that have no contact (``o<organization id>``): an
organization with contacts is scored through them, as a list built from the same records
would hold it. Keys are those of list items, so a fit written from here is the fit a list
holding the lead shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl
from sqlalchemy import Float, Integer, String, and_, cast, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from leadsieve.store.repositories.fits import CONTACT_FIELDS
from leadsieve.store.tables import Contact, LeadFit, Organization

#: What makes a stored fit reusable: the ICP version's row id, the as-of day, the leadsieve
#: version, the suppression lists' fingerprint (``repositories.fits.read_leads``' ``reuse``).
Reuse = tuple[int, date, str, str | None]


@dataclass(frozen=True)
class WorkspaceSpan:
    """The workspace's leads when counted: ``contacts`` with ids ``first_contact`` to
    ``last_contact``, and ``organizations`` without contacts, ids ``first_organization`` to
    ``last_organization`` (0 to 0 when there are none)."""

    contacts: int
    first_contact: int
    last_contact: int
    organizations: int
    first_organization: int
    last_organization: int

    @property
    def leads(self) -> int:
        return self.contacts + self.organizations


def span(session: Session, workspace_id: int) -> WorkspaceSpan:
    """Count the workspace's leads and the id ranges they lie in."""
    contacts = select(
        func.count(), func.coalesce(func.min(Contact.id), 0), func.coalesce(func.max(Contact.id), 0)
    ).where(Contact.workspace_id == workspace_id)
    n_contacts, first_contact, last_contact = session.execute(contacts).one()
    alone = select(
        func.count(),
        func.coalesce(func.min(Organization.id), 0),
        func.coalesce(func.max(Organization.id), 0),
    ).where(Organization.workspace_id == workspace_id, _without_contacts())
    n_orgs, first_org, last_org = session.execute(alone).one()
    return WorkspaceSpan(
        int(n_contacts),
        int(first_contact),
        int(last_contact),
        int(n_orgs),
        int(first_org),
        int(last_org),
    )


def read_contacts(
    session: Session,
    workspace_id: int,
    *,
    first: int,
    last: int,
    fields: list[str],
    reuse: Reuse | None = None,
) -> pl.DataFrame:
    """The workspace's contacts with ``first <= id <= last`` as leads, in the columns of
    ``fits.read_leads``: ``lead_key``, ``organization_id`` (the employer), ``contact_id``
    and the contact's ``fields`` (names of ``fits.CONTACT_FIELDS``). With ``reuse``, not
    those whose fit can be reused (``reusable_leads``)."""
    columns = {"organization_id": Contact.organization_id, "contact_id": Contact.id}
    columns |= {name: CONTACT_FIELDS[name] for name in fields}
    statement = (
        select(*(column.label(name) for name, column in columns.items()))
        .where(Contact.workspace_id == workspace_id, Contact.id >= first, Contact.id <= last)
        .order_by(Contact.id)
    )
    if reuse is not None:
        statement = statement.where(~_contact_fit(reuse).exists())
    frame = _frame(session, statement, columns)
    key = pl.format("c{}", pl.col("contact_id")).alias("lead_key")
    return frame.select(key, *columns)


def read_organizations_alone(
    session: Session,
    workspace_id: int,
    *,
    first: int,
    last: int,
    fields: list[str],
    reuse: Reuse | None = None,
) -> pl.DataFrame:
    """The workspace's organizations without contacts with ``first <= id <= last`` as
    leads, in the columns of ``read_contacts`` (the contact's null). With ``reuse``, not
    those whose fit can be reused."""
    statement = (
        select(Organization.id.label("organization_id"))
        .where(
            Organization.workspace_id == workspace_id,
            Organization.id >= first,
            Organization.id <= last,
            _without_contacts(),
        )
        .order_by(Organization.id)
    )
    if reuse is not None:
        statement = statement.where(~_organization_fit(reuse).exists())
    ids = _frame(session, statement, {"organization_id": Organization.id})
    contact = {"contact_id": Contact.id, **{name: CONTACT_FIELDS[name] for name in fields}}
    return ids.select(
        pl.format("o{}", pl.col("organization_id")).alias("lead_key"),
        "organization_id",
        *(pl.lit(None, _dtype(column)).alias(name) for name, column in contact.items()),
    )


def reusable_leads(
    session: Session, workspace_id: int, reuse: Reuse, other_than_job: str | None = None
) -> pl.DataFrame:
    """The workspace's leads whose fit of this version can be reused, as a list's are
    (``repositories.fits.reusable_leads``: as of the day, by this leadsieve version, with the
    same suppression lists, the same employer, scored since the lead last changed), with that
    fit's ``organization_id``, ``contact_id``, ``score`` and ``qualified``; not those written
    by the job ``other_than_job``."""
    picked = (LeadFit.organization_id, LeadFit.contact_id, LeadFit.score, LeadFit.qualified)
    employer = aliased(Organization)
    contacts = (
        select(*picked)
        .select_from(Contact)
        .outerjoin(employer, employer.id == Contact.organization_id)
        .join(LeadFit, and_(*_contact_conditions(reuse, employer)))
        .where(Contact.workspace_id == workspace_id)
    )
    alone = (
        select(*picked)
        .select_from(Organization)
        .join(LeadFit, and_(*_organization_conditions(reuse)))
        .where(Organization.workspace_id == workspace_id, _without_contacts())
    )
    if other_than_job is not None:
        contacts = contacts.where(LeadFit.job != other_than_job)
        alone = alone.where(LeadFit.job != other_than_job)
    rows = [*session.execute(contacts).all(), *session.execute(alone).all()]
    schema = {
        "organization_id": pl.Int64(),
        "contact_id": pl.Int64(),
        "score": pl.Int64(),
        "qualified": pl.Boolean(),
    }
    return pl.DataFrame([tuple(r) for r in rows], schema=schema, orient="row")


def _contact_fit(reuse: Reuse) -> Any:
    """The reusable fit of the contact in the enclosing query."""
    employer = aliased(Organization)
    return (
        select(LeadFit.lead_key)
        .outerjoin(employer, employer.id == Contact.organization_id)
        .where(*_contact_conditions(reuse, employer))
    )


def _organization_fit(reuse: Reuse) -> Any:
    """The reusable fit of the organization in the enclosing query."""
    return select(LeadFit.lead_key).where(*_organization_conditions(reuse))


def _contact_conditions(reuse: Reuse, employer: Any) -> list[Any]:
    """A contact's (``c<id>``) fit is reusable: fresh, scored at its current employer, since
    the contact and that employer last changed."""
    return [
        *_fresh(reuse),
        LeadFit.lead_key == literal("c") + cast(Contact.id, String),
        LeadFit.organization_id.is_not_distinct_from(Contact.organization_id),
        LeadFit.scored_at >= Contact.updated_at,
        or_(employer.id.is_(None), LeadFit.scored_at >= employer.updated_at),
    ]


def _organization_conditions(reuse: Reuse) -> list[Any]:
    """An organization's (``o<id>``) fit is reusable: fresh, scored since it last changed."""
    return [
        *_fresh(reuse),
        LeadFit.lead_key == literal("o") + cast(Organization.id, String),
        LeadFit.scored_at >= Organization.updated_at,
    ]


def _fresh(reuse: Reuse) -> list[Any]:
    """What a fit must hold to be reused, the lead's key and changes aside."""
    version_id, day, version, exclusions = reuse
    return [
        LeadFit.icp_version_id == version_id,
        LeadFit.as_of == day,
        LeadFit.leadsieve_version == version,
        LeadFit.exclusions.is_(None) if exclusions is None else LeadFit.exclusions == exclusions,
    ]


def _without_contacts() -> Any:
    return ~select(Contact.id).where(Contact.organization_id == Organization.id).exists()


def _frame(session: Session, statement: Any, columns: dict[str, Any]) -> pl.DataFrame:
    rows = session.execute(statement).all()
    schema = {name: _dtype(column) for name, column in columns.items()}
    return pl.DataFrame(rows, schema=schema, orient="row")


def _dtype(column: Any) -> pl.DataType:
    kind = column.type
    if isinstance(kind, Integer):
        return pl.Int64()
    if isinstance(kind, Float):
        return pl.Float64()
    return pl.String()
