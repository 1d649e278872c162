"""Text folding shared by the normalizers: case, accents and punctuation never decide a match.

``fold`` (one value, Python) and ``fold_expr`` (a whole Polars column) give the same result for
every string; a property test holds them to it. Folding lowercases, spells out letters that
have no decomposition (ß -> ss, ø -> o), decomposes (NFKD), drops combining marks, and turns
every run of anything but ASCII letters and digits into one space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
#: Cells that stand for "no value" in exports, compared stripped and case-folded.
MISSING = frozenset({"", "-", "--", "n/a", "na", "n.a.", "none", "null", "nil", "unknown", "?"})

#: Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL = {"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ı": "i"}
_SPECIAL_TABLE = str.maketrans(_SPECIAL)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, strip accents, and collapse every run of non-alphanumerics to one space.

    >>> fold("  Café-Société, GmbH ")
    'cafe societe gmbh'
    """
    lowered = text.lower()
    if lowered.isascii():
        return _NON_ALNUM.sub(" ", lowered).strip()
    decomposed = unicodedata.normalize("NFKD", lowered.translate(_SPECIAL_TABLE))
    unmarked = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return _NON_ALNUM.sub(" ", unmarked).strip()


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """``fold`` for a whole Polars string column, vectorized (nulls stay null)."""
    import polars as pl  # here, not at import: reading an ICP needs ``fold`` but not Polars

    return expr.map_batches(fold_series, return_dtype=pl.String, is_elementwise=True)


def fold_series(values: pl.Series) -> pl.Series:
    """``fold`` for a Polars string Series.

    Like ``fold``, only the values that are not plain ASCII pay for decomposition: in most
    exports that is a few percent of the cells, and NFKD is the costliest step.
    """
    import polars as pl

    lowered = values.cast(pl.String).str.to_lowercase()
    wide = (lowered.str.len_bytes() != lowered.str.len_chars()).fill_null(False)
    if wide.any():
        where = wide.arg_true()
        unmarked = (
            lowered.gather(where)
            .str.replace_many(list(_SPECIAL), list(_SPECIAL.values()))
            .str.normalize("NFKD")
            .str.replace_all(r"\p{M}+", "")
        )
        lowered = lowered.scatter(where, unmarked)
    return lowered.str.replace_all(r"[^0-9a-z]+", " ").str.strip_chars()


def is_missing(text: str | None) -> bool:
    """True for None, blank cells and the usual placeholders ("n/a", "-", "unknown")."""
    return text is None or text.strip().casefold() in MISSING
