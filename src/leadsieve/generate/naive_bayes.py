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
from collections.abc import Sequence
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
    n_pos, n_neg = positive.len(), negative.len()
    labels = pl.concat(
        [
            positive.to_frame().with_columns(pl.lit(True).alias("positive")),
            negative.to_frame().with_columns(pl.lit(False).alias("positive")),
        ]
    )
    slots = pl.col("values") + 1
    weights = (
        features.lazy()
        .select(pl.col("row").cast(pl.UInt32), "dimension", "value")
        .drop_nulls()  # a missing value is no value
        .join(labels.lazy(), on="row", how="inner")
        .group_by("dimension", "value")
        .agg(
            pl.col("positive").sum().alias("positives"),
            (~pl.col("positive")).sum().alias("negatives"),
        )
        .with_columns(pl.len().over("dimension").alias("values"))
        .with_columns(
            (
                ((pl.col("positives") + alpha) / (n_pos + alpha * slots)).log()
                - ((pl.col("negatives") + alpha) / (n_neg + alpha * slots)).log()
            ).alias("weight")
        )
        .select(
            "dimension",
            "value",
            pl.col("positives").cast(pl.Int64),
            pl.col("negatives").cast(pl.Int64),
            "weight",
        )
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


def predict(model: NaiveBayes, features: pl.DataFrame, rows: int) -> pl.Series:
    """Log-odds (Float64) that each lead ``0 .. rows - 1`` is a positive: ``model.prior`` plus
    the weights of the lead's values. A value the model has no weight for adds 0, so a lead
    with no known value gets the prior.

    Vectorized: dimensions and values become integer codes (Polars enums of the model's
    vocabulary), the codes index a dense table of weights (one cell per dimension and distinct
    value of the model: 8 bytes each), and ``numpy.bincount`` sums them per lead in the frame's
    order (deterministic: the same input gives the same bits). Raises ``ValueError`` if a row is
    missing or outside ``0 .. rows - 1``.
    """
    if rows < 0:
        raise ValueError(f"rows must be a count of leads, got {rows}")
    row = features.get_column("row")
    if row.has_nulls():
        raise ValueError("a feature has no row: every line must name its lead")
    if (row < 0).any() or (row >= rows).any():
        raise ValueError(f"a feature's row is outside 0 .. {rows - 1}: pass the number of leads")
    per_lead = np.zeros(rows, dtype=np.float64)
    if model.weights.height and not row.is_empty():
        per_lead = _sum_weights(model.weights, features, rows)
    return pl.Series("log_odds", per_lead + model.prior, dtype=pl.Float64)


def _sum_weights(
    weights: pl.DataFrame, features: pl.DataFrame, rows: int
) -> npt.NDArray[np.float64]:
    """Per lead, the sum of its values' weights; a cell of the table per (dimension, value)."""
    dimensions = pl.Enum(weights.get_column("dimension").unique().sort())
    values = pl.Enum(weights.get_column("value").unique().sort())
    width = len(values.categories)
    unknown = len(dimensions.categories) * width  # the table's last cell, weight 0

    def cell(dimension: pl.Expr, value: pl.Expr) -> pl.Expr:
        d = dimension.cast(dimensions, strict=False).to_physical().cast(pl.Int64)
        v = value.cast(values, strict=False).to_physical().cast(pl.Int64)
        return (d * width + v).fill_null(unknown).alias("cell")

    table = np.zeros(unknown + 1, dtype=np.float64)
    known = weights.select(cell(pl.col("dimension"), pl.col("value"))).get_column("cell")
    table[known.to_numpy()] = weights.get_column("weight").to_numpy()
    coded = (
        features.lazy()
        .select(pl.col("row").cast(pl.UInt32), cell(pl.col("dimension"), pl.col("value")))
        .collect()
    )
    lead = coded.get_column("row").to_numpy()
    weight = table[coded.get_column("cell").to_numpy()]
    # bincount adds in the frame's order, so the same input gives the same bits
    return np.bincount(lead, weights=weight, minlength=rows).astype(np.float64, copy=False)


def _rows(rows: Rows, side: str) -> pl.Series:
    """Distinct lead indices of one class as UInt32."""
    series = rows if isinstance(rows, pl.Series) else pl.Series("row", rows, dtype=pl.Int64)
    if series.is_empty():
        raise ValueError(f"no {side} rows: the model needs leads of both classes")
    if series.has_nulls() or (series < 0).any():
        raise ValueError(f"{side} rows must be lead indices (0, 1, ...)")
    return series.cast(pl.UInt32).unique().sort().rename("row")
