"""Text folding: the Python and the vectorized Polars version agree on every string."""

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadsieve.normalize.text import fold, fold_expr, fold_series, is_missing


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        pytest.param("  Café-Société, GmbH ", "cafe societe gmbh", id="accents-punctuation"),
        pytest.param("Straße", "strasse", id="sharp-s"),
        pytest.param("Ærø Łódź", "aero lodz", id="letters-without-decomposition"),
        pytest.param("ﬁnance", "finance", id="ligature"),
        pytest.param("B2B/SaaS", "b2b saas", id="slash"),
        pytest.param("中文 abc", "abc", id="non-latin-dropped"),
        pytest.param("", "", id="empty"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    """fold lowercases, strips accents and collapses punctuation to single spaces."""
    assert fold(raw) == folded


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_fold_expr_equals_fold(text: str) -> None:
    """The vectorized fold gives exactly what the per-value fold gives."""
    out = pl.Series([text]).to_frame("t").select(fold_expr(pl.col("t"))).item()
    assert out == fold(text)


_TEXTS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


@given(st.lists(st.one_of(st.none(), _TEXTS, st.sampled_from(["Café", "ACME Inc.", "Straße"]))))
def test_fold_series_equals_fold_on_mixed_columns(texts: list[str | None]) -> None:
    """A column mixing ASCII, accented and missing cells folds cell by cell like ``fold``:
    only the non-ASCII cells take the decomposition path, and each lands back in its row."""
    out = fold_series(pl.Series(texts, dtype=pl.String)).to_list()
    assert out == [None if text is None else fold(text) for text in texts]


@given(st.text(max_size=30))
def test_fold_is_idempotent(text: str) -> None:
    """Folding twice changes nothing."""
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize("value", [None, "", "  ", "n/a", "N/A", "-", "unknown", "NULL"])
def test_missing_placeholders(value: str | None) -> None:
    """Placeholders exporters write for an empty cell count as missing."""
    assert is_missing(value)


def test_real_values_are_not_missing() -> None:
    """A real value is never treated as missing."""
    assert not is_missing("Acme")
