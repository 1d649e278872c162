"""How well scores separate customers (positives) from the baseline (negatives).

Every function takes the positives' scores and the negatives' scores as two lists (or Polars
Series); a higher score means "more like a customer". The functions are exact, ties included:

- ``auc``: the probability that a random positive scores above a random negative, ties counting
  one half (the Mann-Whitney U statistic over ``n_pos * n_neg``), from average ranks in
  O(n log n).
- ``recall_at`` / ``share_at``: the share of positives / negatives scoring at least a threshold.
- ``top_decile_lift``: the positive share among the top-scored 10% over the positive share
  overall; leads tied at the cut count fractionally (see the function).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy.typing as npt
import polars as pl

from leadsieve.generate.model import Metrics

#: Scores of one side: a list of numbers, a Polars Series or a NumPy array.
Scores = Sequence[float] | pl.Series | npt.NDArray[Any]


def auc(positive: Scores, negative: Scores) -> float:
    """The probability that a random positive scores above a random negative, ties counting
    one half: ``U / (n_pos * n_neg)``, where ``U = R_pos - n_pos * (n_pos + 1) / 2`` and
    ``R_pos`` is the sum of the positives' average ranks among all scores.

    Exact for ties (average ranks are multiples of one half, so the float sums are exact below
    2**52). 0.5 when every score is equal, 1.0 for a perfect separator, 0.0 for a reversed one.
    Raises ``ValueError`` when either side is empty or holds a missing score.
    """
    pos = _as_scores(positive, "positive")
    neg = _as_scores(negative, "negative")
    n_pos, n_neg = pos.len(), neg.len()
    ranks = pl.concat([pos, neg]).rank("average")
    rank_sum = float(ranks.head(n_pos).sum())
    u = rank_sum - n_pos * (n_pos + 1) / 2
    return u / (n_pos * n_neg)


def recall_at(positive_scores: Scores, threshold: float) -> float:
    """Share of the positives scoring ``>= threshold`` (the customers a model qualifies)."""
    return _share_at_least(_as_scores(positive_scores, "positive"), threshold)


def share_at(negative_scores: Scores, threshold: float) -> float:
    """Share of the negatives scoring ``>= threshold`` (the baseline a model qualifies)."""
    return _share_at_least(_as_scores(negative_scores, "negative"), threshold)


def top_decile_lift(positive: Scores, negative: Scores) -> float:
    """Positive share among the top-scored 10% of all leads over the positive share overall.

    The top decile holds ``k = ceil(n / 10)`` leads, ``n`` being positives plus negatives. Leads
    scoring above the k-th highest score are in it; the leads tied *at* that score fill the
    remaining slots in proportion: with ``t`` tied leads of which ``t_pos`` are positives and
    ``r`` slots left, the decile counts ``r * t_pos / t`` positives. That is the expected value
    over every order of the ties, so the result does not depend on input order. A perfect
    separator with 10% positives gives 10; random scores give about 1.

    Raises ``ValueError`` when there are no positives (the lift is undefined) or a score is
    missing; no negatives gives 1.0.
    """
    pos = _as_scores(positive, "positive")
    neg = _as_scores(negative, "negative", allow_empty=True)
    scores = pl.concat([pos, neg])
    n, n_pos = scores.len(), pos.len()
    k = -(-n // 10)  # ceil(n / 10) in integers: 0.1 * 30 is 3.0000000000000004 in floats
    cut = float(scores.sort(descending=True)[k - 1])
    above = int((scores > cut).sum())
    tied = int((scores == cut).sum())
    pos_above = int((pos > cut).sum())
    pos_tied = int((pos == cut).sum())
    pos_top = pos_above + (k - above) * pos_tied / tied
    return (pos_top / k) / (n_pos / n)


def metrics(positive: Scores, negative: Scores, threshold: float) -> Metrics:
    """AUC, recall and baseline share at ``threshold``, and top-decile lift, in one record."""
    return Metrics(
        auc=auc(positive, negative),
        recall=recall_at(positive, threshold),
        baseline_qualified=share_at(negative, threshold),
        top_decile_lift=top_decile_lift(positive, negative),
    )


def _as_scores(values: Scores, side: str, *, allow_empty: bool = False) -> pl.Series:
    """``values`` as a Float64 Series; refuse an empty side (unless allowed) and missing scores,
    which have no rank."""
    series = (
        values.cast(pl.Float64).rename("score")
        if isinstance(values, pl.Series)
        else pl.Series("score", values, dtype=pl.Float64)
    )
    if series.is_empty() and not allow_empty:
        raise ValueError(f"no {side} scores: the metric needs at least one {side} lead")
    if series.has_nulls() or series.is_nan().any():
        raise ValueError(f"a {side} score is missing (null or NaN): every lead needs a score")
    return series


def _share_at_least(scores: pl.Series, threshold: float) -> float:
    return int((scores >= threshold).sum()) / scores.len()
