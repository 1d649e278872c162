"""Vendor fact fields: dates, yes/no flags, hiring, and the signals they add."""

from __future__ import annotations

import datetime

import polars as pl
import pytest

from leadsieve.normalize.facts import date_expr, fact_signals_expr, flag_expr, hiring_expr


def _one(expr: pl.Expr, value: str | None) -> object:
    return pl.DataFrame({"v": [value]}, schema={"v": pl.String}).select(expr.alias("out")).item()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("2026-08-01", datetime.date(2026, 8, 1), id="iso"),
        pytest.param("2026-03-15T10:00:00Z", datetime.date(2026, 3, 15), id="timestamp"),
        pytest.param("03/15/2026", datetime.date(2026, 3, 15), id="us-month-first"),
        pytest.param("15.03.2026", datetime.date(2026, 3, 15), id="german"),
        pytest.param("Mar 15, 2026", datetime.date(2026, 3, 15), id="month-name"),
        pytest.param("15 March 2026", datetime.date(2026, 3, 15), id="day-month-name"),
        pytest.param("Mar 2026", datetime.date(2026, 3, 1), id="month-alone-not-march-20-0026"),
        pytest.param("2026-03", datetime.date(2026, 3, 1), id="iso-month"),
        pytest.param("Sept 2026", datetime.date(2026, 9, 1), id="sept"),
        pytest.param("13/45/2026", None, id="impossible"),
        pytest.param("garbage", None, id="garbage"),
        pytest.param(None, None, id="missing"),
    ],
)
def test_dates_in_the_layouts_exports_use(cell: str | None, expected: object) -> None:
    """Funding dates are read in every common layout; a month alone is its first day; nothing
    is guessed from a cell of another shape."""
    assert _one(date_expr(pl.col("v")), cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("true", True), ("Yes", True), ("1", True), ("Unsubscribed", True), ("ja", True),
     ("false", False), ("No", False), ("0", False), ("nein", False),
     ("maybe", None), ("", None), (None, None)],
)  # fmt: skip
def test_flags_read_yes_no_and_leave_the_rest_unknown(
    cell: str | None, expected: bool | None
) -> None:
    """An opt-out cell that is not a yes or a no ("maybe") is unknown, never an opt-in."""
    assert _one(flag_expr(pl.col("v")), cell) is expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("12", True), ("1,204", True), ("0", False), ("yes", True), ("no", False),
     ("2026-11-02", True), ("maybe", None)],
)  # fmt: skip
def test_hiring_cells(cell: str, expected: bool | None) -> None:
    """A job-posting count above zero, a yes or a posting date says the company hires."""
    assert _one(hiring_expr(pl.col("v")), cell) is expected


def test_funding_and_hiring_become_signal_items() -> None:
    """A funding date is a dated ``recent_funding``; a round without a date an undated one;
    hiring adds ``hiring``; the file's own signals are kept first."""
    frame = pl.DataFrame(
        {
            "signals": ["expansion", None, None, None],
            "funding_date": ["Mar 2026", None, "garbage", None],
            "funding_round": ["Series A", "Seed", None, None],
            "hiring": ["3", None, "0", None],
        }
    )
    out = frame.select(fact_signals_expr(frame.columns).alias("s"))["s"].to_list()
    assert out == [
        "expansion;recent_funding@2026-03-01;hiring",
        "recent_funding",
        None,
        None,
    ]
