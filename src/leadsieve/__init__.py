"""leadsieve: exact, explainable, fast ICP lead qualification.

>>> import datetime, polars as pl, leadsieve
>>> icp = leadsieve.parse_icp("slug: demo\\nrules:\\n  geography: {any_of: [nordics]}\\n")
>>> leads = pl.DataFrame({"company_name": ["Acme AB"], "country": ["Sverige"]})
>>> leadsieve.score(leads, icp, as_of=datetime.date(2026, 11, 1))["fit_score"].to_list()
[100]
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# The facade is resolved on first use (PEP 562): `import leadsieve.cli.app` must not pay for
# Polars, pydantic and the normalizers' data before a command has even parsed its arguments.
_HOMES = {
    "__version__": "leadsieve._version",
    "score": "leadsieve.engine",
    **dict.fromkeys(
        ("IcpInvalid", "IcpNotFound", "LeadFileError", "LeadsieveError", "Problem"),
        "leadsieve.errors",
    ),
    **dict.fromkeys(
        ("Icp", "dump_icp", "icp_json_schema", "load_icp", "parse_icp"), "leadsieve.icp"
    ),
    **dict.fromkeys(
        (
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
            "parse_revenue",
        ),
        "leadsieve.normalize",
    ),
}


_SUBPACKAGES = frozenset(
    {"cli", "columns", "engine", "errors", "icp", "io", "normalize", "service"}
)


def __getattr__(name: str) -> Any:
    """Import an exported name from its home module on first access, then keep it."""
    home = _HOMES.get(name)
    if home is None and name in _SUBPACKAGES:
        return import_module(
            f"{__name__}.{name}"
        )  # ``leadsieve.engine`` after ``import leadsieve``
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's attributes including the not yet imported exports."""
    return sorted({*globals(), *__all__})
