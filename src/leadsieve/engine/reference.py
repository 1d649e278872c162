"""A slow, plain-Python, one-row-at-a-time scorer: the executable reading of DESIGN.md.

It shares nothing with the vectorized engine but the ICP-side text of expectations, and the
tests hold the engine to it on random ICPs and leads. It is also the "per-row loop" the
benchmark compares the engine with. Rows are dicts of the normalized ``ls_*`` values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from leadsieve._version import __version__
from leadsieve.engine import reasons
from leadsieve.engine.keywords import mentions
from leadsieve.engine.reasons import BROADER, MOSTLY, OUTSIDE, PARTLY, UNKNOWN, WITHIN
from leadsieve.engine.rules import MATCHED_AT, expectation, signal_age
from leadsieve.icp.model import (
    EmployeesRule,
    GeographyRule,
    Icp,
    IndustriesRule,
    RevenueRule,
    RolesRule,
    Rule,
    SignalsRule,
    TermsRule,
)
from leadsieve.normalize.geo import resolve_geography
from leadsieve.normalize.industry import get_industry
from leadsieve.normalize.sizes import to_usd

Row = Mapping[str, Any]


def _industry_hit(values: list[str], path: str | None, codes: str | None) -> int | None:
    """The position of the first listed industry the lead's is, or descends from (slugs), or
    has a code it prefixes (codes); None for none."""
    for n, value in enumerate(values):
        if ":" in value or value.isdigit():
            items = (codes or "").strip("|").split("|")
            for item in items:
                code = item.partition(":")[2]
                if item.startswith(value) if ":" in value else code.startswith(value):
                    return n
        elif path and value in path.strip("|").split("|"):
            return n
    return None


def _industry_broader(values: list[str], path: str | None) -> bool:
    """One of the lead's industries (the last slug of each of its paths) is a strict ancestor
    of a listed slug."""
    leaves = {run.split("|")[-1] for run in (path or "").strip("|").split("||")}
    for value in values:
        node = None if ":" in value or value.isdigit() else get_industry(value)
        if node is not None and leaves & set(node.path[:-1]):
            return True
    return False


def _in_geography(values: list[str], country: str | None, subdivision: str | None) -> bool:
    targets = resolve_geography(values)
    return country in targets.countries or (
        subdivision is not None and subdivision in targets.subdivisions
    )


def _share(lo: float, hi: float | None, low: float, high: float, discrete: bool) -> float:
    hi_eff = lo * 2 if hi is None else hi
    one = 1 if discrete else 0
    width = hi_eff - lo + one
    if width <= 0:
        return 1.0 if low <= lo <= high else 0.0
    overlap = min(hi_eff, high) - max(lo, low) + one
    return 0.0 if overlap <= 0 else overlap / width


def _signal_fresh(item: str, wanted: str, as_of: date, max_age: int | None) -> bool:
    kind, _, day = item.partition("@")
    if kind != wanted:
        return False
    if max_age is None or not day:
        return True
    age = (as_of - date.fromisoformat(day)).days
    return 0 <= age <= max_age


def _first(values: list[str], found: Callable[[str], bool]) -> int | None:
    return next((n for n, value in enumerate(values) if found(value)), None)


def _rule(name: str, rule: Rule, row: Row, as_of: date) -> tuple[float | None, str]:
    """(match or None when unknown, the reason after the rule's name)."""
    match rule:
        case IndustriesRule():
            path, codes = row["ls_industry_path"], row["ls_industry_codes"]
            if path is None and codes is None:
                return None, reasons.unknown(rule.any_of)
            lead = row["ls_industry_label"] or (codes or "").replace("|", " ").strip()
            hit = _industry_hit(rule.any_of, path, codes)
            if hit is None and _industry_broader(rule.any_of, path):  # unknown, and why
                return None, lead + reasons.in_list(rule.any_of, BROADER, None)
            verdict = WITHIN if hit is not None else OUTSIDE
            return float(hit is not None), lead + reasons.in_list(rule.any_of, verdict, hit)
        case GeographyRule():
            country, sub = row["ls_country"], row["ls_subdivision"]
            if country is None:
                return None, reasons.unknown(rule.any_of)
            lead = country if sub is None else f"{country} ({sub})"
            hit = _first(rule.any_of, lambda place: _in_geography([place], country, sub))
            verdict = WITHIN if hit is not None else OUTSIDE
            return float(hit is not None), lead + reasons.in_list(rule.any_of, verdict, hit)
        case EmployeesRule() | RevenueRule():
            return _amount(name, rule, row)
        case RolesRule():
            return _roles(rule, row)
        case SignalsRule():
            signals = row["ls_signals"]
            if signals is None:
                return None, reasons.unknown(rule.any_of)
            items = signals.strip("|").split("|")
            hit = _first(
                rule.any_of,
                lambda wanted: any(
                    _signal_fresh(i, wanted, as_of, rule.max_age_days) for i in items
                ),
            )
            verdict = WITHIN if hit is not None else OUTSIDE
            reason = reasons.terms("has", rule.any_of, verdict, hit, signal_age(rule))
            return float(hit is not None), reason
        case TermsRule():
            column, verb = (
                ("ls_technologies", "uses") if name == "technologies" else ("ls_text", "mentions")
            )
            text = row[column]
            if text is None:
                return None, reasons.unknown(rule.any_of)
            if name == "keywords":
                hit = _first(rule.any_of, lambda term: mentions(text, term))
            else:
                hit = _first(rule.any_of, lambda term: f"|{term}|" in text)
            verdict = WITHIN if hit is not None else OUTSIDE
            return float(hit is not None), reasons.terms(verb, rule.any_of, verdict, hit)
    raise TypeError(name)  # pragma: no cover


def _amount(name: str, rule: EmployeesRule | RevenueRule, row: Row) -> tuple[float | None, str]:
    """Employees or revenue: the share of the lead's range inside the band, and its reason."""
    prefix = "ls_emp" if name == "employees" else "ls_rev"
    lo, hi, text = row[f"{prefix}_lo"], row[f"{prefix}_hi"], row[f"{prefix}_text"]
    expected = expectation(rule)
    if lo is None:
        return None, reasons.band(expected, UNKNOWN, "")
    if isinstance(rule, EmployeesRule):
        low = float(rule.min) if rule.min is not None else 0.0
        high = float(rule.max) if rule.max is not None else 1e18
        share = _share(lo, hi, low, high, discrete=True)
        noun = " employee" if text == "1" else " employees"
    else:
        rate = to_usd(1.0, rule.currency) or 1.0
        low = rule.min * rate if rule.min is not None else 0.0
        high = rule.max * rate if rule.max is not None else 1e18
        share = _share(lo, hi, low, high, discrete=False)
        noun = " revenue"
    verdict = _verdict(share, MATCHED_AT)
    return share, (text or "") + reasons.band(expected, verdict, noun if text else "")


def _roles(rule: RolesRule, row: Row) -> tuple[float | None, str]:
    """Seniority and department (both for full credit when both are listed) or a listed title
    mentioned; the reason shows the title and what of it is listed."""
    sen, dep, title = row["ls_seniority"], row["ls_department"], row["ls_title_text"]
    listed = (rule.seniority, rule.departments, rule.titles)
    if sen is None and dep is None and title is None:
        return None, reasons.roles(listed, UNKNOWN, (None, None, None), titled=False)
    parts = []
    if rule.seniority:
        parts.append(1.0 if sen in rule.seniority else 0.0)
    if rule.departments:
        parts.append(1.0 if dep in rule.departments else 0.0)
    base = sum(parts) / len(parts) if parts else None
    hit = _first(rule.titles, lambda t: f" {t} " in (title or ""))
    value = max(
        v for v in (base, None if not rule.titles else float(hit is not None)) if v is not None
    )
    lead = (
        sen if sen in rule.seniority else None,
        dep if dep in rule.departments else None,
        None if hit is None else rule.titles[hit],
    )
    shown = row["ls_title"]
    verdict = _verdict(value, _matched_at(rule))
    reason = reasons.roles(listed, verdict, lead, titled=shown is not None)
    return value, (f"'{shown}" if shown is not None else "") + reason


def _disqualified_by(icp: Icp, row: Row) -> str | None:
    dq = icp.disqualifiers
    host = row["ls_domain"]
    limits = dq.employees
    below = limits.below if limits is not None else None
    above = limits.above if limits is not None else None
    listed: list[tuple[str, list[tuple[str, bool]]]] = [
        ("keywords", [(k, mentions(row["ls_text"], k)) for k in dq.keywords]),
        (
            "industries",
            [
                (i, _industry_hit([i], row["ls_industry_path"], row["ls_industry_codes"]) == 0)
                for i in dq.industries
            ],
        ),
        (
            "geography",
            [
                (g, _in_geography([g], row["ls_country"], row["ls_subdivision"]))
                for g in dq.geography
            ],
        ),
        (
            "domains",
            [(d, host is not None and (host == d or host.endswith(f".{d}"))) for d in dq.domains],
        ),
        (
            "employees",
            [
                (f"fewer than {below:,}", row["ls_emp_hi"] is not None and row["ls_emp_hi"] < below)
                for below in ([below] if below is not None else [])
            ]
            + [
                (f"more than {above:,}", row["ls_emp_lo"] is not None and row["ls_emp_lo"] > above)
                for above in ([above] if above is not None else [])
            ],
        ),
    ]
    # A kind names its hits in one clause per ``reasons.CLAUSE`` of its listed values.
    clauses = [
        (kind, [value for value, hit in values[start : start + reasons.CLAUSE] if hit])
        for kind, values in listed
        for start in range(0, len(values), reasons.CLAUSE)
    ]
    return reasons.disqualified(clauses)


def _matched_at(rule: Rule) -> float:
    """Roles listing seniority and departments match only with both: one is half credit."""
    if isinstance(rule, RolesRule) and rule.seniority and rule.departments:
        return 1.0
    return MATCHED_AT


def _verdict(value: float, matched_at: float) -> int:
    if value >= 1.0:
        return WITHIN
    if value >= matched_at:
        return MOSTLY
    return PARTLY if value > 0.0 else OUTSIDE


def score_row(row: Row, icp: Icp, as_of: date, *, version: str | None = None) -> dict[str, Any]:
    """Score one normalized row; returns DESIGN.md's fit columns."""
    weights = icp.weights()
    total = sum(weights.values())
    num = known = 0.0
    matched: list[str] = []
    missed: list[str] = []
    unknown: list[str] = []
    lines: list[str] = []
    required_ok = True
    for name, rule in icp.rules.present().items():
        value, reason = _rule(name, rule, row, as_of)
        weight = weights[name]
        lines.append(f"{name}: {reason}")
        if value is None:
            unknown.append(name)
            num = num + 0.0 * weight
            known = known + 0.0
        else:
            (matched if value >= _matched_at(rule) else missed).append(name)
            num = num + value * weight
            known = known + weight
        if rule.required and (value is None or value < _matched_at(rule)):
            required_ok = False
    den = known if icp.unknown == "neutral" else total
    score = math.floor(num * (100.0 / den) + 0.5) if den > 0 else 0
    disqualified_by = _disqualified_by(icp, row)
    if disqualified_by is not None:
        score = 0
    if icp.match_mode == "all":
        ok = not missed and not unknown
    elif icp.match_mode == "any":
        ok = bool(matched)
    else:
        ok = score >= icp.min_score and required_ok
    g = icp.grades
    grade = (
        "DQ"
        if disqualified_by is not None
        else "A"
        if score >= g.A
        else "B"
        if score >= g.B
        else "C"
        if score >= g.C
        else "D"
    )
    return {
        "fit_score": int(score),
        "fit_grade": grade,
        "fit_qualified": ok and disqualified_by is None,
        "fit_coverage": known * (1.0 / total),
        "fit_matched": ",".join(matched),
        "fit_missed": ",".join(missed),
        "fit_unknown": ",".join(unknown),
        "fit_reasons": "; ".join(lines),
        "fit_disqualified_by": disqualified_by,
        "icp_slug": icp.slug,
        "icp_version": version or icp.fingerprint(),
        "leadsieve_version": __version__,
    }
