"""Raw values -> canonical values. Pure functions, package data, one call per distinct value."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from leadsieve.normalize.geo import (
        normalize_country,
        normalize_subdivision,
        parse_location,
        resolve_geography,
    )
    from leadsieve.normalize.identity import (
        company_key,
        is_free_mail_domain,
        normalize_company_name,
        normalize_domain,
        normalize_email,
        normalize_linkedin_url,
        normalize_phone,
        organization_domain,
    )
    from leadsieve.normalize.industry import Industry, normalize_industry
    from leadsieve.normalize.sizes import (
        EmployeeRange,
        Revenue,
        parse_employees,
        parse_revenue,
        to_usd,
    )
    from leadsieve.normalize.text import fold
    from leadsieve.normalize.titles import (
        Title,
        normalize_department,
        normalize_seniority,
        normalize_title,
    )

__all__ = [
    "EmployeeRange",
    "Industry",
    "Revenue",
    "Title",
    "company_key",
    "fold",
    "is_free_mail_domain",
    "normalize_company_name",
    "normalize_country",
    "normalize_department",
    "normalize_domain",
    "normalize_email",
    "normalize_industry",
    "normalize_linkedin_url",
    "normalize_phone",
    "normalize_seniority",
    "normalize_subdivision",
    "normalize_title",
    "organization_domain",
    "parse_employees",
    "parse_location",
    "parse_revenue",
    "resolve_geography",
    "to_usd",
]

# Each name is imported from its module on first use (PEP 562), so importing one normalizer
# (``leadsieve.normalize.geo``) does not load every other one with its libraries and data.
_HOMES = {
    **dict.fromkeys(
        ("normalize_country", "normalize_subdivision", "parse_location", "resolve_geography"),
        "leadsieve.normalize.geo",
    ),
    **dict.fromkeys(
        (
            "company_key",
            "is_free_mail_domain",
            "normalize_company_name",
            "normalize_domain",
            "normalize_email",
            "normalize_linkedin_url",
            "normalize_phone",
            "organization_domain",
        ),
        "leadsieve.normalize.identity",
    ),
    **dict.fromkeys(("Industry", "normalize_industry"), "leadsieve.normalize.industry"),
    **dict.fromkeys(
        ("EmployeeRange", "Revenue", "parse_employees", "parse_revenue", "to_usd"),
        "leadsieve.normalize.sizes",
    ),
    "fold": "leadsieve.normalize.text",
    **dict.fromkeys(
        ("Title", "normalize_department", "normalize_seniority", "normalize_title"),
        "leadsieve.normalize.titles",
    ),
}


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first access, then keep it."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's attributes including the not yet imported exports."""
    return sorted({*globals(), *__all__})
