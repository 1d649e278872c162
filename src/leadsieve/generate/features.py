"""Leads as features: the values each lead has in each dimension a proposal looks at.

A prepared lead frame (the ``ls_*`` columns of ``leadsieve.normalize.frame.prepare``) becomes a
long frame ``row, dimension, value``: one line per value a lead has, none for what it lacks.
A lead can have several values in a dimension: every level of its industry's path
(``technology-information-and-media`` and ``software-development``), every region its country
lies in, each technology, signal type and keyword. Employees and revenue fall into the familiar
bands (a range falls where its middle lies), so rules can be written from whole bands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from leadsieve.normalize.cells import items_expr
from leadsieve.normalize.industry import get_industry
from leadsieve.normalize.regions import region_name, regions
from leadsieve.normalize.text import fold_expr


@dataclass(frozen=True)
class Band:
    """A familiar size band: ``low`` to ``high`` inclusive (``high`` None: open-ended)."""

    low: int
    high: int | None
    label: str


#: Employee bands as LinkedIn, Apollo and ZoomInfo print them.
EMPLOYEE_BANDS: tuple[Band, ...] = (
    Band(1, 10, "1-10"),
    Band(11, 50, "11-50"),
    Band(51, 200, "51-200"),
    Band(201, 500, "201-500"),
    Band(501, 1000, "501-1,000"),
    Band(1001, 5000, "1,001-5,000"),
    Band(5001, 10000, "5,001-10,000"),
    Band(10001, None, "10,001+"),
)

#: Annual revenue bands in USD, as ZoomInfo and Apollo print them.
REVENUE_BANDS: tuple[Band, ...] = (
    Band(0, 999_999, "<$1M"),
    Band(1_000_000, 4_999_999, "$1M-$5M"),
    Band(5_000_000, 9_999_999, "$5M-$10M"),
    Band(10_000_000, 49_999_999, "$10M-$50M"),
    Band(50_000_000, 99_999_999, "$50M-$100M"),
    Band(100_000_000, 499_999_999, "$100M-$500M"),
    Band(500_000_000, 999_999_999, "$500M-$1B"),
    Band(1_000_000_000, 9_999_999_999, "$1B-$10B"),
    Band(10_000_000_000, None, "$10B+"),
)

BANDS: dict[str, tuple[Band, ...]] = {"employees": EMPLOYEE_BANDS, "revenue": REVENUE_BANDS}

SCHEMA = {"row": pl.UInt32, "dimension": pl.String, "value": pl.String}


def features(prepared: pl.DataFrame) -> pl.DataFrame:
    """The long ``row, dimension, value`` frame of a prepared lead frame (row = position)."""
    frame = prepared.with_row_index("row")
    parts = [
        _listed(frame, "industry", "ls_industry_path"),
        _single(frame, "country", pl.col("ls_country")),
        _regions(frame),
        _single(frame, "employees", _band_expr("ls_emp_lo", "ls_emp_hi", EMPLOYEE_BANDS)),
        _single(frame, "revenue", _band_expr("ls_rev_lo", "ls_rev_hi", REVENUE_BANDS)),
        _single(frame, "seniority", pl.col("ls_seniority")),
        _single(frame, "department", pl.col("ls_department")),
        _listed(frame, "technologies", "ls_technologies"),
        _signal_types(frame),
        _keywords(frame),
    ]
    return pl.concat(parts, how="vertical")


def band_of(value: float, bands: Sequence[Band]) -> Band:
    """The band a number falls in (below the first band: the first)."""
    for band in reversed(bands):
        if value >= band.low:
            return band
    return bands[0]


def value_label(dimension: str, value: str) -> str:
    """A value as people read it: "Software Development", "north-america" -> its name."""
    if dimension == "industry":
        found = get_industry(value)
        return found.label if found is not None else value
    if dimension == "region":
        return region_name(value)
    if dimension == "employees":
        return f"{value} employees"
    if dimension in ("seniority", "department", "signals"):
        return value.replace("_", " ")
    return value


def _single(frame: pl.DataFrame, dimension: str, value: pl.Expr) -> pl.DataFrame:
    return (
        frame.select("row", pl.lit(dimension).alias("dimension"), value.alias("value"))
        .drop_nulls("value")
        .cast(SCHEMA)  # type: ignore[arg-type]
    )


def _exploded(frame: pl.DataFrame, dimension: str, values: pl.Expr) -> pl.DataFrame:
    """One line per distinct item of each lead's list (a list may repeat an item)."""
    exploded = frame.select("row", values.list.unique(maintain_order=True).alias("value")).explode(
        "value"
    )
    return (
        exploded.filter(pl.col("value").is_not_null() & (pl.col("value") != ""))
        .select("row", pl.lit(dimension).alias("dimension"), "value")
        .cast(SCHEMA)  # type: ignore[arg-type]
    )


def _listed(frame: pl.DataFrame, dimension: str, column: str) -> pl.DataFrame:
    """``|a|b|`` cells: one value per item."""
    return _exploded(frame, dimension, pl.col(column).str.strip_chars("|").str.split("|"))


def _signal_types(frame: pl.DataFrame) -> pl.DataFrame:
    items = pl.col("ls_signals").str.strip_chars("|").str.split("|")
    types = items.list.eval(pl.element().str.split("@").list.first())
    return _exploded(frame, "signals", types)


def _keywords(frame: pl.DataFrame) -> pl.DataFrame:
    """Items of the canonical ``keywords`` column, folded like the keyword rule reads them."""
    if "keywords" not in frame.columns:
        return pl.DataFrame(schema=SCHEMA)
    cells = frame.select("row", pl.col("keywords").cast(pl.String))
    distinct = cells.get_column("keywords").drop_nulls().unique().to_frame()
    table = distinct.with_columns(
        items_expr(pl.col("keywords")).list.eval(fold_expr(pl.element())).alias("value")
    )
    joined = cells.join(table, on="keywords", how="inner")
    return _exploded(joined, "keywords", pl.col("value"))


def _regions(frame: pl.DataFrame) -> pl.DataFrame:
    membership = pl.DataFrame(
        [(country, slug) for slug, countries in regions().items() for country in countries],
        schema={"ls_country": pl.String, "value": pl.String},
        orient="row",
    )
    joined = frame.select("row", "ls_country").join(membership, on="ls_country", how="inner")
    return joined.select("row", pl.lit("region").alias("dimension"), "value").cast(SCHEMA)  # type: ignore[arg-type]


def _band_expr(low: str, high: str, bands: Sequence[Band]) -> pl.Expr:
    """The label of the band where the middle of [low, high] lies; null when unknown."""
    middle = (
        pl.col(low).cast(pl.Float64) + pl.col(high).cast(pl.Float64).fill_null(pl.col(low))
    ) / 2
    label: pl.Expr = pl.lit(None, pl.String)
    for band in bands:
        label = pl.when(middle >= band.low).then(pl.lit(band.label)).otherwise(label)
    return pl.when(pl.col(low).is_not_null()).then(label)
