"""Phone numbers in E.164 ("+46812345678"), parsed by libphonenumber's Python port.

A number in national format needs the lead's country (ISO 3166-1 alpha-2) to be read; one with
"+" or the international "00" prefix does not. Extensions, labels ("Tel:", "(mobile)") and
spreadsheet artefacts ("+46812345678.0") are dropped. A number is kept only when its length is
possible for its country as a full number: phonenumbers' IS_POSSIBLE, so numbers that can be
dialled only locally (IS_POSSIBLE_LOCAL_ONLY) give None too, because they are not E.164.
"""

from __future__ import annotations

import re

from leadsieve.normalize.text import is_missing

# "00" as the international prefix, after any label: "Tel. 0049 30 ..." is "+49 30 ...".
_INTERNATIONAL_00 = re.compile(r"^([^\d+]*)00(?=\s*[1-9])")
_SPREADSHEET_FLOAT = re.compile(r"^(\+?\d+)\.0+$")
_ANNOTATION = re.compile(r"\([^()\d]*[^\W\d_][^()\d]*\)")
_TRAILING_WORDS = re.compile(r"[^\W\d_][^\d]*$")
_EXTENSION_WORD = re.compile(r"(?i)\b(?:ext|extn|extension|x|anknytning|durchwahl|poste)\b")
_SEPARATORS = re.compile(r"\s*[;,|]\s*|\s+/\s+|\s+or\s+", re.IGNORECASE)


def _parse(candidate: str, region: str | None) -> str | None:
    """E.164 of one candidate number, or None if it is not a possible full number."""
    import phonenumbers  # imported on first use: its metadata takes ~70 ms to load

    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _clean(text: str) -> str:
    """Drop labels in words and spreadsheet artefacts; make a leading "00" a "+"."""
    cleaned = _ANNOTATION.sub(" ", text).strip()
    trailing = _TRAILING_WORDS.search(cleaned)
    if trailing and not _EXTENSION_WORD.search(trailing.group()):
        cleaned = cleaned[: trailing.start()].strip()
    cleaned = _SPREADSHEET_FLOAT.sub(r"\1", cleaned)
    return _INTERNATIONAL_00.sub(r"\1+", cleaned, count=1)


def normalize_phone(text: str | None, country: str | None = None) -> str | None:
    """The number in E.164, or None when it cannot be read as a complete, possible number.

    ``country`` (ISO 3166-1 alpha-2, any case) reads national numbers; without it a number
    needs a "+" or "00" prefix. When a cell holds several numbers the first one readable wins.

    >>> normalize_phone("+1 (415) 555-2671 ext. 12")
    '+14155552671'
    >>> normalize_phone("08-123 456 78", "SE")
    '+46812345678'
    >>> normalize_phone("0049 30 1234567")
    '+49301234567'
    """
    if text is None or is_missing(text):
        return None
    region = country.strip().upper() if country and not is_missing(country) else None
    whole = _parse(_clean(text), region)
    if whole is not None:
        return whole
    for part in _SEPARATORS.split(text):
        number = _parse(_clean(part), region)
        if number is not None:
            return number
    return None
