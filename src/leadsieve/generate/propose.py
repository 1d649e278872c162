"""Propose an ICP from counts: rules from chosen values, weights from separating power,
disqualifiers from lost customers, and ``min_score`` from scores.

Weights: a rule's separating power is its coverage among customers minus its coverage in the
baseline (the rule's own Youden J); weights are those powers scaled to sum to 100. Without a
baseline a rule's weight follows its coverage among customers. Disqualifiers come from
``leadsieve.generate.disqualify``: values lost customers share and no customer has.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from leadsieve.generate.disqualify import Removed, candidates, vetted
from leadsieve.generate.features import BANDS, Band
from leadsieve.generate.model import RuleEvidence, ValueEvidence
from leadsieve.generate.select import (
    MIN_CUSTOMERS,
    Populations,
    band_evidence,
    choose_band,
    choose_values,
    describe,
)
from leadsieve.icp.model import Icp
from leadsieve.normalize.technologies import lookup_technology

#: ICP rule -> the feature dimensions it is written from.
RULE_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "industries": ("industry",),
    "geography": ("country", "region"),
    "employees": ("employees",),
    "revenue": ("revenue",),
    "roles": ("seniority", "department"),
    "technologies": ("technologies",),
    "signals": ("signals",),
    "keywords": ("keywords",),
}

#: Coverage of a set of kept values: (rule, kept values) -> (customer share, baseline share).
Coverage = Callable[[str, Sequence[ValueEvidence]], tuple[float, float | None]]
#: What an ICP document's disqualifiers remove when the engine scores the leads with it.
Measure = Callable[[dict[str, object]], Removed]


@dataclass(frozen=True)
class Draft:
    """An ICP without its ``min_score`` yet, and the evidence for each rule."""

    document: dict[str, object]
    rules: tuple[RuleEvidence, ...]


def draft(
    populations: Populations, coverage: Coverage, measure: Measure, *, slug: str, name: str
) -> Draft:
    """Rules and disqualifiers for these populations; ``coverage`` measures kept value sets,
    ``measure`` what a document's disqualifiers remove (see ``disqualify.vetted``)."""
    rules: dict[str, dict[str, object]] = {}
    evidence: list[RuleEvidence] = []
    powers: dict[str, float] = {}
    for rule, dimensions in RULE_DIMENSIONS.items():
        if rule in ("employees", "revenue"):
            chosen = choose_band(populations, rule)
            values = band_evidence(populations, rule, chosen)
            spec = _band_spec(rule, chosen) if chosen is not None else None
            # every band of the run, also one no customer is in: the rule matches it
            covered = [] if chosen is None else _run(populations, rule, chosen)
        else:
            values = choose_values(populations, dimensions)
            spec = _values_spec(rule, [v for v in values if v.kept])
            covered = [v for v in values if v.kept]
        kept_values = [v for v in values if v.kept]
        if spec is None or not kept_values:
            evidence.append(_left_out(rule, values, populations))
            continue
        customer_share, baseline_share = coverage(rule, covered)
        power = customer_share if baseline_share is None else customer_share - baseline_share
        if power <= 0:
            note = "left out: it matches the baseline as often as your customers"
            evidence.append(
                RuleEvidence(rule, False, None, customer_share, baseline_share, tuple(values), note)
            )
            continue
        rules[rule] = spec
        powers[rule] = power
        evidence.append(
            RuleEvidence(rule, True, None, customer_share, baseline_share, tuple(values), "")
        )
    weights = _weights(powers)
    final: list[RuleEvidence] = []
    for item in evidence:
        if item.kept:
            rules[item.rule]["weight"] = weights[item.rule]
            note = _kept_note(item, weights[item.rule])
            item = RuleEvidence(
                item.rule,
                True,
                weights[item.rule],
                item.coverage,
                item.baseline_coverage,
                item.values,
                note,
            )
        final.append(item)
    document: dict[str, object] = {
        "leadsieve": 1,
        "slug": slug,
        "name": name,
        "description": f"Proposed from {populations.customers_total:,} customers by leadsieve.",
        "rules": rules,
        "disqualifiers": {},
    }
    if not rules:  # no ICP to score the candidates with; the caller refuses this draft
        return Draft(document, tuple(final))
    disqualifiers, dq_evidence = vetted(
        candidates(populations), lambda dq: measure({**document, "disqualifiers": dict(dq)})
    )
    document["disqualifiers"] = disqualifiers
    return Draft(document, tuple(final + dq_evidence))


def finish(draft_: Draft, min_score: int) -> Icp:
    """The ICP of a draft with its ``min_score``."""
    return Icp.model_validate({**draft_.document, "min_score": min_score})


def _values_spec(rule: str, kept: Sequence[ValueEvidence]) -> dict[str, object] | None:
    if not kept:
        return None
    if rule == "roles":
        seniority = [v.value for v in kept if v.dimension == "seniority"]
        departments = [v.value for v in kept if v.dimension == "department"]
        spec: dict[str, object] = {}
        if seniority:
            spec["seniority"] = seniority
        if departments:
            spec["departments"] = departments
        return spec
    values = [v.value for v in kept]
    if rule == "technologies":
        # the customers' own products: meant as written, also those the vocabulary lacks
        unlisted = [v for v in values if lookup_technology(v) is None]
        return {"any_of": values, **({"unlisted": unlisted} if unlisted else {})}
    return {"any_of": values}


def _run(populations: Populations, rule: str, chosen: tuple[Band, Band]) -> list[ValueEvidence]:
    bands = BANDS[rule]
    run = bands[bands.index(chosen[0]) : bands.index(chosen[1]) + 1]
    return [populations.evidence(rule, b.label, kept=True, why="") for b in run]


def _band_spec(rule: str, chosen: tuple[Band, Band]) -> dict[str, object] | None:
    first, last = chosen
    bands = BANDS[rule]
    spec: dict[str, object] = {}
    if first is not bands[0] or rule == "employees":
        spec["min"] = first.low
    if last.high is not None:
        spec["max"] = last.high
    if rule == "revenue":
        spec["currency"] = "USD"
        if "min" not in spec and "max" not in spec:
            return None
    return spec


def _weights(powers: dict[str, float]) -> dict[str, int]:
    total = sum(powers.values())
    return {rule: max(1, round(100 * power / total)) for rule, power in powers.items()}


def _kept_note(item: RuleEvidence, weight: int) -> str:
    matched = f"matches {item.coverage:.0%} of your customers"
    if item.baseline_coverage is None:
        return f"{matched}; weight {weight} follows that coverage (lift needs a baseline)"
    return (
        f"{matched} vs {item.baseline_coverage:.0%} of the baseline; "
        f"weight {weight} follows that difference"
    )


def _left_out(rule: str, values: Sequence[ValueEvidence], populations: Populations) -> RuleEvidence:
    if not values:
        note = "left out: no customer has data for it"
    elif sum(v.customers for v in values) < MIN_CUSTOMERS:
        note = f"left out: fewer than {MIN_CUSTOMERS} customers have data for it"
    else:
        best = max(values, key=lambda v: v.support)
        note = f"left out: no value separates your customers (best: {best.label}, {describe(best)})"
    return RuleEvidence(rule, False, None, 0.0, None, tuple(values), note)
