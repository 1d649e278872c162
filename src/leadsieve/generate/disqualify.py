"""Disqualifiers proposed from lost customers, which never disqualify the user's own customers.

A disqualifier sends a lead to grade ``DQ`` whatever else it matches, so a wrong one silently
throws away good leads. The rules (each constant is part of the contract):

- A value (an industry, a country, a keyword) is a candidate when at least ``LOST_SHARE`` of the
  lost customers, and at least ``MIN_CUSTOMERS`` of them, have it, and it is at least
  ``LOST_RATIO`` times more common among them than among customers (the candidates a report
  lists: what sets lost deals apart).
- It is proposed only when **no** customer has it. "Almost none" would still disqualify those
  customers when they are scored with their own proposal, so the allowance is zero. An industry
  counts for every customer under it (features list each lead's whole industry path), so an
  ancestor of a customer's industry (``technology-information-and-media`` above
  ``financial-services`` tags) is never proposed.
- The counts above read features; the engine reads more (a keyword disqualifier searches the
  name and description too, an industry matches by code prefix). So each candidate is then
  scored by the engine on the customers, and one that disqualifies any customer is left out,
  with the count in its evidence. Kept ones state the customers they remove (none) and, with a
  baseline, the share of the baseline they remove.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from leadsieve.generate.model import RuleEvidence, ValueEvidence
from leadsieve.generate.select import MIN_CUSTOMERS, Populations

#: Lost customers propose a disqualifier for a value at least this share of them have.
LOST_SHARE = 0.2
#: ... that is at least this many times more common among them than among customers (smoothed
#: by half a customer, so a value no customer has qualifies).
LOST_RATIO = 3.0

#: Disqualifier rule -> the feature dimension its values come from.
DISQUALIFIER_DIMENSIONS: dict[str, str] = {
    "industries": "industry",
    "geography": "country",
    "keywords": "keywords",
}

PREFIX = "disqualifiers."


@dataclass(frozen=True)
class Removed:
    """What a set of disqualifiers removes, as the engine scores it."""

    customers: int  # customers it disqualifies
    baseline: int | None = None  # baseline leads it disqualifies (None: not measured)
    baseline_measured: int | None = None  # baseline leads scored to measure it

    @property
    def baseline_share(self) -> float | None:
        """Share of the measured baseline removed; None when not measured."""
        if self.baseline is None or not self.baseline_measured:
            return None
        return self.baseline / self.baseline_measured


#: Scores leads with these disqualifiers (``{"keywords": ["crypto"]}``) and counts the hits.
Measure = Callable[[Mapping[str, Sequence[str]]], Removed]


def candidates(populations: Populations) -> list[RuleEvidence]:
    """Per disqualifier rule, the values lost customers suggest: kept when no customer has the
    value, left out (with why) when some do. Empty without lost customers."""
    if populations.lost is None or not populations.lost_total:
        return []
    out: list[RuleEvidence] = []
    for rule, dimension in DISQUALIFIER_DIMENSIONS.items():
        values: list[ValueEvidence] = []
        for (dim, value), lost in sorted(populations.lost.items()):
            lost_share = lost / populations.lost_total
            if dim != dimension or lost < MIN_CUSTOMERS or lost_share < LOST_SHARE:
                continue
            item = populations.evidence(dim, value, kept=True, why="")
            customer_share = (item.customers + 0.5) / (populations.customers_total + 1)
            if lost_share < LOST_RATIO * customer_share:
                continue
            common = f"{lost_share:.0%} of your lost customers (n={lost:,})"
            if item.customers:
                why = (
                    f"{common} vs {item.support:.0%} of your customers; left out: "
                    f"{_of_customers(item.customers, item.customers_total)} "
                    f"{'has' if item.customers == 1 else 'have'} it, and a disqualifier would "
                    f"remove {'it' if item.customers == 1 else 'them'}"
                )
                values.append(_with(item, kept=False, why=why))
            else:
                values.append(_with(item, kept=True, why=common))
        if values:
            values.sort(key=lambda v: not v.kept)  # stable: kept first, each by value
            out.append(RuleEvidence(PREFIX + rule, True, None, 0.0, None, tuple(values), ""))
    return out


def vetted(
    proposed: Sequence[RuleEvidence], measure: Measure
) -> tuple[dict[str, list[str]], list[RuleEvidence]]:
    """The disqualifiers of the ``candidates`` the engine confirms remove no customer, and the
    evidence of every candidate with what it removes."""
    document: dict[str, list[str]] = {}
    evidence: list[RuleEvidence] = []
    for rule in proposed:
        name = rule.rule.removeprefix(PREFIX)
        values: list[ValueEvidence] = []
        for item in rule.values:
            if not item.kept:
                values.append(item)
                continue
            removed = measure({name: [item.value]})
            values.append(_measured(item, removed))
        kept = [v.value for v in values if v.kept]
        values.sort(key=lambda v: not v.kept)
        if not kept:
            note = "left out: every value lost customers suggest is held by some of your customers"
            evidence.append(RuleEvidence(rule.rule, False, None, 0.0, None, tuple(values), note))
            continue
        document[name] = kept
        together = measure({name: kept})
        total = values[0].customers_total
        note = (
            "disqualify: common among lost customers, held by none of your customers; removes "
            + _removes(together, total)
        )
        evidence.append(
            RuleEvidence(
                rule.rule,
                True,
                None,
                together.customers / total if total else 0.0,
                together.baseline_share,
                tuple(values),
                note,
            )
        )
    return document, evidence


def _measured(item: ValueEvidence, removed: Removed) -> ValueEvidence:
    """The candidate with the engine's counts: left out when it disqualifies a customer."""
    if removed.baseline is not None:
        item = replace(item, baseline=removed.baseline, baseline_total=removed.baseline_measured)
    item = replace(item, customers=removed.customers)
    if removed.customers:
        why = (
            f"{item.why}; left out: scored, it disqualifies "
            f"{_of_customers(removed.customers, item.customers_total)} (the engine also reads "
            "names, descriptions and industry codes)"
        )
        return replace(item, kept=False, why=why)
    return replace(item, why=f"{item.why}; removes {_removes(removed, item.customers_total)}")


def _removes(removed: Removed, total: int) -> str:
    """ "0 of your 60 customers and 4.2% of the baseline (198 leads)"."""
    customers = f"{removed.customers:,} of your {total:,} customers"
    share = removed.baseline_share
    if share is None or removed.baseline is None:
        return customers
    return f"{customers} and {_share(share)} of the baseline ({removed.baseline:,} leads)"


def _of_customers(n: int, total: int) -> str:
    return f"{n:,} of your {total:,} customers"


def _share(share: float) -> str:
    """Small shares keep a decimal, so a disqualifier that removes a few leads does not read 0%."""
    return f"{share:.1%}" if share < 0.1 else f"{share:.0%}"


def _with(item: ValueEvidence, *, kept: bool, why: str) -> ValueEvidence:
    return replace(item, kept=kept, why=why)
