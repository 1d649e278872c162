"""Compile each ICP rule into two narwhals expressions: its match and its reason.

A match is a Float64 in [0, 1], or null when the lead has no data for the rule. A reason is one
short line with the lead's value and the rule's expectation. Expectations are formatted here,
once, in Python; only the lead's side varies by row. Nothing here is engine-specific.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import narwhals as nw

from leadsieve.icp.model import (
    EmployeesRule,
    GeographyRule,
    IndustriesRule,
    RevenueRule,
    RolesRule,
    Rule,
    SignalsRule,
    TermsRule,
)
from leadsieve.normalize.geo import resolve_geography
from leadsieve.normalize.sizes import format_money, to_usd

#: A rule counts as matched when it earns at least half its weight (DESIGN.md: matched/missed).
MATCHED_AT = 0.5


@dataclass(frozen=True)
class CompiledRule:
    """A rule as expressions: ``match`` (Float64 or null) and the lead's side of its reason."""

    name: str
    weight: float
    required: bool
    match: nw.Expr
    lead: nw.Expr
    expect: str

    def reason_parts(self, match: nw.Expr) -> list[nw.Expr]:
        """The reason line as pieces to concatenate, read from the computed ``match`` column:
        "<rule>: " + the lead's value + the verdict, or "<rule>: unknown, wanted ..."."""
        lead = nw.when(match.is_null()).then(nw.lit("")).otherwise(self.lead.fill_null(""))
        verdict = (
            nw.when(match.is_null())
            .then(nw.lit(f"unknown, wanted {self.expect}"))
            .when(match >= 1.0)
            .then(nw.lit(f", within {self.expect}"))
            .when(match >= MATCHED_AT)
            .then(nw.lit(f", mostly within {self.expect}"))
            .when(match > 0.0)
            .then(nw.lit(f", partly within {self.expect}"))
            .otherwise(nw.lit(f", outside {self.expect}"))
        )
        return [nw.lit(f"{self.name}: "), lead, verdict]


def compile_rule(name: str, rule: Rule, weight: float, as_of: date) -> CompiledRule:
    """Compile one rule of a validated ICP."""
    expect = expectation(rule)
    match rule:
        case IndustriesRule():
            match_expr, lead = _industries(rule.any_of)
        case GeographyRule():
            match_expr, lead = _geography(rule.any_of)
        case EmployeesRule():
            match_expr, lead = _employees(rule)
        case RevenueRule():
            match_expr, lead = _revenue(rule)
        case RolesRule():
            match_expr, lead = _roles(rule)
        case SignalsRule():
            match_expr, lead = _signals(rule, as_of)
        case TermsRule() if name == "technologies":
            match_expr, lead = _terms("ls_technologies", rule.any_of, "|", "|", "uses")
        case TermsRule():
            match_expr, lead = _terms("ls_text", rule.any_of, " ", " ", "mentions")
        case _:  # pragma: no cover - the model admits no other rule
            raise TypeError(f"unknown rule {name}")
    return CompiledRule(name, weight, rule.required, match_expr.cast(nw.Float64), lead, expect)


def expectation(rule: Rule) -> str:
    """The rule's expectation as reasons show it ("50–1,000", "salesforce, hubspot")."""
    match rule:
        case IndustriesRule() | GeographyRule() | TermsRule():
            return _listing(rule.any_of)
        case EmployeesRule():
            return _band_text(rule.min, rule.max, lambda v: f"{v:,.0f}")
        case RevenueRule():
            currency = rule.currency
            return _band_text(rule.min, rule.max, lambda v: format_money(v, currency))
        case RolesRule():
            wanted = [*rule.seniority, *rule.departments, *(f'"{t}"' for t in rule.titles)]
            return _listing(wanted, limit=6)
        case SignalsRule():
            listed = _listing(rule.any_of)
            if rule.max_age_days is None:
                return listed
            return f"{listed} within {rule.max_age_days} days"
    raise TypeError(f"unknown rule {rule!r}")  # pragma: no cover


def _listing(values: Sequence[str], limit: int = 4) -> str:
    shown = ", ".join(values[:limit])
    return shown + (f" (+{len(values) - limit} more)" if len(values) > limit else "")


def _flag(condition: nw.Expr) -> nw.Expr:
    """A boolean as 1.0 / 0.0, nulls as 0.0."""
    return nw.when(condition.fill_null(value=False)).then(nw.lit(1.0)).otherwise(nw.lit(0.0))


def contains_any(column: str, needles: Sequence[str], *, regex: bool = False) -> nw.Expr:
    """True when the column contains any needle (literal substrings unless ``regex``)."""
    if regex:
        return nw.col(column).str.contains("|".join(f"(?:{n})" for n in needles), literal=False)
    expr = nw.col(column).str.contains(needles[0], literal=True)
    for needle in needles[1:]:
        expr = expr | nw.col(column).str.contains(needle, literal=True)
    return expr


def first_hit(column: str, needles: Sequence[tuple[str, str]]) -> nw.Expr:
    """The label of the first (needle, label) pair found in the column, else null."""
    expr = nw.when(nw.col(column).str.contains(needles[0][0], literal=True)).then(
        nw.lit(needles[0][1])
    )
    for needle, label in needles[1:]:
        expr = expr.when(nw.col(column).str.contains(needle, literal=True)).then(nw.lit(label))
    return expr.otherwise(nw.lit(None, nw.String))


def industry_match(values: Sequence[str]) -> nw.Expr:
    """True when the lead's industry is, or descends from, a listed slug; codes by prefix."""
    slugs = [v for v in values if ":" not in v and not v.isdigit()]
    codes = [v for v in values if ":" in v or v.isdigit()]
    parts: list[nw.Expr] = []
    if slugs:
        parts.append(contains_any("ls_industry_path", [f"|{s}|" for s in slugs]))
    if codes:
        patterns = [re.escape(f"|{c}") if ":" in c else rf"\|[a-z]+:{re.escape(c)}" for c in codes]
        parts.append(contains_any("ls_industry_codes", patterns, regex=True))
    expr = parts[0].fill_null(value=False)
    for part in parts[1:]:
        expr = expr | part.fill_null(value=False)
    return expr


def _industries(values: Sequence[str]) -> tuple[nw.Expr, nw.Expr]:
    known = ~nw.col("ls_industry_path").is_null() | ~nw.col("ls_industry_codes").is_null()
    match_expr = nw.when(known).then(_flag(industry_match(values)))
    lead = nw.coalesce(
        nw.col("ls_industry_label"),
        nw.col("ls_industry_codes").str.replace_all("|", " ", literal=True).str.strip_chars(),
    )
    return match_expr, lead


def geography_match(values: Sequence[str]) -> nw.Expr:
    """True when the lead's country or subdivision is listed or inside a listed region."""
    targets = resolve_geography(values)
    expr = nw.col("ls_country").is_in(sorted(targets.countries))
    if targets.subdivisions:
        expr = expr | nw.col("ls_subdivision").is_in(sorted(targets.subdivisions))
    return expr.fill_null(value=False)


def _geography(values: Sequence[str]) -> tuple[nw.Expr, nw.Expr]:
    match_expr = nw.when(~nw.col("ls_country").is_null()).then(_flag(geography_match(values)))
    lead = (
        nw.when(nw.col("ls_subdivision").is_null())
        .then(nw.col("ls_country"))
        .otherwise(
            nw.concat_str(
                [nw.col("ls_country"), nw.lit(" ("), nw.col("ls_subdivision"), nw.lit(")")]
            )
        )
    )
    return match_expr, lead


def band_share(lo: nw.Expr, hi: nw.Expr, low: float, high: float, *, discrete: bool) -> nw.Expr:
    """The share of the lead's range [lo, hi] inside the band [low, high].

    An open-ended range ("10,001+", hi null) counts as [lo, 2·lo]. Counts are discrete
    (51-200 holds 150 values); money is continuous.
    """
    hi_eff = nw.when(hi.is_null()).then(lo * 2).otherwise(hi)
    one = 1 if discrete else 0
    overlap = nw.min_horizontal(hi_eff, nw.lit(high)) - nw.max_horizontal(lo, nw.lit(low)) + one
    width = hi_eff - lo + one
    inside = (lo >= low) & (lo <= high)
    share = nw.when(overlap <= 0).then(nw.lit(0.0)).otherwise(overlap / width)
    return nw.when(width <= 0).then(_flag(inside)).otherwise(share)


_MAX = 1e18


def _employees(rule: EmployeesRule) -> tuple[nw.Expr, nw.Expr]:
    low = float(rule.min) if rule.min is not None else 0.0
    high = float(rule.max) if rule.max is not None else _MAX
    lo, hi = nw.col("ls_emp_lo"), nw.col("ls_emp_hi")
    match_expr = nw.when(~lo.is_null()).then(band_share(lo, hi, low, high, discrete=True))
    lead = nw.concat_str([nw.col("ls_emp_text"), nw.lit(" employees")])
    return match_expr, lead


def _revenue(rule: RevenueRule) -> tuple[nw.Expr, nw.Expr]:
    rate = to_usd(1.0, rule.currency) or 1.0
    low = rule.min * rate if rule.min is not None else 0.0
    high = rule.max * rate if rule.max is not None else _MAX
    lo, hi = nw.col("ls_rev_lo"), nw.col("ls_rev_hi")
    match_expr = nw.when(~lo.is_null()).then(band_share(lo, hi, low, high, discrete=False))
    lead = nw.concat_str([nw.col("ls_rev_text"), nw.lit(" revenue")])
    return match_expr, lead


def _band_text(low: float | None, high: float | None, show: Callable[[float], str]) -> str:
    if low is not None and high is not None:
        return f"{show(low)}–{show(high)}"
    if low is not None:
        return f"at least {show(low)}"
    assert high is not None  # the model requires min, max or both
    return f"at most {show(high)}"


def _roles(rule: RolesRule) -> tuple[nw.Expr, nw.Expr]:
    seniority = _flag(nw.col("ls_seniority").is_in(rule.seniority)) if rule.seniority else None
    department = (
        _flag(nw.col("ls_department").is_in(rule.departments)) if rule.departments else None
    )
    base: nw.Expr | None
    if seniority is not None and department is not None:
        base = (seniority + department) / 2
    else:
        base = seniority if seniority is not None else department
    title = (
        _flag(contains_any("ls_title_text", [f" {t} " for t in rule.titles]))
        if rule.titles
        else None
    )
    score: nw.Expr | None
    if base is None:
        score = title
    elif title is None:
        score = base
    else:
        score = nw.max_horizontal(base, title)
    assert score is not None  # the model requires one of the three lists
    known = (
        ~nw.col("ls_seniority").is_null()
        | ~nw.col("ls_department").is_null()
        | ~nw.col("ls_title_text").is_null()
    )
    lead = nw.concat_str(
        [
            nw.col("ls_seniority").fill_null("no seniority"),
            nw.lit(" in "),
            nw.col("ls_department").fill_null("no department"),
        ]
    )
    return nw.when(known).then(score), lead


def date_window_regex(as_of: date, days: int) -> str:
    """A regex matching every ISO date in [as_of - days, as_of], grouped by whole months."""
    start = as_of - timedelta(days=days)
    parts: list[str] = []
    day = start
    while day <= as_of:
        month_end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        last = min(month_end, as_of)
        if day.day == 1 and last == month_end:
            parts.append(f"{day:%Y-%m}-\\d\\d")
        else:
            days_ = "|".join(f"{d:02d}" for d in range(day.day, last.day + 1))
            parts.append(f"{day:%Y-%m}-(?:{days_})")
        day = last + timedelta(days=1)
    return "(?:" + "|".join(parts) + ")"


def _signals(rule: SignalsRule, as_of: date) -> tuple[nw.Expr, nw.Expr]:
    column = "ls_signals"
    if rule.max_age_days is None:
        patterns = [rf"\|{re.escape(s)}(?:@[0-9-]+)?\|" for s in rule.any_of]
    else:
        window = date_window_regex(as_of, rule.max_age_days)
        # An undated signal counts as current: its age cannot be told (documented).
        patterns = [rf"\|{re.escape(s)}(?:@{window})?\|" for s in rule.any_of]
    hits = [nw.col(column).str.contains(p, literal=False) for p in patterns]
    hit = hits[0]
    for other in hits[1:]:
        hit = hit | other
    label = nw.when(hits[0]).then(nw.lit(rule.any_of[0]))
    for h, name in zip(hits[1:], rule.any_of[1:], strict=True):
        label = label.when(h).then(nw.lit(name))
    lead = label.otherwise(nw.lit("no such signal"))
    match_expr = nw.when(~nw.col(column).is_null()).then(_flag(hit))
    return match_expr, lead


def _terms(
    column: str, terms: Sequence[str], left: str, right: str, verb: str
) -> tuple[nw.Expr, nw.Expr]:
    needles = [f"{left}{t}{right}" for t in terms]
    hit = contains_any(column, needles)
    label = first_hit(column, list(zip(needles, terms, strict=True)))
    lead = (
        nw.when(label.is_null())
        .then(nw.lit(f"{verb} none"))
        .otherwise(nw.concat_str([nw.lit(f"{verb} "), label]))
    )
    match_expr = nw.when(~nw.col(column).is_null()).then(_flag(hit))
    return match_expr, lead
