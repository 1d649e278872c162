"""Propose an ICP from a list of best customers, with evidence per rule and a backtest.

``generate_icp(customers, baseline, lost, name=..., as_of=...)`` takes lead frames with DESIGN.md's
canonical columns (as ``leadsieve.score`` does), normalizes them once, and:

1. counts, per dimension and value, the customers, baseline leads and lost customers that have it
   (``leadsieve.generate.features``);
2. chooses each rule's values by support, baseline share and lift, and bands for sizes
   (``leadsieve.generate.select``); weights follow each rule's separating power
   (``leadsieve.generate.propose``); lost customers propose disqualifiers, kept only when the
   engine, scoring the customers with them, disqualifies none (``leadsieve.generate.disqualify``);
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

import numpy as np
import polars as pl

from leadsieve.errors import NothingToPropose
from leadsieve.generate import naive_bayes
from leadsieve.generate.disqualify import Removed
from leadsieve.generate.metrics import auc, top_decile_lift
from leadsieve.generate.model import Backtest, Metrics, Proposal, RuleEvidence, ValueEvidence
from leadsieve.generate.population import Population, Subset
from leadsieve.generate.propose import Draft, draft, finish
from leadsieve.generate.select import Populations
from leadsieve.generate.threshold import best_cut, describing_threshold, youden
from leadsieve.icp.model import Icp
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
    wins = Population(customers)
    if wins.rows == 0:
        raise NothingToPropose("the customers file has no rows; give at least one customer")
    market = Population(baseline) if baseline is not None else None
    losses = Population(lost) if lost is not None else None
    if wins.features.is_empty():
        raise NothingToPropose(
            "every customer is unknown on every dimension (industry, country, size, revenue, "
            "roles, technologies, signals, keywords); map more columns with --map or add data"
        )
    warnings = _warnings(wins, market)
    lost_leads = None if losses is None else losses.everyone()
    proposal_draft, icp, note = _propose(
        wins,
        market,
        lost_leads,
        wins.everyone(),
        None if market is None else market.everyone(),
        slug,
        name,
        as_of,
        measure_baseline=True,
    )
    if not any(r.kept and not r.rule.startswith("disqualifiers.") for r in proposal_draft.rules):
        raise NothingToPropose(_nothing_message(market, proposal_draft.rules))
    backtest = None
    if market is not None and wins.rows >= 2:
        backtest = _backtest(wins, market, lost_leads, slug, name, as_of, min(folds, wins.rows))
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
    wins: Population,
    market: Population | None,
    lost: Subset | None,
    win: Subset,
    base: Subset | None,
    slug: str,
    name: str,
    as_of: date,
    *,
    measure_baseline: bool = False,
) -> tuple[Draft, Icp, str]:
    """Draft on these leads, then choose ``min_score`` on them. ``measure_baseline``: also
    measure the share of the baseline each disqualifier removes (for the report)."""
    populations = Populations(
        customers=win.counts,
        customers_total=win.rows.len(),
        baseline=None if base is None else base.counts,
        baseline_total=None if base is None else base.rows.len(),
        lost=None if lost is None else lost.counts,
        lost_total=None if lost is None else lost.rows.len(),
    )

    def coverage(rule: str, kept: Sequence[ValueEvidence]) -> tuple[float, float | None]:
        base_share = None if market is None or base is None else market.coverage(kept, base)
        return wins.coverage(kept, win), base_share

    def measure(document: dict[str, object]) -> Removed:
        icp = Icp.model_validate({**document, "min_score": 50})
        removed = wins.disqualified(icp, as_of, win.rows)
        if market is None or base is None or not measure_baseline or removed:
            return Removed(removed)
        sample = _sample(base.rows, THRESHOLD_SAMPLE)
        return Removed(removed, market.disqualified(icp, as_of, sample), sample.len())

    proposed = draft(populations, coverage, measure, slug=slug, name=name)
    if not proposed.document["rules"]:
        raise NothingToPropose(_nothing_message(market, proposed.rules))
    provisional = finish(proposed, 50)
    customer_scores = wins.scores(provisional, as_of, win.rows).to_numpy()
    if market is None or base is None:
        threshold = describing_threshold(customer_scores)
        qualified = float(np.mean(customer_scores >= threshold))
        note = (
            f"min_score {threshold} keeps {qualified:.0%} of your customers qualified; without a "
            "baseline it cannot say how much of the rest of the market would qualify"
        )
        return proposed, finish(proposed, threshold), note
    sample = _sample(base.rows, THRESHOLD_SAMPLE)
    baseline_scores = market.scores(provisional, as_of, sample).to_numpy()
    threshold, tpr, fpr = youden(customer_scores, baseline_scores)
    note = (
        f"min_score {threshold} qualifies {tpr:.0%} of your customers and {fpr:.0%} of the "
        "baseline: the score that best tells them apart (largest difference between the two "
        "shares, Youden's J)"
    )
    return proposed, finish(proposed, threshold), note


def _sample(rows: pl.Series, limit: int) -> pl.Series:
    """Every k-th row, at most ``limit``: deterministic and spread over the whole file."""
    if rows.len() <= limit:
        return rows
    step = -(-rows.len() // limit)
    return rows.gather_every(step)


def _backtest(
    wins: Population,
    market: Population,
    lost: Subset | None,
    slug: str,
    name: str,
    as_of: date,
    k: int,
) -> Backtest:
    rng = np.random.default_rng(0)
    win_folds = wins.folds(rng.permutation(wins.rows) % k, k)
    base_folds = market.folds(rng.permutation(market.rows) % k, k)
    icp_wins: list[np.ndarray] = []
    icp_base: list[np.ndarray] = []
    nb_wins: list[np.ndarray] = []
    nb_base: list[np.ndarray] = []
    qualified = [0, 0]  # held-out customers and baseline leads the fold's ICP qualifies
    nb_qualified = [0, 0]  # the same for the naive-Bayes reference
    for (train_w, test_w), (train_b, test_b) in zip(win_folds, base_folds, strict=True):
        if train_w.rows.is_empty() or test_w.is_empty():
            continue
        try:
            _, icp, _ = _propose(wins, market, lost, train_w, train_b, slug, name, as_of)
        except NothingToPropose:
            continue
        w_scores = wins.scores(icp, as_of, test_w).to_numpy()
        b_scores = market.scores(icp, as_of, test_b).to_numpy()
        icp_wins.append(w_scores)
        icp_base.append(b_scores)
        qualified[0] += int(np.sum(w_scores >= icp.min_score))
        qualified[1] += int(np.sum(b_scores >= icp.min_score))
        nb_w, nb_b, nb_qw, nb_qb = _naive_bayes_fold(wins, market, train_w, test_w, train_b, test_b)
        nb_wins.append(nb_w)
        nb_base.append(nb_b)
        nb_qualified[0] += nb_qw
        nb_qualified[1] += nb_qb
    if not icp_wins:
        raise NothingToPropose("no fold of the backtest could propose a rule; add customers")
    all_w, all_b = np.concatenate(icp_wins), np.concatenate(icp_base)
    nb_all_w, nb_all_b = np.concatenate(nb_wins), np.concatenate(nb_base)
    shown = all_b if all_b.size <= REPORT_SAMPLE else all_b[:: -(-all_b.size // REPORT_SAMPLE)]
    return Backtest(
        folds=k,
        icp=_pooled(all_w, all_b, qualified),
        naive_bayes=_pooled(nb_all_w, nb_all_b, nb_qualified),
        customer_scores=tuple(int(s) for s in all_w),
        baseline_scores=tuple(int(s) for s in shown),
        baseline_sampled_from=int(all_b.size),
    )


def _pooled(customers: np.ndarray, baseline: np.ndarray, qualified: Sequence[int]) -> Metrics:
    """Metrics of the pooled out-of-fold scores. Each fold qualifies at its own threshold, so
    recall and the baseline share come from the per-fold counts, not from one cut."""
    return Metrics(
        auc=auc(customers, baseline),
        recall=qualified[0] / customers.size,
        baseline_qualified=qualified[1] / baseline.size,
        top_decile_lift=top_decile_lift(customers, baseline),
    )


def _naive_bayes_fold(
    wins: Population,
    market: Population,
    train_w: Subset,
    test_w: pl.Series,
    train_b: Subset,
    test_b: pl.Series,
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Out-of-fold naive-Bayes scores, and how many held-out leads its own threshold qualifies
    (chosen on the training leads like ``min_score``: Youden's J).

    The model is fitted from the fold's counts; only the leads whose scores are read (every
    customer, the held-out baseline and the baseline sample for the threshold) are scored."""
    model = naive_bayes.from_counts(
        train_w.counts, train_b.counts, train_w.rows.len(), train_b.rows.len()
    )
    win_scores = naive_bayes.predict_encoded(model, wins.encoded, wins.rows).to_numpy()
    train_sample = _sample(train_b.rows, THRESHOLD_SAMPLE).to_numpy()
    read = np.zeros(market.rows, dtype=np.bool_)
    read[train_sample] = True
    read[test_b.to_numpy()] = True
    lines = read[market.encoded.rows]
    base_scores = naive_bayes.predict_encoded(model, market.encoded, market.rows, lines).to_numpy()
    threshold = best_cut(win_scores[train_w.rows.to_numpy()], base_scores[train_sample])
    held_w, held_b = win_scores[test_w.to_numpy()], base_scores[test_b.to_numpy()]
    return held_w, held_b, int(np.sum(held_w >= threshold)), int(np.sum(held_b >= threshold))


def _warnings(wins: Population, market: Population | None) -> list[str]:
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


def _nothing_message(market: Population | None, rules: Sequence[RuleEvidence]) -> str:
    if market is not None:
        return (
            "your customers look like the baseline on every dimension: no value is held by at "
            "least 10% of them with a lift of 1.5 or more. If the baseline is your customers "
            "themselves, give the rest of the market as --baseline; else map more columns"
        )
    notes = "; ".join(f"{r.rule}: {r.note}" for r in rules if r.note)
    return f"the customers support no rule ({notes}); add customers or map more columns"
