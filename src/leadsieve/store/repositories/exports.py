"""A list's leads with every stored field, for export. Never commits."""

from __future__ import annotations

import json
from typing import Any, Final

import polars as pl
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from leadsieve.store.repositories.lists import ORGANIZATION_ID
from leadsieve.store.tables import Contact, LeadFit, LeadListItem, Organization

#: Exported organization fields (stored name -> column name).
ORGANIZATION: Final = {
    "name": "company_name", "domain": "domain", "website": "website",
    "linkedin_url": "company_linkedin_url", "org_no": "org_no", "org_no_country": "org_no_country",
    "industry": "industry", "industry_slug": "industry_slug", "industry_codes": "industry_codes",
    "employees": "employees", "employees_min": "employees_min", "employees_max": "employees_max",
    "revenue": "revenue", "revenue_min_usd": "revenue_min_usd",
    "revenue_max_usd": "revenue_max_usd", "revenue_currency": "revenue_currency",
    "country": "country", "subdivision": "subdivision", "city": "city",
    "description": "description", "keywords": "keywords", "technologies": "technologies",
    "signals": "signals", "external_ids": "company_external_ids",
}  # fmt: skip
#: A column computed from stored fields, and the stored column it follows: the stored USD
#: amounts in thousands where no revenue text was stored (``revenue_thousands``).
THOUSANDS: Final = "revenue_thousands_usd"
_AFTER: Final = "revenue_max_usd"
#: Exported contact fields.
CONTACT: Final = {
    "first_name": "first_name", "last_name": "last_name", "full_name": "full_name",
    "job_title": "title", "seniority": "seniority", "department": "department",
    "email": "email", "phones": "phones", "linkedin_url": "contact_linkedin_url",
    "country": "contact_country", "subdivision": "contact_state",
    "do_not_contact": "do_not_contact",
    "external_ids": "contact_external_ids",
}  # fmt: skip
#: Exported fit fields (with a version).
FIT: Final = {
    "score": "fit_score", "grade": "fit_grade", "qualified": "fit_qualified",
    "coverage": "fit_coverage", "matched": "fit_matched", "missed": "fit_missed",
    "unknown": "fit_unknown", "reasons": "fit_reasons", "disqualified_by": "fit_disqualified_by",
    "as_of": "fit_as_of",
}  # fmt: skip


def export_batch(
    session: Session, list_id: int, version_id: int | None, after: int, size: int
) -> tuple[pl.DataFrame, int | None]:
    """Up to ``size`` of the list's leads after item id ``after``, in insertion order, with
    every exported field (JSON fields as text: phones joined by "; "); and the last item id
    read (None when there were none)."""
    columns: list[Any] = [
        LeadListItem.id.label("item_id"),
        LeadListItem.lead_key,
        ORGANIZATION_ID.label("organization_id"),
        LeadListItem.contact_id,
        *(getattr(Organization, f).label(c) for f, c in ORGANIZATION.items()),
        *(getattr(Contact, f).label(c) for f, c in CONTACT.items()),
    ]
    if version_id is not None:
        columns += [getattr(LeadFit, f).label(c) for f, c in FIT.items()]
    statement = (
        select(*columns)
        .select_from(LeadListItem)
        .outerjoin(Contact, Contact.id == LeadListItem.contact_id)
        .outerjoin(Organization, Organization.id == ORGANIZATION_ID)
        .where(LeadListItem.list_id == list_id, LeadListItem.id > after)
        .order_by(LeadListItem.id)
        .limit(size)
    )
    if version_id is not None:
        statement = statement.outerjoin(
            LeadFit,
            and_(LeadFit.icp_version_id == version_id, LeadFit.lead_key == LeadListItem.lead_key),
        )
    rows = [dict(row._mapping) for row in session.execute(statement)]
    if not rows:
        return pl.DataFrame(), None
    for row in rows:
        row[THOUSANDS] = revenue_thousands(
            row["revenue"], row["revenue_min_usd"], row["revenue_max_usd"]
        )
        row["phones"] = "; ".join(row["phones"]) if row["phones"] else None
        for key in ("company_external_ids", "contact_external_ids"):
            row[key] = json.dumps(row[key], sort_keys=True) if row[key] else None
        if "fit_as_of" in row and row["fit_as_of"] is not None:
            row["fit_as_of"] = row["fit_as_of"].isoformat()
    names = exported([n for n in rows[0] if n != THOUSANDS])
    schema = {name: column_type(name) for name in names}
    frame = pl.DataFrame(rows, schema=schema)
    return frame, int(rows[-1]["item_id"])


def exported(names: list[str]) -> list[str]:
    """``names`` with the computed ``revenue_thousands_usd`` placed after ``revenue_max_usd``."""
    at = names.index(_AFTER) + 1
    return [*names[:at], THOUSANDS, *names[at:]]


def revenue_thousands(revenue: str | None, low: float | None, high: float | None) -> str | None:
    """The stored USD amounts in thousands ("388", "388-500"), only where no revenue text was
    stored: what a ZoomInfo "Revenue (in 000s USD)" column gave, since the store keeps its
    amounts and not its text. Read back by leadsieve under this name (a canonical header), the
    export scores as the store does; where a revenue text was stored, that text says it."""
    if revenue is not None or low is None:
        return None
    first = _number(low / 1000)
    return first if high is None or high == low else f"{first}-{_number(high / 1000)}"


def _number(value: float) -> str:
    """The shortest text that reads back as ``value`` (``repr``), without a trailing ".0"."""
    return repr(value).removesuffix(".0")


#: Columns that are not text; every other exported column is a string (a fixed schema, so that
#: every batch of a Parquet file has the same types).
_TYPES: Final[dict[str, pl.DataType]] = {
    "item_id": pl.Int64(), "organization_id": pl.Int64(), "contact_id": pl.Int64(),
    "employees_min": pl.Int64(), "employees_max": pl.Int64(),
    "revenue_min_usd": pl.Float64(), "revenue_max_usd": pl.Float64(),
    "do_not_contact": pl.Boolean(), "fit_score": pl.Int64(), "fit_qualified": pl.Boolean(),
    "fit_coverage": pl.Float64(),
}  # fmt: skip


def column_type(name: str) -> pl.DataType:
    """The type of an exported column."""
    return _TYPES.get(name, pl.String())
