"""ICP documents: DESIGN.md's example loads, round-trips, and every mistake is reported at once."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from leadsieve.errors import IcpInvalid, IcpNotFound
from leadsieve.icp import Icp, dump_icp, icp_json_schema, load_icp, parse_icp, starter_icp

DESIGN_EXAMPLE = """\
leadsieve: 1                 # document format version
slug: mid-market-saas
name: Mid-market SaaS, revenue leaders
description: B2B software in North America and the UK, 50-1,000 people.
min_score: 60
match_mode: weighted         # weighted | all | any
unknown: miss                # miss | neutral
grades: {A: 80, B: 60, C: 40}
rules:
  industries:   {any_of: [software-development, financial-services, "62"], weight: 25}
  geography:    {any_of: [north-america, GB], weight: 15}
  employees:    {min: 50, max: 1000, weight: 15}
  revenue:      {min: 5000000, max: 100000000, currency: USD, weight: 10}
  roles:        {seniority: [c_suite, vp, head, director], departments: [sales, revenue_operations],
                 titles: ["revenue operations"], weight: 10}
  signals:      {any_of: [recent_funding, hiring_sales], max_age_days: 180, weight: 5}
  technologies: {any_of: [salesforce, hubspot], required: true}
  keywords:     {any_of: [b2b]}
disqualifiers:
  keywords: [crypto, gambling]
  industries: [government-administration]
  geography: [RU, BY]
  domains: [competitor.example]
  employees: {below: 10, above: 50000}
"""


def test_design_example_loads_with_weights_of_design() -> None:
    """DESIGN.md's example is valid; technologies and keywords get 10 each."""
    icp = parse_icp(DESIGN_EXAMPLE)
    assert icp.slug == "mid-market-saas"
    assert icp.weights() == {
        "industries": 25,
        "geography": 15,
        "employees": 15,
        "revenue": 10,
        "roles": 10,
        "signals": 5,
        "technologies": 10,
        "keywords": 10,
    }
    assert icp.rules.technologies is not None and icp.rules.technologies.required
    assert icp.rules.industries is not None
    assert icp.rules.industries.any_of == ["software-development", "financial-services", "62"]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_round_trip(fmt: str) -> None:
    """dump then load gives an equal ICP, in YAML and in JSON."""
    icp = parse_icp(DESIGN_EXAMPLE)
    again = parse_icp(dump_icp(icp, fmt))  # type: ignore[arg-type]
    assert again == icp
    assert again.fingerprint() == icp.fingerprint()


def test_values_are_canonicalized() -> None:
    """Labels, names and spellings load as canonical slugs and codes."""
    icp = parse_icp(
        """
slug: canon
rules:
  industries: {any_of: ["Software Development", "NAICS 5415"]}
  geography: {any_of: ["United States", "Nordics", "us-ca"]}
  roles: {seniority: ["C-Suite"], departments: ["Sales"]}
  technologies: {any_of: ["HubSpot", "Google  Analytics"]}
  signals: {any_of: ["Recent Funding"]}
"""
    )
    rules = icp.rules
    assert rules.industries is not None and rules.industries.any_of == [
        "software-development",
        "naics:5415",
    ]
    assert rules.geography is not None and rules.geography.any_of == ["US", "nordics", "US-CA"]
    assert rules.roles is not None and (rules.roles.seniority, rules.roles.departments) == (
        ["c_suite"],
        ["sales"],
    )
    assert rules.technologies is not None and rules.technologies.any_of == [
        "hubspot",
        "google analytics",
    ]
    assert rules.signals is not None and rules.signals.any_of == ["recent_funding"]


def test_single_string_stands_for_a_list() -> None:
    """``any_of: b2b`` is read as ``any_of: [b2b]``."""
    icp = parse_icp("slug: s\nrules:\n  keywords: {any_of: b2b}\n")
    assert icp.rules.keywords is not None and icp.rules.keywords.any_of == ["b2b"]


def test_schema_validates_the_example_and_rejects_garbage() -> None:
    """The published JSON Schema accepts DESIGN.md's example and rejects a wrong type."""
    schema = icp_json_schema()
    data = yaml.safe_load(DESIGN_EXAMPLE)
    jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "min_score": "high"}, schema)
    revenue_text = {"min": "€5 Mio", "max": "$1.2B"}
    jsonschema.validate({**data, "rules": {**data["rules"], "revenue": revenue_text}}, schema)
    with pytest.raises(jsonschema.ValidationError):  # weights are bounded in the schema too
        jsonschema.validate(
            {**data, "rules": {"keywords": {"any_of": ["b2b"], "weight": 0}}}, schema
        )


def _problems(text: str) -> list[str]:
    with pytest.raises(IcpInvalid) as caught:
        parse_icp(text, source_name="icp.yaml")
    assert caught.value.code == "ICP_INVALID"
    assert caught.value.problems, "every ICP_INVALID lists its problems"
    return [str(p) for p in caught.value.problems]


BAD = [
    pytest.param(
        "slug: s\nrules:\n  industries: {any_of: [software-development], wieght: 5}\n",
        ["rules.industries.wieght (line 3): unknown field 'wieght' (did you mean 'weight'?)"],
        id="misspelled-field",
    ),
    pytest.param(
        "slug: s\nrule:\n  keywords: {any_of: [b2b]}\n",
        ["rule (line 2): unknown field 'rule' (did you mean 'rules'?)"],
        id="misspelled-top-level",
    ),
    pytest.param(
        "slug: s\nrules:\n  industries: {any_of: [software-developement]}\n",
        ["software-development"],
        id="unknown-industry-suggests",
    ),
    pytest.param(
        "slug: s\nrules:\n  geography: {any_of: [nordix]}\n",
        ["unknown region or country 'nordix'", "nordics"],
        id="unknown-region-suggests",
    ),
    pytest.param(
        "slug: s\nrules:\n  geography: {any_of: [Narnia]}\n",
        ["unknown region or country 'Narnia'"],
        id="unknown-country",
    ),
    pytest.param(
        "slug: s\nrules:\n  employees: {min: 1000, max: 50}\n",
        ["rules.employees (line 3): min (1,000) is greater than max (50) (swap them)"],
        id="min-greater-than-max",
    ),
    pytest.param(
        "slug: s\nrules:\n  keywords: {any_of: [b2b], weight: high}\n",
        ["rules.keywords.weight (line 3): must be a number, got 'high'"],
        id="non-numeric-weight",
    ),
    pytest.param(
        "slug: s\nrules:\n  roles: {seniority: [chief-wizard]}\n",
        [
            "rules.roles.seniority.0 (line 3): unknown seniority 'chief-wizard'",
            "use one of owner, c_suite",
        ],
        id="unknown-seniority",
    ),
    pytest.param(
        "slug: s\nrules:\n  keywords: {any_of: [b2b], weight: 100}\n  technologies: {any_of: [x]}\n",
        ["rules technologies have no weight but the explicit weights already sum to 100"],
        id="no-weight-left",
    ),
    pytest.param(
        "slug: Mid Market\nrules:\n  keywords: {any_of: [b2b]}\n",
        ["try 'mid-market'"],
        id="bad-slug",
    ),
    pytest.param("slug: s\nrules: {}\n", ["an ICP needs at least one rule"], id="no-rules"),
    pytest.param(
        "slug: s\nrules:\n  keywords: {any_of: [b2b]\n",
        ["line 4, column 1: ", "(check indentation and quotes)"],
        id="broken-yaml",
    ),
    pytest.param("- just\n- a list\n", ["must be a mapping"], id="not-a-mapping"),
    pytest.param("", ["the document has no fields (start from `leadsieve icp init`)"], id="empty"),
    pytest.param(
        "slug: s\nmatch_mode: most\nrules:\n  keywords: {any_of: [b2b]}\n",
        ["match_mode (line 2): must be 'weighted', 'all' or 'any', got 'most'"],
        id="bad-match-mode",
    ),
    pytest.param(
        "slug: s\ngrades: {A: 50, B: 60, C: 40}\nrules:\n  keywords: {any_of: [b2b]}\n",
        ["grades must descend"],
        id="grades-not-descending",
    ),
    pytest.param(
        "slug: s\nrules:\n  revenue: {min: 5, currency: DOGE}\n",
        ["unknown currency 'DOGE'"],
        id="unknown-currency",
    ),
    pytest.param(
        "slug: s\nrules:\n  keywords: {any_of: [b2b]}\ndisqualifiers:\n  domains: ['not a domain']\n",
        ["disqualifiers.domains.0 (line 5): 'not a domain' is not a domain (write a host"],
        id="bad-domain",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_invalid_documents_say_what_and_where(text: str, expected: list[str]) -> None:
    """Every mistake is ICP_INVALID with its path, line and a hint."""
    problems = "\n".join(_problems(text))
    for part in expected:
        assert part in problems


def test_every_problem_is_reported_at_once() -> None:
    """Three independent mistakes give three problems in one error."""
    text = (
        "slug: s\nmin_score: 200\nrules:\n  employees: {min: 9, max: 1}\n"
        "  industries: {any_of: [nope-nope]}\n  keywords: {any_of: [b2b], wieght: 1}\n"
    )
    problems = _problems(text)
    assert len(problems) == 4
    assert any(p.startswith("min_score (line 2)") for p in problems)


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    """A missing ICP file is ICP_NOT_FOUND and says how to create one."""
    with pytest.raises(IcpNotFound, match="leadsieve icp init"):
        load_icp(tmp_path / "nope.yaml")


def test_load_json_file(tmp_path: Path) -> None:
    """A JSON file loads like YAML."""
    path = tmp_path / "icp.json"
    path.write_text(json.dumps({"slug": "j", "rules": {"keywords": {"any_of": ["b2b"]}}}))
    assert load_icp(path).slug == "j"


def test_starter_is_valid_and_documented() -> None:
    """The `icp init` starter is a valid ICP that uses every rule and every disqualifier."""
    text = starter_icp(slug="acme", name="Acme")
    icp = parse_icp(text)
    assert isinstance(icp, Icp)
    assert set(icp.rules.present()) == {
        "industries",
        "geography",
        "employees",
        "revenue",
        "roles",
        "signals",
        "technologies",
        "keywords",
    }
    assert icp.disqualifiers.any()
    assert icp.warnings() == []
    assert text.count("#") > 10
    for documented in ("unlisted", "docs/technologies.md", '"€5 Mio"', "0.01 to 10,000"):
        assert documented in text
