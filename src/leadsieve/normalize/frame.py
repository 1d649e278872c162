"""Normalize a lead frame: canonical input columns -> the ``ls_*`` columns the engine scores.

Every normalizer runs once per distinct input value (or tuple of values), never per row: the
distinct keys are collected, normalized into a small mapping table, and joined back onto the
frame in its own backend (Polars, pandas, DuckDB, ...). Free text that is nearly unique per row
(names, descriptions) is folded by one vectorized Polars expression instead. The mapping tables
are always computed the same way, so every backend gets the same canonical values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Any, TypeVar, cast

import narwhals as nw
import polars as pl

from leadsieve.normalize.cells import (
    email_host,
    email_host_expr,
    host,
    host_expr,
    signals,
    signals_expr,
    technologies,
    technologies_expr,
)
from leadsieve.normalize.geo import normalize_country, normalize_subdivision, parse_location
from leadsieve.normalize.identity import free_mail_domains
from leadsieve.normalize.industry import normalize_industry
from leadsieve.normalize.sizes import (
    Revenue,
    format_employees,
    format_revenue,
    parse_employees,
    parse_revenue,
    to_usd,
)
from leadsieve.normalize.text import fold, fold_expr, is_missing
from leadsieve.normalize.titles import normalize_department, normalize_seniority, normalize_title

FrameT = TypeVar("FrameT", nw.DataFrame[Any], nw.LazyFrame[Any])

_NULL_KEY = "\x00"
_ITEM_SPLIT = re.compile(r"\s*[;,|]\s*")

Row = tuple[Any, ...]


@dataclass(frozen=True)
class _Group:
    """Input columns, output columns with dtypes, and the per-distinct-key function."""

    inputs: tuple[str, ...]
    outputs: dict[str, pl.DataType]
    normalize: Callable[[Row], Row]


def _industry(key: Row) -> Row:
    found = normalize_industry(key[0])
    if found is None:
        return (None, None, None, None)
    codes = f"|{'|'.join(found.codes)}|" if found.codes else None
    return (found.slug, found.label, f"|{'|'.join(found.path)}|", codes)


def _industry_from_keywords(key: Row) -> Row:
    """Without an industry column, the first keyword naming an industry (YC tags, Apollo)."""
    for item in _items(key[0]):
        found = _industry((item.strip("'\" "),))
        if found[0] is not None:
            return found
    return (None, None, None, None)


def _geography(key: Row) -> Row:
    country_text, subdivision_text, city_text = key
    country = normalize_country(country_text)
    if country is None and country_text is not None:
        country = parse_location(country_text).country
    location = parse_location(city_text) if city_text is not None else None
    if country is None and location is not None:
        country = location.country
    subdivision = normalize_subdivision(subdivision_text, country) if subdivision_text else None
    from_location = location.subdivision if location is not None else None
    fits_country = country is None or (from_location or "").startswith(f"{country}-")
    if subdivision is None and from_location and fits_country:
        subdivision = from_location
    if country is None and subdivision is not None:
        country = subdivision[:2]
    return (country, subdivision)


def _employees(key: Row) -> Row:
    found = parse_employees(key[0])
    if found is None:
        return (None, None, None)
    return (found.low, found.high, format_employees(found))


_MAX_PLAIN_USD = 1e13  # parse_revenue's ceiling: larger amounts are typos, not revenue


def plain_revenue(text: str) -> Revenue | None:
    """``parse_revenue`` for a bare run of ASCII digits in USD, without the general parser.

    Exports write most revenues this way ("7036000"), so this is the common path.
    """
    value = float(int(text))
    return Revenue(value, value, "USD") if 0 < value <= _MAX_PLAIN_USD else None


def _revenue(key: Row) -> Row:
    text, currency, thousands = key
    if text is not None and currency is None and text.isascii() and text.isdigit():
        found = plain_revenue(text)
    else:
        found = parse_revenue(text, currency) if text is not None else None
    if found is None and thousands is not None:
        found = parse_revenue(thousands, "USD", scale=1000.0)
    if found is None:
        return (None, None, None)
    low = to_usd(found.low, found.currency)
    high = to_usd(found.high, found.currency) if found.high is not None else None
    if low is None:
        return (None, None, None)
    return (low, high, format_revenue(found))


def _roles(key: Row) -> Row:
    title_text, seniority_text, department_text = key
    title = normalize_title(title_text)
    seniority = normalize_seniority(seniority_text) or title.seniority
    department = normalize_department(department_text) or title.department
    return (seniority, department)


def _items(text: str | None) -> list[str]:
    if text is None or is_missing(text):
        return []
    return [item for item in _ITEM_SPLIT.split(text.strip().strip("[]")) if item]


_S, _I, _F = pl.String(), pl.Int64(), pl.Float64()

#: Normalized keys are remembered across batches (a file is scored batch by batch and its
#: values recur); bounded, so memory stays bounded however long the file.
_MEMO = 1 << 18

_PLAIN_GROUPS: tuple[_Group, ...] = (
    _Group(
        ("industry",),
        {
            "ls_industry": _S,
            "ls_industry_label": _S,
            "ls_industry_path": _S,
            "ls_industry_codes": _S,
        },
        _industry,
    ),
    _Group(
        ("country", "subdivision", "city"), {"ls_country": _S, "ls_subdivision": _S}, _geography
    ),
    _Group(
        ("employees",),
        {"ls_emp_lo": _I, "ls_emp_hi": _I, "ls_emp_text": _S},
        _employees,
    ),
    _Group(
        ("revenue", "revenue_currency", "revenue_thousands_usd"),
        {"ls_rev_lo": _F, "ls_rev_hi": _F, "ls_rev_text": _S},
        _revenue,
    ),
    _Group(
        ("title", "seniority", "department"),
        {"ls_seniority": _S, "ls_department": _S},
        _roles,
    ),
)

GROUPS: tuple[_Group, ...] = tuple(
    replace(g, normalize=lru_cache(_MEMO)(g.normalize)) for g in _PLAIN_GROUPS
)
_KEYWORD_INDUSTRY = _Group(
    ("keywords",), _PLAIN_GROUPS[0].outputs, lru_cache(_MEMO)(_industry_from_keywords)
)


@dataclass(frozen=True)
class _ColumnGroup:
    """Input columns normalized by one Polars expression over the whole column."""

    inputs: tuple[str, ...]
    output: str
    expr: Callable[[Sequence[str]], pl.Expr]
    one: Callable[[dict[str, Any]], str | None]


def _text_one(record: dict[str, Any]) -> str | None:
    parts = [fold(str(record[c])) for c in TEXT_INPUTS if record.get(c) is not None]
    joined = " ".join(parts).strip()
    return f" {joined} " if joined else None


def _domain_expr(present: Sequence[str]) -> pl.Expr:
    parts = [host_expr(pl.col(c).cast(pl.String)) for c in ("domain", "website") if c in present]
    if "email" in present:
        parts.append(email_host_expr(pl.col("email").cast(pl.String), sorted(free_mail_domains())))
    return pl.coalesce(parts)


def _domain_one(record: dict[str, Any]) -> str | None:
    return (
        host(record.get("domain")) or host(record.get("website")) or email_host(record.get("email"))
    )


TEXT_INPUTS: tuple[str, ...] = ("company_name", "description", "keywords")

COLUMN_GROUPS: tuple[_ColumnGroup, ...] = (
    _ColumnGroup(
        ("signals",),
        "ls_signals",
        lambda _: signals_expr(pl.col("signals").cast(pl.String)),
        lambda r: signals(r.get("signals")),
    ),
    _ColumnGroup(
        ("technologies",),
        "ls_technologies",
        lambda _: technologies_expr(pl.col("technologies").cast(pl.String)),
        lambda r: technologies(r.get("technologies")),
    ),
    _ColumnGroup(("domain", "website", "email"), "ls_domain", _domain_expr, _domain_one),
    _ColumnGroup(TEXT_INPUTS, "ls_text", lambda present: text_expr(present), _text_one),
    _ColumnGroup(
        ("title",),
        "ls_title_text",
        lambda _: _padded(fold_expr(pl.col("title").cast(pl.String))),
        lambda r: _padded_one(r.get("title")),
    ),
)


def _padded(folded: pl.Expr) -> pl.Expr:
    return (
        pl.when(folded == "")
        .then(None)
        .otherwise(pl.concat_str([pl.lit(" "), folded, pl.lit(" ")]))
    )


def _padded_one(text: str | None) -> str | None:
    folded = fold(text) if text is not None else ""
    return f" {folded} " if folded else None


def text_expr(columns: Sequence[str]) -> pl.Expr:
    """`` name description keywords `` folded and padded, or null when all are missing."""
    parts = [fold_expr(pl.col(c).cast(pl.String)) for c in columns]
    joined = pl.concat_str(parts, separator=" ", ignore_nulls=True).str.strip_chars()
    padded = pl.concat_str([pl.lit(" "), joined, pl.lit(" ")])
    return pl.when(joined == "").then(None).otherwise(padded)


def mapping_table(group: _Group, inputs: Sequence[str], keys: pl.DataFrame) -> pl.DataFrame:
    """Normalize each distinct key once.

    ``keys`` holds one null-safe column per input the frame has (``inputs``, in the group's
    order); inputs the frame lacks reach the normalizer as None.
    """
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
    group: _ColumnGroup, present: Sequence[str]
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
    if frame.implementation.is_polars():
        # Fits are appended to the original rows by position: the left order must hold.
        native = frame.to_native()
        right = table.lazy() if isinstance(native, pl.LazyFrame) else table
        joined = native.join(right, on=key_cols, how="left", maintain_order="left")
        return nw.from_native(joined.drop(key_cols))
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
    out: Any = frame
    nulls: dict[str, pl.DataType] = {}
    polars = out.implementation.is_polars()
    vectorized: list[pl.Expr] = []
    for column_group in COLUMN_GROUPS:
        inputs = [c for c in column_group.inputs if c in present]
        if not inputs or (wanted is not None and column_group.output not in wanted):
            nulls[column_group.output] = pl.String()
        elif polars:
            vectorized.append(column_group.expr(inputs).alias(column_group.output))
        else:
            table = _expr_table(column_group, inputs)
            out = _join_mapped(out, column_group.inputs, present, table)
    if vectorized:
        out = nw.from_native(out.to_native().with_columns(vectorized))
    for group in _groups(present):
        if not any(c in present for c in group.inputs) or (
            wanted is not None and wanted.isdisjoint(group.outputs)
        ):
            nulls.update(group.outputs)
            continue
        used = [c for c in group.inputs if c in present]
        out = _join_mapped(out, group.inputs, present, partial(mapping_table, group, used))
    if nulls:
        out = out.with_columns(nw.lit(None, _nw_dtype(t)).alias(n) for n, t in nulls.items())
    return cast(FrameT, out)


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
        if not used or (wanted is not None and wanted.isdisjoint(group.outputs)):
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
        if not inputs or (wanted is not None and column_group.output not in wanted):
            nulls.append(pl.lit(None, pl.String).alias(column_group.output))
        else:
            vectorized.append(column_group.expr(inputs).alias(column_group.output))
    out = pl.concat([lazy.with_columns(*vectorized, *nulls), *parts], how="horizontal")
    return out if isinstance(native, pl.LazyFrame) else out.collect()


def _groups(present: set[str]) -> list[_Group]:
    groups = list(GROUPS)
    if "industry" not in present and "keywords" in present:
        groups[0] = _KEYWORD_INDUSTRY
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
    if frame.implementation.is_polars():
        return nw.from_native(table, eager_only=True)
    return nw.from_dict(table.to_dict(as_series=False), backend=frame.implementation)


def _nw_dtype(dtype: pl.DataType) -> Any:
    return {pl.String(): nw.String(), pl.Int64(): nw.Int64(), pl.Float64(): nw.Float64()}[dtype]
