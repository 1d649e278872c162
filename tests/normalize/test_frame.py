"""prepare(): per-distinct-value normalization equals normalizing each row on its own."""

from __future__ import annotations

from typing import Any

import duckdb
import narwhals as nw
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadsieve.engine.columns import LS_SCHEMA
from leadsieve.normalize.cells import normalize_signal
from leadsieve.normalize.frame import prepare, prepare_row

VALUES: dict[str, list[str | None]] = {
    "company_name": ["Acme, Inc.", "Café Société GmbH", "", "B2B Tools"],
    "domain": ["acme.io", "n/a"],
    "website": ["https://www.acme.com/about", "shop.example.co.uk", "n/a"],
    "email": ["jo@acme.com", "x@gmail.com", "broken@"],
    "industry": ["Computer Software", "541511", "Narnia", "Hospital & Health Care", "fintech"],
    "employees": ["51-200", "1,001-5,000", "10,001+", "lots", "~250", "-5"],
    "revenue": ["$10M-$50M", "€5 Mio", "500K", "n/a", "7036000", "950", "0", "99999999999999999"],
    "revenue_thousands_usd": ["5000", "n/a"],
    "revenue_currency": ["EUR", "SEK"],
    "country": ["USA", "Deutschland", "Sverige", "UK", "Narnia", "San Francisco, CA, USA"],
    "subdivision": ["CA", "Bayern", "NY"],
    "city": ["San Francisco, CA", "Berlin", "Stockholm, Sweden"],
    "description": ["B2B SaaS for revenue teams", "Crypto exchange", "Ünïcode façade"],
    "keywords": ["b2b; saas", "['fintech', 'api']", "gambling"],
    "technologies": ["Salesforce; HubSpot", "Google Analytics, Slack", ""],
    "signals": [
        "recent_funding@2026-08-01; hiring_sales",
        "Recent Funding (2025-01)",
        "x@bad-date",
    ],
    "title": [
        "VP Sales",
        "Head of RevOps",
        "Geschäftsführer",
        "Software Engineer",
        "n/a",
        "VP Sales @ Acme",
        "Director's Assistant",
        "Leiterin Vertrieb (m/w/d)",
        "Sr. Mgr., RevOps | EMEA",
    ],
    "seniority": ["c_suite", "Director"],
    "department": ["master_sales", "Engineering & Technical"],
}


@st.composite
def lead_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    columns = draw(st.lists(st.sampled_from(sorted(VALUES)), min_size=1, max_size=8, unique=True))
    n = draw(st.integers(1, 8))
    return [{c: draw(st.sampled_from([*VALUES[c], None])) for c in columns} for _ in range(n)]


def _frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    columns = list(rows[0])
    return pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String), orient="row")


@settings(max_examples=60, deadline=None)
@given(rows=lead_rows())
def test_prepare_equals_per_row_normalization(rows: list[dict[str, Any]]) -> None:
    """Normalizing distinct values and joining back gives each row its own normalization."""
    prepared = nw.to_native(prepare(nw.from_native(_frame(rows))))
    got = prepared.select(list(LS_SCHEMA)).to_dicts()
    assert got == [prepare_row(row) for row in rows]


@settings(max_examples=25, deadline=None)
@given(rows=lead_rows())
def test_prepare_is_the_same_on_duckdb(rows: list[dict[str, Any]]) -> None:
    """The DuckDB backend gets the same canonical values (compared as multisets: SQL has no order)."""
    frame = _frame(rows).with_row_index("rid")
    con = duckdb.connect()
    con.register("leads", frame.to_arrow())
    out = prepare(nw.from_native(con.sql("select * from leads")))
    got = out.collect(backend="polars").to_polars().sort("rid").select(list(LS_SCHEMA)).to_dicts()
    expected = (
        nw.to_native(prepare(nw.from_native(frame))).sort("rid").select(list(LS_SCHEMA)).to_dicts()
    )
    assert got == expected


def test_realistic_row() -> None:
    """A messy Apollo-style row gets the canonical values the engine scores."""
    row = prepare_row(
        {
            "company_name": "Acme, Inc.",
            "website": "https://www.Acme.com/about",
            "industry": "Computer Software",
            "employees": "51-200",
            "revenue": "$10M-$50M",
            "country": "USA",
            "subdivision": "CA",
            "title": "VP, Sales & Marketing",
            "technologies": "Salesforce; HubSpot",
            "signals": "recent_funding@2026-08-01; hiring_sales",
            "keywords": "B2B; SaaS",
        }
    )
    assert row["ls_industry"] == "software-development"
    assert row["ls_industry_path"].endswith("|software-development|")
    assert (row["ls_emp_lo"], row["ls_emp_hi"], row["ls_emp_text"]) == (51, 200, "51–200")
    assert (row["ls_rev_lo"], row["ls_rev_hi"]) == (10e6, 50e6)
    assert (row["ls_country"], row["ls_subdivision"]) == ("US", "US-CA")
    assert (row["ls_seniority"], row["ls_department"]) == ("vp", "sales")
    assert row["ls_technologies"] == "|salesforce|hubspot|"
    assert row["ls_signals"] == "|recent_funding@2026-08-01|hiring_sales|"
    assert row["ls_domain"] == "acme.com"
    assert row["ls_text"] == " acme inc b2b saas "


def test_work_email_gives_the_domain_but_free_mail_does_not() -> None:
    """Without a website the work email's domain is used; gmail.com never is."""
    assert prepare_row({"email": "jo@acme.io"})["ls_domain"] == "acme.io"
    assert prepare_row({"email": "jo@gmail.com"})["ls_domain"] is None


def test_keywords_stand_in_for_a_missing_industry_column() -> None:
    """Without an industry column, the first keyword naming an industry is used (YC tags)."""
    assert prepare_row({"keywords": "['b2b', 'fintech']"})["ls_industry"] == "financial-services"
    with_column = prepare_row({"industry": None, "keywords": "['fintech']"})
    assert with_column["ls_industry"] is None


def test_signals() -> None:
    """Signal types fold to snake_case; dates are ISO; a month-only date means its first day."""
    assert normalize_signal("Recent Funding @ 2026-08-01") == "recent_funding@2026-08-01"
    assert normalize_signal("hiring (2026-03)") == "hiring@2026-03-01"
    assert normalize_signal("new_cto@2026-13-45") == "new_cto"
    assert normalize_signal("!!!") == ""  # dropped from the list


CELL_TEXT = st.text(
    alphabet=st.sampled_from(list("abcAB xyz-_.;,|@/:()[]'\"0123456789éÜß\t")), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.one_of(st.none(), CELL_TEXT), min_size=1, max_size=20))
def test_vectorized_cells_equal_their_per_value_twins(values: list[str | None]) -> None:
    """Technologies, signals and hosts: the column expression equals the per-value function."""
    from leadsieve.normalize import cells

    series = pl.Series("v", values, dtype=pl.String).to_frame()
    for expr, one in (
        (cells.technologies_expr, cells.technologies),
        (cells.signals_expr, cells.signals),
        (cells.host_expr, cells.host),
    ):
        got = series.select(expr(pl.col("v"))).to_series().to_list()
        assert got == [one(v) for v in values], one.__name__


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(["Recent Funding", "hiring_sales", "New CTO", "x"]),
    day=st.dates(),
    form=st.sampled_from(["{k}@{d}", "{k} @ {d}", "{k} ({m})", "{k}", "{k}@{d}x"]),
)
def test_signal_forms(kind: str, day: object, form: str) -> None:
    """Dated and undated signal spellings agree between the column and per-value versions."""
    from leadsieve.normalize import cells

    text = form.format(k=kind, d=str(day), m=str(day)[:7])
    got = pl.DataFrame({"v": [text]}).select(cells.signals_expr(pl.col("v"))).item()
    assert got == cells.signals(text)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("https://www.Acme.com/about", "acme.com", id="url"),
        pytest.param("http://shop.acme.co.uk:8080/x?y", "shop.acme.co.uk", id="port-path"),
        pytest.param("mailto:jo@Acme.com", "acme.com", id="mailto"),
        pytest.param("WWW.ACME.DE.", "acme.de", id="trailing-dot"),
        pytest.param("localhost", None, id="no-dot"),
        pytest.param("n/a", None, id="placeholder"),
    ],
)
def test_host(raw: str, expected: str | None) -> None:
    """Hosts lose scheme, user, port, path and www; a value without a dot is no host."""
    from leadsieve.normalize import cells

    assert cells.host(raw) == expected
    assert pl.DataFrame({"v": [raw]}).select(cells.host_expr(pl.col("v"))).item() == expected


@settings(max_examples=500, deadline=None)
@given(digits=st.from_regex(r"\A[0-9]{1,18}\Z", fullmatch=True))
def test_plain_revenue_fast_path_equals_the_parser(digits: str) -> None:
    """A bare run of digits gives what the general revenue parser gives."""
    from leadsieve.normalize.groups import plain_revenue
    from leadsieve.normalize.sizes import parse_revenue

    assert plain_revenue(digits) == parse_revenue(digits)


def test_revenue_cells_of_every_kind_equal_per_row_normalization() -> None:
    """Plain whole amounts (read in Polars) and every other revenue cell (read one by one) land in
    their own rows: zero and amounts over the ceiling fall back to the thousands column, and a
    currency column sends plain digits through the general parser."""
    cells = ["7036000", "0", "007", "10000000000000", "10000000000001", "99999999999999999999"]
    cells += ["$10M-$50M", "€5 Mio", "n/a", None, "950", "999950"]
    rows = [
        {"revenue": cell, "revenue_currency": currency, "revenue_thousands_usd": thousands}
        for cell in cells
        for currency in (None, "SEK")
        for thousands in (None, "5000")
    ]
    prepared = nw.to_native(prepare(nw.from_native(_frame(rows))))
    got = prepared.select(list(LS_SCHEMA)).to_dicts()
    assert got == [prepare_row(row) for row in rows]
