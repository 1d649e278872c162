"""Which values make a rule: support among customers, share in the baseline, lift.

Counts come in as one frame per population (``dimension, value, n``: leads having the value);
the selection is plain Python over those counts (a few hundred values), so it is cheap to run
once per cross-validation fold.

Rules of selection (each constant below is part of the contract and appears in the evidence):

- A value is a candidate when at least ``MIN_SUPPORT`` of the customers (and at least
  ``MIN_CUSTOMERS`` of them) have it and, with a baseline, its lift is at least ``MIN_LIFT``.
- Candidates are taken best first: with a baseline by gain (customer share minus baseline share,
  what the value adds to separating the two), without one by customer share. A candidate that
  overlaps one already kept (an industry and its parent, a country and a region holding it) is
  left out, so no lead is counted twice.
- Bands (employees, revenue) are chosen as one run of neighbouring bands: with a baseline the run
  with the largest gain, without one the narrowest run holding ``DESCRIBE_SHARE`` of the
  customers whose size is known, at most ``DESCRIBE_BANDS`` of the scale wide (a wider run, such
  as revenue "up to $10B", matches nearly everyone and says nothing without a baseline). A band
  inside the run that no customer is in is covered by the rule but not counted as kept evidence.
- Thresholds are compared on the numbers as printed (support in whole percent, lift to one
  decimal), so evidence never reads "lift 1.5; left out: lift below 1.5".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from leadsieve.generate.features import BANDS, Band, value_label
from leadsieve.generate.model import ValueEvidence
from leadsieve.normalize.industry import get_industry
from leadsieve.normalize.regions import regions

MIN_SUPPORT = 0.10
MIN_CUSTOMERS = 2
MIN_LIFT = 1.5
DESCRIBE_SHARE = 0.8
DESCRIBE_BANDS = 0.5
MAX_VALUES = 8

Counts = Mapping[tuple[str, str], int]


@dataclass(frozen=True)
class Populations:
    """Counts per (dimension, value) and sizes of the customers, baseline and lost customers."""

    customers: Counts
    customers_total: int
    baseline: Counts | None = None
    baseline_total: int | None = None
    lost: Counts | None = None
    lost_total: int | None = None

    def evidence(self, dimension: str, value: str, *, kept: bool, why: str) -> ValueEvidence:
        key = (dimension, value)
        return ValueEvidence(
            dimension=dimension,
            value=value,
            label=value_label(dimension, value),
            customers=self.customers.get(key, 0),
            customers_total=self.customers_total,
            baseline=None if self.baseline is None else self.baseline.get(key, 0),
            baseline_total=self.baseline_total,
            lost=None if self.lost is None else self.lost.get(key, 0),
            lost_total=self.lost_total,
            kept=kept,
            why=why,
        )


def describe(item: ValueEvidence) -> str:
    """ "82% of your customers vs 11% of the baseline (lift 7.5, n=140)"."""
    customers = f"{item.support:.0%} of your customers"
    if item.baseline_share is None or item.lift is None:
        return f"{customers} (n={item.customers:,})"
    return (
        f"{customers} vs {item.baseline_share:.0%} of the baseline "
        f"(lift {item.lift:.1f}, n={item.customers:,})"
    )


def shown_support(share: float) -> int:
    """A share as ``describe`` prints it, in whole percent (0.096 -> 10)."""
    return round(share * 100)


def shown_lift(lift: float) -> float:
    """A lift as ``describe`` prints it, to one decimal (1.46 -> 1.5)."""
    return round(lift, 1)


def choose_values(populations: Populations, dimensions: Sequence[str]) -> list[ValueEvidence]:
    """The values of ``dimensions`` a rule should list, and every other value with why not."""
    keys = sorted(
        {key for key in populations.customers if key[0] in dimensions},
        key=lambda key: (-populations.customers[key], key),
    )
    judged = [populations.evidence(d, v, kept=False, why="") for d, v in keys]
    with_baseline = populations.baseline is not None
    kept: list[ValueEvidence] = []
    left: list[ValueEvidence] = []
    order = sorted(judged, key=lambda e: (-_gain(e), e.dimension, e.value))
    for item in order:
        reason = _too_weak(item)
        if reason is None and len(kept) >= MAX_VALUES:
            reason = f"the rule already lists {MAX_VALUES} values"
        if reason is None:
            overlapping = next((k for k in kept if _overlap(k, item)), None)
            if overlapping is not None:
                reason = f"overlaps {overlapping.label}, kept for a larger gain"
        if reason is None and not with_baseline:
            narrower = _narrower_alternative(item, judged)
            if narrower is not None:
                reason = f"{narrower.label} holds nearly as many customers and is more specific"
        if reason is None:
            kept.append(_with(item, kept=True, why=describe(item)))
        else:
            left.append(_with(item, kept=False, why=f"{describe(item)}; left out: {reason}"))
    return kept + left


def choose_band(populations: Populations, dimension: str) -> tuple[Band, Band] | None:
    """The run of neighbouring bands a size rule should cover, or None when none separates."""
    bands = BANDS[dimension]
    customers = [populations.customers.get((dimension, b.label), 0) for b in bands]
    known = sum(customers)
    if known < MIN_CUSTOMERS:
        return None
    total = populations.customers_total
    best: tuple[float, int, int] | None = None
    for first in range(len(bands)):
        for last in range(first, len(bands)):
            if first == 0 and last == len(bands) - 1:
                continue  # every band: no rule at all
            inside = sum(customers[first : last + 1])
            share = inside / total
            if shown_support(share) < 100 * MIN_SUPPORT or inside < MIN_CUSTOMERS:
                continue
            if populations.baseline is not None and populations.baseline_total:
                base = sum(
                    populations.baseline.get((dimension, b.label), 0)
                    for b in bands[first : last + 1]
                )
                base_share = base / populations.baseline_total
                lift = share / ((base + 0.5) / (populations.baseline_total + 1))
                if shown_lift(lift) < MIN_LIFT:
                    continue
                score = share - base_share
            else:
                too_wide = last - first + 1 > DESCRIBE_BANDS * len(bands)
                if inside < DESCRIBE_SHARE * known or too_wide:
                    continue
                score = -(last - first) + share  # narrowest first, then the fuller
            if best is None or score > best[0]:
                best = (score, first, last)
    if best is None:
        return None
    return bands[best[1]], bands[best[2]]


def band_evidence(
    populations: Populations, dimension: str, chosen: tuple[Band, Band] | None
) -> list[ValueEvidence]:
    """Every band with its counts, the chosen run's bands that customers are in marked kept."""
    bands = BANDS[dimension]
    inside = set()
    if chosen is not None:
        first, last = bands.index(chosen[0]), bands.index(chosen[1])
        inside = {b.label for b in bands[first : last + 1]}
    out = []
    for band in bands:
        item = populations.evidence(dimension, band.label, kept=False, why="")
        if band.label not in inside:
            if item.customers:
                outside = describe(item) + "; outside the chosen band"
                out.append(_with(item, kept=False, why=outside))
        elif item.customers == 0:
            # Covered so the rule stays one range, but no evidence for it: not marked kept.
            status = "; inside the chosen band, but no customer is in it"
            out.append(_with(item, kept=False, why=describe(item) + status))
        else:
            out.append(_with(item, kept=True, why=describe(item)))
    return out


def _gain(item: ValueEvidence) -> float:
    if item.baseline_share is None:
        return item.support
    return item.support - item.baseline_share


def _too_weak(item: ValueEvidence) -> str | None:
    if item.customers < MIN_CUSTOMERS:
        return f"fewer than {MIN_CUSTOMERS} customers have it"
    if shown_support(item.support) < 100 * MIN_SUPPORT:
        return f"support below {MIN_SUPPORT:.0%}"
    if item.lift is not None and shown_lift(item.lift) < MIN_LIFT:
        return f"lift below {MIN_LIFT:g}"
    return None


def _with(item: ValueEvidence, *, kept: bool, why: str) -> ValueEvidence:
    return ValueEvidence(**{**item.__dict__, "kept": kept, "why": why})


def _overlap(a: ValueEvidence, b: ValueEvidence) -> bool:
    """True when some lead could have both values in a way a rule would count twice."""
    if a.dimension == "industry" and b.dimension == "industry":
        return a.value in _path(b.value) or b.value in _path(a.value)
    if {a.dimension, b.dimension} <= {"country", "region"}:
        return not _countries(a).isdisjoint(_countries(b))
    return False


def _narrower_alternative(
    item: ValueEvidence, judged: Sequence[ValueEvidence]
) -> ValueEvidence | None:
    """Without a baseline, a more specific value holding nearly as many customers."""
    for other in judged:
        if other is item or _too_weak(other) is not None or not _overlap(item, other):
            continue
        if (
            _specific(other) > _specific(item)
            and other.customers >= DESCRIBE_SHARE * item.customers
        ):
            return other
    return None


def _specific(item: ValueEvidence) -> float:
    """Larger for narrower values: a deeper industry, a region with fewer countries."""
    if item.dimension == "industry":
        return float(len(_path(item.value)))
    return -float(len(_countries(item)))


def _path(slug: str) -> tuple[str, ...]:
    found = get_industry(slug)
    return tuple(found.path) if found is not None else (slug,)


def _countries(item: ValueEvidence) -> frozenset[str]:
    if item.dimension == "country":
        return frozenset({item.value})
    return regions().get(item.value, frozenset())
