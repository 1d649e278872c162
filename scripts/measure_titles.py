"""Measure how job titles are read on the whole O*NET alternate-titles file.

Run from the repository root::

    .venv/bin/python scripts/measure_titles.py [--onet PATH] [--show N]

It prints three figures and the titles behind the first two:

- **non-sales read as sales**: of the titles O*NET lists only under occupations that are not
  sales occupations, the share whose department reads as ``sales``. Sales occupations are the
  SOC major group 41 (Sales and Related), 11-2022 Sales Managers and 53-3031 Driver/Sales
  Workers (route drivers who sell what they deliver). 11-2021 Marketing Managers and the other
  11-20xx managers are not: their titles name marketing, advertising, fundraising or public
  relations, which are not ``sales``.
- **non-management read as owner, c_suite or vp**: of the titles O*NET lists only under
  occupations outside the SOC major group 11 (Management), the share whose seniority reads as
  ``owner``, ``c_suite`` or ``vp``. Titles of group 11 are left out of this figure: a chief
  executive, a farm owner or a bank president may rightly read as those.
- **pinned accuracy**: the share of the table of real titles pinned in
  ``tests/normalize/test_titles.py`` (``TITLES``) read exactly as pinned (seniority and
  department).

A title O*NET lists under both kinds of occupation (say "Sales Manager" under 11-2022 and under
a non-sales code) is counted in neither denominator: O*NET itself says it can be either.
Every title is read once by the vectorized ``read_titles``, as an import reads a column.
``tests/normalize/test_titles_onet.py`` holds the bounds: at most 0.3 % and 0.1 %, and at
least 98 % pinned accuracy.
"""

from __future__ import annotations

import argparse
import ast
import csv
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402

from leadsieve.normalize.titles import read_titles  # noqa: E402

ONET = Path("/work/shared/data/onet_alternate_titles.csv")
#: SOC codes (or prefixes) of sales occupations; see the module docstring for why these.
SALES_OCCUPATIONS = ("41-", "11-2022", "53-3031")
MANAGEMENT_OCCUPATIONS = ("11-",)
TOP_SENIORITIES = frozenset({"owner", "c_suite", "vp"})


@dataclass(frozen=True)
class Share:
    """How many of ``total`` titles were read wrongly, and which."""

    wrong: tuple[str, ...]
    total: int

    @property
    def rate(self) -> float:
        """The share of wrong titles, 0..1."""
        return len(self.wrong) / self.total if self.total else 0.0


@dataclass(frozen=True)
class Measurement:
    """The figures of the module docstring."""

    non_sales_as_sales: Share
    non_management_as_top: Share
    pinned: Share


def onet_titles(path: Path = ONET) -> dict[str, set[str]]:
    """Every alternate title in the file and the SOC codes that list it."""
    codes: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for title in ast.literal_eval(row["Alternate Title"]):
                codes.setdefault(title, set()).add(row["O*NET-SOC Code"])
    return codes


def _only_outside(codes: dict[str, set[str]], prefixes: Iterable[str]) -> list[str]:
    prefixes = tuple(prefixes)
    return sorted(t for t, cs in codes.items() if not any(c.startswith(prefixes) for c in cs))


def measure(path: Path = ONET) -> Measurement:
    """Read every O*NET title and every pinned title once and count the wrong readings."""
    from tests.normalize.test_titles import TITLES  # the pinned table of real titles

    codes = onet_titles(path)
    non_sales = _only_outside(codes, SALES_OCCUPATIONS)
    non_management = _only_outside(codes, MANAGEMENT_OCCUPATIONS)
    pinned = [(p.values[0], p.values[1], p.values[2]) for p in TITLES]
    texts = sorted(codes) + [text for text, _, _ in pinned]
    read = read_titles(pl.Series(texts, dtype=pl.String))
    by_title = dict(zip(texts, read.iter_rows(), strict=True))
    as_sales = tuple(t for t in non_sales if by_title[t][1] == "sales")
    as_top = tuple(t for t in non_management if by_title[t][0] in TOP_SENIORITIES)
    misread = tuple(
        f"{text!r}: {by_title[text]} instead of {(seniority, department)}"
        for text, seniority, department in pinned
        if by_title[text] != (seniority, department)
    )
    return Measurement(
        Share(as_sales, len(non_sales)),
        Share(as_top, len(non_management)),
        Share(misread, len(pinned)),
    )


def _show(label: str, share: Share, limit: int, *, correct: bool = False) -> None:
    count, total = len(share.wrong), share.total
    if correct:
        print(f"{label}: {total - count}/{total} = {100 * (1 - share.rate):.2f} %")
    else:
        print(f"{label}: {count}/{total} = {100 * share.rate:.3f} %")
    for text in share.wrong[:limit]:
        print(f"    {text}")
    if count > limit:
        print(f"    ... and {count - limit} more")


def main(argv: list[str] | None = None) -> int:
    """Print the figures and the titles behind them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onet", type=Path, default=ONET, help="O*NET alternate titles CSV")
    parser.add_argument("--show", type=int, default=400, help="titles to list per figure")
    args = parser.parse_args(argv)
    result = measure(args.onet)
    _show("non-sales titles read as sales", result.non_sales_as_sales, args.show)
    _show("non-management titles read as owner/c_suite/vp", result.non_management_as_top, args.show)
    _show("pinned titles read as pinned", result.pinned, args.show, correct=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
