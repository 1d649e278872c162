"""Expression helpers the rules share: flags, substring tests, first hits, index lookups.

Each is plain narwhals, so every engine (Polars, pandas, DuckDB) evaluates it the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import narwhals as nw

#: Up to this many values, a chain of equality tests finds a value's index faster than a hash
#: lookup (Polars compares short strings by their inline prefix).
_CHAINED = 16


def flag(condition: nw.Expr) -> nw.Expr:
    """A boolean as 1.0 / 0.0, nulls as 0.0."""
    return nw.when(condition.fill_null(value=False)).then(nw.lit(1.0)).otherwise(nw.lit(0.0))


def contains_any(column: str, needles: Sequence[str], *, regex: bool = False) -> nw.Expr:
    """True when the column contains any needle (literal substrings unless ``regex``)."""
    if not regex and len(needles) == 1:
        return nw.col(column).str.contains(needles[0], literal=True)
    # One regex alternation searches the text once for all needles.
    patterns = [f"(?:{n})" for n in needles] if regex else [re.escape(n) for n in needles]
    return nw.col(column).str.contains("|".join(patterns), literal=False)


def first_true(tests: Sequence[nw.Expr]) -> nw.Expr:
    """The index of the first test that holds (null counts as false), else null."""
    expr = nw.when(tests[0]).then(nw.lit(0))
    for n, test in enumerate(tests[1:], start=1):
        expr = expr.when(test).then(nw.lit(n))
    return expr


def first_hit(column: str, needles: Sequence[str], *, regex: bool = False) -> nw.Expr:
    """The index of the first needle found in the column, else null."""
    return first_true([nw.col(column).str.contains(n, literal=not regex) for n in needles])


def index_of(column: nw.Expr, indexes: Mapping[str, int], none: int) -> nw.Expr:
    """``indexes[value]``, ``none`` for a value not in it or a null one."""
    if not indexes:
        return nw.lit(none)
    if len(indexes) > _CHAINED:
        return column.replace_strict(
            list(indexes), list(indexes.values()), default=nw.lit(none), return_dtype=nw.Int64
        )
    items = iter(indexes.items())
    value, index = next(items)
    chain = nw.when(column == value).then(nw.lit(index))
    for value, index in items:
        chain = chain.when(column == value).then(nw.lit(index))
    return chain.otherwise(nw.lit(none))
