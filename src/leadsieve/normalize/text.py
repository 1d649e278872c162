"""Text folding shared by the normalizers: case, accents and punctuation never decide a match."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_MISSING = frozenset({"", "-", "--", "n/a", "na", "n.a.", "none", "null", "nil", "unknown", "?"})

#: Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, strip accents, and collapse every run of non-alphanumerics to one space.

    >>> fold("  Café-Société, GmbH ")
    'cafe societe gmbh'
    """
    lowered = text.casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", ascii_only).strip()


def is_missing(text: str | None) -> bool:
    """True for None, blank cells and the usual placeholders ("n/a", "-", "unknown")."""
    return text is None or text.strip().casefold() in _MISSING
