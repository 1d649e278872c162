"""A proposed technologies rule is valid whatever products the customers use: those the
vocabulary does not know are listed under ``unlisted`` (they are the customers' own data)."""

from __future__ import annotations

from leadsieve.generate.model import ValueEvidence
from leadsieve.generate.propose import _values_spec
from leadsieve.icp import validate_icp


def _kept(value: str) -> ValueEvidence:
    return ValueEvidence("technologies", value, value, 9, 10, 1, 10, None, None, True, "")


def test_unknown_products_of_customers_go_under_unlisted() -> None:
    """ "hubspt" (a typo-like name a customer's data holds) and an unknown product make a valid
    rule, with no warning; a known product is not listed under ``unlisted``."""
    spec = _values_spec("technologies", [_kept("salesforce"), _kept("hubspt"), _kept("acme")])
    assert spec == {"any_of": ["salesforce", "hubspt", "acme"], "unlisted": ["hubspt", "acme"]}
    icp = validate_icp({"slug": "g", "rules": {"technologies": spec}})
    assert icp.warnings() == []


def test_known_products_need_no_unlisted() -> None:
    """Only known products: no ``unlisted`` field at all."""
    assert _values_spec("technologies", [_kept("hubspot")]) == {"any_of": ["hubspot"]}
