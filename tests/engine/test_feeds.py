"""Which rules no column or no data fed: the warning a user gets instead of silent unknowns."""

from __future__ import annotations

import datetime

import polars as pl

import leadsieve
from leadsieve.engine.feeds import always_unknown, unfed_rules, unknown_counts
from leadsieve.icp import validate_icp

ICP = validate_icp(
    {
        "slug": "fed",
        "rules": {
            "industries": {"any_of": ["software-development"]},
            "geography": {"any_of": ["SE"]},
            "employees": {"min": 10},
            "signals": {"any_of": ["recent_funding"]},
            "keywords": {"any_of": ["b2b"]},
        },
    }
)


def test_unfed_rules_name_the_rules_no_column_feeds() -> None:
    """A file with a company name and a country feeds geography and keywords only; a funding
    date feeds signals; YC-style tags feed industries."""
    assert unfed_rules(ICP, ["company_name", "country"]) == ("industries", "employees", "signals")
    assert "signals" not in unfed_rules(ICP, ["funding_date"])
    assert "industries" not in unfed_rules(ICP, ["keywords"])


def test_always_unknown_from_the_fits() -> None:
    """Rules unknown for every scored lead are the ones the data never fed; a rule known for
    one lead is not reported."""
    leads = pl.DataFrame({"company_name": ["Acme", "Beta"], "employees": ["50", None]})
    fits = leadsieve.score(leads, ICP, as_of=datetime.date(2026, 12, 1))
    counts = unknown_counts(fits, "fit_unknown")
    assert counts["employees"] == 1
    assert always_unknown(ICP, counts, fits.height) == ("industries", "geography", "signals")
    assert always_unknown(ICP, counts, 0) == ()
