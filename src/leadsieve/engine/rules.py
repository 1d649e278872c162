"""Compile each ICP rule into narwhals expressions: its match and its reason.

A match is a Float64 in [0, 1], or null when the lead has no data for the rule. A reason is one
short line with the lead's value and how it fits (``engine.reasons``): only the lead's values
vary by row; every fixed text is formatted here, once, in Python. Nothing here is
engine-specific.

Every fixed text of a reason (the phrase for its verdict and what the lead matched, the
separator, the next rule's name) is looked up by a small integer code in a table built here, so
a row's reasons are one concatenation of the lead's values and a few looked-up texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import narwhals as nw

from leadsieve.engine import reasons
from leadsieve.engine.exprs import contains_any, first_hit, first_true, flag, index_of
from leadsieve.engine.keywords import keyword_pattern
from leadsieve.engine.reasons import BROADER, UNKNOWN, VERDICTS, Lead, lookup, verdict_code
from leadsieve.engine.roles import compile_roles
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
from leadsieve.normalize.industry import get_industry
from leadsieve.normalize.sizes import format_money, to_usd

#: A rule counts as matched when it earns at least half its weight (DESIGN.md: matched/missed);
#: roles with seniority and departments only with both (`matched_at`).
MATCHED_AT = 0.5


def matched_at(rule: Rule) -> float:
    """The least match at which ``rule`` counts as matched: ``MATCHED_AT``, except roles listing
    seniority and departments, which match only with both (one of the two is half credit,
    never matched: DESIGN.md "ICP semantics")."""
    if isinstance(rule, RolesRule) and rule.seniority and rule.departments:
        return 1.0
    return MATCHED_AT


@dataclass(frozen=True)
class CompiledRule:
    """A rule as expressions: ``match`` (Float64 or null) and the lead's side of its reason.

    ``hits`` are computed first, into columns of those names, and ``match`` and ``lead`` read
    them: a rule that finds which term a lead mentions searches the text once for both.
    ``verdict``, a function of the match column, replaces ``verdict_code`` for a rule whose
    reason tells more than its match: codes past ``VERDICTS`` (``verdicts`` in all), each with
    its phrase, the lead's values shown for every code but ``UNKNOWN``.
    """

    name: str
    weight: float
    required: bool
    match: nw.Expr
    lead: Lead
    hits: tuple[tuple[str, nw.Expr], ...] = ()
    matched_at: float = MATCHED_AT
    verdict: Callable[[nw.Expr], nw.Expr] | None = None
    verdicts: int = len(VERDICTS)

    def reason_parts(self, match: nw.Expr, tail: str = "") -> list[nw.Expr]:
        """The reason line as pieces to concatenate with nulls skipped, read from the computed
        ``match`` column: the lead's values, then their phrase ("Software Development, in
        software-development"), or "unknown (wanted ...)" alone.

        ``tail`` ends every phrase (the separator and the next rule's name), so a whole
        reasons column is one concatenation of few pieces."""
        verdicts = self.verdicts
        if self.verdict is None:
            code, known = verdict_code(match, self.matched_at), ~match.is_null()
        else:
            code = self.verdict(match)
            known = code != UNKNOWN
        parts = [nw.when(known).then(value) for value in self.lead.values]
        if self.lead.pick is not None:
            code = code + self.lead.pick.fill_null(self.lead.picks - 1) * verdicts
        table = [
            self.lead.say(verdict, pick) + tail
            for pick in range(self.lead.picks)
            for verdict in range(verdicts)
        ]
        return [*parts, lookup(code, table)]


def compile_rule(
    name: str, rule: Rule, weight: float, as_of: date, *, prefix: str = ""
) -> CompiledRule:
    """Compile one rule of a validated ICP; its hit columns are named ``{prefix}_hit_{name}``."""
    hit = f"{prefix}_hit_{name}"
    first: nw.Expr | None = None
    verdict: Callable[[nw.Expr], nw.Expr] | None = None
    match rule:
        case IndustriesRule():
            first, match_expr, lead, verdict = _industries(rule.any_of, nw.col(hit))
        case GeographyRule():
            first, match_expr, lead = _geography(rule.any_of, nw.col(hit))
        case EmployeesRule():
            match_expr, lead = _employees(rule)
        case RevenueRule():
            match_expr, lead = _revenue(rule)
        case RolesRule():
            first, match_expr, lead = compile_roles(rule, nw.col(hit))
        case SignalsRule():
            first, match_expr, lead = _signals(rule, as_of, nw.col(hit))
        case TermsRule() if name == "technologies":
            needles = [f"|{t}|" for t in rule.any_of]
            first = first_hit("ls_technologies", needles)
            match_expr, lead = _terms("ls_technologies", rule.any_of, "uses", nw.col(hit))
        case TermsRule():  # keywords: whole words, plurals, ``word*`` prefixes
            needles = [keyword_pattern(t) for t in rule.any_of]
            first = first_hit("ls_text", needles, regex=True)
            match_expr, lead = _terms("ls_text", rule.any_of, "mentions", nw.col(hit))
        case _:  # pragma: no cover - the model admits no other rule
            raise TypeError(f"unknown rule {name}")
    return CompiledRule(
        name,
        weight,
        rule.required,
        match_expr.cast(nw.Float64),
        lead,
        () if first is None else ((hit, first),),
        matched_at(rule),
        verdict,
        len(VERDICTS) if verdict is None else BROADER + 1,
    )


def expectation(rule: Rule) -> str:
    """The rule's expectation in full ("50–1,000", "salesforce, hubspot"): `icp show`, and the
    band a reason compares employees or revenue with."""
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


def _is_code(value: str) -> bool:
    """A listed industry that is a code ("naics:5415", or "62" in any system), not a slug."""
    return ":" in value or value.isdigit()


def _code_pattern(code: str) -> str:
    """The regex finding a listed code as a prefix of one of the lead's: "naics:5415" in its
    system, a bare "62" in any."""
    return re.escape(f"|{code}") if ":" in code else rf"\|[a-z]+:{re.escape(code)}"


def _industry_tests(values: Sequence[str]) -> list[nw.Expr]:
    """Per listed value, whether the lead's industry is it or descends from it (slugs), or
    has a code it prefixes (codes); null when the lead has no such column."""
    return [
        nw.col("ls_industry_codes").str.contains(_code_pattern(v))
        if _is_code(v)
        else nw.col("ls_industry_path").str.contains(f"|{v}|", literal=True)
        for v in values
    ]


def industry_match(values: Sequence[str]) -> nw.Expr:
    """True when the lead's industry is, or descends from, a listed slug; codes by prefix."""
    slugs = [v for v in values if not _is_code(v)]
    codes = [_code_pattern(v) for v in values if _is_code(v)]
    parts: list[nw.Expr] = []
    if slugs:
        parts.append(contains_any("ls_industry_path", [f"|{s}|" for s in slugs]))
    if codes:
        parts.append(contains_any("ls_industry_codes", codes, regex=True))
    expr = parts[0].fill_null(value=False)
    for part in parts[1:]:
        expr = expr | part.fill_null(value=False)
    return expr


def industry_broader(values: Sequence[str]) -> nw.Expr | None:
    """True when one of the lead's industries is an ancestor of (broader than) a listed slug:
    "Technology, Information and Internet" for ``software-development``. None when no listed
    slug has an ancestor. A lead's industries are the leaves of ``ls_industry_path`` (a slug
    followed by ``|`` or the end: ``|a|b||a|c|``)."""
    nodes = (get_industry(v) for v in values if not _is_code(v))
    ancestors = sorted({slug for node in nodes if node is not None for slug in node.path[:-1]})
    if not ancestors:
        return None
    leaves = [rf"\|{re.escape(slug)}\|(?:\||$)" for slug in ancestors]
    return contains_any("ls_industry_path", leaves, regex=True).fill_null(value=False)


def _industries(
    values: Sequence[str], hit: nw.Expr
) -> tuple[nw.Expr, nw.Expr, Lead, Callable[[nw.Expr], nw.Expr] | None]:
    """(the index of the first listed industry the lead's matches, the match and the lead,
    both reading ``hit``, and the verdict when a lead may be broader than the listed ones).

    Matched (1.0) or outside (0.0) when the lead has an industry; null (unknown) when it has
    none, or when it matches no listed one and is broader than one of them (DESIGN.md): then
    the reason shows the lead's industry and says "broader than" (``BROADER``)."""
    known = ~nw.col("ls_industry_path").is_null() | ~nw.col("ls_industry_codes").is_null()
    broader = industry_broader(values)
    verdict: Callable[[nw.Expr], nw.Expr] | None = None
    if broader is not None:
        coarse = broader & hit.is_null()
        known = known & ~coarse
        matched = MATCHED_AT

        def verdict(match: nw.Expr) -> nw.Expr:
            code = verdict_code(match, matched)
            return nw.when(match.is_null() & coarse).then(nw.lit(BROADER)).otherwise(code)

    match_expr = nw.when(known).then(flag(~hit.is_null()))
    label = nw.coalesce(
        nw.col("ls_industry_label"),
        nw.col("ls_industry_codes").str.replace_all("|", " ", literal=True).str.strip_chars(),
    )
    listed = tuple(values)
    lead = Lead(
        (label,),
        lambda verdict, pick: reasons.in_list(listed, verdict, _hit(pick, listed)),
        hit,
        len(listed) + 1,
    )
    return first_true(_industry_tests(values)), match_expr, lead, verdict


def _hit(pick: int, values: Sequence[str]) -> int | None:
    """A pick that names a listed value (``len(values)``: none)."""
    return pick if pick < len(values) else None


def geography_match(values: Sequence[str]) -> nw.Expr:
    """True when the lead's country or subdivision is listed or inside a listed region."""
    targets = resolve_geography(values)
    expr = nw.col("ls_country").is_in(sorted(targets.countries))
    if targets.subdivisions:
        expr = expr | nw.col("ls_subdivision").is_in(sorted(targets.subdivisions))
    return expr.fill_null(value=False)


def _first_place(values: Sequence[str]) -> nw.Expr:
    """The index of the first listed place the lead's country or subdivision lies in, else
    ``len(values)``: each column looked up once in a table of its values' first listed place."""
    countries: dict[str, int] = {}
    subdivisions: dict[str, int] = {}
    for n, value in enumerate(values):
        targets = resolve_geography([value])
        for country in sorted(targets.countries):
            countries.setdefault(country, n)
        for subdivision in sorted(targets.subdivisions):
            subdivisions.setdefault(subdivision, n)
    none = len(values)
    by_country = index_of(nw.col("ls_country"), countries, none)
    if not subdivisions:
        return by_country
    by_subdivision = index_of(nw.col("ls_subdivision"), subdivisions, none)
    return nw.when(by_subdivision < by_country).then(by_subdivision).otherwise(by_country)


def _geography(values: Sequence[str], hit: nw.Expr) -> tuple[nw.Expr, nw.Expr, Lead]:
    """(the index of the first listed place the lead lies in, ``len(values)`` for none, the
    match and the lead, both reading ``hit``)."""
    match_expr = nw.when(~nw.col("ls_country").is_null()).then(flag(hit < len(values)))
    # "<country>" or "<country> (<subdivision>)": the ")" is the phrase's, by the pick's parity
    country, subdivision = nw.col("ls_country"), nw.col("ls_subdivision")
    has_subdivision = ~subdivision.is_null()
    listed = tuple(values)
    none = len(listed)

    def say(verdict: int, pick: int) -> str:
        close = ")" if pick % 2 and verdict != UNKNOWN else ""
        return close + reasons.in_list(listed, verdict, _hit(pick // 2, listed))

    closing = nw.when(has_subdivision).then(nw.lit(1)).otherwise(nw.lit(0))
    lead = Lead(
        (country, nw.when(has_subdivision).then(nw.lit(" (")), subdivision),
        say,
        hit * 2 + closing,
        (none + 1) * 2,
    )
    return _first_place(values), match_expr, lead


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
    return nw.when(width <= 0).then(flag(inside)).otherwise(share)


_MAX = 1e18


def _amount(value: nw.Expr, expected: str, nouns: Sequence[str]) -> Lead:
    """The lead's amount (``value``) and "<noun>, within <expected>": ``nouns[0]``, or
    ``nouns[1]`` when the amount reads "1"; no noun without an amount."""
    choices = (*nouns, "")

    def say(verdict: int, pick: int) -> str:
        return reasons.band(expected, verdict, choices[pick])

    pick = nw.when(value.is_null()).then(nw.lit(len(nouns)))
    if len(nouns) > 1:
        pick = pick.when(value == "1").then(nw.lit(1))
    return Lead((value,), say, pick.otherwise(nw.lit(0)), len(choices))


def _employees(rule: EmployeesRule) -> tuple[nw.Expr, Lead]:
    low = float(rule.min) if rule.min is not None else 0.0
    high = float(rule.max) if rule.max is not None else _MAX
    lo, hi = nw.col("ls_emp_lo"), nw.col("ls_emp_hi")
    match_expr = nw.when(~lo.is_null()).then(band_share(lo, hi, low, high, discrete=True))
    lead = _amount(nw.col("ls_emp_text"), expectation(rule), (" employees", " employee"))
    return match_expr, lead


def _revenue(rule: RevenueRule) -> tuple[nw.Expr, Lead]:
    rate = to_usd(1.0, rule.currency) or 1.0
    low = rule.min * rate if rule.min is not None else 0.0
    high = rule.max * rate if rule.max is not None else _MAX
    lo, hi = nw.col("ls_rev_lo"), nw.col("ls_rev_hi")
    match_expr = nw.when(~lo.is_null()).then(band_share(lo, hi, low, high, discrete=False))
    return match_expr, _amount(nw.col("ls_rev_text"), expectation(rule), (" revenue",))


def _band_text(low: float | None, high: float | None, show: Callable[[float], str]) -> str:
    if low is not None and high is not None:
        return f"{show(low)}–{show(high)}"
    if low is not None:
        return f"at least {show(low)}"
    assert high is not None  # the model requires min, max or both
    return f"at most {show(high)}"


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


def signal_age(rule: SignalsRule) -> str:
    """How recent a listed signal must be, as a reason says it (" in the last 180 days")."""
    return "" if rule.max_age_days is None else f" in the last {rule.max_age_days:,} days"


def _signals(rule: SignalsRule, as_of: date, hit: nw.Expr) -> tuple[nw.Expr, nw.Expr, Lead]:
    """(the index of the first signal present, the match and the lead, both reading ``hit``)."""
    column = "ls_signals"
    if rule.max_age_days is None:
        patterns = [rf"\|{re.escape(s)}(?:@[0-9-]+)?\|" for s in rule.any_of]
    else:
        window = date_window_regex(as_of, rule.max_age_days)
        # An undated signal counts as current: its age cannot be told (documented).
        patterns = [rf"\|{re.escape(s)}(?:@{window})?\|" for s in rule.any_of]
    listed, age = tuple(rule.any_of), signal_age(rule)
    lead = Lead(
        (),
        lambda verdict, pick: reasons.terms("has", listed, verdict, _hit(pick, listed), age),
        hit,
        len(listed) + 1,
    )
    match_expr = nw.when(~nw.col(column).is_null()).then(flag(~hit.is_null()))
    return first_hit(column, patterns, regex=True), match_expr, lead


def _terms(column: str, terms: Sequence[str], verb: str, hit: nw.Expr) -> tuple[nw.Expr, Lead]:
    """(the match and the lead of technologies or keywords, both reading ``hit``, the index of
    the first term the lead has)."""
    listed = tuple(terms)
    lead = Lead(
        (),
        lambda verdict, pick: reasons.terms(verb, listed, verdict, _hit(pick, listed)),
        hit,
        len(listed) + 1,
    )
    match_expr = nw.when(~nw.col(column).is_null()).then(flag(~hit.is_null()))
    return match_expr, lead
