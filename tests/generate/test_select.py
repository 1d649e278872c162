"""Value and band selection: thresholds read as printed, bands say what they hold, and a
description without a baseline never proposes a size rule that matches nearly everyone."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from leadsieve.generate import generate_icp
from leadsieve.generate.features import EMPLOYEE_BANDS, REVENUE_BANDS
from leadsieve.generate.select import (
    MIN_LIFT,
    Populations,
    band_evidence,
    choose_band,
    choose_values,
)
from tests.generate.planted import market

AS_OF = date(2026, 11, 1)


def _one_value(customers: int, of: int, baseline: int, base_total: int) -> Populations:
    key = ("country", "US")
    return Populations(
        customers={key: customers},
        customers_total=of,
        baseline={key: baseline},
        baseline_total=base_total,
    )


@pytest.mark.parametrize(
    ("customers", "of", "baseline", "base_total", "kept"),
    [
        pytest.param(60, 60, 3120, 4603, True, id="lift-1.475-prints-1.5-kept"),
        pytest.param(60, 60, 3300, 4603, False, id="lift-1.39-prints-1.4-left-out"),
        pytest.param(24, 250, 10, 1000, True, id="support-9.6%-prints-10%-kept"),
        pytest.param(23, 250, 10, 1000, False, id="support-9.2%-prints-9%-left-out"),
    ],
)
def test_thresholds_compare_the_printed_numbers(
    customers: int, of: int, baseline: int, base_total: int, kept: bool
) -> None:
    """A value is judged on the lift and support its evidence prints: a sentence never reads
    "lift 1.5; left out: lift below 1.5" or "10% ...; left out: support below 10%"."""
    (item,) = choose_values(_one_value(customers, of, baseline, base_total), ("country",))
    assert item.kept is kept
    printed_lift = float(item.why.split("lift ")[1].split(",")[0])
    printed_support = int(item.why.split("%")[0])
    if kept:
        assert printed_lift >= MIN_LIFT and printed_support >= 10
    else:
        assert printed_lift < MIN_LIFT or printed_support < 10
        assert "left out" in item.why


def test_a_band_inside_the_run_without_customers_is_not_marked_kept() -> None:
    """Customers in 11-50 and 201-500 but none in 51-200: the rule covers 11-500 as one range,
    and the evidence keeps the two bands that hold customers, not the empty one."""
    counts = {("employees", "11-50"): 40, ("employees", "201-500"): 40}
    base = {("employees", b.label): 100 for b in EMPLOYEE_BANDS}
    populations = Populations(counts, 100, base, 800)
    chosen = choose_band(populations, "employees")
    assert chosen == (EMPLOYEE_BANDS[1], EMPLOYEE_BANDS[3])
    marks = {v.value: v.kept for v in band_evidence(populations, "employees", chosen)}
    assert marks == {"11-50": True, "51-200": False, "201-500": True}
    empty = next(v for v in band_evidence(populations, "employees", chosen) if not v.kept)
    assert "no customer is in it" in empty.why


def test_without_a_baseline_no_band_wider_than_half_the_scale() -> None:
    """Revenues spread from under $1M to $1B-$10B: without a baseline no run of bands can
    describe them, so no revenue rule (the issue saw ``revenue: {max: 9999999999.0}``)."""
    counts = {("revenue", b.label): 10 for b in REVENUE_BANDS[:8]}
    assert choose_band(Populations(counts, 80), "revenue") is None
    narrow = {("revenue", "$1M-$5M"): 50, ("revenue", "$5M-$10M"): 30, ("revenue", "<$1M"): 5}
    assert choose_band(Populations(narrow, 85), "revenue") == (REVENUE_BANDS[1], REVENUE_BANDS[2])


def test_without_a_baseline_a_spread_revenue_gives_no_open_ended_rule() -> None:
    """End to end: customers with revenues all over the scale, no baseline: the proposal has
    no revenue rule, and none with a max of $10B that every company meets."""
    rng = np.random.default_rng(4)
    revenues = rng.choice([5e5, 3e6, 7e6, 2e7, 7e7, 2e8, 7e8, 3e9], size=120)
    wins = market(120, rng).with_columns(
        revenue=pl.Series(revenues), industry=pl.lit("Software Development")
    )
    proposal = generate_icp(wins, name="Spread", as_of=AS_OF)
    assert proposal.icp.rules.revenue is None
    revenue = next(r for r in proposal.rules if r.rule == "revenue")
    assert not revenue.kept
