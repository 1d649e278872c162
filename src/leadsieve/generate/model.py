"""What ``generate_icp`` returns: the proposed ICP, the evidence for each rule, the backtest.

Plain frozen dataclasses, so the CLI, the report and tests read the same facts. Shares are
fractions (0.82, not 82), counts are leads; ``None`` means "not measured" (no baseline, no lost
customers), never zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from leadsieve.icp.model import Icp

#: The dimensions a proposal looks at, in the order reports list them.
DIMENSIONS: tuple[str, ...] = (
    "industry",
    "country",
    "region",
    "employees",
    "revenue",
    "seniority",
    "department",
    "technologies",
    "signals",
    "keywords",
)


@dataclass(frozen=True)
class ValueEvidence:
    """How one value of one dimension (``industry`` = ``software-development``) separates the
    customers from the baseline, and whether the proposal kept it."""

    dimension: str
    value: str  # canonical: industry slug, ISO code, region slug, band "51-200", seniority...
    label: str  # for people: "Software Development", "United States", "51-200 employees"
    customers: int  # customers that have the value
    customers_total: int  # customers in the run
    baseline: int | None  # baseline leads that have it (None without a baseline)
    baseline_total: int | None
    lost: int | None  # lost customers that have it (None without lost customers)
    lost_total: int | None
    kept: bool
    why: str  # "82% of your customers vs 11% of the baseline (lift 7.5, n=140)" or why not

    @property
    def support(self) -> float:
        """Share of the customers that have the value."""
        return self.customers / self.customers_total if self.customers_total else 0.0

    @property
    def baseline_share(self) -> float | None:
        """Share of the baseline that has the value."""
        if self.baseline is None or not self.baseline_total:
            return None
        return self.baseline / self.baseline_total

    @property
    def lift(self) -> float | None:
        """support / baseline share (smoothed by half a lead, so it is finite); None without a
        baseline."""
        if self.baseline is None or not self.baseline_total:
            return None
        return self.support / ((self.baseline + 0.5) / (self.baseline_total + 1))


@dataclass(frozen=True)
class RuleEvidence:
    """One proposed rule or disqualifier (or one left out) and the values behind it."""

    rule: str  # ICP rule name ("industries", "geography", ...) or "disqualifiers.<name>"
    kept: bool
    weight: float | None  # the proposed weight; None for a disqualifier or a rule left out
    coverage: float  # share of customers the rule's kept values match
    baseline_coverage: float | None  # share of the baseline they match
    values: tuple[ValueEvidence, ...]  # every value considered, kept ones first
    note: str  # one line: why the rule is in, or why it was left out


@dataclass(frozen=True)
class Metrics:
    """How well a model separates customers (positives) from the baseline (negatives)."""

    auc: float  # probability a customer outranks a baseline lead (ties count half)
    recall: float  # share of customers the model qualifies
    baseline_qualified: float  # share of the baseline it qualifies
    top_decile_lift: float  # customer share in the top-scored 10% / customer share overall


@dataclass(frozen=True)
class Backtest:
    """K-fold cross-validation over the customers: every customer and every baseline lead is
    scored by a model that did not see it."""

    folds: int
    icp: Metrics  # the generated ICP (qualified = score >= min_score)
    naive_bayes: Metrics  # the reference: per-value smoothed frequencies (Odoo's method)
    customer_scores: tuple[int, ...]  # out-of-fold ICP scores 0..100 of the customers
    baseline_scores: tuple[int, ...]  # out-of-fold ICP scores of the baseline (a sample)
    baseline_sampled_from: int  # how many baseline leads the sample stands for


@dataclass(frozen=True)
class Proposal:
    """The result of ``generate_icp``."""

    icp: Icp
    rules: tuple[RuleEvidence, ...]
    min_score_note: str  # how min_score was chosen, in one or two sentences
    backtest: Backtest | None  # None without a baseline: AUC needs leads that are not customers
    warnings: tuple[str, ...]  # e.g. "only 3 customers: treat every share as anecdotal"
    customers: int
    baseline: int | None
    lost: int | None
