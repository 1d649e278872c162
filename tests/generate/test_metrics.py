"""AUC, recall, baseline share and top-decile lift on hand-computed cases and random scores."""

from __future__ import annotations

import math
from random import Random

import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadsieve.generate.metrics import auc, metrics, recall_at, share_at, top_decile_lift
from leadsieve.generate.model import Metrics


def pairwise_auc(positive: list[int], negative: list[int]) -> float:
    """The O(n*m) definition: wins plus half the ties, over all pairs."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


@pytest.mark.parametrize(
    ("positive", "negative", "expected"),
    [
        pytest.param([3, 4, 5], [0, 1, 2], 1.0, id="perfect-separation"),
        pytest.param([0, 1, 2], [3, 4, 5], 0.0, id="reversed"),
        pytest.param([7, 7, 7], [7, 7], 0.5, id="all-equal"),
        pytest.param([1], [1], 0.5, id="one-tie"),
        pytest.param([2, 1], [1, 0], 7 / 8, id="one-tie-among-four-pairs"),
        pytest.param([5, 3], [5, 5, 0, 0], 5 / 8, id="ties-at-the-top"),
        pytest.param([1, 3], [2], 0.5, id="one-above-one-below"),
        pytest.param([0.5, 0.25], [0.25, 0.125, 0.5], 4 / 6, id="floats"),
    ],
)
def test_auc_hand_computed(positive: list[float], negative: list[float], expected: float) -> None:
    """AUC counts, over all positive-negative pairs, wins as 1 and ties as 1/2."""
    assert auc(positive, negative) == pytest.approx(expected, abs=1e-12)


@given(
    st.lists(st.integers(0, 6), min_size=1, max_size=30),
    st.lists(st.integers(0, 6), min_size=1, max_size=30),
)
def test_auc_equals_the_pairwise_count(positive: list[int], negative: list[int]) -> None:
    """The rank formula equals the brute-force pairwise count, ties included."""
    assert auc(positive, negative) == pytest.approx(pairwise_auc(positive, negative), abs=1e-12)


def test_auc_accepts_series_and_arrays() -> None:
    """Lists, Polars Series (any numeric dtype) and NumPy arrays give the same AUC."""
    expected = auc([2, 1], [1, 0])
    assert auc(pl.Series([2, 1], dtype=pl.Int64), pl.Series([1.0, 0.0])) == expected
    assert auc(np.array([2, 1]), np.array([1.0, 0.0])) == expected


@pytest.mark.parametrize(
    ("positive", "negative", "message"),
    [
        pytest.param([], [1.0], "no positive scores", id="no-positives"),
        pytest.param([1.0], [], "no negative scores", id="no-negatives"),
        pytest.param([1.0, math.nan], [0.0], "positive score is missing", id="nan"),
        pytest.param([1.0], pl.Series([0.0, None]), "negative score is missing", id="null"),
    ],
)
def test_auc_refuses_empty_sides_and_missing_scores(
    positive: list[float], negative: list[float] | pl.Series, message: str
) -> None:
    """AUC needs a score for at least one lead on each side."""
    with pytest.raises(ValueError, match=message):
        auc(positive, negative)


def test_recall_and_share_count_scores_at_or_above_the_threshold() -> None:
    """A score equal to the threshold qualifies."""
    assert recall_at([10, 50, 60, 90], 60) == 0.5
    assert share_at([0, 59.9, 60], 60) == pytest.approx(1 / 3)
    assert recall_at([1, 2], 3) == 0.0
    with pytest.raises(ValueError, match="no negative scores"):
        share_at([], 1)


@pytest.mark.parametrize(
    ("positive", "negative", "expected"),
    [
        pytest.param([1] * 10, [0] * 90, 10.0, id="perfect-10-percent"),
        pytest.param([0] * 10, [1] * 90, 0.0, id="reversed"),
        pytest.param([3] * 10, [3] * 90, 1.0, id="all-tied"),
        # 20 leads, top 2: three leads tie at 5 (one positive), so 2/3 of a positive is in it.
        pytest.param([5, 3], [5, 5] + [0] * 16, (2 / 3 / 2) / (2 / 20), id="ties-at-the-cut"),
        # 30 leads, top 3 (a float ceil(0.1 * 30) would say 4): 2 of the 3 are positives.
        pytest.param([9, 8, 1], [7] + [0] * 26, (2 / 3) / (3 / 30), id="integer-ceil"),
        # 11 leads, top 2: one positive and one negative above every other lead.
        pytest.param([9], [9] + [0] * 9, (1 / 2) / (1 / 11), id="decile-of-two"),
        pytest.param([4, 2], [], 1.0, id="no-negatives"),
    ],
)
def test_top_decile_lift_hand_computed(
    positive: list[float], negative: list[float], expected: float
) -> None:
    """Positive share among the top ceil(n/10) leads over the share overall; ties at the cut
    count fractionally."""
    assert top_decile_lift(positive, negative) == pytest.approx(expected, abs=1e-12)


@given(st.integers(1, 60), st.data())
def test_top_decile_lift_of_a_perfect_separator_with_ten_percent_positives_is_ten(
    n_positive: int, data: st.DataObject
) -> None:
    """When positives are 10% of the leads and all outscore the negatives, the top decile is
    all positives: lift 1 / 0.1 = 10."""
    positive = data.draw(st.lists(st.integers(10, 20), min_size=n_positive, max_size=n_positive))
    size = 9 * n_positive
    negative = data.draw(st.lists(st.integers(0, 9), min_size=size, max_size=size))
    assert top_decile_lift(positive, negative) == pytest.approx(10.0)


@given(
    st.lists(st.integers(0, 4), min_size=1, max_size=40),
    st.lists(st.integers(0, 4), min_size=0, max_size=40),
    st.randoms(use_true_random=False),
)
def test_top_decile_lift_ignores_input_order(
    positive: list[int], negative: list[int], random: Random
) -> None:
    """Fractional ties make the lift independent of the order leads come in."""
    shuffled_pos, shuffled_neg = list(positive), list(negative)
    random.shuffle(shuffled_pos)
    random.shuffle(shuffled_neg)
    assert top_decile_lift(shuffled_pos, shuffled_neg) == pytest.approx(
        top_decile_lift(positive, negative), abs=1e-12
    )


def test_top_decile_lift_needs_positives() -> None:
    """Without positives there is no share to lift."""
    with pytest.raises(ValueError, match="no positive scores"):
        top_decile_lift([], [1.0, 2.0])


def test_metrics_assembles_all_four() -> None:
    """``metrics`` is the four functions in one record."""
    positive, negative = [90, 70, 40], [80, 30, 20, 10, 10, 0, 0]
    assert metrics(positive, negative, 60) == Metrics(
        auc=auc(positive, negative),
        recall=2 / 3,
        baseline_qualified=1 / 7,
        top_decile_lift=(1 / 1) / (3 / 10),
    )
