"""The HTML report: self-contained, escaped, deterministic, and saying what the proposal says."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import leadsieve
from leadsieve.generate.model import Backtest, Metrics, Proposal, RuleEvidence, ValueEvidence
from leadsieve.generate.report import render_report
from leadsieve.icp import dump_icp

SAMPLES = Path(leadsieve.__file__).parent / "samples"
SENTENCE = "82% of your customers vs 11% of the baseline (lift 7.5, n=140)"
XSS = "<script>alert(1)</script>"


def make_value(**overrides: Any) -> ValueEvidence:
    """A kept industry value with a baseline: 115 of 140 customers, 110 of 1,000 baseline."""
    fields: dict[str, Any] = {
        "dimension": "industry",
        "value": "software-development",
        "label": "Software Development",
        "customers": 115,
        "customers_total": 140,
        "baseline": 110,
        "baseline_total": 1000,
        "lost": None,
        "lost_total": None,
        "kept": True,
        "why": SENTENCE,
    }
    fields.update(overrides)
    return ValueEvidence(**fields)


def make_backtest(**overrides: Any) -> Backtest:
    """A 5-fold backtest where the ICP and the reference are close."""
    fields: dict[str, Any] = {
        "folds": 5,
        "icp": Metrics(auc=0.91, recall=0.85, baseline_qualified=0.12, top_decile_lift=3.4),
        "naive_bayes": Metrics(auc=0.92, recall=0.88, baseline_qualified=0.15, top_decile_lift=3.6),
        "customer_scores": tuple([85, 90, 100, 72, 65, 60, 58, 95, 80, 40] * 14),
        "baseline_scores": tuple([5, 10, 20, 35, 0, 15, 45, 60, 25, 30] * 50),
        "baseline_sampled_from": 1000,
    }
    fields.update(overrides)
    return Backtest(**fields)


def make_proposal(**overrides: Any) -> Proposal:
    """The sample ICP with evidence for a kept rule, a left-out rule and a disqualifier."""
    industries = RuleEvidence(
        rule="industries",
        kept=True,
        weight=35,
        coverage=0.9,
        baseline_coverage=0.2,
        values=(
            make_value(),
            make_value(
                value="financial-services",
                label="Financial Services",
                customers=11,
                baseline=60,
                why="8% of your customers vs 6% of the baseline (lift 1.3, n=140)",
            ),
            make_value(
                value="retail",
                label="Retail",
                customers=2,
                baseline=200,
                kept=False,
                why="rarer among customers than in the baseline",
            ),
        ),
        note="Most customers are software companies.",
    )
    revenue = RuleEvidence(
        rule="revenue",
        kept=False,
        weight=None,
        coverage=0.1,
        baseline_coverage=0.09,
        values=(
            make_value(
                dimension="revenue",
                value="1m-10m",
                label="$1M-$10M",
                customers=14,
                baseline=90,
                kept=False,
                why="known for too few customers",
            ),
        ),
        note="Revenue is known for 10% of customers only.",
    )
    crypto = RuleEvidence(
        rule="disqualifiers.keywords",
        kept=True,
        weight=None,
        coverage=0.0,
        baseline_coverage=0.04,
        values=(
            make_value(
                dimension="keywords",
                value="crypto",
                label="crypto",
                customers=0,
                baseline=40,
                lost=6,
                lost_total=20,
                why="no customer, 30% of lost customers",
            ),
        ),
        note="Lost customers cluster on crypto.",
    )
    fields: dict[str, Any] = {
        "icp": leadsieve.load_icp(SAMPLES / "b2b-saas.yaml"),
        "rules": (revenue, industries, crypto),
        "min_score_note": "min_score 60 qualifies 85% of customers and 12% of the baseline.",
        "backtest": make_backtest(),
        "warnings": ("only 140 customers: shares under 5% are anecdotal",),
        "customers": 140,
        "baseline": 1000,
        "lost": 20,
    }
    fields.update(overrides)
    return Proposal(**fields)


def without_baseline(proposal: Proposal) -> Proposal:
    """The same proposal as a run without ``--baseline``: no baseline counts, no backtest."""
    rules = tuple(
        dataclasses.replace(
            rule,
            baseline_coverage=None,
            values=tuple(
                dataclasses.replace(v, baseline=None, baseline_total=None) for v in rule.values
            ),
        )
        for rule in proposal.rules
    )
    return dataclasses.replace(proposal, rules=rules, backtest=None, baseline=None)


class TagChecker(HTMLParser):
    """Records the open-tag stack and every mismatch; void elements need no end tag."""

    VOID = frozenset({"meta", "link", "br", "hr", "img", "input", "col", "wbr", "source"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.seen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def test_document_is_self_contained() -> None:
    """No URL but the SVG namespace, no external script, stylesheet or image."""
    html = render_report(make_proposal())
    urls = re.findall(r"https?://[^\s\"'<>]+", html)
    assert set(urls) == {"http://www.w3.org/2000/svg"}
    lowered = html.lower()
    for forbidden in ("<script", "<link", "<img", "@import", "url(", "src="):
        assert forbidden not in lowered, forbidden


def test_document_is_well_formed() -> None:
    """Every non-void tag is closed in order, and the main landmarks are there once."""
    checker = TagChecker()
    checker.feed(render_report(make_proposal()))
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    for tag in ("html", "head", "body", "main", "style", "title"):
        assert checker.seen.count(tag) >= 1, tag
    assert checker.seen.count("main") == 1
    assert checker.seen.count("svg") == 2


def test_document_says_what_the_proposal_says() -> None:
    """Evidence sentence, notes, warnings, counts, metrics and the ICP's YAML are all in it."""
    proposal = make_proposal()
    html = render_report(proposal)
    assert SENTENCE in html
    assert "only 140 customers: shares under 5% are anecdotal" in html
    assert proposal.min_score_note in html
    assert "Most customers are software companies." in html
    assert "1,000</strong> baseline leads" in html
    assert "0.91" in html and "0.92" in html
    assert "about as well as the black-box reference (AUC 0.91 vs 0.92)" in html
    assert "<pre><code>" + dump_icp(proposal.icp, "yaml").replace('"', "&quot;") in html
    assert "slug: b2b-saas" in html
    assert html.count("<svg ") == 2
    assert 'id="hist-title"' in html and 'id="lift-title"' in html


def test_evidence_lists_kept_rules_first() -> None:
    """Kept rules (industries, the disqualifier) come before the rule left out (revenue)."""
    html = render_report(make_proposal())
    industries = html.index("<code>industries</code>")
    disqualifier = html.index("<code>disqualifiers.keywords</code>")
    revenue = html.index("<code>revenue</code>")
    assert industries < disqualifier < revenue


def test_lift_bars_are_sorted_by_lift() -> None:
    """The lift chart lists kept values with the highest lift first and no left-out value."""
    html = render_report(make_proposal())
    chart = html[
        html.index('id="lift-title"') : html.index("</svg>", html.index('id="lift-title"'))
    ]
    assert chart.index("Software Development") < chart.index("Financial Services")
    assert "Retail" not in chart
    assert "crypto" not in chart  # a disqualifier's lift is low by design


def test_lift_bars_stay_inside_the_axis() -> None:
    """A huge lift (no baseline lead has the value) is capped at the axis; a long label is cut."""
    proposal = make_proposal()
    industries = proposal.rules[1]
    extreme = make_value(value="x", label="A" * 80, baseline=0, why="never in the baseline")
    industries = dataclasses.replace(industries, values=(extreme, *industries.values))
    proposal = dataclasses.replace(
        proposal, rules=(proposal.rules[0], industries, proposal.rules[2])
    )
    html = render_report(proposal)
    chart = html[
        html.index('id="lift-title"') : html.index("</svg>", html.index('id="lift-title"'))
    ]
    labels = re.findall(r'text-anchor="end">([^<]*) <tspan', chart)
    assert labels[0] == "A" * 25 + "…"  # with " industry", about 35 characters
    assert "beyond the axis" in chart
    for x, w in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', chart):
        assert float(x) >= 240 and float(x) + float(w) <= 580 + 0.1


@pytest.mark.parametrize(
    "where",
    [
        pytest.param("label", id="value-label"),
        pytest.param("why", id="why"),
        pytest.param("note", id="rule-note"),
        pytest.param("warning", id="warning"),
        pytest.param("title", id="title"),
    ],
)
def test_text_from_data_is_escaped(where: str) -> None:
    """A script in any text that comes from user files is shown, never run."""
    proposal = make_proposal()
    rule = proposal.rules[1]
    if where in ("label", "why"):
        value = dataclasses.replace(rule.values[0], **{where: XSS})
        rule = dataclasses.replace(rule, values=(value, *rule.values[1:]))
    elif where == "note":
        rule = dataclasses.replace(rule, note=XSS)
    proposal = dataclasses.replace(proposal, rules=(proposal.rules[0], rule, proposal.rules[2]))
    if where == "warning":
        proposal = dataclasses.replace(proposal, warnings=(XSS,))
    html = render_report(proposal, title=XSS if where == "title" else None)
    assert XSS not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_without_baseline_says_how_to_pass_one() -> None:
    """No backtest: the report asks for --baseline and draws neither histogram nor lift chart."""
    html = render_report(without_baseline(make_proposal()))
    assert "AUC needs a baseline" in html
    assert "--baseline LEADS" in html
    assert "<svg" not in html
    assert "no baseline" in html
    assert SENTENCE in html  # the evidence is still there


def test_output_is_deterministic() -> None:
    """The same proposal renders to the same bytes, with or without a baseline."""
    assert render_report(make_proposal()) == render_report(make_proposal())
    bare = without_baseline(make_proposal())
    assert render_report(bare) == render_report(bare)


def test_title_replaces_the_heading() -> None:
    """A title passed in (say with a date) heads the document and names the page."""
    html = render_report(make_proposal(), title="Proposal of 2026-11-01")
    assert "<title>Proposal of 2026-11-01</title>" in html
    assert "<h1>Proposal of 2026-11-01</h1>" in html


@pytest.mark.parametrize(
    ("icp_auc", "nb_auc", "words"),
    [
        pytest.param(0.91, 0.92, "about as well as", id="close"),
        pytest.param(0.90, 0.80, "better than", id="better"),
        pytest.param(0.80, 0.84, "slightly less well than", id="slightly-worse"),
        pytest.param(0.70, 0.90, "clearly less well than", id="worse"),
        pytest.param(0.52, 0.55, "(an AUC of 0.5 is chance)", id="chance"),
    ],
)
def test_comparison_sentence_reads_the_aucs(icp_auc: float, nb_auc: float, words: str) -> None:
    """The sentence under the metrics says how the readable ICP compares with the reference."""
    backtest = make_backtest(
        icp=Metrics(auc=icp_auc, recall=0.8, baseline_qualified=0.1, top_decile_lift=2.0),
        naive_bayes=Metrics(auc=nb_auc, recall=0.8, baseline_qualified=0.1, top_decile_lift=2.0),
    )
    assert words in render_report(make_proposal(backtest=backtest))


def test_histogram_bars_stay_inside_the_plot() -> None:
    """Every histogram bar lies between the axes, and the shares of a group sum to 100%."""
    html = render_report(make_proposal())
    hist = html[html.index('id="hist-title"') : html.index("</svg>")]
    bars = re.findall(
        r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#\w+)"><title>[^<]*: (\d+)%',
        hist,
    )
    assert bars
    totals: dict[str, int] = {}
    for x, y, w, h, colour, share in bars:
        left, right = float(x), float(x) + float(w)
        top, bottom = float(y), float(y) + float(h)
        assert left >= 56 and right <= 616, (left, right)
        assert top >= 44 - 0.1 and bottom <= 248 + 0.1, (top, bottom)
        totals[colour] = totals.get(colour, 0) + int(share)
    assert all(95 <= total <= 105 for total in totals.values())  # rounded shares


def test_a_kept_band_no_customer_is_in_gets_no_lift_bar() -> None:
    """A band covered only to keep a size rule one range (0% of the customers) is not drawn
    as a kept value in the lift chart, even when evidence marks it kept."""
    proposal = make_proposal()
    empty = make_value(
        dimension="employees",
        value="1,001-5,000",
        label="1,001-5,000 employees",
        customers=0,
        baseline=10,
        why="0% of your customers vs 1% of the baseline (lift 0.0, n=0)",
    )
    industries = dataclasses.replace(proposal.rules[1], values=(empty, *proposal.rules[1].values))
    proposal = dataclasses.replace(
        proposal, rules=(proposal.rules[0], industries, proposal.rules[2])
    )
    html = render_report(proposal)
    chart = html[
        html.index('id="lift-title"') : html.index("</svg>", html.index('id="lift-title"'))
    ]
    assert "1,001-5,000" not in chart
    assert "Software Development" in chart
