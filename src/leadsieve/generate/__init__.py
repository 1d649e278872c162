"""Propose an ICP from a list of best customers, with evidence per rule and a backtest.

``generate_icp(customers, baseline, lost, name=..., as_of=...)`` takes lead frames with DESIGN.md's
canonical columns (as ``leadsieve.score`` does), normalizes them once, and:

1. counts, per dimension and value, the customers, baseline leads and lost customers that have it
   (``leadsieve.generate.features``);
2. chooses each rule's values by support, baseline share and lift, and bands for sizes
   (``leadsieve.generate.select``); weights follow each rule's separating power, lost customers
   propose disqualifiers (``leadsieve.generate.propose``);
3. scores the customers and the baseline with the draft and picks ``min_score`` where the two are
   best told apart (Youden's J: share of customers qualified minus share of the baseline);
4. with a baseline, cross-validates: the customers and the baseline are split into k folds; for
   each fold the whole procedure runs on the other folds and scores the held-out leads, with the
   generated ICP and with the naive-Bayes reference. AUC, recall at ``min_score``, the share of the
   baseline that qualifies and the lift in the top decile are computed on the out-of-fold scores.

Deterministic: the same input gives the same proposal (folds are drawn from a fixed seed).
No network, no clock: ``as_of`` dates signal ages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import narwhals as nw
import numpy as np
import polars as pl

from leadsieve.engine.score import fit_frame, plan
from leadsieve.errors import NothingToPropose
from leadsieve.generate import naive_bayes
from leadsieve.generate.features import features
from leadsieve.generate.metrics import metrics
from leadsieve.generate.model import Backtest, Proposal, RuleEvidence, ValueEvidence
from leadsieve.generate.propose import Draft, draft, finish
from leadsieve.generate.select import Populations
from leadsieve.icp.model import Icp
from leadsieve.normalize.frame import prepare
from leadsieve.normalize.text import fold

__all__ = ["Proposal", "generate_icp"]

#: Folds of the backtest (fewer when there are fewer customers).
FOLDS = 5
#: At most this many baseline leads score a draft to choose its ``min_score``.
THRESHOLD_SAMPLE = 50_000
#: At most this many out-of-fold baseline scores are kept for the report's histogram.
REPORT_SAMPLE = 20_000
#: Fewer customers than this: the proposal warns that every share is anecdotal.
FEW_CUSTOMERS = 20

_NEEDED = {
    "ls_industry",
    "ls_industry_label",
    "ls_industry_path",
    "ls_industry_codes",
    "ls_country",
    "ls_subdivision",
    "ls_emp_lo",
    "ls_emp_hi",
    "ls_emp_text",
    "ls_rev_lo",
    "ls_rev_hi",
    "ls_rev_text",
    "ls_seniority",
    "ls_department",
    "ls_title_text",
    "ls_signals",
    "ls_technologies",
    "ls_text",
}


class _Population:
    """One population, prepared once: its rows and their features."""

    def __init__(self, frame: Any) -> None:
        native = nw.to_native(nw.from_native(frame, eager_only=True))
        if not isinstance(native, pl.DataFrame):
            native = pl.from_pandas(native) if hasattr(native, "to_numpy") else pl.DataFrame(native)
        prepared = nw.to_native(prepare(nw.from_native(native), needed=_NEEDED))
        keep = [c for c in prepared.columns if c.startswith("ls_") or c == "keywords"]
        self.prepared: pl.DataFrame = prepared.select(keep)
        self.rows = prepared.height
        self.features = features(self.prepared)

    def counts(self, rows: pl.Series | None = None) -> dict[tuple[str, str], int]:
        found = (
            self.features
            if rows is None
            else self.features.filter(pl.col("row").is_in(rows.implode()))
        )
        grouped = found.group_by("dimension", "value").agg(pl.col("row").n_unique().alias("n"))
        return {(d, v): n for d, v, n in grouped.iter_rows()}

    def coverage(
        self, rule: str, kept: Sequence[ValueEvidence], rows: pl.Series | None = None
    ) -> float:
        keys = pl.DataFrame(
            [(v.dimension, v.value) for v in kept],
            schema={"dimension": pl.String, "value": pl.String},
            orient="row",
        )
        found = self.features.join(keys, on=["dimension", "value"], how="semi")
        if rows is not None:
            found = found.filter(pl.col("row").is_in(rows.implode()))
        total = self.rows if rows is None else rows.len()
        return found.get_column("row").n_unique() / total if total else 0.0

    def scores(self, icp: Icp, as_of: date, rows: pl.Series | None = None) -> pl.Series:
        frame = self.prepared if rows is None else self.prepared[rows]
        scored = fit_frame(nw.from_native(frame.lazy()), [plan(icp, as_of)])
        out: pl.DataFrame = nw.to_native(scored.select("fit_score")).collect()
        return out.get_column("fit_score").cast(pl.Int64)


def generate_icp(
    customers: Any,
    baseline: Any = None,
    lost: Any = None,
    *,
    name: str,
    as_of: date,
    slug: str | None = None,
    folds: int = FOLDS,
) -> Proposal:
    """Propose an ICP from ``customers`` (a lead frame), contrasted with ``baseline`` (the rest
    of the market) and ``lost`` (deals lost) when given. See the module docstring."""
    slug = slug or (fold(name).replace(" ", "-")[:64] or "generated-icp")
    wins = _Population(customers)
    if wins.rows == 0:
        raise NothingToPropose("the customers file has no rows; give at least one customer")
    market = _Population(baseline) if baseline is not None else None
    losses = _Population(lost) if lost is not None else None
    if wins.features.is_empty():
        raise NothingToPropose(
            "every customer is unknown on every dimension (industry, country, size, revenue, "
            "roles, technologies, signals, keywords); map more columns with --map or add data"
        )
    warnings = _warnings(wins, market)
    everyone = pl.Series(range(wins.rows), dtype=pl.UInt32)
    base_rows = None if market is None else pl.Series(range(market.rows), dtype=pl.UInt32)
    proposal_draft, icp, note = _propose(
        wins, market, losses, everyone, base_rows, slug, name, as_of
    )
    if not any(r.kept and not r.rule.startswith("disqualifiers.") for r in proposal_draft.rules):
        raise NothingToPropose(_nothing_message(market, proposal_draft.rules))
    backtest = None
    if market is not None and wins.rows >= 2:
        backtest = _backtest(wins, market, losses, slug, name, as_of, min(folds, wins.rows))
    return Proposal(
        icp=icp,
        rules=proposal_draft.rules,
        min_score_note=note,
        backtest=backtest,
        warnings=tuple(warnings),
        customers=wins.rows,
        baseline=None if market is None else market.rows,
        lost=None if losses is None else losses.rows,
    )


def _propose(
    wins: _Population,
    market: _Population | None,
    losses: _Population | None,
    win_rows: pl.Series,
    base_rows: pl.Series | None,
    slug: str,
    name: str,
    as_of: date,
) -> tuple[Draft, Icp, str]:
    """Draft on these rows, then choose ``min_score`` on them."""
    populations = Populations(
        customers=wins.counts(win_rows),
        customers_total=win_rows.len(),
        baseline=None if market is None or base_rows is None else market.counts(base_rows),
        baseline_total=None if base_rows is None else base_rows.len(),
        lost=None if losses is None else losses.counts(),
        lost_total=None if losses is None else losses.rows,
    )

    def coverage(rule: str, kept: Sequence[ValueEvidence]) -> tuple[float, float | None]:
        base = None if market is None else market.coverage(rule, kept, base_rows)
        return wins.coverage(rule, kept, win_rows), base

    proposed = draft(populations, coverage, slug=slug, name=name)
    if not proposed.document["rules"]:
        raise NothingToPropose(_nothing_message(market, proposed.rules))
    provisional = finish(proposed, 50)
    customer_scores = wins.scores(provisional, as_of, win_rows).to_numpy()
    if market is None or base_rows is None:
        threshold = _describing_threshold(customer_scores)
        qualified = float(np.mean(customer_scores >= threshold))
        note = (
            f"min_score {threshold} keeps {qualified:.0%} of your customers qualified; without a "
            "baseline it cannot say how much of the rest of the market would qualify"
        )
        return proposed, finish(proposed, threshold), note
    sample = _sample(base_rows, THRESHOLD_SAMPLE)
    baseline_scores = market.scores(provisional, as_of, sample).to_numpy()
    threshold, tpr, fpr = _youden(customer_scores, baseline_scores)
    note = (
        f"min_score {threshold} qualifies {tpr:.0%} of your customers and {fpr:.0%} of the "
        "baseline: the score that best tells them apart (largest difference between the two "
        "shares, Youden's J)"
    )
    return proposed, finish(proposed, threshold), note


def _youden(customers: np.ndarray, baseline: np.ndarray) -> tuple[int, float, float]:
    best = (1, -2.0, 0.0, 0.0)
    for threshold in range(1, 101):
        tpr = float(np.mean(customers >= threshold)) if customers.size else 0.0
        fpr = float(np.mean(baseline >= threshold)) if baseline.size else 0.0
        if tpr - fpr > best[1] + 1e-12:
            best = (threshold, tpr - fpr, tpr, fpr)
    return best[0], best[2], best[3]


def _describing_threshold(customers: np.ndarray) -> int:
    """The highest score that keeps 80% of the customers qualified."""
    best = 1
    for threshold in range(1, 101):
        if customers.size and float(np.mean(customers >= threshold)) >= 0.8:
            best = threshold
    return best


def _sample(rows: pl.Series, limit: int) -> pl.Series:
    """Every k-th row, at most ``limit``: deterministic and spread over the whole file."""
    if rows.len() <= limit:
        return rows
    step = -(-rows.len() // limit)
    return rows.gather_every(step)


def _backtest(
    wins: _Population,
    market: _Population,
    losses: _Population | None,
    slug: str,
    name: str,
    as_of: date,
    k: int,
) -> Backtest:
    rng = np.random.default_rng(0)
    win_fold = rng.permutation(wins.rows) % k
    base_fold = rng.permutation(market.rows) % k
    icp_wins: list[np.ndarray] = []
    icp_base: list[np.ndarray] = []
    nb_wins: list[np.ndarray] = []
    nb_base: list[np.ndarray] = []
    qualified_wins = 0
    qualified_base = 0
    nb_qualified_wins = 0
    nb_qualified_base = 0
    for part in range(k):
        train_w = pl.Series(np.flatnonzero(win_fold != part), dtype=pl.UInt32)
        test_w = pl.Series(np.flatnonzero(win_fold == part), dtype=pl.UInt32)
        train_b = pl.Series(np.flatnonzero(base_fold != part), dtype=pl.UInt32)
        test_b = pl.Series(np.flatnonzero(base_fold == part), dtype=pl.UInt32)
        if train_w.len() == 0 or test_w.len() == 0:
            continue
        try:
            _, icp, _ = _propose(wins, market, losses, train_w, train_b, slug, name, as_of)
        except NothingToPropose:
            continue
        w_scores = wins.scores(icp, as_of, test_w).to_numpy()
        b_scores = market.scores(icp, as_of, test_b).to_numpy()
        icp_wins.append(w_scores)
        icp_base.append(b_scores)
        qualified_wins += int(np.sum(w_scores >= icp.min_score))
        qualified_base += int(np.sum(b_scores >= icp.min_score))
        nb_w, nb_b, nb_qw, nb_qb = _naive_bayes_fold(wins, market, train_w, test_w, train_b, test_b)
        nb_wins.append(nb_w)
        nb_base.append(nb_b)
        nb_qualified_wins += nb_qw
        nb_qualified_base += nb_qb
    if not icp_wins:
        raise NothingToPropose("no fold of the backtest could propose a rule; add customers")
    all_w, all_b = np.concatenate(icp_wins), np.concatenate(icp_base)
    icp_metrics = metrics(all_w, all_b, 0)
    icp_metrics = type(icp_metrics)(
        auc=icp_metrics.auc,
        recall=qualified_wins / all_w.size,
        baseline_qualified=qualified_base / all_b.size,
        top_decile_lift=icp_metrics.top_decile_lift,
    )
    nb_all_w, nb_all_b = np.concatenate(nb_wins), np.concatenate(nb_base)
    nb_metrics = metrics(nb_all_w, nb_all_b, 0.0)
    nb_metrics = type(nb_metrics)(
        auc=nb_metrics.auc,
        recall=nb_qualified_wins / nb_all_w.size,
        baseline_qualified=nb_qualified_base / nb_all_b.size,
        top_decile_lift=nb_metrics.top_decile_lift,
    )
    shown = all_b if all_b.size <= REPORT_SAMPLE else all_b[:: -(-all_b.size // REPORT_SAMPLE)]
    return Backtest(
        folds=k,
        icp=icp_metrics,
        naive_bayes=nb_metrics,
        customer_scores=tuple(int(s) for s in all_w),
        baseline_scores=tuple(int(s) for s in shown),
        baseline_sampled_from=int(all_b.size),
    )


def _naive_bayes_fold(
    wins: _Population,
    market: _Population,
    train_w: pl.Series,
    test_w: pl.Series,
    train_b: pl.Series,
    test_b: pl.Series,
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Out-of-fold naive-Bayes scores, and how many held-out leads its own threshold qualifies
    (chosen on the training leads like ``min_score``: Youden's J)."""
    offset = wins.rows
    shifted = market.features.with_columns((pl.col("row") + offset).alias("row"))
    together = pl.concat([wins.features, shifted])
    model = naive_bayes.fit(together, train_w, train_b + offset)
    scores = naive_bayes.predict(model, together, offset + market.rows).to_numpy()
    win_scores, base_scores = scores[:offset], scores[offset:]
    train_sample = _sample(train_b, THRESHOLD_SAMPLE).to_numpy()
    threshold = _best_cut(win_scores[train_w.to_numpy()], base_scores[train_sample])
    held_w, held_b = win_scores[test_w.to_numpy()], base_scores[test_b.to_numpy()]
    return held_w, held_b, int(np.sum(held_w >= threshold)), int(np.sum(held_b >= threshold))


def _best_cut(positive: np.ndarray, negative: np.ndarray) -> float:
    """The cut on real-valued scores with the largest Youden's J."""
    cuts = np.unique(np.concatenate([positive, negative]))
    best, best_j = float(cuts[0]) if cuts.size else 0.0, -2.0
    pos_sorted, neg_sorted = np.sort(positive), np.sort(negative)
    for cut in cuts:
        tpr = 1 - np.searchsorted(pos_sorted, cut, side="left") / max(pos_sorted.size, 1)
        fpr = 1 - np.searchsorted(neg_sorted, cut, side="left") / max(neg_sorted.size, 1)
        if tpr - fpr > best_j + 1e-12:
            best, best_j = float(cut), tpr - fpr
    return best


def _warnings(wins: _Population, market: _Population | None) -> list[str]:
    out = []
    if wins.rows < FEW_CUSTOMERS:
        out.append(
            f"only {wins.rows} customers: every share below rests on a handful of companies; "
            f"treat the proposal as a starting point and add customers (at least {FEW_CUSTOMERS})"
        )
    known = wins.features.get_column("row").n_unique() / wins.rows
    if known < 0.5:
        out.append(f"{1 - known:.0%} of the customers are unknown on every dimension")
    if market is None:
        out.append(
            "no baseline: the proposal describes your customers; lift and the backtest need "
            "the rest of the market (--baseline LEADS)"
        )
    return out


def _nothing_message(market: _Population | None, rules: Sequence[RuleEvidence]) -> str:
    if market is not None:
        return (
            "your customers look like the baseline on every dimension: no value is held by at "
            "least 10% of them with a lift of 1.5 or more. If the baseline is your customers "
            "themselves, give the rest of the market as --baseline; else map more columns"
        )
    notes = "; ".join(f"{r.rule}: {r.note}" for r in rules if r.note)
    return f"the customers support no rule ({notes}); add customers or map more columns"
