"""Where to cut scores: ``min_score`` and the naive-Bayes reference's own threshold.

With a baseline the cut is where customers and baseline are best told apart (Youden's J: the
share of customers qualified minus the share of the baseline); without one, the highest score
that keeps most customers qualified.
"""

from __future__ import annotations

import numpy as np

#: Without a baseline, ``min_score`` keeps at least this share of the customers qualified.
DESCRIBE_QUALIFIED = 0.8


def youden(customers: np.ndarray, baseline: np.ndarray) -> tuple[int, float, float]:
    """The integer ``min_score`` with the largest Youden's J (the lowest such score), and the
    shares of customers and baseline it qualifies."""
    best = (1, -2.0, 0.0, 0.0)
    for threshold in range(1, 101):
        tpr = float(np.mean(customers >= threshold)) if customers.size else 0.0
        fpr = float(np.mean(baseline >= threshold)) if baseline.size else 0.0
        if tpr - fpr > best[1] + 1e-12:
            best = (threshold, tpr - fpr, tpr, fpr)
    return best[0], best[2], best[3]


def describing_threshold(customers: np.ndarray) -> int:
    """The highest score that keeps 80% of the customers qualified."""
    best = 1
    for threshold in range(1, 101):
        if customers.size and float(np.mean(customers >= threshold)) >= DESCRIBE_QUALIFIED:
            best = threshold
    return best


def best_cut(positive: np.ndarray, negative: np.ndarray) -> float:
    """The cut on real-valued scores with the largest Youden's J (the lowest such cut).

    Shares are counts over the class sizes, so two different J differ by far more than the
    1e-12 that tells a float tie."""
    cuts = np.unique(np.concatenate([positive, negative]))
    if not cuts.size:
        return 0.0
    pos_sorted, neg_sorted = np.sort(positive), np.sort(negative)
    tpr = 1 - np.searchsorted(pos_sorted, cuts, side="left") / max(pos_sorted.size, 1)
    fpr = 1 - np.searchsorted(neg_sorted, cuts, side="left") / max(neg_sorted.size, 1)
    j = tpr - fpr
    return float(cuts[np.flatnonzero(j > j.max() - 1e-12)[0]])
