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
from typing import Any

import polars as pl
from sqlalchemy import Float, Integer, func, select
from sqlalchemy.orm import Session

from leadsieve.store.repositories.fits import CONTACT_FIELDS
from leadsieve.store.tables import Contact, Organization


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
    session: Session, workspace_id: int, *, first: int, last: int, fields: list[str]
) -> pl.DataFrame:
    """The workspace's contacts with ``first <= id <= last`` as leads, in the columns of
    ``fits.read_leads``: ``lead_key``, ``organization_id`` (the employer), ``contact_id``
    and the contact's ``fields`` (names of ``fits.CONTACT_FIELDS``)."""
    columns = {"organization_id": Contact.organization_id, "contact_id": Contact.id}
    columns |= {name: CONTACT_FIELDS[name] for name in fields}
    statement = (
        select(*(column.label(name) for name, column in columns.items()))
        .where(Contact.workspace_id == workspace_id, Contact.id >= first, Contact.id <= last)
        .order_by(Contact.id)
    )
    frame = _frame(session, statement, columns)
    key = pl.format("c{}", pl.col("contact_id")).alias("lead_key")
    return frame.select(key, *columns)


def read_organizations_alone(
    session: Session, workspace_id: int, *, first: int, last: int, fields: list[str]
) -> pl.DataFrame:
    """The workspace's organizations without contacts with ``first <= id <= last`` as
    leads, in the columns of ``read_contacts`` (the contact's null)."""
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
    ids = _frame(session, statement, {"organization_id": Organization.id})
    contact = {"contact_id": Contact.id, **{name: CONTACT_FIELDS[name] for name in fields}}
    return ids.select(
        pl.format("o{}", pl.col("organization_id")).alias("lead_key"),
        "organization_id",
        *(pl.lit(None, _dtype(column)).alias(name) for name, column in contact.items()),
    )


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
