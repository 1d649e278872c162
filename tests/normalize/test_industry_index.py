"""The Census NAICS 2022 index, the industry reader's last resort (normalize.industry_index)."""

from __future__ import annotations

import gzip
import subprocess
import sys
from importlib.resources import files

import pytest

from leadsieve.normalize import industry_index
from leadsieve.normalize.industry import normalize_industry
from leadsieve.normalize.industry_codes import code_to_slug
from leadsieve.normalize.industry_index import entry_stems
from leadsieve.normalize.industry_rules import by_index
from leadsieve.normalize.industry_vocabulary import content_words


def _rows() -> list[list[str]]:
    raw = (files("leadsieve.normalize") / "data" / "naics_index.tsv.gz").read_bytes()
    return [ln.split("\t") for ln in gzip.decompress(raw).decode().splitlines() if ln[:1] != "#"]


def test_index_file_holds_the_census_entries_with_codes_that_resolve() -> None:
    """The shipped table is the whole index (20,373 entries of 1,010 codes), and every code
    has a crosswalk row, so no entry is read without a slug."""
    rows = _rows()
    assert len(rows) == 20373
    assert all(len(code) == 6 and code.isdigit() and entry for code, entry, _ in rows)
    codes = {code for code, _, _ in rows}
    assert len(codes) == 1010
    assert [code for code in sorted(codes) if code_to_slug(f"naics:{code}") is None] == []
    ferries = [entry for code, entry, _ in rows if code == "483114" and entry.startswith("Ferry")]
    assert ferries == [
        "Ferry passenger transportation, Great Lakes (including St. Lawrence Seaway)"
    ]


def test_stored_stems_are_the_readers_stems() -> None:
    """The stems stored beside each entry are what the reader computes now (rebuild with
    scripts/build_naics_index.py after changing how words are stemmed)."""
    stale = [entry for _, entry, stems in _rows() if set(stems.split()) != entry_stems(entry)]
    assert stale == []


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Tattoo Parlors", "personal-care-services"),
        ("Bowling Alleys", "recreational-facilities"),
        ("Ice Cream Parlors", "restaurants"),
    ],
)
def test_labels_no_table_knows_resolve_by_the_index(text: str, slug: str) -> None:
    """Labels that no table, title or word rule resolved before read as their index entries."""
    assert by_index(text) == slug
    found = normalize_industry(text)
    assert found is not None and found.slug == slug


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Art", id="one-word-split-across-branches"),
        pytest.param("Women's", id="possessive"),
        pytest.param("Services", id="weak-word"),
        pytest.param("AI receptionist for dentists", id="sentence"),
        pytest.param("Narnia Wardrobe Portals", id="no-entry"),
        pytest.param("School building", id="entry-of-another-trade"),
    ],
)
def test_the_index_answers_none_below_its_floor(text: str) -> None:
    """A word whose short entries name several industries, a modifier, a weak word, a
    sentence or words no entry holds give None, never a guess; nor does an entry that adds a
    trade done to what the label names ("School building construction" builds schools)."""
    assert by_index(text) is None


def test_an_inverted_entry_matches_its_label_and_the_head_must_be_shared() -> None:
    """The entry "Jewelry stores, precious" (the index's inverted form) reads as the label
    "Precious Jewelry Stores"; the same words under a head no entry holds give None."""
    query = content_words("Precious Jewelry Stores")
    slugs = industry_index.index_slugs(query, content_words("stores"))
    assert slugs == {"retail-luxury-goods-and-jewelry"}
    assert industry_index.index_slugs(query, frozenset({"zzz"})) is None


def test_the_index_loads_only_when_a_label_needs_it() -> None:
    """Importing the industry reader, or resolving a label a table knows, reads no index."""
    code = (
        "from leadsieve.normalize import industry_index as ii\n"
        "from leadsieve.normalize.industry import normalize_industry\n"
        "assert normalize_industry('Computer Software').slug == 'software-development'\n"
        "print(ii._index.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
