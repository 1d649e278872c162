"""The canonical lead columns of DESIGN.md, shared by every layer.

A lead file's headers are mapped onto these names (``leadsieve.io``); normalization reads them
and adds the ``ls_*`` columns the engine scores (``leadsieve.normalize.frame``).
"""

from __future__ import annotations

from typing import Final

#: Canonical columns a lead file maps onto, in DESIGN.md's order.
CANONICAL_COLUMNS: Final[tuple[str, ...]] = (
    "company_name",
    "domain",
    "website",
    "linkedin_url",
    "org_no",
    "industry",
    "employees",
    "revenue",
    "revenue_currency",
    "country",
    "subdivision",
    "city",
    "description",
    "keywords",
    "technologies",
    "signals",
    "first_name",
    "last_name",
    "full_name",
    "email",
    "phone",
    "title",
    "seniority",
    "department",
    "contact_linkedin_url",
)

#: Extra canonical inputs that carry a unit in their name. ZoomInfo exports revenue in
#: thousands of USD ("Revenue (in 000s USD)"); it maps here and is scaled during normalization.
UNIT_COLUMNS: Final[tuple[str, ...]] = ("revenue_thousands_usd",)

#: Vendor fields that become facts rather than scored text: the vendor's record ids (kept as
#: external ids), funding (a ``recent_funding`` signal dated by ``funding_date``), hiring and
#: job postings (a ``hiring`` signal), and consent (an opt-out lowers consent, never raises it).
FACT_COLUMNS: Final[tuple[str, ...]] = (
    "record_id",
    "company_record_id",
    "funding_date",
    "funding_round",
    "funding_amount",
    "hiring",
    "email_opt_out",
    "do_not_call",
    "do_not_contact",
)

#: Fact columns read as items of the ``signals`` cell.
SIGNAL_FACTS: Final[frozenset[str]] = frozenset(
    {"funding_date", "funding_round", "funding_amount", "hiring"}
)

#: Every name a ``--map`` target may use.
MAPPABLE_COLUMNS: Final[tuple[str, ...]] = CANONICAL_COLUMNS + UNIT_COLUMNS + FACT_COLUMNS

#: Canonical columns that feed at least one rule or disqualifier: a file must map one of them.
SCORABLE_COLUMNS: Final[frozenset[str]] = frozenset(
    {
        "company_name",
        "domain",
        "website",
        "industry",
        "employees",
        "revenue",
        "revenue_thousands_usd",
        "country",
        "subdivision",
        "description",
        "keywords",
        "technologies",
        "signals",
        "funding_date",
        "funding_round",
        "funding_amount",
        "hiring",
        "email",
        "title",
        "seniority",
        "department",
    }
)

#: List cells (technologies, signals, keywords) split on these.
LIST_SEPARATORS: Final[tuple[str, ...]] = (";", ",")
