"""Employee counts: raw export cells ("51-200", "10,001+", "250 Mitarbeiter") -> `EmployeeRange`.

Rules (docs/currencies.md has the revenue side):

- An exact count n is the range (n, n); an open-ended one ("10,001+", "over 500") has
  ``high=None``; "under 10" / "up to 10" is (1, 10): a company has at least one person.
- Numbers: a comma or dot followed by exactly three digits groups thousands ("1,001",
  "1.001", "5.000"); otherwise it is a decimal mark ("7.0", "2,5k"). Spaces and apostrophes
  group thousands too ("10 000", "10'000"). Fractional counts round half up ("7.5" -> 8).
  "k" is a thousand; "10-50k" is 10,000-50,000, but "500-1k" (where that would reverse the
  range) is 500-1,000.
- "0" alone is unknown (CRMs write 0 for "not filled"), but a range may start at 0
  (LinkedIn's "0-1 employees").
- None for anything unreadable, negative, reversed (low > high: swapping would guess), or
  absurd (a bound above 5,000,000; the largest employers have about 2 million people).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from leadsieve.normalize.text import is_missing

__all__ = ["EmployeeRange", "format_employees", "parse_employees"]

#: Above this a head count is a data error, not a company.
MAX_EMPLOYEES = 5_000_000

#: A number token: space/apostrophe-grouped thousands, or digits with `.`/`,` separators.
NUMBER = r"\d{1,3}(?:[ '’]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*"
APPROX = r"(?:~|≈|approx(?:imately|\.)?|about|around|roughly|circa|ca\.?|c\.|est(?:imated|\.)?)"
ABOVE = r"(?:more than|greater than|in excess of|at least|over|above|min(?:imum|\.)?|>=?|≥)"
BELOW = r"(?:less than|fewer than|up to|under|below|max(?:imum|\.)?|<=?|≤)"
RANGE_SEP = r"(?:-|to|and|bis|till|until|through|thru)"
OPEN_END = r"(?:\+|plus|or more|or above|and (?:more|above|up|over))"
OR_LESS = r"(?:or (?:less|fewer|below|under)|and (?:less|fewer|below|under))"

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-") | dict.fromkeys("\u00a0\u202f\u2009", " "))
_SPACES = re.compile(r"\s+")
_ZOOMINFO_PREFIX = re.compile(r"^employees?\s*[.:]\s*")
_SOLO = re.compile(
    r"(?:self[- ]?employed|myself(?: only)?|only me|just me|solo(?:preneur)?|freelancer?"
    r"|sole (?:trader|proprietor(?:ship)?)|one[- ]person(?: company)?)"
)
_PEOPLE = re.compile(
    r"\b(?:employees?|employés?|salariés?|staff|people|persons?|ppl|ftes?|headcount"
    r"|team members?|workers?|mitarbeiter(?:innen)?|mitarbeitende|beschäftigte|angestellte"
    r"|anställda|ansatte|ansatt|työntekijää|medewerkers|werknemers|empleados|trabajadores"
    r"|dipendenti|funcionários|pracowników)\b"
)
_THOUSAND = r"(?:k|thousand|tsd\.?|tausend|tusen)"
_EMPLOYEES = re.compile(
    rf"(?:{APPROX}\s*)?(?:(?P<above>{ABOVE})|(?P<below>{BELOW})|between|from)?\s*"
    rf"(?P<a>{NUMBER})\s*(?P<ka>{_THOUSAND})?"
    rf"(?:\s*{RANGE_SEP}\s*(?P<b>{NUMBER})\s*(?P<kb>{_THOUSAND})?)?"
    rf"\s*(?:(?P<open>{OPEN_END})|(?P<orless>{OR_LESS}))?"
)


@dataclass(frozen=True)
class EmployeeRange:
    """An employee count as a closed range; ``high=None`` is open-ended ("10,001+").

    An exact count n is ``EmployeeRange(n, n)``.
    """

    low: int
    high: int | None


def clean(text: str) -> str:
    """Casefold, unify dashes and non-breaking spaces, and collapse whitespace."""
    return _SPACES.sub(" ", text.casefold().translate(_DASHES)).strip()


def number_value(token: str, *, before_unit: bool = False) -> Decimal | None:
    """Read a NUMBER token with the grouping rules of the module docstring.

    ``before_unit`` is true when a multiplier follows ("1.125B"): a dot is then a decimal mark
    even before three digits, because "1.125B" is far likelier than 1,125 billion.
    """
    digits = re.sub(r"[ '’]", "", token)
    commas, dots = digits.count(","), digits.count(".")
    try:
        if commas and dots:
            decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
            whole, _, fraction = digits.rpartition(decimal_mark)
            groups = whole.split("." if decimal_mark == "," else ",")
            if decimal_mark in whole or not _grouped(groups):
                return None
            return Decimal("".join(groups) + "." + fraction)
        if not commas and not dots:
            return Decimal(digits)
        separator = "," if commas else "."
        parts = digits.split(separator)
        if len(parts) > 2:
            return Decimal("".join(parts)) if _grouped(parts) else None
        head, tail = parts
        thousands = len(tail) == 3 and head != "0" and not (before_unit and separator == ".")
        return Decimal(head + tail) if thousands else Decimal(head + "." + tail)
    except InvalidOperation:  # pragma: no cover - NUMBER only admits digits and separators
        return None


def _grouped(groups: list[str]) -> bool:
    """True when groups read as thousands: 1-3 leading digits, then exactly three each."""
    return 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])


def _count(value: Decimal) -> int:
    """Round a head count half up to a whole person."""
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def _checked(low: int, high: int | None) -> EmployeeRange | None:
    """Apply the sanity rules: no negatives, no reversed or absurd ranges, exact counts >= 1."""
    if low < 0 or low > MAX_EMPLOYEES or (high is not None and high > MAX_EMPLOYEES):
        return None
    if high is None or low == high:
        return EmployeeRange(low, high) if low >= 1 else None
    if high < 1 or low > high:
        return None
    return EmployeeRange(low, high)


def parse_employees(text: str | int | float | None) -> EmployeeRange | None:
    """Parse an employee count or range from an export cell, or None when it is not one.

    >>> parse_employees("1,001-5,000 employees")
    EmployeeRange(low=1001, high=5000)
    >>> parse_employees("10k+")
    EmployeeRange(low=10000, high=None)
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, int):
        return _checked(text, text)
    if isinstance(text, float):
        if not math.isfinite(text) or abs(text) > MAX_EMPLOYEES:
            return None
        count = _count(Decimal(text))
        return _checked(count, count)
    if is_missing(text):
        return None
    cell = _ZOOMINFO_PREFIX.sub("", clean(text))
    if _SOLO.fullmatch(cell):
        return EmployeeRange(1, 1)
    cell = _SPACES.sub(" ", _PEOPLE.sub(" ", cell)).strip()
    match = _EMPLOYEES.fullmatch(cell)
    if match is None:
        return None
    a = _scaled(match["a"], match["ka"] or (match["kb"] if match["b"] else None))
    b = _scaled(match["b"], match["kb"]) if match["b"] else None
    if a is not None and b is not None and a > b and not match["ka"]:
        a = _scaled(match["a"], None)  # "500-1k": the lower bound as written
    if a is None or (match["b"] and b is None):
        return None
    if b is not None:
        if match["above"] or match["below"] or match["open"] or match["orless"]:
            return None
        return _checked(a, b)
    if match["below"] or match["orless"]:
        if match["above"] or match["open"]:
            return None
        return _checked(1, a) if a >= 1 else None
    if match["above"] or match["open"]:
        return _checked(a, None)
    return _checked(a, a)


def _scaled(token: str, thousand: str | None) -> int | None:
    """A NUMBER token, times 1,000 when a "k" follows, rounded to a whole person."""
    value = number_value(token, before_unit=thousand is not None)
    if value is None:
        return None
    if thousand is not None:
        value = value.scaleb(3)
    if value > MAX_EMPLOYEES:
        return MAX_EMPLOYEES + 1
    return _count(value)


def format_employees(r: EmployeeRange) -> str:
    """Render a range for people: "240", "51–200", "10,001+" (thousands commas, en dash)."""
    if r.high is None:
        return f"{r.low:,}+"
    if r.low == r.high:
        return f"{r.low:,}"
    return f"{r.low:,}–{r.high:,}"
