"""ICP validation (issue 14, seen 8 and 12): technologies against the vocabulary, every unknown
value at once, revenue bounds as lead files write them, one hint style, and documents that
would crash scoring (overflowing weights, duplicate keys, deep nesting) refused."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest

import leadsieve
from leadsieve.errors import IcpInvalid
from leadsieve.icp import parse_icp, validate_icp
from leadsieve.icp.document import MAX_DEPTH
from leadsieve.normalize.sizes import convert

AS_OF = date(2026, 11, 1)


def _problems(text: str) -> list[str]:
    with pytest.raises(IcpInvalid) as caught:
        parse_icp(text, source_name="icp.yaml")
    assert caught.value.code == "ICP_INVALID"
    return [str(p) for p in caught.value.problems]


def _tech(listed: str, extra: str = "") -> str:
    return f"slug: t\nrules:\n  technologies: {{any_of: [{listed}]{extra}}}\n"


# --- technologies ------------------------------------------------------------------------------


def test_a_technology_typo_is_refused_with_its_suggestion() -> None:
    """Seen 8: ``salesforse`` with ``required: true`` (which qualified nobody, silently) is
    ICP_INVALID at its path and line, suggesting salesforce and the way out."""
    problems = _problems(_tech("hubspot, salesforse", ", required: true"))
    assert problems == [
        "rules.technologies.any_of.1 (line 3): unknown technology 'salesforse' "
        "(did you mean salesforce? If 'salesforse' is another product, also list it under "
        "`unlisted`)"
    ]


def test_every_technology_typo_is_reported() -> None:
    """Two typos give two problems, each at its own index."""
    problems = _problems(_tech("hubspt, slack, snowflak"))
    assert [p.split(" (line")[0] for p in problems] == [
        "rules.technologies.any_of.0",
        "rules.technologies.any_of.2",
    ]
    assert "did you mean hubspot?" in problems[0] and "did you mean snowflake?" in problems[1]


def test_unlisted_accepts_a_real_product_near_a_known_one() -> None:
    """A product the vocabulary lacks, listed under ``unlisted`` too, is kept as written and
    draws no warning; the document round-trips."""
    icp = parse_icp(_tech("Hubspt, salesforce", ", unlisted: [hubspt]"))
    rule = icp.rules.technologies
    assert rule is not None and rule.any_of == ["hubspt", "salesforce"]
    assert rule.unlisted == ["hubspt"]
    assert icp.warnings() == []
    assert parse_icp(leadsieve.dump_icp(icp)) == icp


def test_an_empty_unlisted_is_left_out_of_the_stored_document() -> None:
    """A technologies rule without ``unlisted`` dumps as before the field existed, so saving an
    unchanged ICP adds no version to a profile stored earlier."""
    icp = parse_icp(_tech("hubspot"))
    assert icp.model_dump(mode="json")["rules"]["technologies"] == {
        "weight": None,
        "required": False,
        "any_of": ["hubspot"],
    }


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param(
            ", unlisted: [acme crm]",
            "rules.technologies.unlisted.0 (line 3): 'acme crm' is not in any_of "
            "(list it under any_of too, or remove it)",
            id="not-listed",
        ),
        pytest.param(
            ", unlisted: [SFDC]",
            "rules.technologies.unlisted.0 (line 3): 'sfdc' is a known technology (salesforce) "
            "(remove it from unlisted)",
            id="known",
        ),
    ],
)
def test_unlisted_must_name_unknown_listed_products(extra: str, expected: str) -> None:
    """``unlisted`` names only products of any_of that the vocabulary does not know."""
    assert _problems(_tech("salesforce", extra)) == [expected]


def test_an_unknown_far_technology_is_a_warning_not_an_error() -> None:
    """A product we do not list may be real: it loads, and ``warnings()`` says so with a hint."""
    icp = parse_icp(_tech("salesforce, Acme Internal Billing"))
    assert [str(w) for w in icp.warnings()] == [
        "rules.technologies.any_of: 'acme internal billing' is not in the technology vocabulary "
        "(it matches only leads that name it so; docs/technologies.md lists the known products; "
        "list it under `unlisted` too if it is meant)"
    ]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        pytest.param("Salesforce Sales Cloud", "salesforce", id="suite-module"),
        pytest.param("SFDC", "salesforce", id="abbreviation"),
        pytest.param("GA4", "google analytics", id="ga4"),
        pytest.param("google-analytics", "google analytics", id="hyphenated"),
        pytest.param("Amazon Web Services", "aws", id="long-name"),
        pytest.param("Sales Force", "salesforce", id="spaced"),
    ],
)
def test_aliases_load_as_the_canonical_technology(written: str, canonical: str) -> None:
    """An alias in an ICP becomes the product's key, with no warning."""
    icp = parse_icp(_tech(f'"{written}"'))
    assert icp.rules.technologies is not None
    assert icp.rules.technologies.any_of == [canonical]
    assert icp.warnings() == []


def test_rule_and_lead_read_technologies_alike() -> None:
    """An ICP naming "Salesforce Sales Cloud" matches a lead listing "SFDC" and one listing
    "salesforce.com", and not one listing HubSpot: both sides go through the vocabulary."""
    icp = parse_icp(_tech('"Salesforce Sales Cloud"', ", required: true"))
    leads = pl.DataFrame(
        {
            "company_name": ["A", "B", "C"],
            "technologies": ["SFDC; Slack", "salesforce.com", "HubSpot CRM"],
        }
    )
    scored = leadsieve.score(leads, icp, as_of=AS_OF)
    assert scored["fit_qualified"].to_list() == [True, True, False]


# --- every unknown at once ---------------------------------------------------------------------


def test_every_unknown_value_is_reported_at_once() -> None:
    """Seen 8: not only the first unknown seniority or department; every unknown value of every
    list is its own problem with its path, line and hint."""
    text = """\
slug: s
rules:
  roles: {seniority: [vp, chief-wizard, Bossman], departments: [salez, sales, xyz]}
  industries: {any_of: [software-developement, nope-nope-nope]}
  geography: {any_of: [nordix, US, Narnia]}
  technologies: {any_of: [hubspt, salesforse]}
disqualifiers:
  industries: [governmnet-administration]
  geography: [Atlantis]
"""
    paths = [p.split(" (line")[0] for p in _problems(text)]
    assert sorted(paths) == sorted(
        [
            "rules.roles.seniority.1",
            "rules.roles.seniority.2",
            "rules.roles.departments.0",
            "rules.roles.departments.2",
            "rules.industries.any_of.0",
            "rules.industries.any_of.1",
            "rules.geography.any_of.0",
            "rules.geography.any_of.2",
            "rules.technologies.any_of.0",
            "rules.technologies.any_of.1",
            "disqualifiers.industries.0",
            "disqualifiers.geography.0",
        ]
    )


def test_a_misspelled_department_suggests_the_close_one() -> None:
    """ "salez" suggests sales (not the normalizer's catch-all "other")."""
    problems = _problems("slug: s\nrules:\n  roles: {departments: [salez]}\n")
    assert "did you mean sales?" in problems[0]
    assert "other?" not in problems[0]


# --- revenue bounds ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "low", "high", "currency"),
    [
        pytest.param("{min: 5M}", 5e6, None, "USD", id="5M"),
        pytest.param('{min: "€5 Mio"}', 5e6, None, "EUR", id="euro-mio"),
        pytest.param('{min: "$1.2B"}', 1.2e9, None, "USD", id="dollar-billion"),
        pytest.param('{min: "5 Mrd"}', 5e9, None, "USD", id="mrd"),
        pytest.param('{min: "20 MSEK", max: 1 mrd}', 2e7, 1e9, "SEK", id="glued-code"),
        pytest.param("{min: 5M, currency: eur}", 5e6, None, "EUR", id="bare-in-rule-currency"),
        pytest.param(
            '{min: "€5 Mio", currency: USD}',
            round(convert(5e6, "EUR", "USD") or 0, 2),
            None,
            "USD",
            id="converted",
        ),
        pytest.param(
            '{min: "€5 Mio", max: "$100M"}',
            round(convert(5e6, "EUR", "USD") or 0, 2),
            1e8,
            "USD",
            id="mixed-currencies-in-usd",
        ),
        pytest.param("{min: 5000000, max: 100000000}", 5e6, 1e8, "USD", id="plain-numbers"),
    ],
)
def test_revenue_bounds_read_like_lead_files(
    rule: str, low: float, high: float | None, currency: str
) -> None:
    """Seen 8: `revenue: {min: 5M}` and the other forms lead files use are read by the same
    parser; an amount in another currency is converted at the fixed table."""
    icp = parse_icp(f"slug: r\nrules:\n  revenue: {rule}\n")
    revenue = icp.rules.revenue
    assert revenue is not None
    assert (revenue.min, revenue.max, revenue.currency) == (low, high, currency)
    assert parse_icp(leadsieve.dump_icp(icp)) == icp


@pytest.mark.parametrize("bound", ["5M-10M", "over 5M", "lots", "$5M (€4.6M)"])
def test_a_revenue_bound_that_is_not_one_amount_is_refused(bound: str) -> None:
    """A range, an open bound or text that is no amount: refused with the forms a bound takes."""
    problems = _problems(f'slug: r\nrules:\n  revenue: {{min: "{bound}"}}\n')
    assert problems == [
        f"rules.revenue.min (line 3): is not one amount: {bound!r} "
        "(write one amount: 5000000, 5M, €5 Mio, $1.2B or 5 Mrd)"
    ]


def test_revenue_rule_and_lead_agree_on_money() -> None:
    """A lead with "€6 Mio" is inside `min: "€5 Mio"`, one with "EUR 4.5M" is not, and one in
    dollars is compared after the same conversion."""
    icp = parse_icp('slug: r\nrules:\n  revenue: {min: "€5 Mio", required: true}\n')
    leads = pl.DataFrame(
        {"company_name": ["A", "B", "C"], "revenue": ["€6 Mio", "EUR 4.5M", "$5.6M"]}
    )
    scored = leadsieve.score(leads, icp, as_of=AS_OF)
    dollars_in_eur = convert(5.6e6, "USD", "EUR") or 0
    assert scored["fit_qualified"].to_list() == [True, False, dollars_in_eur >= 5e6]


def test_an_absurd_revenue_bound_is_refused() -> None:
    """More than any company earns is a unit error, refused before it reaches the engine."""
    problems = _problems("slug: r\nrules:\n  revenue: {min: 1.0e+300, max: 5}\n")
    assert problems == [
        "rules.revenue.min (line 3): 1e+300 USD is more than any company earns "
        "(use at most the equivalent of $10T)"
    ]


# --- one hint style ----------------------------------------------------------------------------

BAD_DOCUMENTS = [
    "slug: s\nrules:\n  keywords: {any_of: [b2b], weight: 0}\n",
    "slug: s\nrules:\n  keywords: {any_of: [b2b], weight: -3}\n",
    "slug: s\nrules:\n  keywords: {any_of: [b2b], weight: .inf}\n",
    "slug: s\nrules:\n  keywords: {any_of: []}\n",
    "slug: s\nrules:\n  keywords: {any_of: [b2b], required: maybe}\n",
    "slug: s\nrules:\n  keywords: [b2b]\n",
    "slug: s\nrules:\n  keywords: {any_of: {a: 1}}\n",
    "slug: s\nrules:\n  signals: {any_of: [x], max_age_days: 0}\n",
    "slug: s\nrules:\n  employees: {min: -1}\n",
    "slug: s\nrules:\n  employees: {min: 1.5}\n",
    "slug: s\nrules:\n  employees: {}\n",
    "slug: s\nrules:\n  roles: {}\n",
    "slug: s\nmin_score: 101\nrules:\n  keywords: {any_of: [b2b]}\n",
    "slug: s\nunknown: maybe\nrules:\n  keywords: {any_of: [b2b]}\n",
    "slug: [a]\nrules:\n  keywords: {any_of: [b2b]}\n",
    "rules:\n  keywords: {any_of: [b2b]}\n",
    "slug: s\nleadsieve: 2\nrules:\n  keywords: {any_of: [b2b]}\n",
    "slug: s\nrules:\n  geography: {any_of: [Qwxzv]}\n",
    "slug: s\nrules:\n  industries: {any_of: [zzqqxx]}\n",
    "slug: s\nrules:\n  keywords: {any_of: ['*']}\n",
    "slug: s\nrules:\n  revenue: {min: 5, currency: DOGE}\n",
    "slug: s\nrules:\n  keywords: {any_of: [b2b]}\ndisqualifiers:\n  employees: {below: 9, above: 1}\n",
]
#: "path (line N): what is wrong (what to do)"
HINT_STYLE = re.compile(r"^[\w.]+ \(line \d+\): [^()].* \(.+\)$")


@pytest.mark.parametrize("text", BAD_DOCUMENTS)
def test_every_problem_has_one_hint_style(text: str) -> None:
    """Seen 8: no raw pydantic text ("Input should be greater than 0") beside crafted hints, no
    "did you mean nothing close?": every problem is "path (line): what is wrong (what to do)"."""
    for problem in _problems(text):
        assert HINT_STYLE.match(problem), problem
        assert "Input should" not in problem and "nothing close" not in problem, problem
        assert "Value error" not in problem, problem


# --- seen 12: documents that crashed scoring ---------------------------------------------------

#: Seen 12, each with the path its problem names.
BROKEN = {
    "huge-weights": (
        "slug: w\nrules:\n  employees: {min: 10, weight: 1.0e+308}\n"
        "  keywords: {any_of: [b2b], weight: 1.0e+308}\n",
        "rules.employees.weight (line 3): must be at most 10,000, got 1e+308",
    ),
    "tiny-weights": (
        "slug: w\nrules:\n  employees: {min: 10, weight: 1.0e-320}\n"
        "  keywords: {any_of: [b2b], weight: 1.0e-320}\n",
        "rules.keywords.weight (line 4): must be at least 0.01, got 1e-320",
    ),
    "duplicate-key": (
        "slug: w\nrules:\n  keywords: {any_of: [b2b]}\n  keywords: {any_of: [b2c]}\n",
        "rules.keywords (line 4): duplicate key 'keywords', first given at line 3",
    ),
    "deep-nesting": (
        f"slug: w\nname: {'[' * 3000}{']' * 3000}\nrules: {{keywords: {{any_of: [b2b]}}}}\n",
        "line 2: nested deeper than 16 levels",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_the_library_refuses_documents_that_crashed(case: str, tmp_path: Path) -> None:
    """``leadsieve.load_icp`` raises ICP_INVALID with the problem's path for each of seen 12
    (never an internal error when the ICP is scored later)."""
    text, problem = BROKEN[case]
    path = tmp_path / "icp.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(leadsieve.IcpInvalid) as caught:
        leadsieve.load_icp(path)
    assert caught.value.code == "ICP_INVALID"
    assert problem in str(caught.value)


@pytest.mark.parametrize("weight", ["1.0e+308", "1.0e-320", "1e400", ".nan"])
def test_weights_are_bounded(weight: str) -> None:
    """Weights whose sum or reciprocal overflows (1.0e+308, 1.0e-320 on every rule) are
    ICP_INVALID at each rule's path, with the documented range."""
    text = (
        f"slug: w\nrules:\n  employees: {{min: 10, weight: {weight}}}\n"
        f"  keywords: {{any_of: [b2b], weight: {weight}}}\n"
    )
    problems = _problems(text)
    assert [p.split(" (line")[0] for p in problems] == [
        "rules.employees.weight",
        "rules.keywords.weight",
    ]
    assert all("use numbers from 0.01 to 10,000" in p for p in problems)


def test_weights_at_the_bounds_score() -> None:
    """The extreme weights allowed still give scores in 0..100."""
    icp = parse_icp(
        "slug: w\nrules:\n  employees: {min: 10, weight: 10000}\n"
        "  keywords: {any_of: [b2b], weight: 0.01}\n"
    )
    leads = pl.DataFrame({"company_name": ["A", "B"], "employees": ["50", "5"]})
    assert leadsieve.score(leads, icp, as_of=AS_OF)["fit_score"].to_list() == [100, 0]


def test_duplicate_keys_are_refused_with_their_lines() -> None:
    """A key given twice (YAML keeps the last silently) is ICP_INVALID naming the key, its
    path and both lines, at every level."""
    text = """\
slug: d
rules:
  keywords: {any_of: [b2b], weight: 5, weight: 6}
  keywords: {any_of: [b2c]}
slug: e
"""
    assert _problems(text) == [
        "rules.keywords (line 4): duplicate key 'keywords', first given at line 3 "
        "(keep one of them: the later one would silently replace the first)",
        "rules.keywords.weight (line 3): duplicate key 'weight', first given at line 3 "
        "(keep one of them: the later one would silently replace the first)",
        "slug (line 5): duplicate key 'slug', first given at line 1 "
        "(keep one of them: the later one would silently replace the first)",
    ]


def test_duplicate_keys_in_json_are_refused() -> None:
    """JSON is read by the same parser: a repeated key is refused there too."""
    problems = _problems('{"slug": "j", "rules": {"keywords": {"any_of": ["a"]}}, "slug": "k"}')
    assert problems[0].startswith("slug (line 1): duplicate key 'slug'")


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    """Deeply nested YAML is ICP_INVALID (not an internal RecursionError), flow or block."""
    text = f"slug: d\nname: {'[' * depth}{']' * depth}\nrules: {{keywords: {{any_of: [x]}}}}\n"
    assert _problems(text) == [
        f"line 2: nested deeper than {MAX_DEPTH} levels (an ICP is at most four levels deep "
        "(rules.technologies.any_of); remove the nesting)"
    ]


def test_deep_block_nesting_is_refused() -> None:
    """Block-style nesting is counted the same way."""
    lines = ["slug: d", "rules:"] + [f"{'  ' * (i + 1)}k{i}:" for i in range(MAX_DEPTH + 2)]
    problems = _problems("\n".join(lines) + " 1\n")
    assert "nested deeper than" in problems[0]


def test_deeply_nested_data_is_refused_by_validate_icp() -> None:
    """A decoded document (library, store) nested thousands deep is ICP_INVALID too."""
    deep: object = "x"
    for _ in range(5_000):
        deep = [deep]
    with pytest.raises(IcpInvalid) as caught:
        validate_icp({"slug": "d", "name": deep, "rules": {"keywords": {"any_of": ["x"]}}})
    assert "nested deeper than" in str(caught.value.problems[0])


def test_the_nesting_an_icp_needs_is_allowed() -> None:
    """The deepest real ICP path (rules.technologies.any_of) is far inside the limit."""
    icp = parse_icp("slug: d\nrules:\n  technologies:\n    any_of:\n      - hubspot\n")
    assert icp.rules.technologies is not None
