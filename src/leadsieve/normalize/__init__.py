"""Raw values -> canonical values. Pure functions, package data, one call per distinct value."""

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
