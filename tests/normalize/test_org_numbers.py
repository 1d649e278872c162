"""Organization numbers: checked where the country's format is known, kept otherwise."""

from __future__ import annotations

import pytest

from leadsieve.normalize.org_numbers import normalize_org_no


@pytest.mark.parametrize(
    ("country", "text", "number", "valid"),
    [
        ("SE", "556036-0793", "5560360793", True),  # Volvo Cars' organisationsnummer
        ("SE", "556036-0794", "5560360794", False),  # last digit off: check digit fails
        ("NO", "988 077 917", "988077917", True),
        ("DK", "13585628", "13585628", True),
        ("FR", "732 829 320", "732829320", True),
        ("US", "04-2103594", "042103594", True),
    ],
    ids=["se-valid", "se-check-digit", "no-valid", "dk-valid", "fr-valid", "us-ein"],
)
def test_known_formats_are_compacted_and_checked(
    country: str, text: str, number: str, valid: bool
) -> None:
    found = normalize_org_no(country, text)
    assert found is not None
    assert (found.number, found.checked, found.valid) == (number, True, valid)
    if not valid:
        assert found.reason is not None and "check digit" in found.reason


def test_unknown_country_keeps_the_number_without_punctuation() -> None:
    found = normalize_org_no("GB", " 0044 5790 ")
    assert found is not None and (found.number, found.checked, found.valid) == (
        "00445790",
        False,
        True,
    )
    assert normalize_org_no(None, "ab-12") is not None


def test_blank_is_none() -> None:
    assert normalize_org_no("SE", "  ") is None and normalize_org_no("SE", None) is None
