"""Plain factory functions for tests: ICPs, normalized rows, and scoring them."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import narwhals as nw
import polars as pl

from leadsieve.engine.columns import LS_SCHEMA
from leadsieve.engine.score import fit_frame, plan
from leadsieve.icp import Icp, validate_icp

AS_OF = date(2026, 11, 1)

_POLARS = {nw.String: pl.String, nw.Int64: pl.Int64, nw.Float64: pl.Float64}
LS_POLARS_SCHEMA = {name: _POLARS[dtype] for name, dtype in LS_SCHEMA.items()}


def make_icp(rules: dict[str, Any] | None = None, **overrides: Any) -> Icp:
    """A valid ICP: the given rules (default: one industries rule) and top-level overrides."""
    doc: dict[str, Any] = {
        "slug": "test-icp",
        "rules": copy.deepcopy(rules)
        if rules is not None
        else {"industries": {"any_of": ["software-development"]}},
    }
    doc.update(copy.deepcopy(overrides))
    return validate_icp(doc)


def ls_row(**values: Any) -> dict[str, Any]:
    """A normalized lead row: every ``ls_*`` column None unless given."""
    unknown = set(values) - set(LS_SCHEMA)
    assert not unknown, f"not ls_* columns: {unknown}"
    return {name: values.get(name) for name in LS_SCHEMA}


def ls_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Normalized rows as a Polars frame with the engine's dtypes."""
    return pl.DataFrame(rows, schema=LS_POLARS_SCHEMA, orient="row")


def fit_rows(
    rows: list[dict[str, Any]], icp: Icp, as_of: date = AS_OF, *, native: Any = None
) -> list[dict[str, Any]]:
    """Score normalized rows with the vectorized engine; returns one dict of fit columns each."""
    frame = ls_frame(rows) if native is None else native
    out = fit_frame(nw.from_native(frame), [plan(icp, as_of)])
    collected = out.collect(backend="polars") if isinstance(out, nw.LazyFrame) else out
    return collected.to_polars().drop(list(LS_SCHEMA)).to_dicts()
