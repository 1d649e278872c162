"""Synthetic markets with a planted ICP: customers come from a known profile, the baseline from
the whole market, so a generator can be checked against the truth."""

from __future__ import annotations

import numpy as np
import polars as pl

INDUSTRIES = [
    "Software Development",
    "Financial Services",
    "Hospitals and Health Care",
    "Retail",
    "Manufacturing",
    "Construction",
    "Higher Education",
    "Government Administration",
    "Truck Transportation",
    "Restaurants",
]
COUNTRIES = ["US", "CA", "GB", "DE", "FR", "SE", "BR", "IN", "JP", "AU"]
EMPLOYEES = ["1-10", "11-50", "51-200", "201-500", "501-1,000", "1,001-5,000", "10,001+"]
TOOLS = ["Salesforce", "HubSpot", "Slack", "Zendesk", "SAP", "Oracle", "Shopify", "Jira"]

#: The planted profile: what customers look like.
PLANTED_INDUSTRIES = ["Software Development", "Financial Services"]
PLANTED_COUNTRIES = ["US", "CA", "GB"]
PLANTED_EMPLOYEES = ["51-200", "201-500"]
PLANTED_TOOLS = ["Salesforce", "HubSpot"]

PLANTED_ICP = """
leadsieve: 1
slug: planted
name: Planted
min_score: 60
rules:
  industries: {any_of: [software-development, financial-services], weight: 30}
  geography: {any_of: [US, CA, GB], weight: 30}
  employees: {min: 51, max: 500, weight: 20}
  technologies: {any_of: [salesforce, hubspot], weight: 20}
"""


def market(n: int, rng: np.random.Generator) -> pl.DataFrame:
    """Leads drawn from the whole market (uniform industries and sizes, skewed countries)."""
    country_p = np.array([30, 5, 8, 10, 8, 4, 10, 10, 8, 7], dtype=float)
    tools = ["; ".join(rng.choice(TOOLS, size=rng.integers(1, 4), replace=False)) for _ in range(n)]
    return pl.DataFrame(
        {
            "company_name": [f"Company {i}" for i in range(n)],
            "industry": rng.choice(INDUSTRIES, size=n).tolist(),
            "country": rng.choice(COUNTRIES, size=n, p=country_p / country_p.sum()).tolist(),
            "employees": rng.choice(EMPLOYEES, size=n).tolist(),
            "technologies": tools,
        }
    )


def customers(n: int, rng: np.random.Generator, *, noise: float = 0.0) -> pl.DataFrame:
    """Customers: each attribute from the planted profile 90% of the time (real customers are
    never perfect), and a share ``noise`` of them drawn from the whole market instead."""
    noisy = round(n * noise)
    clean = n - noisy

    def pick(planted: list[str], everything: list[str]) -> list[str]:
        take = rng.random(clean) < 0.9
        return [str(rng.choice(planted)) if t else str(rng.choice(everything)) for t in take]

    tools = [
        "; ".join([str(rng.choice(PLANTED_TOOLS)), str(rng.choice(TOOLS))])
        if rng.random() < 0.9
        else str(rng.choice(TOOLS))
        for _ in range(clean)
    ]
    frame = pl.DataFrame(
        {
            "company_name": [f"Customer {i}" for i in range(clean)],
            "industry": pick(PLANTED_INDUSTRIES, INDUSTRIES),
            "country": pick(PLANTED_COUNTRIES, COUNTRIES),
            "employees": pick(PLANTED_EMPLOYEES, EMPLOYEES),
            "technologies": tools,
        }
    )
    if noisy:
        frame = pl.concat([frame, market(noisy, rng)])
    return frame
