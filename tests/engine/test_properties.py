"""Properties of the engine on random ICPs and random normalized leads (Hypothesis)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import duckdb
import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from leadsieve.engine.reference import score_row
from leadsieve.errors import IcpInvalid
from leadsieve.icp import Icp, validate_icp
from tests.factories import AS_OF, fit_rows, ls_frame, ls_row

PATHS = {
    "Software Development": "|technology-information-and-media|technology-information-and-internet|software-development|",
    "Financial Services": "|financial-services|",
    "Retail": "|retail|",
    "Banking": "|financial-services|banking|",
    # broader than software-development: unknown for it, never outside
    "Technology, Information and Internet": "|technology-information-and-media|technology-information-and-internet|",
    # several industries (YC tags): their paths one after the other
    "Financial Services / Software Development": "|financial-services||technology-information-and-media|technology-information-and-internet|software-development|",
    "Technology, Information and Media / Retail": "|technology-information-and-media||retail|",
}
INDUSTRY_VALUES = [
    "software-development",
    "technology-information-and-media",
    "financial-services",
    "retail",
    "banking",
    "naics:5415",
    "62",
]
GEO_VALUES = ["US", "GB", "SE", "nordics", "eu", "north-america", "US-CA", "dach"]
SENIORITY = ["owner", "c_suite", "vp", "head", "director", "manager", "senior", "entry"]
DEPARTMENTS = ["sales", "revenue_operations", "marketing", "engineering", "finance"]
SIGNALS = ["recent_funding", "hiring_sales", "new_cto"]
TECH = ["salesforce", "hubspot", "slack", "google analytics"]
KEYWORDS = ["b2b", "saas", "api", "crypto"]

settings.register_profile(
    "engine", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
ENGINE = settings.get_profile("engine")


def _pick(values: list[str], min_size: int = 1) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), min_size=min_size, max_size=3, unique=True)


def _rule(extra: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    base = st.fixed_dictionaries(
        {},
        optional={
            "weight": st.integers(1, 40),
            "required": st.booleans(),
        },
    )
    return st.tuples(base, extra).map(lambda t: {**t[0], **t[1]})


@st.composite
def _band(draw: st.DrawFn, top: int, key_type: type) -> dict[str, Any]:
    low = draw(st.one_of(st.none(), st.integers(0, top)))
    high = draw(st.one_of(st.none(), st.integers(low or 0, top * 2)))
    if low is None and high is None:
        low = top // 10
    return {k: key_type(v) for k, v in (("min", low), ("max", high)) if v is not None}


RULES = st.fixed_dictionaries(
    {},
    optional={
        "industries": _rule(st.fixed_dictionaries({"any_of": _pick(INDUSTRY_VALUES)})),
        "geography": _rule(st.fixed_dictionaries({"any_of": _pick(GEO_VALUES)})),
        "employees": _rule(_band(5000, int)),
        "revenue": _rule(
            st.tuples(_band(50_000_000, float), st.sampled_from(["USD", "EUR", "SEK"])).map(
                lambda t: {**t[0], "currency": t[1]}
            )
        ),
        "roles": _rule(
            st.fixed_dictionaries(
                {},
                optional={
                    "seniority": _pick(SENIORITY),
                    "departments": _pick(DEPARTMENTS),
                    "titles": _pick(["revenue operations", "growth"]),
                },
            ).filter(bool)
        ),
        "signals": _rule(
            st.fixed_dictionaries(
                {"any_of": _pick(SIGNALS)}, optional={"max_age_days": st.integers(1, 400)}
            )
        ),
        "technologies": _rule(st.fixed_dictionaries({"any_of": _pick(TECH)})),
        "keywords": _rule(st.fixed_dictionaries({"any_of": _pick(KEYWORDS)})),
    },
).filter(bool)

DISQUALIFIERS = st.fixed_dictionaries(
    {},
    optional={
        "keywords": _pick(["crypto", "gambling"]),
        "industries": _pick(["retail", "banking"]),
        "geography": _pick(["RU", "FR", "latam"]),
        "domains": _pick(["competitor.example"]),
        "employees": st.fixed_dictionaries(
            {}, optional={"below": st.integers(0, 20), "above": st.integers(5000, 20000)}
        ),
    },
)


@st.composite
def icps(draw: st.DrawFn) -> Icp:
    doc = {
        "slug": "random-icp",
        "rules": draw(RULES),
        "disqualifiers": draw(DISQUALIFIERS),
        "min_score": draw(st.integers(0, 100)),
        "match_mode": draw(st.sampled_from(["weighted", "all", "any"])),
        "unknown": draw(st.sampled_from(["miss", "neutral"])),
    }
    try:
        return validate_icp(doc)
    except IcpInvalid:
        # Weightless rules with explicit weights summing to 100 or more: drop the weights.
        for rule in doc["rules"].values():
            rule.pop("weight", None)
        return validate_icp(doc)


def _day(draw: st.DrawFn) -> str:
    return (AS_OF + timedelta(days=draw(st.integers(-500, 60)))).isoformat()


@st.composite
def rows(draw: st.DrawFn) -> dict[str, Any]:
    label = draw(st.one_of(st.none(), st.sampled_from(sorted(PATHS))))
    codes = draw(
        st.one_of(st.none(), st.sampled_from(["|naics:541511|", "|nace:62.01|", "|naics:6211|"]))
    )
    country = draw(
        st.one_of(st.none(), st.sampled_from(["US", "SE", "GB", "FR", "RU", "MX", "DE"]))
    )
    subdivision = draw(st.sampled_from(["US-CA", "US-NY", None])) if country == "US" else None
    emp_lo = draw(st.one_of(st.none(), st.integers(0, 20000)))
    emp_hi = (
        None if emp_lo is None else draw(st.one_of(st.none(), st.integers(emp_lo, emp_lo + 5000)))
    )
    rev_lo = draw(st.one_of(st.none(), st.floats(0, 2e8, allow_nan=False)))
    rev_hi = None if rev_lo is None else draw(st.one_of(st.none(), st.floats(rev_lo, rev_lo + 1e8)))
    signals = draw(
        st.one_of(
            st.none(),
            st.lists(st.tuples(st.sampled_from(SIGNALS), st.booleans()), min_size=1, max_size=3),
        )
    )
    signal_text = None
    if signals is not None:
        signal_text = (
            "|" + "|".join(f"{s}@{_day(draw)}" if dated else s for s, dated in signals) + "|"
        )
    tech = draw(st.one_of(st.none(), _pick(TECH)))
    words = draw(
        st.one_of(
            st.none(),
            st.lists(
                st.sampled_from([*KEYWORDS, "acme", "b2bsaas", "gambling"]), min_size=1, max_size=4
            ),
        )
    )
    title = draw(st.sampled_from([None, "Head of Revenue Operations", "Growth Lead", "Chef"]))
    return ls_row(
        ls_industry_path=PATHS.get(label or ""),
        ls_industry_label=label,
        ls_industry_codes=codes,
        ls_country=country,
        ls_subdivision=subdivision,
        ls_emp_lo=emp_lo,
        ls_emp_hi=emp_hi,
        ls_emp_text=None if emp_lo is None else f"{emp_lo}-{emp_hi}",
        ls_rev_lo=rev_lo,
        ls_rev_hi=rev_hi,
        ls_rev_text=None if rev_lo is None else "$x",
        ls_seniority=draw(st.one_of(st.none(), st.sampled_from(SENIORITY))),
        ls_department=draw(st.one_of(st.none(), st.sampled_from(DEPARTMENTS))),
        ls_title_text=None if title is None else f" {title.lower()} ",
        ls_title=title,
        ls_signals=signal_text,
        ls_technologies=None if tech is None else "|" + "|".join(tech) + "|",
        ls_text=None if words is None else " " + " ".join(words) + " ",
        ls_domain=draw(st.sampled_from([None, "acme.com", "competitor.example"])),
    )


LEADS = st.lists(rows(), min_size=1, max_size=12)


@ENGINE
@given(icp=icps(), leads=LEADS)
def test_engine_equals_per_row_reference(icp: Icp, leads: list[dict[str, Any]]) -> None:
    """The vectorized engine gives exactly the slow per-row reference's fits, every column."""
    fits = fit_rows(leads, icp)
    assert fits == [score_row(row, icp, AS_OF) for row in leads]


#: How a matched rule of a list names the one listed value the lead matched.
MATCHED_READS = {
    "industries": ", in {}",
    "geography": ", in {}",
    "technologies": "uses {}",
    "keywords": "mentions {}",
    "signals": "has {}",
}


@ENGINE
@given(icp=icps(), leads=LEADS)
def test_a_matched_reason_names_one_listed_value(icp: Icp, leads: list[dict[str, Any]]) -> None:
    """A matched rule of a list ends with the one listed value the lead matched (signals: and
    the age asked for), and no reason reads "none" without what the lead lacks."""
    rules = icp.rules.present()
    for fit in fit_rows(leads, icp):
        lines = dict(line.split(": ", 1) for line in fit["fit_reasons"].split("; "))
        assert list(lines) == list(rules)
        for name in filter(None, fit["fit_matched"].split(",")):
            if name not in MATCHED_READS:
                continue
            rule = rules[name]
            days = getattr(rule, "max_age_days", None)
            age = f" in the last {days:,} days" if days is not None else ""
            endings = [MATCHED_READS[name].format(value) + age for value in rule.any_of]
            assert sum(lines[name].endswith(e) for e in endings) == 1, (lines[name], endings)
        assert not any(line.endswith("none") or " in no " in line for line in lines.values()), lines


@ENGINE
@given(icp=icps(), leads=LEADS)
def test_scores_stay_in_bounds(icp: Icp, leads: list[dict[str, Any]]) -> None:
    """Scores are integers 0..100 and coverage lies in [0, 1]; DQ always scores 0."""
    for fit in fit_rows(leads, icp):
        assert 0 <= fit["fit_score"] <= 100
        assert 0.0 <= fit["fit_coverage"] <= 1.0
        if fit["fit_grade"] == "DQ":
            assert fit["fit_score"] == 0 and not fit["fit_qualified"]


@ENGINE
@given(icp=icps(), leads=LEADS, data=st.data())
def test_row_order_never_changes_a_fit(
    icp: Icp, leads: list[dict[str, Any]], data: st.DataObject
) -> None:
    """Shuffling the rows permutes the fits and changes none of them."""
    order = data.draw(st.permutations(range(len(leads))))
    fits = fit_rows(leads, icp)
    shuffled = fit_rows([leads[i] for i in order], icp)
    assert shuffled == [fits[i] for i in order]


def _add_matching(icp: Icp, row: dict[str, Any], rule: str) -> dict[str, Any]:
    rules = icp.rules
    row = dict(row)
    if rule == "technologies" and rules.technologies:
        row["ls_technologies"] = (
            (row["ls_technologies"] or "|") + rules.technologies.any_of[0] + "|"
        )
    elif rule == "keywords" and rules.keywords:
        row["ls_text"] = (row["ls_text"] or " ") + rules.keywords.any_of[0] + " "
    elif rule == "signals" and rules.signals:
        row["ls_signals"] = (row["ls_signals"] or "|") + rules.signals.any_of[0] + "|"
    return row


@ENGINE
@given(icp=icps(), lead=rows(), rule=st.sampled_from(["technologies", "keywords", "signals"]))
def test_a_matching_attribute_never_lowers_the_score(
    icp: Icp, lead: dict[str, Any], rule: str
) -> None:
    """Adding a technology, keyword or signal the ICP asks for never lowers the score."""
    before, after = fit_rows([lead, _add_matching(icp, lead, rule)], icp)
    assume(after["fit_grade"] != "DQ")
    assert after["fit_score"] >= before["fit_score"]


def _via_duckdb(frame: pl.DataFrame) -> Any:
    con = duckdb.connect()
    con.register("leads", frame.to_arrow())
    return con.sql("select * from leads")


@pytest.mark.parametrize(
    "backend",
    [
        pytest.param(_via_duckdb, id="duckdb"),
        pytest.param(lambda f: f.to_pandas(use_pyarrow_extension_array=True), id="pandas"),
        pytest.param(lambda f: f.lazy(), id="polars-lazy"),
    ],
)
@settings(max_examples=40, deadline=None)
@given(icp=icps(), leads=LEADS)
def test_every_engine_gives_the_same_fits(
    backend: Any, icp: Icp, leads: list[dict[str, Any]]
) -> None:
    """DuckDB, pandas and lazy Polars give bit-for-bit the fits of eager Polars."""
    expected = fit_rows(leads, icp)
    native = backend(ls_frame(leads))
    got = fit_rows(leads, icp, native=native)
    if isinstance(native, duckdb.DuckDBPyRelation):
        # SQL has no row order: compare as multisets of rows.
        key = lambda f: (f["fit_reasons"], f["fit_score"], str(f["fit_disqualified_by"]))  # noqa: E731
        assert sorted(got, key=key) == sorted(expected, key=key)
    else:
        assert got == expected


def test_reference_reads_dates_like_the_engine() -> None:
    """Sanity for the reference itself: a signal dated as_of counts, one day later does not."""
    icp = validate_icp({"slug": "s", "rules": {"signals": {"any_of": ["x"], "max_age_days": 1}}})
    today = ls_row(ls_signals=f"|x@{AS_OF.isoformat()}|")
    tomorrow = ls_row(ls_signals=f"|x@{(AS_OF + timedelta(days=1)).isoformat()}|")
    assert score_row(today, icp, AS_OF)["fit_score"] == 100
    assert score_row(tomorrow, icp, AS_OF)["fit_score"] == 0
