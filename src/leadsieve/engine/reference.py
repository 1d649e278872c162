"""A slow, plain-Python, one-row-at-a-time scorer: the executable reading of DESIGN.md.

It shares nothing with the vectorized engine but the ICP-side text of expectations, and the
tests hold the engine to it on random ICPs and leads. It is also the "per-row loop" the
benchmark compares the engine with. Rows are dicts of the normalized ``ls_*`` values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from leadsieve._version import __version__
from leadsieve.engine.keywords import mentions
from leadsieve.engine.rules import MATCHED_AT, expectation
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


def _industry_hit(values: list[str], path: str | None, codes: str | None) -> bool:
    for value in values:
        if ":" in value or value.isdigit():
            items = (codes or "").strip("|").split("|")
            for item in items:
                code = item.partition(":")[2]
                if item.startswith(value) if ":" in value else code.startswith(value):
                    return True
        elif path and value in path.strip("|").split("|"):
            return True
    return False


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


def _rule(name: str, rule: Rule, row: Row, as_of: date) -> tuple[float | None, str]:
    """(match or None when unknown, the lead's side of the reason)."""
    match rule:
        case IndustriesRule():
            path, codes = row["ls_industry_path"], row["ls_industry_codes"]
            if path is None and codes is None:
                return None, ""
            lead = row["ls_industry_label"] or (codes or "").replace("|", " ").strip()
            found = _industry_hit(rule.any_of, path, codes)
            if not found and _industry_broader(rule.any_of, path):
                return None, lead  # unknown, and the reason says why
            return float(found), lead
        case GeographyRule():
            country, sub = row["ls_country"], row["ls_subdivision"]
            if country is None:
                return None, ""
            lead = country if sub is None else f"{country} ({sub})"
            return float(_in_geography(rule.any_of, country, sub)), lead
        case EmployeesRule():
            lo = row["ls_emp_lo"]
            if lo is None:
                return None, ""
            low = float(rule.min) if rule.min is not None else 0.0
            high = float(rule.max) if rule.max is not None else 1e18
            share = _share(lo, row["ls_emp_hi"], low, high, discrete=True)
            return share, f"{row['ls_emp_text']} employees"
        case RevenueRule():
            lo = row["ls_rev_lo"]
            if lo is None:
                return None, ""
            rate = to_usd(1.0, rule.currency) or 1.0
            low = rule.min * rate if rule.min is not None else 0.0
            high = rule.max * rate if rule.max is not None else 1e18
            share = _share(lo, row["ls_rev_hi"], low, high, discrete=False)
            return share, f"{row['ls_rev_text']} revenue"
        case RolesRule():
            sen, dep, title = row["ls_seniority"], row["ls_department"], row["ls_title_text"]
            if sen is None and dep is None and title is None:
                return None, ""
            parts = []
            if rule.seniority:
                parts.append(1.0 if sen in rule.seniority else 0.0)
            if rule.departments:
                parts.append(1.0 if dep in rule.departments else 0.0)
            base = sum(parts) / len(parts) if parts else None
            hit = None
            if rule.titles:
                hit = 1.0 if any(f" {t} " in (title or "") for t in rule.titles) else 0.0
            value = max(v for v in (base, hit) if v is not None)
            return value, f"{sen or 'no seniority'} in {dep or 'no department'}"
        case SignalsRule():
            signals = row["ls_signals"]
            if signals is None:
                return None, ""
            items = signals.strip("|").split("|")
            for wanted in rule.any_of:
                if any(_signal_fresh(i, wanted, as_of, rule.max_age_days) for i in items):
                    return 1.0, wanted
            return 0.0, "no such signal"
        case TermsRule():
            column, edge, verb = (
                ("ls_technologies", "|", "uses")
                if name == "technologies"
                else ("ls_text", " ", "mentions")
            )
            text = row[column]
            if text is None:
                return None, ""
            for term in rule.any_of:
                found = (
                    mentions(text, term) if name == "keywords" else f"{edge}{term}{edge}" in text
                )
                if found:
                    return 1.0, f"{verb} {term}"
            return 0.0, f"{verb} none"
    raise TypeError(name)  # pragma: no cover


def _disqualified_by(icp: Icp, row: Row) -> str | None:
    dq = icp.disqualifiers
    hits = [f"keyword {k}" for k in dq.keywords if mentions(row["ls_text"], k)]
    hits += [
        f"industry {i}"
        for i in dq.industries
        if _industry_hit([i], row["ls_industry_path"], row["ls_industry_codes"])
    ]
    hits += [
        f"geography {g}"
        for g in dq.geography
        if _in_geography([g], row["ls_country"], row["ls_subdivision"])
    ]
    host = row["ls_domain"]
    hits += [
        f"domain {d}"
        for d in dq.domains
        if host is not None and (host == d or host.endswith(f".{d}"))
    ]
    limits = dq.employees
    below = limits.below if limits is not None else None
    above = limits.above if limits is not None else None
    if below is not None and row["ls_emp_hi"] is not None and row["ls_emp_hi"] < below:
        hits.append(f"fewer than {below:,} employees")
    if above is not None and row["ls_emp_lo"] is not None and row["ls_emp_lo"] > above:
        hits.append(f"more than {above:,} employees")
    return "; ".join(hits) or None


def _matched_at(rule: Rule) -> float:
    """Roles listing seniority and departments match only with both: one is half credit."""
    if isinstance(rule, RolesRule) and rule.seniority and rule.departments:
        return 1.0
    return MATCHED_AT


def _verdict(value: float, matched_at: float) -> str:
    if value >= 1.0:
        return "within"
    if value >= matched_at:
        return "mostly within"
    return "partly within" if value > 0.0 else "outside"


def score_row(row: Row, icp: Icp, as_of: date, *, version: str | None = None) -> dict[str, Any]:
    """Score one normalized row; returns DESIGN.md's fit columns."""
    weights = icp.weights()
    total = sum(weights.values())
    num = known = 0.0
    matched: list[str] = []
    missed: list[str] = []
    unknown: list[str] = []
    reasons: list[str] = []
    required_ok = True
    for name, rule in icp.rules.present().items():
        value, lead = _rule(name, rule, row, as_of)
        weight = weights[name]
        expect = expectation(rule)
        if value is None:
            unknown.append(name)
            if lead:  # known data, too coarse for the rule
                reasons.append(f"{name}: {lead}, broader than {expect} (too coarse to tell)")
            else:
                reasons.append(f"{name}: unknown, wanted {expect}")
            num = num + 0.0 * weight
            known = known + 0.0
        else:
            (matched if value >= _matched_at(rule) else missed).append(name)
            reasons.append(f"{name}: {lead}, {_verdict(value, _matched_at(rule))} {expect}")
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
        "fit_reasons": "; ".join(reasons),
        "fit_disqualified_by": disqualified_by,
        "icp_slug": icp.slug,
        "icp_version": version or icp.fingerprint(),
        "leadsieve_version": __version__,
    }
