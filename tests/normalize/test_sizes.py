"""Employee counts, revenue, the fixed currency table and the size formatters."""

from __future__ import annotations

import json
import math
from importlib.resources import files

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadsieve.normalize.revenue import format_usd_expr
from leadsieve.normalize.sizes import (
    EmployeeRange,
    Revenue,
    convert,
    format_employees,
    format_money,
    format_revenue,
    known_currencies,
    parse_employees,
    parse_revenue,
    to_usd,
)

E = EmployeeRange
OPEN = None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("51-200", E(51, 200), id="range"),
        pytest.param("51 - 200", E(51, 200), id="range-spaced"),
        pytest.param("51–200", E(51, 200), id="range-en-dash"),
        pytest.param("1,001-5,000", E(1001, 5000), id="apollo-thousands"),
        pytest.param("1.001-5.000", E(1001, 5000), id="european-thousands"),
        pytest.param("10,001+", E(10001, OPEN), id="open-ended"),
        pytest.param("10001+", E(10001, OPEN), id="open-ended-plain"),
        pytest.param("10k+", E(10000, OPEN), id="open-ended-k"),
        pytest.param("10K", E(10000, 10000), id="k-upper"),
        pytest.param("2.5k", E(2500, 2500), id="k-decimal"),
        pytest.param("2,5k", E(2500, 2500), id="k-decimal-comma"),
        pytest.param("10-50k", E(10000, 50000), id="k-on-upper-bound-only"),
        pytest.param("500-1k", E(500, 1000), id="k-would-reverse-the-range"),
        pytest.param("~250", E(250, 250), id="tilde"),
        pytest.param("approx. 250", E(250, 250), id="approx"),
        pytest.param("ca. 250", E(250, 250), id="ca"),
        pytest.param("250 employees", E(250, 250), id="employees-word"),
        pytest.param("2-10 employees", E(2, 10), id="linkedin-range"),
        pytest.param("0-1 employees", E(0, 1), id="linkedin-zero-to-one"),
        pytest.param("10,001+ employees", E(10001, OPEN), id="linkedin-open"),
        pytest.param("250 Mitarbeiter", E(250, 250), id="german"),
        pytest.param("250 anställda", E(250, 250), id="swedish"),
        pytest.param("201 to 500", E(201, 500), id="to"),
        pytest.param("between 50 and 100", E(50, 100), id="between"),
        pytest.param("50 bis 100", E(50, 100), id="bis"),
        pytest.param("over 500", E(500, OPEN), id="over"),
        pytest.param("500 or more", E(500, OPEN), id="or-more"),
        pytest.param("less than 10", E(1, 10), id="less-than"),
        pytest.param("up to 10 staff", E(1, 10), id="up-to"),
        pytest.param("Self-employed", E(1, 1), id="self-employed"),
        pytest.param("1 employee", E(1, 1), id="one-employee"),
        pytest.param("Myself only", E(1, 1), id="myself-only"),
        pytest.param("7.0", E(7, 7), id="yc-float-string"),
        pytest.param("7.5", E(8, 8), id="fraction-rounds-half-up"),
        pytest.param("10 000", E(10000, 10000), id="space-thousands"),
        pytest.param("Employees.250", E(250, 250), id="zoominfo-prefix"),
        pytest.param("Employees.50 - 100", E(50, 100), id="zoominfo-prefix-range"),
        pytest.param("  250  ", E(250, 250), id="padded"),
        pytest.param(240, E(240, 240), id="int"),
        pytest.param(7.0, E(7, 7), id="float"),
        pytest.param(5_000_000, E(5_000_000, 5_000_000), id="largest-allowed"),
    ],
)
def test_parse_employees_reads_export_forms(raw: str | float, expected: EmployeeRange) -> None:
    """Counts, ranges and open ends from Apollo, LinkedIn, ZoomInfo, YC and free text parse."""
    assert parse_employees(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("n/a", id="n-a"),
        pytest.param("unknown", id="unknown"),
        pytest.param("lots", id="words"),
        pytest.param("-5", id="negative"),
        pytest.param(-5, id="negative-int"),
        pytest.param("0", id="zero-is-unfilled"),
        pytest.param(0, id="zero-int"),
        pytest.param("0.4", id="rounds-to-zero"),
        pytest.param("6,000,000", id="absurd"),
        pytest.param("10,000,001+", id="absurd-open"),
        pytest.param(float("nan"), id="nan"),
        pytest.param(float("inf"), id="inf"),
        pytest.param(True, id="bool"),
        pytest.param("500-100", id="reversed-range"),
        pytest.param("over 50-100", id="qualified-range"),
        pytest.param("1,00,000", id="bad-grouping"),
        pytest.param("founded 1999", id="not-a-count"),
    ],
)
def test_parse_employees_rejects_non_counts(raw: str | int | float | None) -> None:
    """Placeholders, negatives, zero, absurd, reversed and unreadable values give None."""
    assert parse_employees(raw) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(E(240, 240), "240", id="exact"),
        pytest.param(E(1234, 1234), "1,234", id="exact-thousands"),
        pytest.param(E(51, 200), "51–200", id="range"),
        pytest.param(E(1001, 5000), "1,001–5,000", id="range-thousands"),
        pytest.param(E(10001, None), "10,001+", id="open"),
    ],
)
def test_format_employees(value: EmployeeRange, expected: str) -> None:
    """Ranges render with thousands commas and an en dash, open ends with a plus."""
    assert format_employees(value) == expected


def usd(low: float, high: float | None = -1.0, currency: str = "USD") -> Revenue:
    """A Revenue; ``high`` defaults to ``low`` (an exact amount)."""
    return Revenue(low, low if high == -1.0 else high, currency)


M, B = 1e6, 1e9


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("$10M-$50M", usd(10 * M, 50 * M), id="range"),
        pytest.param("$10M - $50M", usd(10 * M, 50 * M), id="range-spaced"),
        pytest.param("$10M–$50M", usd(10 * M, 50 * M), id="range-en-dash"),
        pytest.param("10-50M USD", usd(10 * M, 50 * M), id="unit-on-upper-bound"),
        pytest.param("$500K-$1M", usd(500e3, 1 * M), id="mixed-units"),
        pytest.param("$10-$1K", usd(10, 1e3), id="unit-would-reverse-the-range"),
        pytest.param("1.2B", usd(1.2 * B), id="billion-letter"),
        pytest.param("$1.2bn", usd(1.2 * B), id="bn"),
        pytest.param("$1.125B", usd(1.125 * B), id="dot-before-unit-is-decimal"),
        pytest.param("€5 Mio", usd(5 * M, currency="EUR"), id="mio"),
        pytest.param("5 Mio. €", usd(5 * M, currency="EUR"), id="mio-dot-symbol-after"),
        pytest.param("5 Mrd. EUR", usd(5 * B, currency="EUR"), id="mrd"),
        pytest.param("1,2 Mrd. €", usd(1.2 * B, currency="EUR"), id="decimal-comma"),
        pytest.param("500K", usd(500e3), id="k"),
        pytest.param("$1,000,000", usd(1 * M), id="comma-thousands"),
        pytest.param("1.000.000 €", usd(1 * M, currency="EUR"), id="dot-thousands"),
        pytest.param("1 000 000 kr", usd(1 * M, currency="SEK"), id="space-thousands-kr"),
        pytest.param("20 MSEK", usd(20 * M, currency="SEK"), id="msek"),
        pytest.param("SEK 20m", usd(20 * M, currency="SEK"), id="code-first"),
        pytest.param("50 mkr", usd(50 * M, currency="SEK"), id="mkr"),
        pytest.param("500 tkr", usd(500e3, currency="SEK"), id="tkr-tusen"),
        pytest.param("3 MNOK", usd(3 * M, currency="NOK"), id="mnok"),
        pytest.param("£2m", usd(2 * M, currency="GBP"), id="pound"),
        pytest.param("¥100M", usd(100 * M, currency="JPY"), id="yen"),
        pytest.param("CN¥100M", usd(100 * M, currency="CNY"), id="yuan"),
        pytest.param("CHF 3.5M", usd(3.5 * M, currency="CHF"), id="chf"),
        pytest.param("C$5m", usd(5 * M, currency="CAD"), id="canadian-dollar"),
        pytest.param("R20m", usd(20 * M, currency="ZAR"), id="rand"),
        pytest.param("₹50 crore", usd(500 * M, currency="INR"), id="crore"),
        pytest.param("$1B+", usd(1 * B, None), id="open-plus"),
        pytest.param("Over $1 billion", usd(1 * B, None), id="over"),
        pytest.param("Less than $1M", usd(0, 1 * M), id="less-than"),
        pytest.param("$500 million", usd(500 * M), id="million-word"),
        pytest.param("500 millions d'euros", usd(500 * M, currency="EUR"), id="french"),
        pytest.param("12000000", usd(12 * M), id="apollo-plain"),
        pytest.param("12M", usd(12 * M), id="apollo-m"),
        pytest.param("$10 mil. - $25 mil.", usd(10 * M, 25 * M), id="zoominfo-mil"),
        pytest.param("$1 bil. - $5 bil.", usd(1 * B, 5 * B), id="zoominfo-bil"),
        pytest.param("Over $5 bil.", usd(5 * B, None), id="zoominfo-over"),
        pytest.param("Under $500,000", usd(0, 500e3), id="zoominfo-under"),
        pytest.param("$0 - $1M", usd(0, 1 * M), id="range-from-zero"),
        pytest.param("Annual revenue: $5M per year", usd(5 * M), id="filler-words"),
        pytest.param("approx. $5M", usd(5 * M), id="approx"),
        pytest.param(12_000_000, usd(12 * M), id="int"),
        pytest.param(12e6, usd(12 * M), id="float"),
    ],
)
def test_parse_revenue_reads_export_forms(raw: str | int | float, expected: Revenue) -> None:
    """Amounts, ranges, open ends, multipliers and currency marks from real exports parse."""
    assert parse_revenue(raw) == expected


@pytest.mark.parametrize(
    ("raw", "currency", "scale", "expected"),
    [
        pytest.param("12500", None, 1000, usd(12.5 * M), id="zoominfo-000s"),
        pytest.param(12500, None, 1000, usd(12.5 * M), id="zoominfo-000s-int"),
        pytest.param("5M", "EUR", 1, usd(5 * M, currency="EUR"), id="argument-currency"),
        pytest.param("5M", "eur", 1, usd(5 * M, currency="EUR"), id="argument-lowercase"),
        pytest.param("5M", "€", 1, usd(5 * M, currency="EUR"), id="argument-symbol"),
        pytest.param("5M", "n/a", 1, usd(5 * M), id="argument-missing-is-usd"),
        pytest.param("5M", "XOF", 1, usd(5 * M, currency="XOF"), id="argument-unlisted-code"),
        pytest.param("€5M", "USD", 1, usd(5 * M, currency="EUR"), id="text-wins"),
        pytest.param("$5M", "CAD", 1, usd(5 * M), id="dollar-sign-is-usd"),
        pytest.param("1 000 000 kr", "NOK", 1, usd(1 * M, currency="NOK"), id="kr-nordic-arg"),
        pytest.param("1 000 000 kr", "EUR", 1, usd(1 * M, currency="SEK"), id="kr-else-sek"),
        pytest.param(5.0, "GBP", 1, usd(5.0, currency="GBP"), id="number-with-currency"),
    ],
)
def test_parse_revenue_currency_argument_and_scale(
    raw: str | int, currency: str | None, scale: float, expected: Revenue
) -> None:
    """The currency argument applies when the text names none; scale multiplies every amount."""
    assert parse_revenue(raw, currency=currency, scale=scale) == expected


@pytest.mark.parametrize(
    ("raw", "currency"),
    [
        pytest.param(None, None, id="none"),
        pytest.param("", None, id="empty"),
        pytest.param("n/a", None, id="n-a"),
        pytest.param("lots", None, id="words"),
        pytest.param("-5", None, id="negative"),
        pytest.param("$-5M", None, id="negative-after-symbol"),
        pytest.param(-5, None, id="negative-int"),
        pytest.param("0", None, id="zero"),
        pytest.param(0.0, None, id="zero-float"),
        pytest.param(float("nan"), None, id="nan"),
        pytest.param(False, None, id="bool"),
        pytest.param("$50M-$10M", None, id="reversed"),
        pytest.param("$5M (€4.6M)", None, id="two-currencies"),
        pytest.param("5M XOF", None, id="code-outside-table-in-text"),
        pytest.param("founded 1999", None, id="not-an-amount"),
        pytest.param("$20 trillion", None, id="absurd"),
        pytest.param("5M", "!!", id="unreadable-argument"),
    ],
)
def test_parse_revenue_rejects_non_amounts(raw: str | float | None, currency: str | None) -> None:
    """Placeholders, zero, negatives, reversed ranges, mixed currencies and garbage give None."""
    assert parse_revenue(raw, currency=currency) is None


@pytest.mark.parametrize("scale", [pytest.param(0.0, id="zero"), pytest.param(-1.0, id="neg")])
def test_parse_revenue_refuses_a_bad_scale(scale: float) -> None:
    """A non-positive scale is a programming error, not a bad cell."""
    with pytest.raises(ValueError, match="scale"):
        parse_revenue("5M", scale=scale)


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        pytest.param(12e6, "USD", "$12M", id="millions"),
        pytest.param(1.2e9, "USD", "$1.2B", id="one-decimal-under-ten"),
        pytest.param(1e9, "USD", "$1B", id="trailing-zero-dropped"),
        pytest.param(500e3, "USD", "$500K", id="thousands"),
        pytest.param(950, "USD", "$950", id="units"),
        pytest.param(12_345_678, "USD", "$12M", id="rounded"),
        pytest.param(9.96e6, "USD", "$10M", id="rounds-to-ten"),
        pytest.param(999_960, "USD", "$1M", id="rounds-up-a-unit"),
        pytest.param(1.25e6, "USD", "$1.3M", id="half-up"),
        pytest.param(2.5e12, "USD", "$2.5T", id="trillions"),
        pytest.param(0, "USD", "$0", id="zero"),
        pytest.param(-5e6, "USD", "-$5M", id="negative"),
        pytest.param(5e6, "EUR", "€5M", id="euro"),
        pytest.param(2e6, "GBP", "£2M", id="pound"),
        pytest.param(100e6, "JPY", "¥100M", id="yen"),
        pytest.param(20e6, "SEK", "SEK 20M", id="code"),
        pytest.param(20e6, "sek", "SEK 20M", id="code-lowercase"),
    ],
)
def test_format_money(amount: float, currency: str, expected: str) -> None:
    """Money renders compactly: largest unit, one decimal under 10, symbol or code."""
    assert format_money(amount, currency) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(usd(10 * M, 50 * M), "$10M–$50M", id="range"),
        pytest.param(usd(1 * B, None), "$1B+", id="open"),
        pytest.param(usd(12 * M), "$12M", id="exact"),
        pytest.param(usd(0, 1 * M), "$0–$1M", id="from-zero"),
        pytest.param(usd(20 * M, 50 * M, "SEK"), "SEK 20M–50M", id="code-once"),
        pytest.param(usd(5 * M, 10 * M, "EUR"), "€5M–€10M", id="symbol-twice"),
    ],
)
def test_format_revenue(value: Revenue, expected: str) -> None:
    """Revenue renders as one amount, a range with an en dash, or an open end with a plus."""
    assert format_revenue(value) == expected


REQUIRED_CURRENCIES = {"USD", "EUR", "GBP", "SEK", "NOK", "DKK", "CHF", "JPY", "CNY", "INR", "CAD",
                       "AUD", "NZD", "BRL", "MXN", "SGD", "HKD", "KRW", "ZAR", "PLN", "CZK", "HUF",
                       "ILS", "AED", "SAR", "TRY"}  # fmt: skip


def test_currency_table_is_documented_and_wide() -> None:
    """The table has 40+ currencies including the required ones, an as-of date and a source."""
    table = json.loads(
        files("leadsieve.normalize").joinpath("data", "currencies.json").read_text("utf-8")
    )
    assert "2024" in table["as_of"]
    assert "fixed for reproducibility" in table["source"]
    assert set(table["basis"]) == set(table["units_per_usd"]) == known_currencies()
    assert len(known_currencies()) >= 40
    assert known_currencies() >= REQUIRED_CURRENCIES
    assert all(rate > 0 for rate in table["units_per_usd"].values())


@pytest.mark.parametrize(
    ("amount", "currency", "low", "high"),
    [
        pytest.param(100, "USD", 100, 100, id="usd-identity"),
        pytest.param(100, "EUR", 105, 115, id="euro-above-dollar"),
        pytest.param(100, "GBP", 120, 135, id="pound"),
        pytest.param(1000, "SEK", 85, 105, id="krona"),
        pytest.param(10_000, "JPY", 60, 75, id="yen"),
        pytest.param(100, "AED", 27.2, 27.3, id="peg"),
        pytest.param(100, " eur ", 105, 115, id="code-is-trimmed-and-uppercased"),
    ],
)
def test_to_usd_uses_plausible_rates(amount: float, currency: str, low: float, high: float) -> None:
    """Conversions land in a sane band around the real annual-average rate."""
    converted = to_usd(amount, currency)
    assert converted is not None
    assert low <= converted <= high


def test_unknown_currency_converts_to_none() -> None:
    """A currency outside the table never converts to a guess."""
    assert to_usd(100, "XOF") is None
    assert convert(100, "XOF", "USD") is None
    assert convert(100, "USD", "XOF") is None


@given(
    amount=st.floats(min_value=0.01, max_value=1e12),
    pair=st.tuples(st.sampled_from(sorted(known_currencies())), st.sampled_from(["USD", "EUR"])),
)
def test_convert_round_trips(amount: float, pair: tuple[str, str]) -> None:
    """Converting there and back returns the amount, and to USD equals to_usd."""
    there = convert(amount, *pair)
    assert there is not None
    assert math.isclose(convert(there, pair[1], pair[0]) or 0.0, amount, rel_tol=1e-9)
    assert math.isclose(convert(amount, pair[0], "USD") or 0.0, to_usd(amount, pair[0]) or 0.0)


NUMBER_TEXT = st.one_of(
    st.integers(min_value=0, max_value=10**7).map(str),
    st.integers(min_value=0, max_value=10**7).map("{:,}".format),
    st.integers(min_value=0, max_value=10**7).map(lambda n: f"{n:,}".replace(",", ".")),
    st.decimals(min_value=0, max_value=1000, places=1).map(str),
)
UNIT_TEXT = st.sampled_from(["", "k", "K", "M", " Mio.", " bil.", "bn", " employees", " MSEK"])
#: Size-like text: a qualifier, a currency mark, a number, a unit, maybe a second bound.
SIZE_LIKE = st.builds(
    lambda qualifier, mark, number, unit, rest: f"{qualifier}{mark}{number}{unit}{rest}",
    st.sampled_from(["", "over ", "under ", "~", "between ", "approx. "]),
    st.sampled_from(["", "$", "€", "SEK ", "kr ", "Employees."]),
    NUMBER_TEXT,
    UNIT_TEXT,
    st.one_of(
        st.sampled_from(["", "+", " or more", " USD"]),
        st.builds(lambda n, u: f" - {n}{u}", NUMBER_TEXT, UNIT_TEXT),
    ),
)
NOISE = st.one_of(
    SIZE_LIKE,
    st.text(
        alphabet=st.sampled_from(list("0123456789.,'+-–~ $€£¥krMmKkBbnilo.ovuerdsSEKUSD<>:/")),
        max_size=20,
    ),
)


@given(text=st.one_of(st.text(max_size=40), NOISE))
def test_parse_employees_never_raises_and_is_ordered(text: str) -> None:
    """Any text gives None or a sane range: 0 <= low <= high <= 5,000,000."""
    value = parse_employees(text)
    if value is not None:
        assert 0 <= value.low <= 5_000_000
        assert value.high is None or value.low <= value.high <= 5_000_000


@given(
    text=st.one_of(st.text(max_size=40), NOISE),
    currency=st.one_of(st.none(), st.sampled_from(["USD", "SEK", "kr", ""]), st.text(max_size=4)),
)
def test_parse_revenue_never_raises_and_is_ordered(text: str, currency: str | None) -> None:
    """Any text gives None or a range with 0 <= low <= high in a three-letter currency."""
    value = parse_revenue(text, currency=currency)
    if value is not None:
        assert value.low >= 0
        assert value.high is None or value.low <= value.high
        assert len(value.currency) == 3
        assert value.currency.isupper()


@given(text=NOISE)
def test_employee_parsing_is_idempotent(text: str) -> None:
    """Formatting a parsed range and parsing it again gives the same range."""
    value = parse_employees(text)
    if value is not None:
        assert parse_employees(format_employees(value)) == value


@given(text=NOISE, currency=st.sampled_from(sorted(known_currencies())))
def test_revenue_parsing_is_idempotent(text: str, currency: str) -> None:
    """Once parsed and formatted, a revenue reads back and formats to the same text."""
    first = parse_revenue(text, currency=currency)
    if first is not None:
        once = parse_revenue(format_revenue(first))
        assert once is not None
        assert parse_revenue(format_revenue(once)) == once


COUNT = st.integers(min_value=1, max_value=5_000_000)


@st.composite
def employee_ranges(draw: st.DrawFn) -> EmployeeRange:
    """Any range parse_employees can return: exact, closed (low may be 0) or open."""
    kind = draw(st.sampled_from(["exact", "range", "open"]))
    low = draw(COUNT)
    if kind == "exact":
        return EmployeeRange(low, low)
    if kind == "open":
        return EmployeeRange(low, None)
    low = draw(st.integers(min_value=0, max_value=4_999_999))
    return EmployeeRange(low, draw(st.integers(min_value=max(low, 1), max_value=5_000_000)))


@given(value=employee_ranges())
def test_formatting_then_parsing_employees_gives_the_range_back(value: EmployeeRange) -> None:
    """format_employees and parse_employees are inverse on every valid range."""
    assert parse_employees(format_employees(value)) == value


def round_amounts(min_exponent: int) -> st.SearchStrategy[float]:
    """Amounts that format without rounding: two significant digits, up to 990 billion."""
    return st.builds(
        lambda mantissa, exponent: float(mantissa * 10**exponent),
        st.integers(min_value=10, max_value=99),
        st.integers(min_value=min_exponent, max_value=10),
    )


@st.composite
def revenues(draw: st.DrawFn) -> Revenue:
    """Round revenue ranges in any currency of the table: exact, closed or open.

    A closed range starts at 0 or at 1,000 or more: in "$10–$50K" the lower bound takes the upper
    bound's unit, as in "10-50M USD" (docs/currencies.md).
    """
    currency = draw(st.sampled_from(sorted(known_currencies())))
    kind = draw(st.sampled_from(["exact", "range", "open", "under"]))
    if kind in ("exact", "open"):
        amount = draw(round_amounts(0))
        return Revenue(amount, amount if kind == "exact" else None, currency)
    low, high = sorted([draw(round_amounts(2)), draw(round_amounts(2))])
    if kind == "under":
        return Revenue(0.0, high, currency)
    return Revenue(low, high, currency)


@given(value=revenues())
def test_formatting_then_parsing_revenue_gives_the_range_back(value: Revenue) -> None:
    """format_revenue and parse_revenue are inverse on round amounts in every currency."""
    assert parse_revenue(format_revenue(value)) == value


@given(amount=st.floats(min_value=0, max_value=1e15), currency=st.sampled_from(["USD", "SEK"]))
def test_format_money_is_short(amount: float, currency: str) -> None:
    """A compact amount has at most three significant digits before its unit."""
    text = format_money(amount, currency).removeprefix("$").removeprefix("SEK ")
    digits = text.rstrip("KMBT").replace(",", "").replace(".", "").lstrip("0")
    assert len(digits) <= 4  # "1,500T" is the only four-digit case: nothing above T
    assert text[-1] in "KMBT0123456789"


# Whole dollar amounts are formatted in Polars too (the plain revenue cells of large files).

_EDGES = [
    amount
    for base in (1, 95, 995, 9995, 99950, 999500)
    for power in range(14)
    for delta in (-1, 0, 1)
    if 1 <= (amount := base * 10**power + delta) <= 10**13
]


def _usd_column(amounts: list[int]) -> list[str]:
    frame = pl.DataFrame({"n": amounts}, schema={"n": pl.Int64})
    return frame.select(format_usd_expr(pl.col("n"))).to_series().to_list()


def test_format_usd_expr_at_every_rounding_edge() -> None:
    """At each unit boundary and each half-up tie (999,950 -> "$1M", 9,950 -> "$10K"), the
    Polars formatter writes what ``format_money`` writes."""
    assert _usd_column(_EDGES) == [format_money(float(amount)) for amount in _EDGES]


@given(st.lists(st.integers(1, 10**13), min_size=1, max_size=50))
def test_format_usd_expr_equals_format_money(amounts: list[int]) -> None:
    """Any whole amount up to the 10-trillion ceiling formats as ``format_money`` does."""
    assert _usd_column(amounts) == [format_money(float(amount)) for amount in amounts]
