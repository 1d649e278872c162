"""The naive-Bayes reference: the formula on a hand-computed case, unseen values, a planted
population and determinism."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest

from leadsieve.generate.metrics import auc
from leadsieve.generate.naive_bayes import encode, fit, from_counts, predict, predict_encoded

SCHEMA = {"row": pl.UInt32, "dimension": pl.String, "value": pl.String}


def make_features(*lines: tuple[int, str, str]) -> pl.DataFrame:
    """A features frame from ``(row, dimension, value)`` lines."""
    return pl.DataFrame(list(lines), schema=SCHEMA, orient="row")


# Leads 0, 1 positive; 2, 3, 4 negative; 5 unlabelled (not trained on).
# industry: 0 software; 1 software; 2 retail; 3 software; 4 retail; 5 retail
# technologies (multi-valued): 0 slack+hubspot; 1 slack; 2 none; 3 slack; 4 sap; 5 unseen "zoho"
TINY = make_features(
    (0, "industry", "software"),
    (0, "technologies", "slack"),
    (0, "technologies", "hubspot"),
    (1, "industry", "software"),
    (1, "technologies", "slack"),
    (2, "industry", "retail"),
    (3, "industry", "software"),
    (3, "technologies", "slack"),
    (4, "industry", "retail"),
    (4, "technologies", "sap"),
    (5, "industry", "retail"),
    (5, "technologies", "zoho"),
)


def formula(c_pos: int, c_neg: int, distinct: int, alpha: float = 1.0) -> float:
    """log P(v|pos) - log P(v|neg) with 2 positives and 3 negatives."""
    slots = alpha * (distinct + 1)
    return math.log((c_pos + alpha) / (2 + slots)) - math.log((c_neg + alpha) / (3 + slots))


def test_fit_follows_the_documented_formula() -> None:
    """Counts of leads per value and class, Laplace smoothing with V_d + 1 slots, log prior
    odds; values only unlabelled leads have are not in the model."""
    model = fit(TINY, [0, 1], [2, 3, 4])
    assert model.prior == pytest.approx(math.log(2 / 3))
    assert (model.positives, model.negatives, model.alpha) == (2, 3, 1.0)
    rows = model.weights.rows()
    assert [r[:4] for r in rows] == [
        ("industry", "retail", 0, 2),
        ("industry", "software", 2, 1),
        ("technologies", "hubspot", 1, 0),
        ("technologies", "sap", 0, 1),
        ("technologies", "slack", 2, 1),
    ]
    expected = [formula(0, 2, 2), formula(2, 1, 2), formula(1, 0, 3), formula(0, 1, 3)]
    expected.append(formula(2, 1, 3))
    assert [r[4] for r in rows] == pytest.approx(expected)


def test_fit_with_another_alpha() -> None:
    """``alpha`` is the pseudo-count in numerator and denominator."""
    model = fit(TINY, [0, 1], [2, 3, 4], alpha=0.5)
    weight = model.weights.filter(pl.col("value") == "software").get_column("weight").item()
    assert weight == pytest.approx(formula(2, 1, 2, alpha=0.5))


def test_predict_is_the_prior_plus_the_weights_of_the_values() -> None:
    """Each lead's log-odds sum its known values' weights onto the prior; a lead with no
    feature (row 6) gets the prior, and an unseen value (``zoho``) adds nothing."""
    model = fit(TINY, [0, 1], [2, 3, 4])
    prior = math.log(2 / 3)
    retail, software = formula(0, 2, 2), formula(2, 1, 2)
    hubspot, sap, slack = formula(1, 0, 3), formula(0, 1, 3), formula(2, 1, 3)
    scores = predict(model, TINY, 7)
    assert scores.dtype == pl.Float64
    assert scores.to_list() == pytest.approx(
        [
            prior + software + slack + hubspot,
            prior + software + slack,
            prior + retail,
            prior + software + slack,
            prior + retail + sap,
            prior + retail,
            prior,
        ]
    )


def test_an_unseen_value_scores_like_no_value() -> None:
    """A value (or a dimension) training never saw changes no score."""
    model = fit(TINY, [0, 1], [2, 3, 4])
    without = make_features((0, "industry", "software"), (1, "industry", "retail"))
    with_unseen = make_features(
        (0, "industry", "software"),
        (0, "technologies", "never-seen"),
        (1, "industry", "retail"),
        (1, "funding", "series-a"),
        (1, "industry", "slack"),  # a value seen, but in another dimension
    )
    assert predict(model, with_unseen, 2).to_list() == predict(model, without, 2).to_list()


def test_predict_without_features_gives_the_prior_to_every_lead() -> None:
    """No features at all: every lead is unknown."""
    model = fit(TINY, [0, 1], [2, 3, 4])
    assert predict(model, TINY.clear(), 3).to_list() == [math.log(2 / 3)] * 3


def test_fit_accepts_series_of_rows() -> None:
    """Rows as Polars Series (any integer dtype) fit the same model as lists."""
    listed = fit(TINY, [0, 1], [2, 3, 4])
    series = fit(TINY, pl.Series([1, 0], dtype=pl.UInt32), pl.Series([4, 2, 3]))
    assert series.weights.equals(listed.weights)
    assert series.prior == listed.prior


@pytest.mark.parametrize(
    ("positive", "negative", "alpha", "message"),
    [
        pytest.param([], [2], 1.0, "no positive rows", id="no-positives"),
        pytest.param([0], [], 1.0, "no negative rows", id="no-negatives"),
        pytest.param([0, 1], [1, 2], 1.0, "both positive and negative", id="overlap"),
        pytest.param([-1], [2], 1.0, "lead indices", id="negative-row"),
        pytest.param([0], [2], 0.0, "alpha must be positive", id="zero-alpha"),
    ],
)
def test_fit_refuses_impossible_classes(
    positive: list[int], negative: list[int], alpha: float, message: str
) -> None:
    """Both classes must hold leads, none in both, and alpha must smooth."""
    with pytest.raises(ValueError, match=message):
        fit(TINY, positive, negative, alpha=alpha)


def test_predict_refuses_rows_outside_the_range() -> None:
    """A feature of lead 5 cannot be scored among 5 leads."""
    model = fit(TINY, [0, 1], [2, 3, 4])
    with pytest.raises(ValueError, match=r"outside 0 \.\. 4"):
        predict(model, TINY, 5)


def planted(seed: int = 7) -> tuple[pl.DataFrame, np.ndarray, np.ndarray]:
    """2,000 positives with value "a" 80% of the time, 8,000 negatives with it 10% of the time,
    otherwise "b"; a noise dimension with the same distribution in both classes."""
    rng = np.random.default_rng(seed)
    n_pos, n_neg = 2_000, 8_000
    is_positive = np.arange(n_pos + n_neg) < n_pos
    has_a = rng.random(n_pos + n_neg) < np.where(is_positive, 0.8, 0.1)
    rows = np.arange(n_pos + n_neg, dtype=np.uint32)
    signal = pl.DataFrame(
        {"row": rows, "dimension": "industry", "value": np.where(has_a, "a", "b")}
    )
    noise = pl.DataFrame(
        {"row": rows, "dimension": "country", "value": rng.choice(["x", "y", "z"], rows.size)}
    )
    features = pl.concat([signal, noise]).cast(SCHEMA)  # type: ignore[arg-type]
    return features, np.flatnonzero(is_positive), np.flatnonzero(~is_positive)


def test_a_planted_value_separates_the_classes() -> None:
    """Positives score higher on average, and AUC is well above chance."""
    features, positive, negative = planted()
    model = fit(features, positive, negative)
    scores = predict(model, features, positive.size + negative.size).to_numpy()
    assert scores[positive].mean() > scores[negative].mean()
    assert auc(scores[positive], scores[negative]) > 0.8
    weights = dict(zip(model.weights["value"], model.weights["weight"], strict=True))
    assert weights["a"] > 0 > weights["b"]
    assert abs(weights["x"]) < 0.2


def test_same_input_same_output() -> None:
    """Fitting and predicting twice gives identical models and scores, bit for bit."""
    features, positive, negative = planted(seed=11)
    first, second = fit(features, positive, negative), fit(features, positive, negative)
    assert first.weights.equals(second.weights)
    assert first.prior == second.prior
    rows = 10_000
    assert predict(first, features, rows).equals(predict(second, features, rows))
    shuffled = features.sample(fraction=1.0, shuffle=True, seed=3)
    assert fit(shuffled, positive, negative).weights.equals(first.weights)
    assert predict(first, shuffled, rows).to_numpy() == pytest.approx(
        predict(first, features, rows).to_numpy(), abs=1e-12
    )


def test_from_counts_is_fit_on_the_leads_counted() -> None:
    """The backtest fits from per-fold counts; the model is the one ``fit`` makes on those leads."""
    positives = {("industry", "software"): 2, ("technologies", "slack"): 2}
    positives[("technologies", "hubspot")] = 1
    negatives = {("industry", "retail"): 2, ("industry", "software"): 1}
    negatives |= {("technologies", "slack"): 1, ("technologies", "sap"): 1}
    counted = from_counts(positives, negatives, 2, 3)
    fitted = fit(TINY, [0, 1], [2, 3, 4])
    assert counted.weights.equals(fitted.weights)
    assert (counted.prior, counted.positives, counted.negatives) == (
        fitted.prior,
        fitted.positives,
        fitted.negatives,
    )


def test_from_counts_refuses_an_empty_class() -> None:
    with pytest.raises(ValueError, match="both classes"):
        from_counts({("industry", "software"): 1}, {}, 1, 0)


def test_encoded_features_score_like_the_frame_and_a_mask_scores_only_its_lines() -> None:
    """Encoded once, scored by a model: the same bits as ``predict``; with a mask over the
    lines, the leads whose lines are masked out keep the prior and the others are unchanged."""
    model = fit(TINY, [0, 1], [2, 3, 4])
    encoded = encode(TINY)
    assert encoded.vocabulary.height == TINY.select("dimension", "value").n_unique()
    whole = predict(model, TINY, 6)
    assert predict_encoded(model, encoded, 6).equals(whole)
    lines = np.isin(encoded.rows, [0, 4])
    masked = predict_encoded(model, encoded, 6, lines).to_list()
    assert [masked[i] for i in (0, 4)] == [whole[i] for i in (0, 4)]
    assert [masked[i] for i in (1, 2, 3, 5)] == [model.prior] * 4
