"""Revenue bounds written as lead files write revenue: ``min: 5M``, ``"€5 Mio"``, ``"$1.2B"``.

A bound is read by the same parser as a lead's revenue cell (``normalize.revenue``), so rule
and lead read money the same way. Amounts in another currency than the rule's are converted at
the same fixed table leads are converted with (docs/currencies.md). The rule's currency is its
``currency`` field; without one, the currency its text bounds name when they name exactly one,
else USD. A bound must be one amount: a range ("5M-10M") or an open one ("5M+") is refused by
the model's number check, whose message shows the forms a bound may take.
"""

from __future__ import annotations

from typing import Any, Final

from leadsieve.normalize.revenue import Revenue, convert, known_currencies, parse_revenue

#: Above this (in USD) an amount is no company's revenue; lead cells above it are unit errors.
REVENUE_MAX_USD: Final = 1e13
_BOUNDS = ("min", "max")


def _amount(text: str, currency: str | None) -> Revenue | None:
    """One exact amount in ``text``, or None (unreadable, a range, an open bound)."""
    found = parse_revenue(text, currency=currency)
    return found if found is not None and found.low == found.high else None


def _named(text: str) -> str | None:
    """The currency ``text`` names itself, or None when it leaves the currency to the rule."""
    as_usd, as_eur = parse_revenue(text, currency="USD"), parse_revenue(text, currency="EUR")
    if as_usd is None or as_eur is None or as_usd.currency != as_eur.currency:
        return None
    return as_usd.currency


def revenue_bounds(data: Any) -> Any:
    """The revenue rule's raw fields with text bounds read as amounts in the rule's currency.

    Text that is not one amount is left as it is, for the model to refuse with its path.
    """
    if not isinstance(data, dict):
        return data
    texts = {b: data[b] for b in _BOUNDS if isinstance(data.get(b), str)}
    if not texts:
        return data
    given = data.get("currency")
    readable = isinstance(given, str) and given.strip().upper() in known_currencies()
    if given is not None and not readable:
        return data  # the currency check reports it; amounts cannot be converted to it
    named = {c for t in texts.values() if (c := _named(t)) is not None}
    if isinstance(given, str):
        currency = given.strip().upper()
    else:
        currency = next(iter(named)) if len(named) == 1 else "USD"
    out = dict(data)
    for bound, text in texts.items():
        found = _amount(text, currency)
        if found is None:
            continue
        amount = (
            found.low
            if found.currency == currency
            else convert(found.low, found.currency, currency)
        )
        if amount is not None:
            out[bound] = round(amount, 2)
    if given is None and currency != "USD":
        out["currency"] = currency
    return out
