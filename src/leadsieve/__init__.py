"""leadsieve: exact, explainable, fast ICP lead qualification.

>>> import datetime, polars as pl, leadsieve
>>> icp = leadsieve.parse_icp("slug: demo\\nrules:\\n  geography: {any_of: [nordics]}\\n")
>>> leads = pl.DataFrame({"company_name": ["Acme AB"], "country": ["Sverige"]})
>>> leadsieve.score(leads, icp, as_of=datetime.date(2026, 11, 1))["fit_score"].to_list()
[100]
"""

from leadsieve._version import __version__
from leadsieve.engine import score
from leadsieve.errors import (
    IcpInvalid,
    IcpNotFound,
    LeadFileError,
    LeadsieveError,
    Problem,
)
from leadsieve.icp import Icp, dump_icp, icp_json_schema, load_icp, parse_icp
from leadsieve.normalize import (
    normalize_company_name,
    normalize_country,
    normalize_domain,
    normalize_email,
    normalize_industry,
    normalize_linkedin_url,
    normalize_phone,
    normalize_subdivision,
    normalize_title,
    parse_employees,
    parse_revenue,
)

__all__ = [
    "Icp",
    "IcpInvalid",
    "IcpNotFound",
    "LeadFileError",
    "LeadsieveError",
    "Problem",
    "__version__",
    "dump_icp",
    "icp_json_schema",
    "load_icp",
    "normalize_company_name",
    "normalize_country",
    "normalize_domain",
    "normalize_email",
    "normalize_industry",
    "normalize_linkedin_url",
    "normalize_phone",
    "normalize_subdivision",
    "normalize_title",
    "parse_employees",
    "parse_icp",
    "parse_revenue",
    "score",
]
