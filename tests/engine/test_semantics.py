"""DESIGN.md's scoring semantics, rule by rule, on normalized rows (table-driven)."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import pytest

import leadsieve
from leadsieve.icp import validate_icp
from leadsieve.normalize.sizes import to_usd
from tests.factories import fit_rows, ls_row, make_icp

SOFTWARE_PATH = (
    "|technology-information-and-media|technology-information-and-internet|software-development|"
)


def one(rules: dict[str, Any], row: dict[str, Any], **icp: Any) -> dict[str, Any]:
    return fit_rows([row], make_icp(rules, **icp))[0]


RULE_CASES = [
    # industries
    pytest.param(
        {"industries": {"any_of": ["software-development"]}},
        ls_row(ls_industry_path=SOFTWARE_PATH, ls_industry_label="Software Development"),
        1.0,
        "industries: Software Development, in software-development",
        id="industry-exact",
    ),
    pytest.param(
        {"industries": {"any_of": ["technology-information-and-media"]}},
        ls_row(ls_industry_path=SOFTWARE_PATH, ls_industry_label="Software Development"),
        1.0,
        "industries: Software Development, in technology-information-and-media",
        id="industry-ancestor-matches-descendant",
    ),
    pytest.param(
        {"industries": {"any_of": ["software-development"]}},
        ls_row(
            ls_industry_path="|technology-information-and-media|",
            ls_industry_label="Technology, Information and Media",
        ),
        None,
        "industries: Technology, Information and Media, broader than software-development "
        "(too coarse to tell)",
        id="industry-broader-than-listed-is-unknown",
    ),
    pytest.param(
        {"industries": {"any_of": ["software-development"]}},
        ls_row(
            ls_industry_path="|technology-information-and-media|media-and-telecommunications|"
            "telecommunications|",
            ls_industry_label="Telecommunications",
        ),
        0.0,
        "industries: Telecommunications, not in software-development",
        id="industry-sibling-is-outside",
    ),
    pytest.param(
        {"industries": {"any_of": ["financial-services"]}},
        ls_row(
            ls_industry_path=f"{SOFTWARE_PATH}|financial-services|",
            ls_industry_label="Software Development / Financial Services",
        ),
        1.0,
        "industries: Software Development / Financial Services, in financial-services",
        id="industry-any-of-several-matches",
    ),
    pytest.param(
        {"industries": {"any_of": ["software-development"]}},
        ls_row(
            ls_industry_path="|technology-information-and-media||retail|",
            ls_industry_label="Technology, Information and Media / Retail",
        ),
        None,
        "industries: Technology, Information and Media / Retail, broader than "
        "software-development (too coarse to tell)",
        id="industry-one-of-several-broader-is-unknown",
    ),
    pytest.param(
        {"industries": {"any_of": ["banking"]}},
        ls_row(
            ls_industry_path=f"{SOFTWARE_PATH}|retail|",
            ls_industry_label="Software Development / Retail",
        ),
        0.0,
        "industries: Software Development / Retail, not in banking",
        id="industry-several-all-outside",
    ),
    pytest.param(
        {"industries": {"any_of": ["naics:5415"]}},
        ls_row(ls_industry_codes="|naics:541511|"),
        1.0,
        "industries: naics:541511, in naics:5415",
        id="industry-code-prefix",
    ),
    pytest.param(
        {"industries": {"any_of": ["62"]}},
        ls_row(ls_industry_codes="|nace:62.01|"),
        1.0,
        "industries: nace:62.01, in 62",
        id="industry-bare-code-any-system",
    ),
    pytest.param(
        {"industries": {"any_of": ["naics:62"]}},
        ls_row(ls_industry_codes="|nace:62.01|"),
        0.0,
        "industries: nace:62.01, not in naics:62",
        id="industry-code-other-system",
    ),
    pytest.param(
        {"industries": {"any_of": ["software-development"]}},
        ls_row(),
        None,
        "industries: unknown (wanted software-development)",
        id="industry-unknown",
    ),
    # geography
    pytest.param(
        {"geography": {"any_of": ["nordics"]}},
        ls_row(ls_country="SE"),
        1.0,
        "geography: SE, in nordics",
        id="geo-region",
    ),
    pytest.param(
        {"geography": {"any_of": ["US-CA"]}},
        ls_row(ls_country="US", ls_subdivision="US-CA"),
        1.0,
        "geography: US (US-CA), in US-CA",
        id="geo-subdivision",
    ),
    pytest.param(
        {"geography": {"any_of": ["US-CA"]}},
        ls_row(ls_country="US", ls_subdivision="US-NY"),
        0.0,
        "geography: US (US-NY), not in US-CA",
        id="geo-other-subdivision",
    ),
    pytest.param(
        {"geography": {"any_of": ["north-america"]}},
        ls_row(ls_country="MX"),
        0.0,
        "geography: MX, not in north-america",
        id="geo-mexico-is-not-north-america",
    ),
    # employees
    pytest.param(
        {"employees": {"min": 50, "max": 1000}},
        ls_row(ls_emp_lo=240, ls_emp_hi=240, ls_emp_text="240"),
        1.0,
        "employees: 240 employees, within 50–1,000",
        id="employees-exact-inside",
    ),
    pytest.param(
        {"employees": {"min": 50, "max": 1000}},
        ls_row(ls_emp_lo=1, ls_emp_hi=100, ls_emp_text="1–100"),
        51 / 100,
        "employees: 1–100 employees, mostly within 50–1,000",
        id="employees-range-share",
    ),
    pytest.param(
        {"employees": {"min": 50, "max": 1000}},
        ls_row(ls_emp_lo=11, ls_emp_hi=50, ls_emp_text="11–50"),
        1 / 40,
        "employees: 11–50 employees, partly within 50–1,000",
        id="employees-range-small-share",
    ),
    pytest.param(
        {"employees": {"min": 50, "max": 1000}},
        ls_row(ls_emp_lo=1001, ls_emp_hi=5000, ls_emp_text="1,001–5,000"),
        0.0,
        "employees: 1,001–5,000 employees, outside 50–1,000",
        id="employees-range-outside",
    ),
    pytest.param(
        {"employees": {"min": 5000}},
        ls_row(ls_emp_lo=10001, ls_emp_hi=None, ls_emp_text="10,001+"),
        1.0,
        "employees: 10,001+ employees, within at least 5,000",
        id="employees-open-range-open-band",
    ),
    pytest.param(
        {"employees": {"max": 1000}},
        ls_row(ls_emp_lo=800, ls_emp_hi=None, ls_emp_text="800+"),
        201 / 801,
        "employees: 800+ employees, partly within at most 1,000",
        id="employees-open-range-counts-as-double",
    ),
    # revenue (normalized to USD)
    pytest.param(
        {"revenue": {"min": 5_000_000, "max": 100_000_000}},
        ls_row(ls_rev_lo=12e6, ls_rev_hi=12e6, ls_rev_text="$12M"),
        1.0,
        "revenue: $12M revenue, within $5M–$100M",
        id="revenue-inside",
    ),
    pytest.param(
        {"revenue": {"min": 5_000_000, "max": 100_000_000}},
        ls_row(ls_rev_lo=0.0, ls_rev_hi=10e6, ls_rev_text="$0–$10M"),
        0.5,
        "revenue: $0–$10M revenue, mostly within $5M–$100M",
        id="revenue-range-half",
    ),
    # roles
    pytest.param(
        {"roles": {"seniority": ["vp"], "departments": ["sales"]}},
        ls_row(
            ls_seniority="vp",
            ls_department="sales",
            ls_title_text=" vp sales ",
            ls_title="VP Sales",
        ),
        1.0,
        "roles: 'VP Sales': vp in sales",
        id="roles-both",
    ),
    pytest.param(
        {"roles": {"seniority": ["vp"]}},
        ls_row(ls_seniority="director", ls_department="sales"),
        0.0,
        "roles: not a listed seniority",
        id="roles-seniority-only",
    ),
    pytest.param(
        {"roles": {"seniority": ["vp"], "titles": ["revenue operations"]}},
        ls_row(
            ls_seniority="head",
            ls_title_text=" head of revenue operations ",
            ls_title="Head of Revenue Operations",
        ),
        1.0,
        "roles: 'Head of Revenue Operations': mentions \"revenue operations\"",
        id="roles-title-keyword",
    ),
    pytest.param(
        {"roles": {"seniority": ["vp"]}},
        ls_row(ls_title_text=" barista ", ls_title="Barista"),
        0.0,
        "roles: 'Barista': not a listed seniority",
        id="roles-title-known-but-unmatched",
    ),
    # signals
    pytest.param(
        {"signals": {"any_of": ["recent_funding"], "max_age_days": 180}},
        ls_row(ls_signals="|hiring|recent_funding@2026-08-01|"),
        1.0,
        "signals: has recent_funding in the last 180 days",
        id="signal-fresh",
    ),
    pytest.param(
        {"signals": {"any_of": ["recent_funding"], "max_age_days": 180}},
        ls_row(ls_signals="|recent_funding@2025-01-01|"),
        0.0,
        "signals: has none of recent_funding in the last 180 days",
        id="signal-stale",
    ),
    pytest.param(
        {"signals": {"any_of": ["recent_funding"], "max_age_days": 180}},
        ls_row(ls_signals="|recent_funding@2026-05-05|"),
        1.0,
        "signals: has recent_funding in the last 180 days",
        id="signal-exactly-max-age",
    ),
    pytest.param(
        {"signals": {"any_of": ["recent_funding"], "max_age_days": 180}},
        ls_row(ls_signals="|recent_funding@2026-05-04|"),
        0.0,
        "signals: has none of recent_funding in the last 180 days",
        id="signal-one-day-too-old",
    ),
    pytest.param(
        {"signals": {"any_of": ["recent_funding"], "max_age_days": 180}},
        ls_row(ls_signals="|recent_funding@2026-12-01|"),
        0.0,
        "signals: has none of recent_funding in the last 180 days",
        id="signal-after-as-of",
    ),
    pytest.param(
        {"signals": {"any_of": ["recent_funding"], "max_age_days": 180}},
        ls_row(ls_signals="|recent_funding|"),
        1.0,
        "signals: has recent_funding in the last 180 days",
        id="signal-undated-counts",
    ),
    pytest.param(
        {"signals": {"any_of": ["recent_funding"]}},
        ls_row(ls_signals="|recent_funding@2019-01-01|"),
        1.0,
        "signals: has recent_funding",
        id="signal-any-age-without-max",
    ),
    # technologies and keywords: whole items and whole words
    pytest.param(
        {"technologies": {"any_of": ["hubspot", "salesforce"]}},
        ls_row(ls_technologies="|salesforce|google analytics|"),
        1.0,
        "technologies: uses salesforce",
        id="tech-hit",
    ),
    pytest.param(
        {"technologies": {"any_of": ["sales"]}},
        ls_row(ls_technologies="|salesforce|"),
        0.0,
        "technologies: uses none of sales",
        id="tech-whole-item-only",
    ),
    pytest.param(
        {"keywords": {"any_of": ["b2b"]}},
        ls_row(ls_text=" acme b2b saas "),
        1.0,
        "keywords: mentions b2b",
        id="keyword-whole-word",
    ),
    pytest.param(
        {"keywords": {"any_of": ["b2b"]}},
        ls_row(ls_text=" acme b2bsaas "),
        0.0,
        "keywords: mentions none of b2b",
        id="keyword-not-inside-word",
    ),
]


@pytest.mark.parametrize(("rules", "row", "match", "reason"), RULE_CASES)
def test_rule(rules: dict[str, Any], row: dict[str, Any], match: float | None, reason: str) -> None:
    """Each rule gives the expected match (score = 100·match) and its reason: the lead's value
    and how it fits, naming only the listed value it matched."""
    fit = one(rules, row)
    expected = 0 if match is None else int(match * 100 + 0.5)
    assert fit["fit_score"] == expected
    assert fit["fit_reasons"] == reason
    name = next(iter(rules))
    if match is None:
        assert fit["fit_unknown"] == name
    elif match >= 0.5:
        assert fit["fit_matched"] == name
    else:
        assert fit["fit_missed"] == name


def test_revenue_band_in_another_currency() -> None:
    """An ICP band in EUR is converted at the fixed table before comparing USD revenue."""
    rate = to_usd(1.0, "EUR")
    assert rate is not None and rate != 1.0
    icp_rules = {"revenue": {"min": 5_000_000, "currency": "EUR"}}
    just_below = 5_000_000 * rate * 0.99
    just_above = 5_000_000 * rate * 1.01
    rows = [
        ls_row(ls_rev_lo=just_below, ls_rev_hi=just_below, ls_rev_text="x"),
        ls_row(ls_rev_lo=just_above, ls_rev_hi=just_above, ls_rev_text="y"),
    ]
    fits = fit_rows(rows, make_icp(icp_rules))
    assert [f["fit_score"] for f in fits] == [0, 100]
    assert "at least €5M" in fits[0]["fit_reasons"]


DQ_CASES = [
    pytest.param(
        {"keywords": ["crypto"]},
        ls_row(ls_text=" acme crypto exchange "),
        "keywords: mentions crypto",
        id="dq-keyword",
    ),
    pytest.param(
        {"industries": ["technology-information-and-media"]},
        ls_row(ls_industry_path=SOFTWARE_PATH),
        "industries: in technology-information-and-media",
        id="dq-industry-ancestor",
    ),
    pytest.param(
        {"industries": ["retail"]},
        ls_row(ls_industry_path=f"{SOFTWARE_PATH}|retail|"),
        "industries: in retail",
        id="dq-industry-one-of-several",
    ),
    pytest.param(
        {"geography": ["RU"]}, ls_row(ls_country="RU"), "geography: in RU", id="dq-country"
    ),
    pytest.param(
        {"geography": ["eu"]}, ls_row(ls_country="FR"), "geography: in eu", id="dq-region"
    ),
    pytest.param(
        {"domains": ["competitor.example"]},
        ls_row(ls_domain="competitor.example"),
        "domains: on competitor.example",
        id="dq-domain",
    ),
    pytest.param(
        {"employees": {"below": 10}},
        ls_row(ls_emp_lo=2, ls_emp_hi=9),
        "employees: fewer than 10",
        id="dq-floor",
    ),
    pytest.param(
        {"employees": {"above": 50000}},
        ls_row(ls_emp_lo=50001, ls_emp_hi=None),
        "employees: more than 50,000",
        id="dq-ceiling",
    ),
]


@pytest.mark.parametrize(("disqualifiers", "row", "hit"), DQ_CASES)
def test_disqualifier(disqualifiers: dict[str, Any], row: dict[str, Any], hit: str) -> None:
    """Any disqualifier hit: score 0, grade DQ, not qualified, and the hit is named."""
    rules = {"keywords": {"any_of": ["acme"]}}
    row = {**row, "ls_text": row["ls_text"] or " acme "}
    fit = one(rules, row, disqualifiers=disqualifiers, min_score=0)
    assert (fit["fit_score"], fit["fit_grade"], fit["fit_qualified"]) == (0, "DQ", False)
    assert fit["fit_disqualified_by"] == hit


@pytest.mark.parametrize(
    "row",
    [
        pytest.param(
            ls_row(ls_text=" acme ", ls_emp_lo=1, ls_emp_hi=10), id="range-reaching-floor"
        ),
        pytest.param(ls_row(ls_text=" acme "), id="unknown-size"),
        pytest.param(ls_row(ls_text=" acme cryptography "), id="keyword-inside-word"),
        pytest.param(
            ls_row(
                ls_text=" acme ",
                ls_industry_path="|technology-information-and-media|",
                ls_industry_label="Technology, Information and Media",
            ),
            id="industry-broader-than-disqualified",
        ),
    ],
)
def test_disqualifiers_need_a_real_hit(row: dict[str, Any]) -> None:
    """Unknown data, a partial overlap or an industry broader than a disqualified one ("too
    coarse to tell") never disqualifies."""
    fit = one(
        {"keywords": {"any_of": ["acme"]}},
        row,
        disqualifiers={
            "keywords": ["crypto"],
            "employees": {"below": 10},
            "industries": ["software-development"],
        },
    )
    assert fit["fit_disqualified_by"] is None
    assert fit["fit_grade"] == "A"


TWO_RULES = {
    "industries": {"any_of": ["software-development"], "weight": 75},
    "geography": {"any_of": ["US"], "weight": 25},
}


def test_weights_are_relative() -> None:
    """Score = round(100 × Σ weight·match / Σ weight)."""
    fit = one(TWO_RULES, ls_row(ls_industry_path="|retail|", ls_country="US"))
    assert fit["fit_score"] == 25
    doubled = {k: {**v, "weight": v["weight"] * 2} for k, v in TWO_RULES.items()}
    assert one(doubled, ls_row(ls_industry_path="|retail|", ls_country="US"))["fit_score"] == 25


def test_weightless_rules_share_the_rest() -> None:
    """Rules without a weight share what is left of 100 equally."""
    rules = {
        "industries": {"any_of": ["software-development"], "weight": 50},
        "geography": {"any_of": ["US"]},
        "keywords": {"any_of": ["b2b"]},
    }
    assert make_icp(rules).weights() == {"industries": 50, "geography": 25, "keywords": 25}
    fit = one(rules, ls_row(ls_country="US", ls_text=" x "))
    assert fit["fit_score"] == 25


@pytest.mark.parametrize(
    ("matches", "score"),
    [
        pytest.param(2, 67, id="two-thirds-rounds-up"),
        pytest.param(1, 33, id="one-third-rounds-down"),
    ],
)
def test_rounding(matches: int, score: int) -> None:
    """The score is rounded half up from the exact weighted share."""
    rules = {
        "keywords": {"any_of": ["a"], "weight": 1},
        "technologies": {"any_of": ["b"], "weight": 1},
        "geography": {"any_of": ["US"], "weight": 1},
    }
    row = ls_row(ls_text=" a ", ls_technologies="|b|" if matches == 2 else "|z|", ls_country="SE")
    assert one(rules, row)["fit_score"] == score


def test_half_rounds_up() -> None:
    """12.5 rounds to 13 (half up, on every engine)."""
    rules = {n: {"any_of": ["x"], "weight": 1} for n in ("keywords", "technologies")}
    rules["employees"] = {"min": 1, "weight": 6}
    fit = one(rules, ls_row(ls_text=" x ", ls_technologies="|y|", ls_emp_lo=0, ls_emp_hi=0))
    assert fit["fit_score"] == 13


@pytest.mark.parametrize(
    ("unknown", "score", "coverage"),
    [pytest.param("miss", 50, 0.5, id="miss"), pytest.param("neutral", 100, 0.5, id="neutral")],
)
def test_unknown_modes(unknown: str, score: int, coverage: float) -> None:
    """miss scores unknown rules 0; neutral drops them from both sums; coverage is the same."""
    rules = {k: {**v, "weight": 50} for k, v in TWO_RULES.items()}
    fit = one(rules, ls_row(ls_country="US"), unknown=unknown)
    assert (fit["fit_score"], fit["fit_coverage"]) == (score, coverage)
    assert fit["fit_unknown"] == "industries"
    assert fit["fit_matched"] == "geography"


def test_neutral_with_nothing_known_scores_zero() -> None:
    """With unknown: neutral and no data at all, the score is 0, not a division by zero."""
    fit = one(TWO_RULES, ls_row(), unknown="neutral", min_score=0)
    assert (fit["fit_score"], fit["fit_coverage"]) == (0, 0.0)


def test_required_rule_blocks_qualification() -> None:
    """In weighted mode a missed required rule means not qualified, whatever the score."""
    rules = {**TWO_RULES, "geography": {**TWO_RULES["geography"], "required": True}}
    fit = one(rules, ls_row(ls_industry_path=SOFTWARE_PATH, ls_country="SE"), min_score=60)
    assert fit["fit_score"] == 75
    assert fit["fit_qualified"] is False
    ok = one(rules, ls_row(ls_industry_path=SOFTWARE_PATH, ls_country="US"), min_score=60)
    assert ok["fit_qualified"] is True


@pytest.mark.parametrize(
    ("mode", "row", "qualified"),
    [
        pytest.param(
            "all", ls_row(ls_industry_path=SOFTWARE_PATH, ls_country="US"), True, id="all-yes"
        ),
        pytest.param("all", ls_row(ls_industry_path=SOFTWARE_PATH), False, id="all-unknown-fails"),
        pytest.param("any", ls_row(ls_country="US"), True, id="any-yes"),
        pytest.param("any", ls_row(ls_country="SE"), False, id="any-no"),
        pytest.param("weighted", ls_row(ls_industry_path=SOFTWARE_PATH), True, id="weighted-score"),
        pytest.param("weighted", ls_row(ls_country="US"), False, id="weighted-low"),
    ],
)
def test_match_modes(mode: str, row: dict[str, Any], qualified: bool) -> None:
    """weighted: score >= min_score; all: every rule matched; any: one rule matched."""
    assert one(TWO_RULES, row, match_mode=mode, min_score=70)["fit_qualified"] is qualified


@pytest.mark.parametrize(
    ("score_share", "grade"),
    [
        pytest.param(1.0, "A", id="A"),
        pytest.param(0.75, "B", id="B"),
        pytest.param(0.5, "C", id="C"),
        pytest.param(0.25, "D", id="D"),
    ],
)
def test_grades_follow_thresholds(score_share: float, grade: str) -> None:
    """Grades use the ICP's thresholds (here A 90, B 70, C 50)."""
    rules = {"employees": {"min": 0, "max": 99}}
    hi = int(100 / score_share) - 1
    fit = one(rules, ls_row(ls_emp_lo=0, ls_emp_hi=hi), grades={"A": 90, "B": 70, "C": 50})
    assert fit["fit_grade"] == grade


def test_reasons_follow_rule_order_and_fit_records_versions() -> None:
    """One reason per rule in DESIGN.md's order; the fit names the ICP and its version."""
    icp = make_icp(TWO_RULES)
    fit = fit_rows([ls_row(ls_country="US")], icp)[0]
    reasons = fit["fit_reasons"].split("; ")
    assert [r.split(":")[0] for r in reasons] == ["industries", "geography"]
    assert (fit["icp_slug"], fit["icp_version"]) == ("test-icp", icp.fingerprint())
    assert fit["leadsieve_version"]


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        pytest.param("crypto", "Hapi, a crypto trading app", True, id="word"),
        pytest.param("crypto", "Buy and sell cryptos", True, id="plural-s"),
        pytest.param("crypto", "A cryptocurrency exchange", False, id="longer-word"),
        pytest.param("crypto*", "A cryptocurrency exchange", True, id="explicit-prefix"),
        pytest.param("crypto", "Crypto-wallet for teams", True, id="hyphenated"),
        pytest.param("company", "software for companies", True, id="plural-ies"),
        pytest.param("box", "cardboard boxes", True, id="plural-es"),
        pytest.param("b2b", "b2b2c marketplaces", False, id="no-partial-word"),
        pytest.param("developer tools", "Developer tools for APIs", True, id="two-words"),
        pytest.param("developer tool", "developer tools", True, id="two-words-plural"),
        pytest.param("gambling", "Online gambling", True, id="disqualifier-word"),
    ],
)
def test_keywords_match_whole_words_plurals_and_explicit_prefixes(
    term: str, text: str, found: bool
) -> None:
    """A keyword is found as whole words or their plural; `word*` asks for a prefix (issue: a
    `crypto` disqualifier missed "cryptos" and a crypto trading app qualified). The rule and
    the disqualifier read keywords the same way, on every engine."""
    icp = validate_icp(
        {
            "slug": "k",
            "rules": {"keywords": {"any_of": [term]}},
            "disqualifiers": {"keywords": [term]},
        }
    )
    leads = pl.DataFrame({"company_name": ["Acme"], "description": [text]})
    scored = leadsieve.score(leads, icp, as_of=date(2026, 12, 1))
    assert (scored["fit_grade"][0] == "DQ") is found
    rule_only = validate_icp({"slug": "k", "rules": {"keywords": {"any_of": [term]}}})
    matched = leadsieve.score(leads, rule_only, as_of=date(2026, 12, 1))["fit_matched"][0]
    assert ("keywords" in (matched or "")) is found
