"""Annual revenue: raw export cells ("$10M-$50M", "5 Mrd. EUR", "20 MSEK") -> `Revenue`.

Rules (docs/currencies.md has the full list and the rate table):

- The currency comes from a symbol or code in the text, else from the ``currency`` argument,
  else USD. "$" alone is USD (write "C$", "A$" or the ISO code for other dollars); "¥" is JPY
  (yuan is "CN¥", "RMB" or "CNY"); "kr" is the ``currency`` argument when that is SEK, NOK, DKK or
  ISK, else SEK. Two different currencies in one cell ("$5M (€4.6M)") give None.
- Multipliers: K/thousand, M/MM/mn/mil./Mio./million, B/bn/bil./Mrd./Md/milliard, T/tn,
  lakh, crore; glued codes "MSEK", "mkr", "tkr" (tusen kronor), "MEUR". "mil." is million, as
  in ZoomInfo's "Revenue Range (in USD)", never the Spanish/Portuguese thousand. A lower bound
  without a unit takes the upper bound's ("10-50M" is 10M-50M) unless that reverses the range
  ("$10-$1K" is 10 to 1,000).
- Numbers follow `number_value`: "1,000,000", "1.000.000", "1 000 000" group thousands; a dot
  before a multiplier is a decimal mark ("$1.125B").
- "Over X"/"X+" is (X, None); "Under X"/"Less than X" is (0, X); an exact X is (X, X).
- ``scale`` multiplies every amount: ZoomInfo's "Revenue (in 000s USD)" passes ``scale=1000``.
- None for unreadable text, zero or negative amounts (a range may start at 0), reversed ranges,
  and amounts above 10 trillion USD (no company earns that; it is a unit error).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib.resources import files
from typing import TYPE_CHECKING, Final

from leadsieve.normalize.employees import (
    ABOVE,
    APPROX,
    BELOW,
    NUMBER,
    OPEN_END,
    OR_LESS,
    RANGE_SEP,
    clean,
    number_value,
)
from leadsieve.normalize.text import is_missing

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "Revenue",
    "convert",
    "format_money",
    "format_revenue",
    "known_currencies",
    "parse_revenue",
    "to_usd",
]


@dataclass(frozen=True)
class Revenue:
    """Annual revenue as a range in one ISO 4217 currency; ``high=None`` is open-ended."""

    low: float
    high: float | None
    currency: str


def _load_rates() -> dict[str, float]:
    """Read the fixed rate table (units of each currency per 1 USD) shipped with the package."""
    raw = files("leadsieve.normalize").joinpath("data", "currencies.json").read_text("utf-8")
    table: dict[str, float] = json.loads(raw)["units_per_usd"]
    return {code: float(rate) for code, rate in table.items()}


_PER_USD: Final = _load_rates()
_KNOWN: Final = frozenset(_PER_USD)
#: Above this (in USD) an amount is a unit error, not a company's revenue.
_MAX_USD: Final = 1e13

_NORDIC_KRONA = frozenset({"SEK", "NOK", "DKK", "ISK"})
_KRONA = "kr"
_SYMBOLS: Final = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_ALIASES: Final = {code.casefold(): code for code in _KNOWN} | {
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD",
    "c$": "CAD", "ca$": "CAD", "can$": "CAD", "a$": "AUD", "au$": "AUD", "nz$": "NZD",
    "s$": "SGD", "sg$": "SGD", "hk$": "HKD", "mx$": "MXN", "r$": "BRL", "nt$": "TWD",
    "€": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "¥": "JPY", "yen": "JPY", "cn¥": "CNY", "元": "CNY", "rmb": "CNY",
    "yuan": "CNY", "renminbi": "CNY", "₹": "INR", "rupee": "INR", "rupees": "INR", "₩": "KRW",
    "₪": "ILS", "₺": "TRY", "₱": "PHP", "฿": "THB", "₫": "VND", "₦": "NGN", "₴": "UAH",
    "zł": "PLN", "kč": "CZK", "ft": "HUF", "sfr": "CHF", "fr.": "CHF", "rand": "ZAR",
    "kronor": "SEK", "kr": _KRONA, "kr.": _KRONA,
}  # fmt: skip
_EXPONENTS: Final = {
    **dict.fromkeys(["k", "thousand", "thousands", "tsd", "tsd.", "tausend", "tusen"], 3),
    **dict.fromkeys(["lakh", "lakhs", "lac", "lacs"], 5),
    **dict.fromkeys(
        ["m", "mm", "mn", "mln", "mln.", "mil", "mil.", "mill", "mill.", "mio", "mio.", "million",
         "millions", "millionen", "miljon", "miljoner", "millones", "milioni"], 6),
    **dict.fromkeys(["crore", "crores"], 7),
    **dict.fromkeys(
        ["b", "bn", "bil", "bil.", "bill", "bill.", "billion", "billions", "mrd", "mrd.", "md",
         "md.", "mds", "milliard", "milliards", "milliarden", "miljard", "miljarder", "mia",
         "mia."], 9),
    **dict.fromkeys(["t", "tn", "trillion", "trillions"], 12),
}  # fmt: skip
#: Multiplier glued to a code: "MSEK", "tkr" (tusen kronor), "MdEUR".
_GLUED: Final = {"mrd": "b", "mn": "m", "md": "b", "bn": "b", "k": "k", "t": "k", "m": "m"}
_GLUABLE: Final = frozenset(code.casefold() for code in _KNOWN) | {_KRONA}


def _words(words: list[str]) -> str:
    """An alternation of literal words, longest first, never matching inside a longer word."""
    parts = []
    for word in sorted(words, key=lambda w: (-len(w), w)):
        lead = r"(?<![^\W\d_])" if word[0].isalpha() else ""
        tail = r"(?![^\W\d_])" if word[-1].isalpha() else ""
        parts.append(lead + re.escape(word) + tail)
    return "(?:" + "|".join(parts) + ")"


#: Candidate currency tokens: the rand's "R20m", a word (with "." or a "$"/"¥" glued on), a symbol.
_CURRENCY = re.compile(
    r"(?P<rand>(?<![^\W\d_])r(?=\s?\d))|(?P<word>[^\W\d_]+[.$¥]?)|(?P<sign>[$€£¥₹₩₪₺₱฿₫₦₴])"
)
#: Words around an amount that say nothing about it ("Annual revenue: $5M per year").
_FILLER = re.compile(
    r"(?<![^\W\d_])(?:d['’]|(?:de|of|in|annual|annually|yearly|revenues?|turnover|sales)"
    r"(?![^\W\d_])|p\.a\.|per (?:year|annum)(?![^\W\d_]))"
    r"|/ ?(?:year|yr|annum)(?![^\W\d_])|(?<=[^\W\d_]):"
)
_MULTIPLIER = _words(list(_EXPONENTS))
_REVENUE = re.compile(
    rf"(?:{APPROX}\s*)?(?:(?P<above>{ABOVE})|(?P<below>{BELOW})|between|from)?\s*"
    rf"(?P<a>{NUMBER})\s*(?P<ma>{_MULTIPLIER})?"
    rf"(?:\s*{RANGE_SEP}\s*(?P<b>{NUMBER})\s*(?P<mb>{_MULTIPLIER})?)?"
    rf"\s*(?:(?P<open>{OPEN_END})|(?P<orless>{OR_LESS}))?"
)
_SPACES = re.compile(r"\s+")


def known_currencies() -> frozenset[str]:
    """The ISO 4217 codes of the fixed rate table (docs/currencies.md)."""
    return _KNOWN


def to_usd(amount: float, currency: str) -> float | None:
    """Convert an amount to USD at the fixed table; None for a currency not in it."""
    per_usd = _PER_USD.get(currency.strip().upper())
    return None if per_usd is None else amount / per_usd


def convert(amount: float, from_currency: str, to_currency: str) -> float | None:
    """Convert between two currencies of the fixed table, crossing through USD."""
    usd = to_usd(amount, from_currency)
    per_usd = _PER_USD.get(to_currency.strip().upper())
    if usd is None or per_usd is None:
        return None
    return usd * per_usd


def parse_revenue(
    text: str | int | float | None, currency: str | None = None, scale: float = 1.0
) -> Revenue | None:
    """Parse an annual revenue amount or range from an export cell, or None when it is not one.

    ``currency`` applies when the text names none; ``scale`` multiplies every amount (1000 for
    ZoomInfo's "Revenue (in 000s USD)"). Raises ValueError for a non-positive ``scale``.

    >>> parse_revenue("$10M-$50M")
    Revenue(low=10000000.0, high=50000000.0, currency='USD')
    >>> parse_revenue("20 MSEK")
    Revenue(low=20000000.0, high=20000000.0, currency='SEK')
    """
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a positive number, got {scale!r}")
    fallback = _argument_currency(currency)
    if fallback is None or text is None or isinstance(text, bool):
        return None
    factor = Decimal(repr(float(scale)))
    if isinstance(text, int | float):
        if isinstance(text, float) and not math.isfinite(text):
            return None
        amount = Decimal(text) * factor
        return _checked(amount, amount, fallback or "USD")
    if is_missing(text):
        return None
    found: set[str] = set()
    cell = _CURRENCY.sub(lambda m: _take_currency(m, found), clean(text))
    if len(found) > 1:
        return None
    named = found.pop() if found else None
    if named == _KRONA:
        named = fallback if fallback in _NORDIC_KRONA else "SEK"
    cell = _SPACES.sub(" ", _FILLER.sub(" ", cell)).strip()
    match = _REVENUE.fullmatch(cell)
    if match is None:
        return None
    exp_b = _EXPONENTS[match["mb"]] if match["mb"] else 0
    exp_a = _EXPONENTS[match["ma"]] if match["ma"] else (exp_b if match["b"] else 0)
    low = _amount(match["a"], exp_a, factor)
    high = _amount(match["b"], exp_b, factor) if match["b"] else low
    if low is not None and high is not None and low > high and not match["ma"]:
        low = _amount(match["a"], 0, factor)  # "$10-$1K": the lower bound as written
    code = named or fallback or "USD"
    if low is None or high is None:
        return None
    bounded = match["above"] or match["below"] or match["open"] or match["orless"]
    if match["b"]:
        return None if bounded else _checked(low, high, code)
    if match["below"] or match["orless"]:
        if match["above"] or match["open"] or low <= 0:
            return None
        return _checked(Decimal(0), low, code)
    if match["above"] or match["open"]:
        return _checked(low, None, code)
    return _checked(low, low, code)


def _argument_currency(currency: str | None) -> str | None:
    """The ``currency`` argument as a code: "" when not given, None when it is unreadable."""
    if currency is None or is_missing(currency):
        return ""
    key = currency.strip().casefold()
    code = _ALIASES.get(key)
    if code is not None and code != _KRONA:
        return code
    return key.upper() if re.fullmatch(r"[a-z]{3}", key) else None


def _take_currency(match: re.Match[str], found: set[str]) -> str:
    """Record the currency a token names and drop it, keeping a glued multiplier ("msek" -> "m").

    A token that names no currency is given back unchanged.
    """
    if match["rand"]:
        found.add("ZAR")
        return " "
    token = match[0]
    for word in (token, token[:-1]) if token.endswith(".") else (token,):
        code = _ALIASES.get(word)
        if code is not None:
            found.add(code)
            return " "
        for prefix, multiplier in _GLUED.items():
            rest = word[len(prefix) :]
            if word.startswith(prefix) and rest in _GLUABLE:
                found.add(_ALIASES[rest])
                return f" {multiplier} "
    return token


def _amount(token: str, exponent: int, factor: Decimal) -> Decimal | None:
    """A NUMBER token times its multiplier and the caller's scale."""
    value = number_value(token, before_unit=exponent > 0)
    return None if value is None else value.scaleb(exponent) * factor


def _checked(low: Decimal, high: Decimal | None, currency: str) -> Revenue | None:
    """Apply the sanity rules: exact amounts > 0, ranges ordered, nothing absurd."""
    top = low if high is None else high
    if low < 0 or top <= 0 or low > top or not math.isfinite(float(top)):
        return None
    usd = to_usd(float(top), currency)
    if usd is not None and usd > _MAX_USD:
        return None
    return Revenue(float(low), None if high is None else float(high), currency)


_UNITS: Final = ((12, "T"), (9, "B"), (6, "M"), (3, "K"), (0, ""))
_TENTH = Decimal("0.1")


def _rounded(value: Decimal) -> Decimal:
    """One decimal below 10, none from 10 up, half up; a trailing ".0" is dropped."""
    if value < 10:
        tenth = value.quantize(_TENTH, rounding=ROUND_HALF_UP)
        return tenth if tenth != tenth.to_integral_value() else tenth.quantize(Decimal(1))
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _compact(amount: float) -> str:
    """A non-negative finite amount in the largest unit it reaches: "12M", "1.2B", "950"."""
    value = Decimal(repr(amount))
    for index, (exponent, suffix) in enumerate(_UNITS):
        if exponent == 0 or value >= Decimal(10) ** exponent:
            shown = _rounded(value.scaleb(-exponent))
            if shown >= 1000 and index > 0:  # 999.96K rounds to 1000K: say 1M
                exponent, suffix = _UNITS[index - 1]
                shown = _rounded(value.scaleb(-exponent))
            return f"{shown:,}{suffix}"
    raise AssertionError("unreachable: the last unit takes every amount")  # pragma: no cover


def _prefix(currency: str) -> str:
    """ "$" for the four unambiguous symbols, else the code and a space ("SEK ")."""
    code = currency.strip().upper()
    return _SYMBOLS.get(code, f"{code} ")


def format_money(amount: float, currency: str = "USD") -> str:
    """Render an amount compactly: "$12M", "$1.2B", "$500K", "$950", "€5M", "SEK 20M".

    Units K, M, B, T; one decimal when under 10 of the unit, a trailing ".0" dropped, half up.
    USD, EUR, GBP and JPY use their symbol; every other currency its ISO code.
    """
    sign = "-" if amount < 0 else ""
    if not math.isfinite(amount):
        return f"{_prefix(currency)}{amount}"
    return f"{sign}{_prefix(currency)}{_compact(abs(amount))}"


def format_usd_expr(amount: pl.Expr) -> pl.Expr:
    """``format_money(n, "USD")`` for a column of whole dollar amounts 1 <= n <= 10**13.

    Integer arithmetic gives the same half-up rounding as the Decimal code: ``n / scale`` to the
    tenth is ``floor((20n + scale) / (2 scale))`` tenths.
    """
    import polars as pl  # here, not at import: reading an ICP needs no Polars

    n = amount.cast(pl.Int64)
    exponent = pl.lit(0, pl.Int64)
    for power, _ in reversed(_UNITS[:-1]):
        exponent = pl.when(n >= 10**power).then(pl.lit(power, pl.Int64)).otherwise(exponent)
    whole = _half_up(n, exponent, tenths=False)
    exponent = pl.when((whole >= 1000) & (exponent < 12)).then(exponent + 3).otherwise(exponent)
    tenths = _half_up(n, exponent, tenths=True)
    units = _half_up(n, exponent, tenths=False)
    small = n < pl.lit(10, pl.Int64) * pl.lit(10, pl.Int64).pow(exponent)
    decimal = (tenths // 10).cast(pl.String) + pl.lit(".") + (tenths % 10).cast(pl.String)
    shown = (
        pl.when(~small)
        .then(units.cast(pl.String))
        .when(tenths % 10 == 0)
        .then((tenths // 10).cast(pl.String))
        .otherwise(decimal)
    )
    suffix = pl.lit("")
    for power, unit in reversed(_UNITS[:-1]):
        suffix = pl.when(exponent == power).then(pl.lit(unit)).otherwise(suffix)
    return pl.concat_str([pl.lit(_SYMBOLS["USD"]), shown, suffix])


def _half_up(n: pl.Expr, exponent: pl.Expr, *, tenths: bool) -> pl.Expr:
    import polars as pl  # here, not at import: reading an ICP needs no Polars

    scale = pl.lit(10, pl.Int64).pow(exponent).cast(pl.Int64)
    return ((20 if tenths else 2) * n + scale) // (2 * scale)


def format_revenue(r: Revenue) -> str:
    """Render a revenue range: "$12M", "$10M–$50M", "$1B+", "SEK 20M–50M"."""
    if r.high is None:
        return format_money(r.low, r.currency) + "+"
    if r.low == r.high:
        return format_money(r.low, r.currency)
    high = _compact(r.high)
    if r.currency.strip().upper() in _SYMBOLS:
        high = _prefix(r.currency) + high
    return f"{format_money(r.low, r.currency)}–{high}"
