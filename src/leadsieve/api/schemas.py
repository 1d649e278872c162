"""The API's shapes, one per resource (``IcpPublic``, ``OrganizationPublic``...), built from
what the services return. Credits are strings, exact as the ledger keeps them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from leadsieve.service.organization_reads import OrganizationView
from leadsieve.service.profile_reads import FoundVersion, ProfileEntry
from leadsieve.service.score_requests import MAX_LEADS, ScoredLeads

T = TypeVar("T")

#: The largest version number the store's integer column holds: a larger one is refused by
#: the schema (422), not sent to the database.
MAX_VERSION = 2**31 - 1


class Page(BaseModel, Generic[T]):
    """One page of a list; ``next_cursor`` (None on the last page) asks for the next."""

    data: list[T]
    next_cursor: str | None = None


class IcpPublic(BaseModel):
    """A stored ICP profile as its reader sees it."""

    id: int
    slug: str
    name: str
    visibility: Literal["private", "workspace"]
    owner: str | None
    current_version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, entry: ProfileEntry) -> IcpPublic:
        info = entry.info
        return cls(
            id=entry.id,
            slug=info.slug,
            name=info.name,
            visibility=info.visibility,
            owner=info.owner,
            current_version=info.current_version,
            created_at=info.created_at,
            updated_at=info.updated_at,
        )


class IcpVersionPublic(IcpPublic):
    """The element GET of an ICP: its meta, one version (with author and note) and that
    version's document, which ``leadsieve icp validate`` accepts."""

    version: int
    author: str | None
    note: str | None
    version_created_at: datetime
    document: dict[str, Any]

    @classmethod
    def of_version(cls, found: FoundVersion) -> IcpVersionPublic:
        version = found.found
        info = version.profile
        return cls(
            id=found.id,
            slug=info.slug,
            name=info.name,
            visibility=info.visibility,
            owner=info.owner,
            current_version=info.current_version,
            created_at=info.created_at,
            updated_at=info.updated_at,
            version=version.number,
            author=version.version.author,
            note=version.version.note,
            version_created_at=version.version.created_at,
            document=version.document,
        )


class ScoreCreate(BaseModel):
    """Leads to score against a stored ICP (by slug, its current version unless named)."""

    icp: str = Field(description="The slug of a stored ICP profile", examples=["b2b-saas"])
    version: int | None = Field(
        None, ge=1, le=MAX_VERSION, description="A version number; default: current"
    )
    as_of: date | None = Field(
        None, description="The day signal ages are measured against; default: today (UTC)"
    )
    leads: list[dict[str, Any]] = Field(
        description=(
            f"Up to {MAX_LEADS:,} leads, each an object whose keys are column names "
            "`leadsieve score` maps (company_name, website, title, `# Employees`...)"
        ),
        examples=[[{"company_name": "Acme AB", "website": "acme.se", "country": "Sweden"}]],
    )


class FitPublic(BaseModel):
    """One lead's fit: the engine's fit columns, as `leadsieve score` writes them."""

    fit_score: int
    fit_grade: str
    fit_qualified: bool
    fit_coverage: float
    fit_matched: str | None
    fit_missed: str | None
    fit_unknown: str | None
    fit_reasons: str | None
    fit_disqualified_by: str | None
    icp_slug: str
    icp_version: str = Field(description="The digest of the ICP document scored with")
    leadsieve_version: str


class ScorePublic(BaseModel):
    """What a scoring request did: one fit per lead in the leads' order, the stored version
    scored with, the columns mapped, and the credits charged and left."""

    icp_slug: str
    version: int
    as_of: date
    fits: list[FitPublic]
    mapping: dict[str, str]
    charged: str
    balance: str

    @classmethod
    def of(cls, scored: ScoredLeads) -> ScorePublic:
        return cls(
            icp_slug=scored.icp_slug,
            version=scored.icp_version,
            as_of=scored.as_of,
            fits=[FitPublic.model_validate(fit) for fit in scored.fits],
            mapping=scored.mapping,
            charged=str(scored.charged),
            balance=str(scored.balance),
        )


class OrganizationPublic(BaseModel):
    """A stored organization."""

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

    @classmethod
    def of(cls, view: OrganizationView) -> OrganizationPublic:
        return cls.model_validate(view, from_attributes=True)


class Health(BaseModel):
    """The process answers; ``revision`` is the store's schema revision when ready."""

    status: Literal["ok"] = "ok"
    revision: str | None = None
