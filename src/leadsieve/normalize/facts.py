"""Vendor fact fields -> what leadsieve scores and stores: dates, yes/no flags, signals.

Exports carry facts in columns of their own: Apollo's "Last Raised At" and "Latest Funding",
ZoomInfo's "Recent Funding Date" and "Recent Funding Round", job-posting counts, opt-out
flags. ``fact_signals_expr`` turns the funding and hiring columns into items of the ``signals``
cell (``recent_funding@2024-03-15``, ``hiring``), so that a file and the store score them the
same way; ``flag_expr`` reads an opt-out cell as True, False or unknown.

Everything here is a vectorized Polars expression: a fact column is nearly unique per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import polars as pl

#: Cells that say yes. Compared after trimming and lowercasing.
TRUE_WORDS: Final = frozenset(
    {"true", "yes", "y", "1", "x", "t", "on", "ja", "oui", "si", "sí", "sim", "opted out",
     "opted-out", "unsubscribed", "do not call", "do not contact", "dnc", "wahr", "vrai"}
)  # fmt: skip
#: Cells that say no.
FALSE_WORDS: Final = frozenset(
    {"false", "no", "n", "0", "f", "off", "nein", "non", "nej", "nee", "não", "nao",
     "falsch", "faux", "subscribed", "opted in", "opted-in"}
)  # fmt: skip

#: Date layouts, each tried only on cells of its shape (a parser told "%b %d %Y" would read
#: "Mar 2026" as March 20 of year 26). US vendors write month first: "03/04/2024" is March 4.
_LAYOUTS: Final = (
    (r"^\d{4}-\d{1,2}-\d{1,2}$", "%Y-%m-%d"),
    (r"^\d{4}/\d{1,2}/\d{1,2}$", "%Y/%m/%d"),
    (r"^\d{1,2}/\d{1,2}/\d{4}$", "%m/%d/%Y"),
    (r"^\d{1,2}\.\d{1,2}\.\d{4}$", "%d.%m.%Y"),
    (r"^[A-Za-z]{3,9}\.? \d{1,2},? \d{4}$", "%b %d %Y"),
    (r"^\d{1,2} [A-Za-z]{3,9}\.? \d{4}$", "%d %b %Y"),
)
#: A month alone: its first day.
_MONTH_LAYOUTS: Final = (
    (r"^\d{4}-\d{1,2}$", "%Y-%m"),
    (r"^[A-Za-z]{3,9}\.? \d{4}$", "%b %Y"),
    (r"^\d{1,2}/\d{4}$", "%m/%Y"),
)


def flag_expr(expr: pl.Expr) -> pl.Expr:
    """True for a yes, False for a no, null for anything else ("maybe" is never an opt-in)."""
    text = expr.cast(pl.String).str.strip_chars().str.to_lowercase()
    return (
        pl.when(text.is_in(sorted(TRUE_WORDS)))
        .then(pl.lit(True))
        .when(text.is_in(sorted(FALSE_WORDS)))
        .then(pl.lit(False))
        .otherwise(pl.lit(None, pl.Boolean))
    )


def date_expr(expr: pl.Expr) -> pl.Expr:
    """A date cell in any common layout as a Date; a month alone ("Mar 2024") is its first day.
    A timestamp keeps its date ("2024-03-15T10:00:00Z"); anything else is null."""
    text = expr.cast(pl.String).str.strip_chars()
    iso = text.str.extract(r"^(\d{4}-\d{2}-\d{2})[T ]", 1)
    # month names as chrono reads them: "%b" takes "Mar" and "March"; commas and dots go
    plain = text.str.replace_all(r"[,.]", "").str.replace_all(r"\b([A-Za-z]{3})[A-Za-z]*\b", "$1")
    found = [iso.str.to_date("%Y-%m-%d", strict=False)]
    for shape, layout in _LAYOUTS:
        cell = plain if "%b" in layout else text
        found.append(pl.when(text.str.contains(shape)).then(cell.str.to_date(
            layout.replace(",", ""), strict=False
        )))  # fmt: skip
    for shape, layout in _MONTH_LAYOUTS:
        cell = plain if "%b" in layout else text
        first = pl.concat_str(pl.lit("1 "), cell).str.to_date(f"%d {layout}", strict=False)
        found.append(pl.when(text.str.contains(shape)).then(first))
    return pl.coalesce(*found)


def hiring_expr(expr: pl.Expr) -> pl.Expr:
    """Whether a hiring cell says the company hires: a count of job postings above zero, a
    yes, or a date (of a posting). Null when it says nothing readable."""
    text = expr.cast(pl.String).str.strip_chars()
    count = text.str.replace_all(r"[,\s]", "").cast(pl.Float64, strict=False)
    return (
        pl.when(count.is_not_null())
        .then(count > 0)
        .when(date_expr(text).is_not_null())
        .then(pl.lit(True))
        .otherwise(flag_expr(text))
    )


def fact_signals_expr(present: Sequence[str]) -> pl.Expr:
    """The ``signals`` cell with the funding and hiring columns of ``present`` added as items:
    ``recent_funding@<date>`` for a funding date (``recent_funding`` undated for a round or
    amount without one) and ``hiring`` where the hiring cell says so."""
    items: list[pl.Expr] = []
    if "signals" in present:
        items.append(pl.col("signals").cast(pl.String))
    funded = [c for c in ("funding_round", "funding_amount") if c in present]
    when = date_expr(pl.col("funding_date")) if "funding_date" in present else None
    some_funding = pl.any_horizontal(
        pl.col(c).cast(pl.String).str.strip_chars().str.len_chars() > 0 for c in funded
    ) if funded else pl.lit(False)  # fmt: skip
    if when is not None:
        dated = pl.concat_str(pl.lit("recent_funding@"), when.dt.strftime("%Y-%m-%d"))
        items.append(pl.when(when.is_not_null()).then(dated).when(some_funding).then(
            pl.lit("recent_funding")
        ))  # fmt: skip
    elif funded:
        items.append(pl.when(some_funding).then(pl.lit("recent_funding")))
    if "hiring" in present:
        items.append(pl.when(hiring_expr(pl.col("hiring")).fill_null(False)).then(pl.lit("hiring")))
    joined = pl.concat_str(items, separator=";", ignore_nulls=True)
    return pl.when(joined.str.len_chars() > 0).then(joined)
