"""``GET /v1/organizations?domain=`` and ``?org_no=&country=``: find an organization of the
key's workspace by its domain (normalized as the store keys it) or its org number."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Engine

from leadsieve.api.auth import Reader
from leadsieve.api.deps import store
from leadsieve.api.problems import responses
from leadsieve.api.schemas import OrganizationPublic, Page
from leadsieve.service.organization_reads import find_organizations

router = APIRouter(prefix="/v1/organizations", tags=["organizations"])


@router.get("", response_model=Page[OrganizationPublic], responses=responses())
def find(
    actor: Reader,
    engine: Annotated[Engine, Depends(store)],
    domain: Annotated[str | None, Query(description="acme.com, or any URL of it")] = None,
    org_no: Annotated[str | None, Query(description="An org number, with `country`")] = None,
    country: Annotated[str | None, Query(description="ISO 3166 code of the org number")] = None,
) -> Page[OrganizationPublic]:
    """The organization with this domain or org number: a page of one, or empty."""
    found = find_organizations(engine, actor, domain=domain, org_no=org_no, country=country)
    return Page[OrganizationPublic](data=[OrganizationPublic.of(o) for o in found])
