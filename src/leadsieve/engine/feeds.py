"""Which lead columns feed which ICP rule, and which rules no data fed.

A rule whose columns a file lacks, or whose data no stored lead has, is ``unknown`` for every
lead: the score says nothing about it, and a user who wrote it should be told, not left to
wonder why every lead misses 15 points. ``unfed_rules`` checks a file's mapped columns before
scoring; ``unknown_counts`` and ``always_unknown`` check the fits after it (stored leads).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import polars as pl

from leadsieve.icp import Icp
from leadsieve.normalize.groups import TEXT_INPUTS

#: Canonical columns each rule reads (after mapping; see ``leadsieve.columns``).
RULE_INPUTS: Final[dict[str, frozenset[str]]] = {
    "industries": frozenset({"industry", "keywords"}),  # YC-style tags name industries
    "geography": frozenset({"country", "subdivision", "city"}),
    "employees": frozenset({"employees"}),
    "revenue": frozenset({"revenue", "revenue_thousands_usd"}),
    "roles": frozenset({"title", "seniority", "department"}),
    "signals": frozenset({"signals", "funding_date", "funding_round", "funding_amount", "hiring"}),
    "technologies": frozenset({"technologies"}),
    "keywords": frozenset(TEXT_INPUTS),
}


def unfed_rules(icp: Icp, columns: Iterable[str]) -> tuple[str, ...]:
    """The ICP's rules that none of ``columns`` (canonical names) feeds, in the ICP's order."""
    present = set(columns)
    return tuple(name for name in icp.rules.present() if not RULE_INPUTS[name] & present)


def unknown_counts(fits: pl.DataFrame, column: str = "unknown") -> dict[str, int]:
    """Per rule, how many of ``fits`` were ``unknown`` for it (``column``: "rule,rule")."""
    names = fits.get_column(column).fill_null("").str.split(",").explode()
    counted = names.filter(names != "").value_counts()
    return {str(name): int(count) for name, count in counted.iter_rows()}


def always_unknown(icp: Icp, counts: Mapping[str, int], scored: int) -> tuple[str, ...]:
    """The ICP's rules that were unknown for every one of ``scored`` leads (none scored: none)."""
    if scored <= 0:
        return ()
    return tuple(name for name in icp.rules.present() if counts.get(name, 0) >= scored)
