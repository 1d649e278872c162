"""Company names: a display name without its trailing legal form, and a dedupe key.

"Acme, Inc.", "ACME Inc" and "Acme" are one organization. Legal forms are removed only from the
end of a name, repeatedly ("ACME GmbH & Co. KG" -> "ACME", "Volvo AB (publ)" -> "Volvo"); a
form-looking word anywhere else stays ("AB Foods Group", "SE Properties Ltd" -> "SE Properties").

Forms are compared on folded word tokens, and single letters joined by "." or "/" count as one
token, so "S.r.l.", "S.R.L" and "Srl" are the same form, while "Vitamin A S.A." keeps its "A".
Words that are also ordinary words ("Spa", "As", "Ad", "Ag") count as a form only when written
like one: with dots, or not in title or lower case ("SpA", "SPA", "S.p.A." and "AG", but not
"Hotel & Spa" or "Precision Ag").

A cell that is only a legal form gives None, even when the form doubles as a company's acronym
("SAS", "SCA"): write "SAS Institute" to keep it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from leadsieve.normalize.text import fold, is_missing

#: Trailing legal forms, written as they appear; variants in dots and spacing need no entry.
_LEGAL_FORMS = (
    # English-speaking jurisdictions
    "Inc", "Incorporated", "Corp", "Corporation", "Co", "Company", "LLC", "PLLC", "LLP", "LP",
    "Ltd", "Limited", "PLC", "Pty", "Pty Ltd", "Proprietary Limited", "Pte", "Pte Ltd", "Pvt",
    "Pvt Ltd", "Private Limited", "Sdn Bhd", "Bhd", "Berhad", "Tbk",
    # German-speaking
    "GmbH", "gGmbH", "mbH", "AG", "KG", "KGaA", "OHG", "GbR", "UG", "UG (haftungsbeschränkt)",
    "e.V.", "e.K.", "eG", "Aktiengesellschaft", "Gesellschaft mit beschränkter Haftung",
    # European company, French, Belgian, Luxembourgish, Swiss
    "SE", "S.A.", "SAS", "SASU", "SARL", "S.à r.l.", "EURL", "SNC", "SCA", "SCS", "GIE", "SCOP",
    "SPRL", "SRL", "BVBA", "CVBA", "SCRL", "ASBL", "VZW",
    # Dutch
    "B.V.", "N.V.", "V.O.F.", "C.V.",
    # Italian, Spanish, Portuguese, Latin American
    "S.p.A.", "S.r.l.", "S.r.l.s.", "S.a.s.", "S.n.c.", "S.L.", "S.L.U.", "S.A.U.", "Lda",
    "Ltda", "EIRELI", "S.A. de C.V.", "S.A.B. de C.V.", "S. de R.L.", "S. de R.L. de C.V.",
    "S.A.C.", "S.A.A.", "S.A.S.",
    # Nordic
    "AB", "publ", "HB", "KB", "Oy", "Oyj", "Abp", "Ky", "Tmi", "A/S", "ApS", "AS", "ASA", "ehf",
    "hf",
    # Central and Eastern Europe, Balkans, Greece, Turkey, CIS (Latin script)
    "Sp. z o.o.", "Sp. z.o.o.", "Sp.k.", "Sp.j.", "s.r.o.", "spol. s r.o.", "a.s.", "Kft",
    "Zrt", "Nyrt", "OOD", "EOOD", "AD", "EAD", "d.o.o.", "d.d.", "A.E.", "E.P.E.",
    "Ltd. Şti.", "JSC", "PJSC", "OJSC", "CJSC",
    # Japan, China, Korea (romanized)
    "K.K.", "Kabushiki Kaisha", "G.K.", "Godo Kaisha", "Y.K.", "Co., Ltd.",
)  # fmt: skip

#: Forms that are also everyday words: stripped only when written in a legal-form style.
_AMBIGUOUS = frozenset({"spa", "as", "ad", "ag"})

#: Conjunctions left dangling by a removed form ("Schmidt und Co. KG").
_CONJUNCTIONS = frozenset({"and", "und", "et", "och", "og", "en", "y", "e"})

#: Cells that say "no company" in words.
_PLACEHOLDERS = frozenset(
    {
        "self employed",
        "selfemployed",
        "freelance",
        "freelancer",
        "stealth",
        "stealth mode",
        "stealth startup",
        "confidential",
        "undisclosed",
        "not applicable",
        "not available",
        "tbd",
        "tba",
        "none",
        "no company",
    }
)

_WORD = re.compile(r"[^\W_]+")
_TRAILING_JUNK = " \t,;:.-–—&/+(|·\"'“”‘’„«»"
_QUOTES = "\"'“”‘’„«» "


class _Token(NamedTuple):
    """A word of a name: its folded form, where it starts, and whether it may be a form."""

    folded: str
    start: int
    form_style: bool


def _tokens(name: str) -> list[_Token]:
    """Folded word tokens with offsets; single letters joined by "." or "/" become one token."""
    tokens: list[_Token] = []
    initials = False  # the last token is a run of single letters
    previous_end = -1
    for match in _WORD.finditer(name):
        raw = match.group()
        folded = fold(raw) or raw.casefold()
        gap = name[previous_end : match.start()] if previous_end >= 0 else ""
        if len(folded) == 1 and initials and ("." in gap or "/" in gap):
            last = tokens[-1]
            tokens[-1] = _Token(last.folded + folded, last.start, True)
        else:
            initials = len(folded) == 1
            styled = (
                initials or not (raw.islower() or raw.istitle()) or name[match.end() :][:1] == "."
            )
            tokens.append(_Token(folded, match.start(), styled))
        previous_end = match.end()
    return tokens


@cache
def _forms() -> tuple[frozenset[tuple[str, ...]], int]:
    """The legal forms as folded token tuples, and the longest form's length."""
    forms = frozenset(tuple(token.folded for token in _tokens(form)) for form in _LEGAL_FORMS)
    return forms, max(len(form) for form in forms)


def _trailing_form_size(tokens: list[_Token]) -> int:
    """How many tokens at the end of the name form a legal form (0 when none does)."""
    forms, longest = _forms()
    for size in range(min(longest, len(tokens)), 0, -1):
        tail = tokens[-size:]
        if tuple(token.folded for token in tail) in forms:
            if size == 1 and tail[0].folded in _AMBIGUOUS and not tail[0].form_style:
                continue
            return size
    return 0


def _strip_legal_forms(name: str) -> str:
    """Remove legal forms from the end of the name until none is left.

    Cutting the name never changes the tokens before the cut, so it is tokenized once.
    """
    tokens = _tokens(name)
    cut = None
    while size := _trailing_form_size(tokens):
        cut = tokens[-size].start
        del tokens[-size:]
        if len(tokens) > 1 and tokens[-1].folded in _CONJUNCTIONS:
            cut = tokens.pop().start
    if cut is None:
        return name
    name = name[:cut].rstrip(_TRAILING_JUNK)
    return name + ")" if name.count("(") > name.count(")") else name


def normalize_company_name(text: str | None) -> str | None:
    """The company's display name: trailing legal forms removed, whitespace collapsed.

    Case and inner punctuation are kept. A cell that is only a legal form ("Inc.") or a
    placeholder ("n/a", "Self-employed", "-") gives None.

    >>> normalize_company_name("ACME GmbH & Co. KG")
    'ACME'
    >>> normalize_company_name("Volvo AB (publ)")
    'Volvo'
    """
    if text is None or is_missing(text):
        return None
    name = " ".join(text.split()).strip(_QUOTES)
    if not any(char.isalnum() for char in name) or fold(name) in _PLACEHOLDERS:
        return None
    name = _strip_legal_forms(name)
    if not any(char.isalnum() for char in name):
        return None
    return name


def company_key(text: str | None) -> str | None:
    """The dedupe key of a company name: the folded normalized name.

    "Acme, Inc.", "ACME" and "Acmé Inc" share the key "acme". A name in a script that folding
    erases (Cyrillic, CJK) keys on its casefolded, whitespace-collapsed form instead.
    """
    name = normalize_company_name(text)
    if name is None:
        return None
    return fold(name) or " ".join(name.casefold().split())
