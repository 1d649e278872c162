"""Normalize a lead frame: canonical input columns -> the ``ls_*`` columns the engine scores.

Every normalizer runs once per distinct input value (or tuple of values), never per row: the
distinct keys are collected, normalized into a small mapping table, and joined back onto the
frame in its own backend (Polars, pandas, DuckDB, ...). Free text that is nearly unique per row
(names, descriptions) is folded by one vectorized Polars expression instead. The mapping tables
are always computed the same way, so every backend gets the same canonical values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, TypeVar, cast

import narwhals as nw
import polars as pl

from leadsieve.normalize.geo import normalize_country, normalize_subdivision, parse_location
from leadsieve.normalize.identity import normalize_domain, organization_domain
from leadsieve.normalize.industry import normalize_industry
from leadsieve.normalize.sizes import (
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
_SIGNAL = re.compile(r"^(?P<type>.+?)\s*(?:@|\()\s*(?P<date>\d{4}-\d{2}(?:-\d{2})?)\)?$")

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


def _revenue(key: Row) -> Row:
    text, currency, thousands = key
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
    folded = fold(title_text) if title_text is not None else ""
    return (seniority, department, f" {folded} " if folded else None)


def _items(text: str | None) -> list[str]:
    if text is None or is_missing(text):
        return []
    return [item for item in _ITEM_SPLIT.split(text.strip().strip("[]")) if item]


def _technologies(key: Row) -> Row:
    items = [f for item in _items(key[0]) if (f := fold(item))]
    return (f"|{'|'.join(dict.fromkeys(items))}|" if items else None,)


def normalize_signal(item: str) -> str | None:
    """``"Recent Funding@2026-08-01"`` -> ``"recent_funding@2026-08-01"``; undated stays undated."""
    match = _SIGNAL.match(item.strip())
    raw_type, raw_date = (match["type"], match["date"]) if match else (item, None)
    kind = fold(raw_type).replace(" ", "_")
    if not kind:
        return None
    if raw_date is None:
        return kind
    try:
        day = date.fromisoformat(raw_date if len(raw_date) == 10 else f"{raw_date}-01")
    except ValueError:
        return kind
    return f"{kind}@{day.isoformat()}"


def _signals(key: Row) -> Row:
    items = [s for item in _items(key[0]) if (s := normalize_signal(item))]
    return (f"|{'|'.join(dict.fromkeys(items))}|" if items else None,)


def _domain(key: Row) -> Row:
    domain_text, website, email = key
    found = normalize_domain(domain_text) or normalize_domain(website)
    return (found or organization_domain(email=email),)


_S, _I, _F = pl.String(), pl.Int64(), pl.Float64()

GROUPS: tuple[_Group, ...] = (
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
    _Group(("employees",), {"ls_emp_lo": _I, "ls_emp_hi": _I, "ls_emp_text": _S}, _employees),
    _Group(
        ("revenue", "revenue_currency", "revenue_thousands_usd"),
        {"ls_rev_lo": _F, "ls_rev_hi": _F, "ls_rev_text": _S},
        _revenue,
    ),
    _Group(
        ("title", "seniority", "department"),
        {"ls_seniority": _S, "ls_department": _S, "ls_title_text": _S},
        _roles,
    ),
    _Group(("signals",), {"ls_signals": _S}, _signals),
    _Group(("technologies",), {"ls_technologies": _S}, _technologies),
    _Group(("domain", "website", "email"), {"ls_domain": _S}, _domain),
)

TEXT_INPUTS: tuple[str, ...] = ("company_name", "description", "keywords")


def text_expr(columns: Sequence[str]) -> pl.Expr:
    """`` name description keywords `` folded and padded, or null when all are missing."""
    parts = [fold_expr(pl.col(c).cast(pl.String)).fill_null("") for c in columns]
    joined = pl.concat_str(parts, separator=" ").str.strip_chars()
    padded = pl.concat_str([pl.lit(" "), joined, pl.lit(" ")])
    return pl.when(joined == "").then(None).otherwise(padded)


def mapping_table(group: _Group, keys: pl.DataFrame) -> pl.DataFrame:
    """Normalize each distinct key once; ``keys`` holds the null-safe key columns."""
    results = [
        group.normalize(tuple(None if v == _NULL_KEY else v for v in row)) for row in keys.rows()
    ]
    table = pl.DataFrame(results, schema=group.outputs, orient="row")
    return pl.concat([keys, table], how="horizontal")


def _text_table(inputs: Sequence[str]) -> Callable[[pl.DataFrame], pl.DataFrame]:
    def build(keys: pl.DataFrame) -> pl.DataFrame:
        restored = keys.select(
            pl.when(pl.col(k) == _NULL_KEY).then(None).otherwise(pl.col(k)).alias(c)
            for k, c in zip(keys.columns, inputs, strict=True)
        )
        return keys.with_columns(restored.select(text_expr(inputs).alias("ls_text")))

    return build


def _join_mapped(
    frame: Any, inputs: Sequence[str], present: set[str], build: Callable[[pl.DataFrame], Any]
) -> Any:
    """Join ``build(distinct keys)`` onto the frame by null-safe keys, in the frame's backend."""
    key_cols = [f"__k{i}" for i in range(len(inputs))]
    frame = frame.with_columns(
        (
            nw.col(c).cast(nw.String).fill_null(_NULL_KEY)
            if c in present
            else nw.lit(_NULL_KEY, nw.String)
        ).alias(k)
        for c, k in zip(inputs, key_cols, strict=True)
    )
    table = build(_to_polars(frame.select(key_cols).unique()))
    return frame.join(_like(frame, table), on=key_cols, how="left").drop(key_cols)


def prepare(frame: FrameT) -> FrameT:
    """Add the ``ls_*`` columns to a narwhals frame holding canonical lead columns."""
    present = set(frame.columns)
    out: Any = frame
    groups = list(GROUPS)
    if "industry" not in present and "keywords" in present:
        groups[0] = _Group(("keywords",), GROUPS[0].outputs, _industry_from_keywords)
    for group in groups:
        if not any(c in present for c in group.inputs):
            out = out.with_columns(
                nw.lit(None, _nw_dtype(dtype)).alias(name) for name, dtype in group.outputs.items()
            )
            continue
        out = _join_mapped(out, group.inputs, present, partial(mapping_table, group))
    text_inputs = [c for c in TEXT_INPUTS if c in present]
    if not text_inputs:
        out = out.with_columns(nw.lit(None, nw.String).alias("ls_text"))
    elif out.implementation.is_polars():
        # Names and descriptions are nearly unique per row: fold the column itself.
        native = out.to_native().with_columns(text_expr(text_inputs).alias("ls_text"))
        out = nw.from_native(native)
    else:
        out = _join_mapped(out, text_inputs, present, _text_table(text_inputs))
    return cast(FrameT, out)


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
