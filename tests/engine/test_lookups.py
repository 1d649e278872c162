"""Reasons, tags and disqualifiers are looked up from codes: edge cases the properties miss."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import duckdb
import narwhals as nw
import polars as pl
import pytest

from leadsieve.engine.reasons import verdict_code
from leadsieve.engine.reference import score_row
from leadsieve.engine.score import fit_frame, plan
from leadsieve.icp import Icp
from tests.factories import AS_OF, fit_rows, ls_frame, ls_row, make_icp


def _via_duckdb(frame: pl.DataFrame) -> Any:
    con = duckdb.connect()
    con.register("leads", frame.to_arrow())
    return con.sql("select * from leads")


BACKENDS = [
    pytest.param(lambda f: f, id="polars"),
    pytest.param(lambda f: f.lazy(), id="polars-lazy"),
    pytest.param(lambda f: f.to_pandas(use_pyarrow_extension_array=True), id="pandas"),
    pytest.param(_via_duckdb, id="duckdb"),
]


def _assert_equals_reference(
    rows: list[dict[str, Any]], icp: Icp, backend: Callable[[pl.DataFrame], Any]
) -> None:
    native = backend(ls_frame(rows))
    got = fit_rows(rows, icp, native=native)
    expected = [score_row(row, icp, AS_OF) for row in rows]
    if isinstance(native, duckdb.DuckDBPyRelation):
        # SQL has no row order: compare as multisets of rows.
        got, expected = sorted(got, key=repr), sorted(expected, key=repr)
    assert got == expected


KEYWORDS = ["crypto", "gambling", "casino", "betting", "lottery", "poker", "forex", "mlm"]
MANY_DISQUALIFIERS = {
    "keywords": KEYWORDS,
    "industries": ["retail", "banking"],
    "geography": ["RU", "FR"],
    "domains": ["competitor.example"],
    "employees": {"below": 10, "above": 5000},
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_more_disqualifiers_than_one_lookup_holds(backend: Callable[[pl.DataFrame], Any]) -> None:
    """Fifteen disqualifiers (more than one lookup table covers) join in the ICP's order."""
    icp = make_icp({"keywords": {"any_of": ["b2b"]}}, disqualifiers=MANY_DISQUALIFIERS)
    rows = [
        ls_row(ls_text=" b2b "),
        ls_row(ls_text=" crypto mlm ", ls_country="FR", ls_emp_lo=1, ls_emp_hi=5),
        ls_row(ls_country="RU", ls_domain="shop.competitor.example"),
        ls_row(ls_text=" poker b2b ", ls_emp_lo=9000, ls_emp_hi=12000),
        ls_row(
            ls_text=" " + " ".join(KEYWORDS) + " ",
            ls_industry_path="|financial-services|banking|",
            ls_country="RU",
            ls_domain="competitor.example",
            ls_emp_lo=20000,
            ls_emp_hi=None,
        ),
    ]
    _assert_equals_reference(rows, icp, backend)


EVERY_RULE: dict[str, Any] = {
    "industries": {"any_of": ["software-development"]},
    "geography": {"any_of": ["US"]},
    "employees": {"min": 50, "max": 1000},
    "revenue": {"min": 1_000_000},
    "roles": {"seniority": ["vp"], "departments": ["sales"], "titles": ["revenue operations"]},
    "signals": {"any_of": ["recent_funding", "hiring_sales"], "max_age_days": 90},
    "technologies": {"any_of": ["salesforce", "google analytics"]},
    "keywords": {"any_of": ["b2b", "saas"]},
}

PARTIAL_ROWS = [
    pytest.param(ls_row(), id="nothing-known"),
    pytest.param(ls_row(ls_industry_label="Retail"), id="label-without-path-or-codes"),
    pytest.param(ls_row(ls_industry_codes="|naics:541511|sic:7372|"), id="codes-without-label"),
    pytest.param(ls_row(ls_subdivision="US-CA"), id="subdivision-without-country"),
    pytest.param(ls_row(ls_country="US", ls_subdivision="US-CA"), id="country-and-subdivision"),
    pytest.param(ls_row(ls_emp_text="51-200"), id="employee-text-without-range"),
    pytest.param(ls_row(ls_title_text=" revops lead "), id="title-only"),
    pytest.param(ls_row(ls_department="sales"), id="department-only"),
    pytest.param(ls_row(ls_signals="|hiring_sales|recent_funding@2026-10-01|"), id="signals"),
    pytest.param(ls_row(ls_technologies="|google analytics|"), id="second-technology"),
    pytest.param(ls_row(ls_text=" saas b2b "), id="both-keywords"),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("row", PARTIAL_ROWS)
def test_partly_known_leads_read_like_the_reference(
    backend: Callable[[pl.DataFrame], Any], row: dict[str, Any]
) -> None:
    """A lead's values show only for rules that know the lead, whatever else is filled in."""
    _assert_equals_reference([row], make_icp(EVERY_RULE), backend)


# A known range without its text: the reference writes "None employees", the engine an empty
# value (normalization always fills both). Held to one answer on every backend instead.
NO_TEXT_ROWS = [ls_row(ls_emp_lo=80, ls_emp_hi=120), ls_row(ls_rev_lo=2e6, ls_rev_hi=None)]


@pytest.mark.parametrize("backend", BACKENDS[1:])
def test_a_range_without_its_text_reads_alike_everywhere(
    backend: Callable[[pl.DataFrame], Any],
) -> None:
    """Employees or revenue known without their text give the same fits on every backend."""
    icp = make_icp(EVERY_RULE)
    expected = fit_rows(NO_TEXT_ROWS, icp)
    native = backend(ls_frame(NO_TEXT_ROWS))
    got = fit_rows(NO_TEXT_ROWS, icp, native=native)
    if isinstance(native, duckdb.DuckDBPyRelation):
        got, expected = sorted(got, key=repr), sorted(expected, key=repr)
    assert got == expected
    assert "employees: , within" in expected[0]["fit_reasons"]


def test_a_rule_may_tell_more_verdicts_than_its_match() -> None:
    """A rule with a verdict of its own past the five of a match (the way for a reason such as
    "broader than") shows the lead's value with that verdict's phrase, though unknown."""
    icp = make_icp({"industries": {"any_of": ["software-development"]}})
    compiled = plan(icp, AS_OF)
    rule = compiled.rules[0]
    broader = 5

    def verdict(match: nw.Expr) -> nw.Expr:
        coarse = nw.col("ls_industry_label") == "Technology"
        return nw.when(coarse).then(nw.lit(broader)).otherwise(verdict_code(match, 0.5))

    def say(code: int, pick: int) -> str:
        return (
            ", broader than software-development" if code == broader else rule.lead.say(code, pick)
        )

    told = replace(rule, lead=replace(rule.lead, say=say), verdict=verdict, verdicts=broader + 1)
    rows = [ls_row(ls_industry_label="Technology"), ls_row()]
    out = fit_frame(nw.from_native(ls_frame(rows)), [replace(compiled, rules=(told,))])
    assert out.to_native().get_column("fit_reasons").to_list() == [
        "industries: Technology, broader than software-development",
        "industries: unknown (wanted software-development)",
    ]
