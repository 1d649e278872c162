"""Normalize a lead frame: canonical input columns -> the ``ls_*`` columns the engine scores.

Every normalizer runs once per distinct input value (or tuple of values), never per row: the
distinct keys are collected, normalized into a small mapping table, and joined back onto the
frame in its own backend (Polars, pandas, DuckDB, ...). Cells that are nearly unique per row
(names, descriptions, tool lists) are normalized by Polars expressions instead. What is
computed from what is declared in ``leadsieve.normalize.groups``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, TypeVar, cast

import narwhals as nw
import polars as pl

from leadsieve.normalize.groups import (
    COLUMN_GROUPS,
    GROUPS,
    KEYWORD_INDUSTRY,
    ColumnGroup,
    Group,
)

FrameT = TypeVar("FrameT", nw.DataFrame[Any], nw.LazyFrame[Any])

_NULL_KEY = "\x00"


def mapping_table(group: Group, inputs: Sequence[str], keys: pl.DataFrame) -> pl.DataFrame:
    """Normalize each distinct key once.

    ``keys`` holds one null-safe column per input the frame has (``inputs``, in the group's
    order); inputs the frame lacks reach the normalizer as None.
    """
    if group.table is not None:
        restored = keys.select(
            pl.when(pl.col(k) == _NULL_KEY).then(None).otherwise(pl.col(k)).alias(c)
            for k, c in zip(keys.columns, inputs, strict=True)
        ).with_columns(pl.lit(None, pl.String).alias(c) for c in group.inputs if c not in inputs)
        table = group.table(restored.select(group.inputs), group.normalize)
        return pl.concat([keys, table.select(list(group.outputs))], how="horizontal")
    where = [inputs.index(c) if c in inputs else -1 for c in group.inputs]
    results = [
        group.normalize(tuple(None if i < 0 or row[i] == _NULL_KEY else row[i] for i in where))
        for row in keys.iter_rows()
    ]
    columns = list(zip(*results, strict=True)) if results else [() for _ in group.outputs]
    table = pl.DataFrame(
        {name: list(values) for name, values in zip(group.outputs, columns, strict=True)},
        schema=group.outputs,
    )
    return pl.concat([keys, table], how="horizontal")


def _expr_table(
    group: ColumnGroup, present: Sequence[str]
) -> Callable[[pl.DataFrame], pl.DataFrame]:
    """Build a join table by running the group's expression over the distinct keys."""

    def build(keys: pl.DataFrame) -> pl.DataFrame:
        restored = keys.select(
            pl.when(pl.col(k) == _NULL_KEY).then(None).otherwise(pl.col(k)).alias(c)
            for k, c in zip(keys.columns, present, strict=True)
        )
        values = restored.select(group.expr(present).alias(group.output))
        return pl.concat([keys, values], how="horizontal")

    return build


def _join_mapped(
    frame: Any, inputs: Sequence[str], present: set[str], build: Callable[[pl.DataFrame], Any]
) -> Any:
    """Join ``build(distinct keys)`` onto the frame by null-safe keys, in the frame's backend.

    Keys are the ``inputs`` the frame has, in order, with nulls replaced by a sentinel so that a
    missing value still finds its row.
    """
    used = [c for c in inputs if c in present]
    key_cols = [f"__k{i}" for i in range(len(used))]
    frame = frame.with_columns(
        nw.col(c).cast(nw.String).fill_null(_NULL_KEY).alias(k)
        for c, k in zip(used, key_cols, strict=True)
    )
    table = build(_to_polars(frame.select(key_cols).unique()))
    if frame.implementation.is_duckdb():
        return _duckdb_join(frame, table, key_cols)
    return frame.join(_like(frame, table), on=key_cols, how="left").drop(key_cols)


def _duckdb_join(frame: Any, table: pl.DataFrame, key_cols: Sequence[str]) -> Any:
    """Join on the relation's own connection: a DuckDB relation cannot join across connections,
    and the user's relation may live on any connection."""
    mapping = table.to_arrow()  # read by name by DuckDB's replacement scan below
    outputs = ", ".join(f'm."{c}"' for c in table.columns if c not in key_cols)
    on = " and ".join(f'lhs."{k}" = m."{k}"' for k in key_cols)
    excluded = ", ".join(f'"{k}"' for k in key_cols)
    sql = f"select lhs.* exclude ({excluded}), {outputs} from lhs left join mapping as m on {on}"
    joined = frame.to_native().query("lhs", sql)
    assert mapping is not None  # bound by name in the query above
    return nw.from_native(joined)


def prepare(frame: FrameT, needed: Iterable[str] | None = None) -> FrameT:
    """Add the ``ls_*`` columns to a narwhals frame holding canonical lead columns.

    With ``needed`` (names of ``ls_*`` columns), only the groups that produce one are computed;
    the others come out null.
    """
    wanted = set(needed) if needed is not None else None
    present = set(frame.columns)
    if frame.implementation.is_polars():
        prepared: Any = nw.from_native(_prepare_polars(frame.to_native(), present, wanted))
        return cast(FrameT, prepared)
    # Other backends: every group's table is built in Polars over the distinct keys and joined.
    out: Any = frame
    nulls: dict[str, pl.DataType] = {}
    for column_group in COLUMN_GROUPS:
        inputs = [c for c in column_group.inputs if c in present]
        if _skipped(inputs, [column_group.output], wanted):
            nulls[column_group.output] = pl.String()
        else:
            table = _expr_table(column_group, inputs)
            out = _join_mapped(out, column_group.inputs, present, table)
    for group in _groups(present):
        used = [c for c in group.inputs if c in present]
        if _skipped(used, group.outputs, wanted):
            nulls.update(group.outputs)
            continue
        out = _join_mapped(out, group.inputs, present, partial(mapping_table, group, used))
    if nulls:
        out = out.with_columns(nw.lit(None, _nw_dtype(t)).alias(n) for n, t in nulls.items())
    return cast(FrameT, out)


def _skipped(inputs: Sequence[str], outputs: Iterable[str], wanted: set[str] | None) -> bool:
    """A group is skipped when the frame has none of its inputs or nobody reads its outputs."""
    return not inputs or (wanted is not None and wanted.isdisjoint(outputs))


def _prepare_polars(
    native: pl.DataFrame | pl.LazyFrame, present: set[str], wanted: set[str] | None
) -> pl.DataFrame | pl.LazyFrame:
    """``prepare`` for Polars: every output computed aside, then appended in one step.

    Joining the mapping tables onto the whole frame would copy every column (descriptions
    included) once per group; joining onto the key columns alone copies only keys.
    """
    lazy = native.lazy()
    parts: list[pl.LazyFrame] = []
    nulls: list[pl.Expr] = []
    for group in _groups(present):
        used = [c for c in group.inputs if c in present]
        if _skipped(used, group.outputs, wanted):
            nulls += [pl.lit(None, dtype).alias(name) for name, dtype in group.outputs.items()]
            continue
        key_cols = [f"__k{i}" for i in range(len(used))]
        keys = lazy.select(
            pl.col(c).cast(pl.String).fill_null(_NULL_KEY).alias(k)
            for c, k in zip(used, key_cols, strict=True)
        ).collect()
        table = mapping_table(group, used, keys.unique())
        joined = keys.join(table, on=key_cols, how="left", maintain_order="left")
        parts.append(joined.drop(key_cols).lazy())
    vectorized: list[pl.Expr] = []
    for column_group in COLUMN_GROUPS:
        inputs = [c for c in column_group.inputs if c in present]
        if _skipped(inputs, [column_group.output], wanted):
            nulls.append(pl.lit(None, pl.String).alias(column_group.output))
        else:
            vectorized.append(column_group.expr(inputs).alias(column_group.output))
    out = pl.concat([lazy.with_columns(*vectorized, *nulls), *parts], how="horizontal")
    return out if isinstance(native, pl.LazyFrame) else out.collect()


def _groups(present: set[str]) -> list[Group]:
    groups = list(GROUPS)
    if "industry" not in present and "keywords" in present:
        groups[0] = KEYWORD_INDUSTRY
    return groups


def prepare_row(record: dict[str, Any]) -> dict[str, Any]:
    """One lead's ``ls_*`` values, normalized on its own: what ``prepare`` gives for its row.

    The plain per-row path (no distinct-value reuse, no joins), for tests and the benchmark.
    """
    present = {c for c, v in record.items() if v is not None}
    out: dict[str, Any] = {}
    for group in _groups(set(record)):
        key = tuple(None if record.get(c) is None else str(record[c]) for c in group.inputs)
        values = group.normalize(key) if any(c in present for c in group.inputs) else None
        for i, name in enumerate(group.outputs):
            out[name] = None if values is None else values[i]
    text_record = {c: None if v is None else str(v) for c, v in record.items()}
    for column_group in COLUMN_GROUPS:
        out[column_group.output] = column_group.one(text_record)
    return out


def _to_polars(frame: Any) -> pl.DataFrame:
    if isinstance(frame, nw.LazyFrame):
        return frame.collect(backend="polars").to_polars()
    return cast(pl.DataFrame, frame.to_polars())


def _like(frame: Any, table: pl.DataFrame) -> Any:
    """``table`` in the same backend (and eagerness) as ``frame``, for a join."""
    if isinstance(frame, nw.LazyFrame):
        return nw.from_native(table).lazy(backend=frame.implementation)
    return nw.from_dict(table.to_dict(as_series=False), backend=frame.implementation)


def _nw_dtype(dtype: pl.DataType) -> Any:
    return {pl.String(): nw.String(), pl.Int64(): nw.Int64(), pl.Float64(): nw.Float64()}[dtype]
