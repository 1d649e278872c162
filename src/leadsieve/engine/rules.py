"""Compile each ICP rule into narwhals expressions: its match and its reason.

A match is a Float64 in [0, 1], or null when the lead has no data for the rule. A reason is one
short line with the lead's value and the rule's expectation. Expectations are formatted here,
once, in Python; only the lead's side varies by row. Nothing here is engine-specific.

Every fixed text of a reason (verdict, expectation, separator, next rule's name) is looked up
by a small integer code in a table built here, so a row's reasons are one concatenation of the
lead's values and a few looked-up texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

import narwhals as nw

from leadsieve.engine.keywords import keyword_pattern
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


#: The verdicts of a reason, indexed by ``verdict_code``.
VERDICTS: Final[tuple[str, ...]] = (
    "unknown, wanted {}",
    ", within {}",
    ", mostly within {}",
    ", partly within {}",
    ", outside {}",
    ", broader than {} (too coarse to tell)",
)
#: The verdict of a null match whose lead data is coarser than the rule ("Technology" for
#: ``software-development``): unknown for the score, but the reason names the lead's value.
BROADER = len(VERDICTS) - 1


def matched_at(rule: Rule) -> float:
    """The least match at which ``rule`` counts as matched: ``MATCHED_AT``, except roles listing
    seniority and departments, which match only with both (one of the two is half credit,
    "partly within", never matched: DESIGN.md "ICP semantics")."""
    if isinstance(rule, RolesRule) and rule.seniority and rule.departments:
        return 1.0
    return MATCHED_AT


def verdict_code(match: nw.Expr, matched: float = MATCHED_AT) -> nw.Expr:
    """The index into ``VERDICTS`` for a match: 0 unknown, 1 within, 2 mostly (matched), 3
    partly, 4 out; ``matched`` is the rule's ``matched_at``."""
    return (
        nw.when(match.is_null())
        .then(nw.lit(0))
        .when(match >= 1.0)
        .then(nw.lit(1))
        .when(match >= matched)
        .then(nw.lit(2))
        .when(match > 0.0)
        .then(nw.lit(3))
        .otherwise(nw.lit(4))
    )


def lookup(code: nw.Expr, texts: Sequence[str], default: str | None = None) -> nw.Expr:
    """``texts[code]``, or ``default`` when the code is null.

    A when/then chain of texts broadcasts each text to a full column before picking one; a
    lookup copies only the chosen one, which is what makes long texts cheap. (Polars' streaming
    engine runs a lookup on whole columns rather than per morsel, and it is still cheaper.)
    """
    return code.replace_strict(
        range(len(texts)),
        list(texts),
        default=nw.lit(default, nw.String),
        return_dtype=nw.String,
    )


@dataclass(frozen=True)
class Lead:
    """The lead's side of a reason: the ``values`` pieces (nulls skipped), then ``texts[pick]``.

    ``pick`` chooses among a few fixed texts, a null pick the last one: a value drawn from a
    short list, or a suffix kept only when a value is present. The fixed texts are looked up
    together with the verdict, and values are pieces of the one concatenation of all reasons,
    so no rule builds a string column of its own.
    """

    values: tuple[nw.Expr, ...] = ()
    pick: nw.Expr | None = None
    texts: tuple[str, ...] = ("",)


@dataclass(frozen=True)
class CompiledRule:
    """A rule as expressions: ``match`` (Float64 or null) and the lead's side of its reason.

    ``hits`` are computed first, into columns of those names, and ``match`` and ``lead`` read
    them: a rule that finds which term a lead mentions searches the text once for both.
    """

    name: str
    weight: float
    required: bool
    match: nw.Expr
    lead: Lead
    expect: str
    hits: tuple[tuple[str, nw.Expr], ...] = ()
    matched_at: float = MATCHED_AT
    broader: nw.Expr | None = None  # a null match that is "broader than", not "unknown"

    def reason_parts(self, match: nw.Expr, tail: str = "") -> list[nw.Expr]:
        """The reason line as pieces to concatenate with nulls skipped, read from the computed
        ``match`` column: "<lead's value>, within ..." or "unknown, wanted ...".

        ``tail`` ends every verdict (the separator and the next rule's name), so a whole
        reasons column is one concatenation of few pieces."""
        known = ~match.is_null()
        code = verdict_code(match, self.matched_at)
        if self.broader is not None:
            coarse = match.is_null() & self.broader
            known = known | coarse
            code = nw.when(coarse).then(nw.lit(BROADER)).otherwise(code)
        parts = [nw.when(known).then(value) for value in self.lead.values]
        texts = self.lead.texts
        if self.lead.pick is not None:
            code = code + self.lead.pick.fill_null(len(texts) - 1) * len(VERDICTS)
        table = [  # an unknown rule shows no value of the lead's, fixed text included
            (text if v else "") + verdict.format(self.expect) + tail
            for text in texts
            for v, verdict in enumerate(VERDICTS)
        ]
        return [*parts, lookup(code, table)]


def compile_rule(
    name: str, rule: Rule, weight: float, as_of: date, *, prefix: str = ""
) -> CompiledRule:
    """Compile one rule of a validated ICP; its hit columns are named ``{prefix}_hit_{name}``."""
    expect = expectation(rule)
    hit = f"{prefix}_hit_{name}"
    hits: tuple[tuple[str, nw.Expr], ...] = ()
    broader: nw.Expr | None = None
    match rule:
        case IndustriesRule():
            match_expr, lead, broader = _industries(rule.any_of)
        case GeographyRule():
            match_expr, lead = _geography(rule.any_of)
        case EmployeesRule():
            match_expr, lead = _employees(rule)
        case RevenueRule():
            match_expr, lead = _revenue(rule)
        case RolesRule():
            match_expr, lead = _roles(rule)
        case SignalsRule():
            first, match_expr, lead = _signals(rule, as_of, nw.col(hit))
            hits = ((hit, first),)
        case TermsRule() if name == "technologies":
            first, match_expr, lead = _terms(
                "ls_technologies", rule.any_of, "|", "|", "uses", nw.col(hit)
            )
            hits = ((hit, first),)
        case TermsRule():  # keywords: whole words, plurals, ``word*`` prefixes
            first, match_expr, lead = _terms(
                "ls_text", rule.any_of, "", "", "mentions", nw.col(hit), patterns=True
            )
            hits = ((hit, first),)
        case _:  # pragma: no cover - the model admits no other rule
            raise TypeError(f"unknown rule {name}")
    return CompiledRule(
        name,
        weight,
        rule.required,
        match_expr.cast(nw.Float64),
        lead,
        expect,
        hits,
        matched_at(rule),
        broader,
    )


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
    if not regex and len(needles) == 1:
        return nw.col(column).str.contains(needles[0], literal=True)
    # One regex alternation searches the text once for all needles.
    patterns = [f"(?:{n})" for n in needles] if regex else [re.escape(n) for n in needles]
    return nw.col(column).str.contains("|".join(patterns), literal=False)


def first_hit(column: str, needles: Sequence[str], *, regex: bool = False) -> nw.Expr:
    """The index of the first needle found in the column, else null."""
    expr = nw.when(nw.col(column).str.contains(needles[0], literal=not regex)).then(nw.lit(0))
    for n, needle in enumerate(needles[1:], start=1):
        expr = expr.when(nw.col(column).str.contains(needle, literal=not regex)).then(nw.lit(n))
    return expr


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


def industry_broader(values: Sequence[str]) -> nw.Expr | None:
    """True when one of the lead's industries is an ancestor of (broader than) a listed slug:
    "Technology, Information and Internet" for ``software-development``. None when no listed
    slug has an ancestor. A lead's industries are the leaves of ``ls_industry_path`` (a slug
    followed by ``|`` or the end: ``|a|b||a|c|``)."""
    nodes = (get_industry(v) for v in values if ":" not in v and not v.isdigit())
    ancestors = sorted({slug for node in nodes if node is not None for slug in node.path[:-1]})
    if not ancestors:
        return None
    leaves = [rf"\|{re.escape(slug)}\|(?:\||$)" for slug in ancestors]
    return contains_any("ls_industry_path", leaves, regex=True).fill_null(value=False)


def _industries(values: Sequence[str]) -> tuple[nw.Expr, Lead, nw.Expr | None]:
    """Matched (1.0) or outside (0.0) when the lead has an industry; null (unknown) when it
    has none, or when it matches no listed one and is broader than one of them (DESIGN.md)."""
    known = ~nw.col("ls_industry_path").is_null() | ~nw.col("ls_industry_codes").is_null()
    hit = industry_match(values)
    broader = industry_broader(values)
    if broader is not None:
        broader = broader & ~hit
        known = known & ~broader
    match_expr = nw.when(known).then(_flag(hit))
    lead = nw.coalesce(
        nw.col("ls_industry_label"),
        nw.col("ls_industry_codes").str.replace_all("|", " ", literal=True).str.strip_chars(),
    )
    return match_expr, Lead((lead,)), broader


def geography_match(values: Sequence[str]) -> nw.Expr:
    """True when the lead's country or subdivision is listed or inside a listed region."""
    targets = resolve_geography(values)
    expr = nw.col("ls_country").is_in(sorted(targets.countries))
    if targets.subdivisions:
        expr = expr | nw.col("ls_subdivision").is_in(sorted(targets.subdivisions))
    return expr.fill_null(value=False)


def _geography(values: Sequence[str]) -> tuple[nw.Expr, Lead]:
    match_expr = nw.when(~nw.col("ls_country").is_null()).then(_flag(geography_match(values)))
    # "<country>" or "<country> (<subdivision>)"
    country, subdivision = nw.col("ls_country"), nw.col("ls_subdivision")
    has_subdivision = ~subdivision.is_null()
    lead = Lead(
        (country, nw.when(has_subdivision).then(nw.lit(" (")), subdivision),
        nw.when(has_subdivision).then(nw.lit(0)),
        (")", ""),
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


def _suffixed(value: nw.Expr, suffix: str) -> Lead:
    """``value`` and ``suffix``, or nothing when the value is null."""
    return Lead((value,), nw.when(~value.is_null()).then(nw.lit(0)), (suffix, ""))


def _employees(rule: EmployeesRule) -> tuple[nw.Expr, Lead]:
    low = float(rule.min) if rule.min is not None else 0.0
    high = float(rule.max) if rule.max is not None else _MAX
    lo, hi = nw.col("ls_emp_lo"), nw.col("ls_emp_hi")
    match_expr = nw.when(~lo.is_null()).then(band_share(lo, hi, low, high, discrete=True))
    return match_expr, _suffixed(nw.col("ls_emp_text"), " employees")


def _revenue(rule: RevenueRule) -> tuple[nw.Expr, Lead]:
    rate = to_usd(1.0, rule.currency) or 1.0
    low = rule.min * rate if rule.min is not None else 0.0
    high = rule.max * rate if rule.max is not None else _MAX
    lo, hi = nw.col("ls_rev_lo"), nw.col("ls_rev_hi")
    match_expr = nw.when(~lo.is_null()).then(band_share(lo, hi, low, high, discrete=False))
    return match_expr, _suffixed(nw.col("ls_rev_text"), " revenue")


def _band_text(low: float | None, high: float | None, show: Callable[[float], str]) -> str:
    if low is not None and high is not None:
        return f"{show(low)}–{show(high)}"
    if low is not None:
        return f"at least {show(low)}"
    assert high is not None  # the model requires min, max or both
    return f"at most {show(high)}"


def _roles(rule: RolesRule) -> tuple[nw.Expr, Lead]:
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
    lead = Lead(
        (
            nw.col("ls_seniority").fill_null("no seniority"),
            nw.lit(" in "),
            nw.col("ls_department").fill_null("no department"),
        )
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


def _signals(rule: SignalsRule, as_of: date, hit: nw.Expr) -> tuple[nw.Expr, nw.Expr, Lead]:
    """(the index of the first signal present, the match and the lead, both reading ``hit``)."""
    column = "ls_signals"
    if rule.max_age_days is None:
        patterns = [rf"\|{re.escape(s)}(?:@[0-9-]+)?\|" for s in rule.any_of]
    else:
        window = date_window_regex(as_of, rule.max_age_days)
        # An undated signal counts as current: its age cannot be told (documented).
        patterns = [rf"\|{re.escape(s)}(?:@{window})?\|" for s in rule.any_of]
    lead = Lead(pick=hit, texts=(*rule.any_of, "no such signal"))
    match_expr = nw.when(~nw.col(column).is_null()).then(_flag(~hit.is_null()))
    return first_hit(column, patterns, regex=True), match_expr, lead


def _terms(
    column: str,
    terms: Sequence[str],
    left: str,
    right: str,
    verb: str,
    hit: nw.Expr,
    *,
    patterns: bool = False,
) -> tuple[nw.Expr, nw.Expr, Lead]:
    """(the index of the first term present, the match and the lead, both reading ``hit``).
    With ``patterns``, each term is found by ``keywords.keyword_pattern``."""
    needles = (
        [keyword_pattern(t) for t in terms] if patterns else [f"{left}{t}{right}" for t in terms]
    )
    lead = Lead(pick=hit, texts=(*(f"{verb} {t}" for t in terms), f"{verb} none"))
    match_expr = nw.when(~nw.col(column).is_null()).then(_flag(~hit.is_null()))
    return first_hit(column, needles, regex=patterns), match_expr, lead
