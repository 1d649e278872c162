"""The technology vocabulary: product names -> canonical keys, typos told from other products,
and docs/technologies.md generated from the same file."""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadsieve.normalize.cells import technologies as technologies_cell
from leadsieve.normalize.cells import technologies_expr
from leadsieve.normalize.technologies import (
    close_technology,
    lookup_technology,
    normalize_technology,
    suggest_technologies,
    technologies,
)
from leadsieve.normalize.text import fold

ROOT = Path(__file__).resolve().parents[2]


def test_the_vocabulary_is_a_few_hundred_products_with_unique_names() -> None:
    """Keys are folded and unique, and no name (key, display name or alias, compared folded
    and without spaces) belongs to two products: each name reads as one product."""
    products = technologies()
    assert len(products) >= 300
    keys = [t.key for t in products]
    assert len(set(keys)) == len(keys)
    owner: dict[str, str] = {}
    for tech in products:
        assert tech.key == fold(tech.key) and tech.category and tech.name
        for name in (tech.key, tech.name, *tech.aliases):
            compact = fold(name).replace(" ", "")
            assert owner.setdefault(compact, tech.key) == tech.key, (name, owner[compact])


def test_every_name_reads_as_its_product() -> None:
    """Every key, display name and alias normalizes to its product's key."""
    for tech in technologies():
        for name in (tech.key, tech.name, *tech.aliases):
            assert normalize_technology(name) == tech.key, name


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param("Salesforce Sales Cloud", "salesforce", id="module-of-suite"),
        pytest.param("SFDC", "salesforce", id="abbreviation"),
        pytest.param("salesforce.com", "salesforce", id="web-suffix"),
        pytest.param("Gong.io", "gong", id="io-suffix"),
        pytest.param("Checkout.com", "checkout com", id="suffix-in-the-name"),
        pytest.param("GA4", "google analytics", id="ga4"),
        pytest.param("Google Analytics 4", "google analytics", id="ga4-long"),
        pytest.param("google-analytics", "google analytics", id="hyphen"),
        pytest.param("HUBSPOT", "hubspot", id="case"),
        pytest.param("Hub Spot", "hubspot", id="space"),
        pytest.param("Amazon Web Services", "aws", id="long-name"),
        pytest.param("Sendinblue", "brevo", id="former-name"),
        pytest.param("Acme Internal Billing", "acme internal billing", id="unknown-folded"),
        pytest.param("¿?", "", id="no-letters"),
    ],
)
def test_normalize_technology(text: str, key: str) -> None:
    """Names read as the vocabulary's key; unknown ones keep their folded form."""
    assert normalize_technology(text) == key


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=30),
        st.sampled_from([n for t in technologies() for n in (t.name, *t.aliases)]),
    )
)
def test_normalize_technology_is_idempotent(text: str) -> None:
    """A canonical key normalizes to itself, so stored leads can be read through it again."""
    once = normalize_technology(text)
    assert normalize_technology(once) == once


def test_a_stored_cell_reads_the_same_again() -> None:
    """A normalized technologies cell (as an import stores it) normalizes to itself, and an
    alias stored before the vocabulary knew it reads as the product now."""
    cells = pl.DataFrame({"t": ["SFDC; GA4, Acme Tool", None, "|sfdc|google analytics|"]})
    once = cells.select(technologies_expr(pl.col("t"))).to_series()
    assert once.to_list() == [
        "|salesforce|google analytics|acme tool|",
        None,
        "|salesforce|google analytics|",
    ]
    again = once.to_frame().select(technologies_expr(pl.col("t"))).to_series()
    assert again.to_list() == once.to_list()
    assert [technologies_cell(v) for v in cells["t"]] == once.to_list()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param("salesforse", "salesforce", id="one-letter"),
        pytest.param("hubspt", "hubspot", id="dropped-letter"),
        pytest.param("snowflak", "snowflake", id="truncated"),
        pytest.param("postgress", "postgresql", id="two-edits-long"),
        pytest.param("Markteo", "marketo", id="swapped-letters"),
    ],
)
def test_close_technology_finds_typos(text: str, key: str) -> None:
    """A name a typo away from exactly one known product is that product's typo."""
    found = close_technology(text)
    assert found is not None and found.key == key


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("salesforce", id="known"),
        pytest.param("SFDC", id="known-alias"),
        pytest.param("sapx", id="short"),
        pytest.param("acme internal billing", id="far-from-all"),
        pytest.param("hubstaff", id="another-real-product"),
    ],
)
def test_close_technology_leaves_known_short_and_far_names(text: str) -> None:
    """Known names, names under five letters and names far from every product are no typos."""
    assert close_technology(text) is None


def test_suggestions_for_an_unknown_name() -> None:
    """Suggestions are canonical keys of look-alike products; none for nonsense."""
    assert suggest_technologies("slak")[0] == "slack"
    assert suggest_technologies("qqqqzzzz") == []
    assert lookup_technology("qqqqzzzz") is None


def test_docs_list_the_vocabulary() -> None:
    """docs/technologies.md carries the vocabulary as generated from the package's file
    (regenerate with ``python scripts/build_technologies_doc.py``)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_technologies_doc
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert build_technologies_doc.main(["--check"]) == 0
    text = (ROOT / "docs" / "technologies.md").read_text("utf-8")
    assert "| `salesforce` | Salesforce | Salesforce Sales Cloud, Salesforce CRM, SFDC" in text
