"""What ``prepare`` computes: each ``ls_*`` column, from which inputs, by which function.

Two kinds of group. A ``Group`` runs a Python normalizer once per distinct input tuple
(industry, geography, employees, revenue, roles): their values repeat, and the normalizers
are too rich for dataframe expressions. A ``ColumnGroup`` is one Polars expression over the
whole column (signals, technologies, hosts, text), for cells that are nearly unique per row;
each has a per-value twin (``one``) that gives the same result for one lead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Any

import polars as pl

from leadsieve.normalize.cells import (
    email_host,
    email_host_expr,
    host,
    host_expr,
    list_items,
    signals,
    signals_expr,
    technologies,
    technologies_expr,
)
from leadsieve.normalize.geo import locate
from leadsieve.normalize.identity import free_mail_domains
from leadsieve.normalize.industry import Industry, normalize_industries
from leadsieve.normalize.revenue import format_usd_expr
from leadsieve.normalize.sizes import (
    Revenue,
    format_employees,
    format_revenue,
    parse_employees,
    parse_revenue,
    to_usd,
)
from leadsieve.normalize.text import fold, fold_expr
from leadsieve.normalize.titles import (
    normalize_department,
    normalize_seniority,
    normalize_title,
    read_titles,
)

Row = tuple[Any, ...]

_S, _I, _F = pl.String(), pl.Int64(), pl.Float64()
_REVENUE: dict[str, pl.DataType] = {"ls_rev_lo": _F, "ls_rev_hi": _F, "ls_rev_text": _S}


@dataclass(frozen=True)
class Group:
    """Input columns, output columns with dtypes, and the per-distinct-key function.

    ``table``, when set, does the work of ``normalize`` for a whole frame of distinct keys at
    once (one column per input, null where the input is missing or absent) and returns the
    output columns row by row; ``normalize`` stays the per-lead reference it must equal, and is
    passed to ``table`` (memoized) for the keys it leaves to Python.
    """

    inputs: tuple[str, ...]
    outputs: dict[str, pl.DataType]
    normalize: Callable[[Row], Row]
    table: Callable[[pl.DataFrame, Callable[[Row], Row]], pl.DataFrame] | None = None


def industry_values(found: Sequence[Industry]) -> Row:
    """The ``ls_industry*`` values of a lead's industries (DESIGN.md: a lead may have several).

    One industry gives its slug, label, ``|root|...|slug|`` path and ``|code|...|`` codes.
    Several (YC tags, a list cell) give their slugs joined by ``|``, their labels by " / ",
    their codes in one ``|...|`` cell, and their paths one after the other (``|a|b||a|c|``), so
    a slug on any path matches and a leaf is the slug followed by ``|`` or the end. An industry
    on the path of another of the lead's adds nothing and is left out.
    """
    kept: dict[str, Industry] = {}
    for one in found:
        if not any(one.slug in other.path[:-1] for other in found):
            kept.setdefault(one.slug, one)
    if not kept:
        return (None, None, None, None)
    codes = list(dict.fromkeys(code for one in found for code in one.codes))
    return (
        "|".join(kept),
        " / ".join(one.label for one in kept.values()),
        "".join(f"|{'|'.join(one.path)}|" for one in kept.values()),
        f"|{'|'.join(codes)}|" if codes else None,
    )


def _industry(key: Row) -> Row:
    return industry_values(normalize_industries(key[0]))


def _industry_from_keywords(key: Row) -> Row:
    """Without an industry column, every industry the keywords name (YC tags, Apollo)."""
    items = (item.strip("'\" ") for item in list_items(key[0]))
    return industry_values([one for item in items for one in normalize_industries(item)])


def _geography(key: Row) -> Row:
    return locate(*key)


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


def _revenue_table(keys: pl.DataFrame, one: Callable[[Row], Row]) -> pl.DataFrame:
    """``_revenue`` for a frame of keys: plain whole-dollar amounts, most cells in most exports,
    in Polars; everything else through ``one`` (``_revenue``) one key at a time."""
    digits = pl.col("revenue").str.contains(r"^[0-9]{1,18}$")
    amount = pl.when(digits).then(pl.col("revenue").cast(pl.Int64, strict=False))
    flagged = keys.with_row_index("__row").with_columns(
        (pl.col("revenue_currency").is_null() & (amount > 0) & (amount <= _MAX_PLAIN_USD))
        .fill_null(False)
        .alias("__plain"),
        amount.alias("__amount"),
    )
    plain = flagged.filter("__plain").select(
        "__row",
        pl.col("__amount").cast(pl.Float64).alias("ls_rev_lo"),
        pl.col("__amount").cast(pl.Float64).alias("ls_rev_hi"),
        format_usd_expr(pl.col("__amount")).alias("ls_rev_text"),
    )
    rest = flagged.filter(~pl.col("__plain"))
    inputs = rest.select("revenue", "revenue_currency", "revenue_thousands_usd").iter_rows()
    found = pl.DataFrame([one(key) for key in inputs], schema=_REVENUE, orient="row")
    others = pl.concat([rest.select("__row"), found], how="horizontal")
    return pl.concat([plain, others]).sort("__row").drop("__row")


def _roles(key: Row) -> Row:
    title_text, seniority_text, department_text = key
    title = normalize_title(title_text)
    seniority = normalize_seniority(seniority_text) or title.seniority
    department = normalize_department(department_text) or title.department
    return (seniority, department)


def _roles_table(keys: pl.DataFrame, _: Callable[[Row], Row]) -> pl.DataFrame:
    """``_roles`` for a frame of keys: titles through ``read_titles``, the seniority and
    department columns (a few distinct values) one distinct value at a time."""
    title = read_titles(keys.get_column("title"))
    return pl.DataFrame(
        [
            _each_distinct(keys.get_column("seniority"), normalize_seniority)
            .fill_null(title.get_column("seniority"))
            .alias("ls_seniority"),
            _each_distinct(keys.get_column("department"), normalize_department)
            .fill_null(title.get_column("department"))
            .alias("ls_department"),
        ]
    )


def _each_distinct(values: pl.Series, one: Callable[[str], str | None]) -> pl.Series:
    """``one`` applied to each distinct non-null value once; nulls stay null."""
    distinct = values.drop_nulls().unique()
    found = [one(value) for value in distinct]
    return values.replace_strict(distinct, found, default=None, return_dtype=pl.String)


#: Normalized keys are remembered across batches (a file is scored batch by batch and its
#: values recur); bounded, so memory stays bounded however long the file.
_MEMO = 1 << 18

_PLAIN_GROUPS: tuple[Group, ...] = (
    Group(
        ("industry",),
        {
            "ls_industry": _S,
            "ls_industry_label": _S,
            "ls_industry_path": _S,
            "ls_industry_codes": _S,
        },
        _industry,
    ),
    Group(("country", "subdivision", "city"), {"ls_country": _S, "ls_subdivision": _S}, _geography),
    Group(
        ("employees",),
        {"ls_emp_lo": _I, "ls_emp_hi": _I, "ls_emp_text": _S},
        _employees,
    ),
    Group(
        ("revenue", "revenue_currency", "revenue_thousands_usd"), _REVENUE, _revenue, _revenue_table
    ),
    Group(
        ("title", "seniority", "department"),
        {"ls_seniority": _S, "ls_department": _S},
        _roles,
        _roles_table,
    ),
)

GROUPS: tuple[Group, ...] = tuple(
    replace(g, normalize=lru_cache(_MEMO)(g.normalize)) for g in _PLAIN_GROUPS
)
KEYWORD_INDUSTRY = Group(
    ("keywords",), _PLAIN_GROUPS[0].outputs, lru_cache(_MEMO)(_industry_from_keywords)
)


@dataclass(frozen=True)
class ColumnGroup:
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
    """The first host found in domain, website, then a work email: each later column is read
    only on the rows the earlier ones left empty."""
    order = [c for c in ("domain", "website", "email") if c in present]
    return pl.map_batches(
        [pl.col(c).cast(pl.String) for c in order],
        partial(_first_host, emails=[c == "email" for c in order]),
        return_dtype=pl.String,
        is_elementwise=True,
    )


def _first_host(columns: Sequence[pl.Series], emails: Sequence[bool]) -> pl.Series:
    found = pl.Series("host", [None] * len(columns[0]), dtype=pl.String)
    for values, is_email in zip(columns, emails, strict=True):
        where = found.is_null().arg_true()
        if where.is_empty():
            break
        pending = values.gather(where).to_frame("v")
        if is_email:
            hosts = pending.select(email_host_expr(pl.col("v"), sorted(free_mail_domains())))
        else:
            hosts = pending.select(host_expr(pl.col("v")))
        found = found.scatter(where, hosts.to_series())
    return found


def _domain_one(record: dict[str, Any]) -> str | None:
    return (
        host(record.get("domain")) or host(record.get("website")) or email_host(record.get("email"))
    )


TEXT_INPUTS: tuple[str, ...] = ("company_name", "description", "keywords")

COLUMN_GROUPS: tuple[ColumnGroup, ...] = (
    ColumnGroup(
        ("signals",),
        "ls_signals",
        lambda _: signals_expr(pl.col("signals").cast(pl.String)),
        lambda r: signals(r.get("signals")),
    ),
    ColumnGroup(
        ("technologies",),
        "ls_technologies",
        lambda _: technologies_expr(pl.col("technologies").cast(pl.String)),
        lambda r: technologies(r.get("technologies")),
    ),
    ColumnGroup(("domain", "website", "email"), "ls_domain", _domain_expr, _domain_one),
    ColumnGroup(TEXT_INPUTS, "ls_text", lambda present: text_expr(present), _text_one),
    ColumnGroup(
        ("title",),
        "ls_title_text",
        lambda _: _padded(fold_expr(pl.col("title").cast(pl.String))),
        lambda r: _padded_one(r.get("title")),
    ),
    ColumnGroup(
        ("title",),
        "ls_title",
        lambda _: shown_title_expr(pl.col("title").cast(pl.String)),
        lambda r: shown_title(r.get("title")),
    ),
)

#: A title longer than this is cut for reasons, and ends in "…".
TITLE_SHOWN = 60


def shown_title_expr(title: pl.Expr) -> pl.Expr:
    """The title as reasons show it: trimmed, cut past ``TITLE_SHOWN`` characters, null when
    blank (the expression of ``shown_title``)."""
    trimmed = title.str.strip_chars()
    cut = trimmed.str.slice(0, TITLE_SHOWN - 1).str.strip_chars_end() + pl.lit("…")
    shown = pl.when(trimmed.str.len_chars() > TITLE_SHOWN).then(cut).otherwise(trimmed)
    return shown.replace("", None)


def shown_title(title: str | None) -> str | None:
    """The title as reasons show it (``shown_title_expr`` for one value)."""
    trimmed = (title or "").strip()
    if len(trimmed) > TITLE_SHOWN:
        return trimmed[: TITLE_SHOWN - 1].rstrip() + "…"
    return trimmed or None


def _padded(folded: pl.Expr) -> pl.Expr:
    """`` text `` for a folded text, null for an empty one (``folded`` is evaluated once)."""
    return pl.concat_str([pl.lit(" "), folded.replace("", None), pl.lit(" ")])


def _padded_one(text: str | None) -> str | None:
    folded = fold(text) if text is not None else ""
    return f" {folded} " if folded else None


def text_expr(columns: Sequence[str]) -> pl.Expr:
    """`` name description keywords `` folded and padded, or null when all are missing."""
    parts = [fold_expr(pl.col(c).cast(pl.String)) for c in columns]
    return _padded(pl.concat_str(parts, separator=" ", ignore_nulls=True).str.strip_chars())
