"""A population of leads (customers, baseline or lost deals) prepared once for a proposal:
its features, their counts per fold, the coverage of value sets, and engine scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import narwhals as nw
import numpy as np
import numpy.typing as npt
import polars as pl

from leadsieve.engine.score import fit_frame, needed_columns, plan
from leadsieve.generate import naive_bayes
from leadsieve.generate.features import features
from leadsieve.generate.model import ValueEvidence
from leadsieve.generate.select import Counts
from leadsieve.icp.model import Icp
from leadsieve.normalize.frame import prepare

#: The ``ls_*`` columns the features are made of; a column only some rules read (the folded
#: text of the keyword rule, the title text) is normalized when a proposal first needs it.
_FEATURE_COLUMNS = {
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
    "ls_signals",
    "ls_technologies",
}


@dataclass(frozen=True, eq=False)  # eq=False: arrays do not compare to a boolean
class Subset:
    """Some leads of a population: their positions, a mask of them, and their counts."""

    rows: pl.Series  # UInt32 positions, ascending
    mask: npt.NDArray[np.bool_] | None  # None: every lead of the population
    counts: Counts  # leads having each (dimension, value), among these leads only


class Population:
    """One population, prepared once: its rows and their features.

    Counting is the backtest's inner loop (k folds, each a full proposal): each distinct
    (dimension, value) gets an integer code once, every fold's counts come from one bincount
    over the codes, and coverage reads one dimension's features at a time. The columns only
    some rules read are normalized when a proposal with such a rule is first scored.
    """

    def __init__(self, frame: Any) -> None:
        self._raw = nw.from_native(frame, eager_only=True).to_polars()
        self.prepared = self._prepared(self._raw, _FEATURE_COLUMNS)
        self.rows = self.prepared.height
        self.features = features(self.prepared).with_columns(
            pl.col("dimension", "value").cast(pl.Categorical)
        )
        # Each distinct (dimension, value) as a code: counting is then a bincount over codes.
        self.encoded = naive_bayes.encode(self.features)
        self._by_dimension = {
            str(key[0]): part.select("row", "value")
            for key, part in self.features.partition_by("dimension", as_dict=True).items()
        }

    def everyone(self) -> Subset:
        counts = np.bincount(self.encoded.codes, minlength=self.encoded.vocabulary.height)
        return Subset(pl.Series(range(self.rows), dtype=pl.UInt32), None, self._counts(counts))

    def folds(self, fold: npt.NDArray[np.int64], k: int) -> list[tuple[Subset, pl.Series]]:
        """For each part: the leads outside it (with their counts) and the leads inside it."""
        width = self.encoded.vocabulary.height
        cell = fold[self.encoded.rows] * width + self.encoded.codes
        per_fold = np.bincount(cell, minlength=k * width).reshape(k, width)
        total = per_fold.sum(axis=0)
        out = []
        for part in range(k):
            inside = fold == part
            train = Subset(
                pl.Series(np.flatnonzero(~inside), dtype=pl.UInt32),
                ~inside,
                self._counts(total - per_fold[part]),
            )
            out.append((train, pl.Series(np.flatnonzero(inside), dtype=pl.UInt32)))
        return out

    def _counts(self, per_code: npt.NDArray[np.int64]) -> Counts:
        """Leads per (dimension, value) from leads per code (``features`` lists a value at most
        once per lead); values no lead has are left out."""
        keys = self.encoded.vocabulary.iter_rows()
        return {key: int(n) for key, n in zip(keys, per_code, strict=True) if n > 0}

    def coverage(self, kept: Sequence[ValueEvidence], subset: Subset) -> float:
        """The share of ``subset`` having at least one of the ``kept`` values."""
        hit = np.zeros(self.rows, dtype=np.bool_)
        for dimension, part in self._by_dimension.items():
            values = [v.value for v in kept if v.dimension == dimension]
            if values:
                rows = part.filter(pl.col("value").is_in(values)).get_column("row")
                hit[rows.to_numpy()] = True
        total = subset.rows.len()
        if subset.mask is not None:
            hit &= subset.mask
        return int(hit.sum()) / total if total else 0.0

    def scores(self, icp: Icp, as_of: date, rows: pl.Series | None = None) -> pl.Series:
        """The fit scores of these leads (all when ``rows`` is None) under ``icp``."""
        return self._fit(icp, as_of, rows, "fit_score").get_column("fit_score").cast(pl.Int64)

    def disqualified(self, icp: Icp, as_of: date, rows: pl.Series) -> int:
        """How many of these leads ``icp``'s disqualifiers hit, as the engine scores them."""
        fits = self._fit(icp, as_of, rows, "fit_disqualified_by")
        return int(fits.get_column("fit_disqualified_by").is_not_null().sum())

    def _fit(self, icp: Icp, as_of: date, rows: pl.Series | None, column: str) -> pl.DataFrame:
        missing = needed_columns(icp) - set(self.prepared.columns)
        if missing:
            added = self._prepared(self._raw, missing).select(sorted(missing))
            self.prepared = self.prepared.hstack(added.get_columns())
        frame = self.prepared if rows is None else self.prepared[rows]
        scored = fit_frame(nw.from_native(frame.lazy()), [plan(icp, as_of)])
        out: pl.DataFrame = nw.to_native(scored.select(column)).collect()
        return out

    @staticmethod
    def _prepared(raw: pl.DataFrame, columns: set[str]) -> pl.DataFrame:
        """The ``columns`` of ``raw`` normalized (and the raw ``keywords`` the features read)."""
        prepared: pl.DataFrame = nw.to_native(prepare(nw.from_native(raw), needed=columns))
        keep = [c for c in prepared.columns if c in columns or c == "keywords"]
        return prepared.select(keep)
