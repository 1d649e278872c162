"""The reference model of the backtest: naive Bayes over per-value frequencies.

This is the method of Odoo's open-source predictive lead scoring (``crm.lead``,
``_pls_get_naive_bayes_probabilities``): count, for each field value, the won and the lost leads
that have it, smooth the counts so that a value never seen in one class does not zero the
product, and multiply the per-value likelihood ratios with the prior odds, treating fields as
independent. Here the classes are customers (positives) and baseline leads (negatives), and the
product is a sum of logs.

Leads come as *features*: a long frame ``row`` (UInt32, the lead's index), ``dimension``,
``value`` (Strings), one line per value a lead has (``leadsieve.generate.features.features``).
A lead may have several values in a dimension (technologies) or none (unknown). The frame is a
set: a ``(row, dimension, value)`` line appears at most once, as ``features`` builds it. Lines
are counted as they come (counting distinct leads per value costs five times as much), so a
duplicate line would count twice, in ``fit`` and in ``predict`` alike.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

#: Rows of one class: lead indices as a Series, a list or a NumPy array.
Rows = pl.Series | Sequence[int] | npt.NDArray[np.integer[Any]]


@dataclass(frozen=True, eq=False)  # eq=False: comparing frames is not a boolean
class NaiveBayes:
    """A fitted model: one log-likelihood ratio per ``(dimension, value)`` and the prior."""

    #: ``dimension``, ``value``, ``positives``, ``negatives`` (leads of each class having the
    #: value), ``weight`` (log P(value | positive) - log P(value | negative)); sorted by
    #: dimension and value.
    weights: pl.DataFrame
    prior: float  # log(positives / negatives)
    positives: int  # positive leads trained on
    negatives: int  # negative leads trained on
    alpha: float  # the Laplace pseudo-count


def fit(
    features: pl.DataFrame,
    positive_rows: Rows,
    negative_rows: Rows,
    alpha: float = 1.0,
) -> NaiveBayes:
    """Fit the frequency model on the leads ``positive_rows`` (customers) and
    ``negative_rows`` (baseline) of ``features``; other rows are ignored.

    With ``n_pos`` positive and ``n_neg`` negative leads, for each value ``v`` of a dimension
    ``d`` seen among them, ``c_pos(v)`` and ``c_neg(v)`` the leads of each class that have it,
    and ``V_d`` the distinct values of ``d`` seen among them::

        P(v | pos) = (c_pos(v) + alpha) / (n_pos + alpha * (V_d + 1))
        P(v | neg) = (c_neg(v) + alpha) / (n_neg + alpha * (V_d + 1))
        weight(v)  = log P(v | pos) - log P(v | neg)
        prior      = log(n_pos / n_neg)

    This is Odoo's predictive lead scoring (frequencies per field value among won and lost
    leads) with Laplace smoothing: the ``+ 1`` in the denominator reserves a share for a value
    never seen in training. Odoo instead adds 0.1 to each stored count and divides by the sum
    of the field's counts; both keep a value absent from one class from zeroing the product.
    The denominator counts every lead of the class, so a multi-valued dimension (several
    technologies per lead) gives each value its share of leads, not of occurrences.

    Raises ``ValueError`` if a class is empty, a row is in both classes or is negative, or
    ``alpha`` is not positive.
    """
    if not alpha > 0:
        raise ValueError(f"alpha must be positive (a pseudo-count), got {alpha}")
    positive = _rows(positive_rows, "positive")
    negative = _rows(negative_rows, "negative")
    if positive.is_in(negative).any():
        raise ValueError("a row is both positive and negative; each lead belongs to one class")
    labels = pl.concat(
        [
            positive.to_frame().with_columns(pl.lit(True).alias("positive")),
            negative.to_frame().with_columns(pl.lit(False).alias("positive")),
        ]
    )
    counted = (
        features.lazy()
        .select(pl.col("row").cast(pl.UInt32), "dimension", "value")
        .drop_nulls()  # a missing value is no value
        .join(labels.lazy(), on="row", how="inner")
        .group_by("dimension", "value")
        .agg(
            pl.col("positive").sum().cast(pl.Int64).alias("positives"),
            (~pl.col("positive")).sum().cast(pl.Int64).alias("negatives"),
        )
        .collect()
    )
    return _model(counted, positive.len(), negative.len(), alpha)


def from_counts(
    positives: Mapping[tuple[str, str], int],
    negatives: Mapping[tuple[str, str], int],
    n_pos: int,
    n_neg: int,
    alpha: float = 1.0,
) -> NaiveBayes:
    """``fit`` from counts already made: leads of each class having each ``(dimension, value)``
    (values absent from both are unseen), out of ``n_pos`` and ``n_neg`` leads.

    The cross-validation counts each fold once for every model it fits; the result equals
    ``fit`` on the leads those counts came from.
    """
    if not alpha > 0:
        raise ValueError(f"alpha must be positive (a pseudo-count), got {alpha}")
    if n_pos <= 0 or n_neg <= 0:
        raise ValueError("no positive or no negative leads: the model needs leads of both classes")
    keys = sorted(set(positives) | set(negatives))
    counted = pl.DataFrame(
        {
            "dimension": [d for d, _ in keys],
            "value": [v for _, v in keys],
            "positives": [positives.get(key, 0) for key in keys],
            "negatives": [negatives.get(key, 0) for key in keys],
        },
        schema={
            "dimension": pl.String,
            "value": pl.String,
            "positives": pl.Int64,
            "negatives": pl.Int64,
        },
    )
    return _model(counted, n_pos, n_neg, alpha)


def _model(counted: pl.DataFrame, n_pos: int, n_neg: int, alpha: float) -> NaiveBayes:
    """The smoothed weights of ``fit`` from ``dimension, value, positives, negatives``."""
    slots = pl.col("values") + 1
    weights = (
        counted.lazy()
        .with_columns(pl.len().over("dimension").alias("values"))
        .with_columns(
            (
                ((pl.col("positives") + alpha) / (n_pos + alpha * slots)).log()
                - ((pl.col("negatives") + alpha) / (n_neg + alpha * slots)).log()
            ).alias("weight")
        )
        .select("dimension", "value", "positives", "negatives", "weight")
        .sort("dimension", "value")
        .collect()
    )
    return NaiveBayes(
        weights=weights,
        prior=math.log(n_pos / n_neg),
        positives=n_pos,
        negatives=n_neg,
        alpha=alpha,
    )


@dataclass(frozen=True, eq=False)
class Encoded:
    """Features as integer codes, made once and scored by many models (one per fold).

    ``vocabulary`` holds each distinct ``(dimension, value)`` once, its position being its
    code; ``rows`` and ``codes`` give, line by line in the frame's order, the lead and the code.
    """

    vocabulary: pl.DataFrame
    rows: npt.NDArray[np.uint32]
    codes: npt.NDArray[np.uint32]


def encode(features: pl.DataFrame) -> Encoded:
    """``features`` (``row``, ``dimension``, ``value``) as codes, in order of first appearance;
    lines without a value are dropped, as ``fit`` drops them.

    Dimensions and values become categories, and the pair of their category ids is the key:
    hashing two integers per line instead of two strings."""
    lines = features.select(
        pl.col("row").cast(pl.UInt32), pl.col("dimension", "value").cast(pl.Categorical)
    ).drop_nulls()
    key = (
        pl.col("dimension").to_physical().cast(pl.UInt64) * (1 << 32)
        + pl.col("value").to_physical().cast(pl.UInt64)
    ).alias("key")
    keyed = lines.with_columns(key)
    first = keyed.filter(pl.col("key").is_first_distinct())
    codes = keyed.get_column("key").replace_strict(
        first.get_column("key"),
        pl.Series(range(first.height), dtype=pl.UInt32),
        return_dtype=pl.UInt32,
    )
    return Encoded(
        vocabulary=first.select(pl.col("dimension", "value").cast(pl.String)),
        rows=keyed.get_column("row").to_numpy(),
        codes=codes.to_numpy(),
    )


def predict(model: NaiveBayes, features: pl.DataFrame, rows: int) -> pl.Series:
    """Log-odds (Float64) that each lead ``0 .. rows - 1`` is a positive: ``model.prior`` plus
    the weights of the lead's values. A value the model has no weight for adds 0, so a lead
    with no known value gets the prior.

    Vectorized: the features are encoded (``encode``), each code gets its weight from the
    model, and ``numpy.bincount`` sums them per lead in the frame's order (deterministic: the
    same input gives the same bits). Raises ``ValueError`` if a row is missing or outside
    ``0 .. rows - 1``.
    """
    if rows < 0:
        raise ValueError(f"rows must be a count of leads, got {rows}")
    row = features.get_column("row")
    if row.has_nulls():
        raise ValueError("a feature has no row: every line must name its lead")
    if (row < 0).any() or (row >= rows).any():
        raise ValueError(f"a feature's row is outside 0 .. {rows - 1}: pass the number of leads")
    return predict_encoded(model, encode(features), rows)


def predict_encoded(
    model: NaiveBayes,
    encoded: Encoded,
    rows: int,
    lines: npt.NDArray[np.bool_] | None = None,
) -> pl.Series:
    """``predict`` on features encoded once; with ``lines`` (a mask over the encoded lines)
    only those lines are summed, so leads whose score is not read cost nothing."""
    weight = (
        encoded.vocabulary.join(
            model.weights.select("dimension", "value", "weight"),
            on=["dimension", "value"],
            how="left",
            maintain_order="left",
        )
        .get_column("weight")
        .fill_null(0.0)
        .to_numpy()
    )
    lead, code = encoded.rows, encoded.codes
    if lines is not None:
        lead, code = lead[lines], code[lines]
    # bincount adds in the frame's order, so the same input gives the same bits
    per_lead = np.bincount(lead, weights=weight[code], minlength=rows).astype(np.float64)
    return pl.Series("log_odds", per_lead + model.prior, dtype=pl.Float64)


def _rows(rows: Rows, side: str) -> pl.Series:
    """Distinct lead indices of one class as UInt32."""
    series = rows if isinstance(rows, pl.Series) else pl.Series("row", rows, dtype=pl.Int64)
    if series.is_empty():
        raise ValueError(f"no {side} rows: the model needs leads of both classes")
    if series.has_nulls() or (series < 0).any():
        raise ValueError(f"{side} rows must be lead indices (0, 1, ...)")
    return series.cast(pl.UInt32).unique().sort().rename("row")
