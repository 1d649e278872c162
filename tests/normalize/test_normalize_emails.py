"""``normalize_emails`` (a column) equals ``normalize_email`` (a cell) on every value."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from leadsieve.normalize.identity import (
    mail_host_domain,
    normalize_email,
    normalize_emails,
    organization_domain,
)

MESSY = [
    "Jo.Doe@ACME.com",
    "  jo@acme.co.uk ",
    '"Doe, Jo" <Jo.Doe@Sales.Acme.COM>',
    "mailto:jo@acme.com?subject=hi",
    "jo@gmail.com",
    "jo..doe@acme.com",
    ".jo@acme.com",
    "jo.@acme.com",
    "jo@acme",
    "jo@-acme.com",
    "jo@acme-.com",
    "jo@localhost.invalidtld",
    "jo at acme dot com",
    "n/a",
    "",
    None,
    "jö@acme.de",
    "jo@bücher.de",
    "jo+tag@acme.io",
    "a" * 65 + "@acme.com",
    "jo@acme.com,",
    "x@" + "a" * 250 + ".com",
    "JO@ACME.COM",
    "jo@sub.domain.example.com",
    "jo@123.45.67.89",
    "Emily.O'Brien@acme.com",
    "'jo@acme.com",
    "jo'@acme.com",
    "JÖRG.MÜLLER@acme.de",
    "léa÷dubois@acme.fr",
    "straße@acme.de",
    "İlker@acme.com.tr",
    "jo@xn--bcher-kva.de",
    "jo@sales.XN--bcher-kva.de",
    "jo@xn--zz.de",
    "jo@acme.github.io",
    "jo@github.io",
    "jo@www.github.io",
    "jo@co.uk",
    "jo@acme.ck",
    "jo@www.ck",
    "jo@city.kawasaki.jp",
    "jo@acme.example",
    "jo@127.0.0.1",
    "jo\u200b@acme.com",
]


def test_messy_addresses_equal_the_cell_function() -> None:
    got = normalize_emails(pl.Series("email", MESSY, dtype=pl.String)).to_list()
    assert got == [None if v is None else normalize_email(v) for v in MESSY]


local = st.text(alphabet="abcXYZ019._+-%'üÜéÿŸß÷×İ", min_size=0, max_size=12)
host = st.lists(st.text(alphabet="abcz019-", min_size=0, max_size=8), min_size=1, max_size=4).map(
    ".".join
)
SUFFIXES = ["com", "co.uk", "de", "se", "io", "example", "zz", "", "github.io", "blogspot.co.uk"]
# wildcard rules and an xn-- host: the per-value fallbacks of the vectorized host check
suffix = st.sampled_from(
    [*SUFFIXES, "ck", "kawasaki.jp", "compute.amazonaws.com", "xn--bcher-kva.de"]
)
address = st.builds(
    lambda who, h, s, pad: f"{pad}{who}@{h}.{s}{pad}",
    local,
    host,
    suffix,
    st.sampled_from(["", " "]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(address, st.text(max_size=20), st.none()), max_size=30))
def test_any_column_equals_the_cell_function(values: list[str | None]) -> None:
    got = normalize_emails(pl.Series("email", values, dtype=pl.String)).to_list()
    assert got == [None if v is None else normalize_email(v) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(address, st.sampled_from(MESSY[:-1])), max_size=30))
def test_the_domain_of_a_normalized_host_equals_organization_domain(
    values: list[str],
) -> None:
    """The import reads an email's organization domain from its normalized host alone."""
    for value in values:
        email = normalize_email(value)
        if email is not None:
            host = email.rpartition("@")[2]
            assert mail_host_domain(host) == organization_domain(None, value)
