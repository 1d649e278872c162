"""How a keyword of an ICP is found in a lead's text: as whole words, or their plural, or by an
explicit prefix.

The text is folded (``normalize.text.fold``: lowercase, accents stripped, every run of other
characters one space) and padded with spaces, so whole words sit between spaces. A term
matches itself and its English plural (``crypto`` matches "crypto" and "cryptos", ``company``
"companies", ``box`` "boxes"); ``crypto*`` matches every word that starts with "crypto"
("cryptocurrency"). One regular expression per term, the same on every engine.
"""

from __future__ import annotations

import re

_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def keyword_pattern(term: str) -> str:
    """The regular expression that finds ``term`` (folded; a trailing ``*`` is a prefix) in
    padded folded text."""
    prefix = term.endswith("*")
    words = term.rstrip("*").split(" ")
    head, last = words[:-1], words[-1]
    if prefix:
        tail = rf"{re.escape(last)}[^ ]*"
    elif _CONSONANT_Y.search(last):
        tail = rf"{re.escape(last[:-1])}(?:y|ies)"
    else:
        tail = rf"{re.escape(last)}(?:s|es)?"
    lead = "".join(f"{re.escape(w)} " for w in head)
    return f" {lead}{tail} "


def mentions(text: str | None, term: str) -> bool:
    """Whether padded folded ``text`` mentions ``term`` (the per-row reading of the pattern)."""
    return text is not None and re.search(keyword_pattern(term), text) is not None
