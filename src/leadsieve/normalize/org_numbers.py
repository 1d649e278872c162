"""Organization numbers: compacted, and checked with python-stdnum where the country's format
(and check digit) is known, so a mistyped number never becomes a dedupe key.

``normalize_org_no("SE", "556036-0793")`` -> ``OrgNumber("5560360793", valid=True)``; a number
that fails the country's check gives ``valid=False`` with the reason; a country without a known
format keeps the number as given, without spaces or punctuation (``checked=False``).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

#: Country -> python-stdnum module of its organization (company registration) number.
MODULES: dict[str, str] = {
    "SE": "stdnum.se.orgnr",  # organisationsnummer
    "NO": "stdnum.no.orgnr",  # organisasjonsnummer
    "FI": "stdnum.fi.ytunnus",  # Y-tunnus
    "DK": "stdnum.dk.cvr",  # CVR-nummer
    "FR": "stdnum.fr.siren",  # SIREN
    "CH": "stdnum.ch.uid",  # UID (CHE-...)
    "ES": "stdnum.es.cif",  # CIF
    "PL": "stdnum.pl.regon",  # REGON
    "EE": "stdnum.ee.registrikood",  # registrikood
    "IT": "stdnum.it.iva",  # partita IVA
    "US": "stdnum.us.ein",  # EIN
    "CA": "stdnum.ca.bn",  # business number
    "AU": "stdnum.au.abn",  # ABN
    "NZ": "stdnum.nz.ird",  # IRD number
    "BR": "stdnum.br.cnpj",  # CNPJ
    "JP": "stdnum.jp.cn",  # corporate number
}

_PUNCTUATION = re.compile(r"[\s.\-/]+")


@dataclass(frozen=True)
class OrgNumber:
    """A compacted org number; ``valid`` False means it failed the country's check."""

    number: str
    checked: bool  # the country's format is known and was checked
    valid: bool
    reason: str | None = None


@cache
def _module(country: str) -> ModuleType | None:
    name = MODULES.get(country)
    return importlib.import_module(name) if name else None


def normalize_org_no(country: str | None, text: str | None) -> OrgNumber | None:
    """The org number of ``text`` for ``country`` (ISO alpha-2), or None for a blank cell."""
    if text is None or not text.strip():
        return None
    module = _module((country or "").upper())
    if module is None:
        return OrgNumber(_PUNCTUATION.sub("", text.strip()).upper(), checked=False, valid=True)
    compact = str(module.compact(text))
    if module.is_valid(compact):
        return OrgNumber(compact, checked=True, valid=True)
    return OrgNumber(
        compact,
        checked=True,
        valid=False,
        reason=f"{text.strip()!r} is not a valid {country} organization number "
        f"(format or check digit, {module.__name__.removeprefix('stdnum.')})",
    )
