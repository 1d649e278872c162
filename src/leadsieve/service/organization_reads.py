"""Finding an organization of the actor's workspace by its domain or its org number.

The domain is normalized as the store keys it (``https://www.Acme.com/about`` is
``acme.com``), the org number checked for its country (a wrong check digit is
``InvalidValue``). Only the actor's workspace is searched: another workspace's organization is
never found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from leadsieve.errors import InvalidValue
from leadsieve.service import contacts
from leadsieve.service.actors import Actor
from leadsieve.service.store import unit_of_work
from leadsieve.store.tables import Organization


@dataclass(frozen=True, slots=True)
class OrganizationView:
    """An organization as a reader sees it."""

    id: int
    name: str | None
    domain: str | None
    org_no: str | None
    org_no_country: str | None
    website: str | None
    linkedin_url: str | None
    industry: str | None
    employees: str | None
    revenue: str | None
    country: str | None
    city: str | None
    created_at: datetime
    updated_at: datetime


def find_organizations(
    engine: Engine,
    actor: Actor,
    *,
    domain: str | None = None,
    org_no: str | None = None,
    country: str | None = None,
) -> list[OrganizationView]:
    """The organization with this domain, or with this org number in ``country``: a list of
    one, or empty when there is none. Exactly one way of finding must be given."""
    actor.require("read", doing="find organizations")
    if (domain is None) == (org_no is None):
        raise InvalidValue(
            "find an organization by its domain, or by its org number with its country "
            "(domain=acme.com, or org_no=556036-0793&country=SE), not both or neither"
        )
    with unit_of_work(engine) as session:
        if domain is not None:
            found = contacts.find_by_domain(session, actor.workspace_id, domain)
        else:
            if not country or not country.strip():
                raise InvalidValue(
                    "an org number is found with its country: add country=SE (ISO 3166 code)"
                )
            assert org_no is not None
            found = contacts.find_by_org_no(session, actor.workspace_id, country.strip(), org_no)
        return [] if found is None else [_view(found)]


def _view(org: Organization) -> OrganizationView:
    return OrganizationView(
        id=org.id,
        name=org.name,
        domain=org.domain,
        org_no=org.org_no,
        org_no_country=org.org_no_country,
        website=org.website,
        linkedin_url=org.linkedin_url,
        industry=org.industry,
        employees=org.employees,
        revenue=org.revenue,
        country=org.country,
        city=org.city,
        created_at=org.created_at,
        updated_at=org.updated_at,
    )
