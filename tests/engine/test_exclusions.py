"""Suppression lists in the engine: values normalized as lead keys, and ``score(exclude=...)``
disqualifying exactly the leads whose domain, email or org number is listed."""

from __future__ import annotations

import datetime

import pandas as pd
import polars as pl
import pytest

from leadsieve.engine import score
from leadsieve.engine.exclusions import SuppressionList, fingerprint
from leadsieve.errors import InvalidArgument
from leadsieve.icp import validate_icp
from leadsieve.normalize.suppression_keys import Entry, identity_keys, normalize_entry

AS_OF = datetime.date(2026, 12, 1)
FIT = ["fit_score", "fit_grade", "fit_qualified", "fit_disqualified_by"]


@pytest.mark.parametrize(
    ("typed", "country", "expected"),
    [
        pytest.param("https://www.Acme.co.uk/about?x=1", None, Entry("domain", "acme.co.uk"),
                     id="website-to-registrable"),
        pytest.param("shop.acme.com", None, Entry("domain", "acme.com"), id="subdomain"),
        pytest.param("ａｃｍｅ.com", None, Entry("domain", "acme.com"), id="nfkc"),
        pytest.param("acme.github.io", None, Entry("domain", "acme.github.io"), id="psl-private"),
        pytest.param('"Jo Doe" <Jo.Doe@Sales.Acme.COM>', None,
                     Entry("email", "jo.doe@sales.acme.com"), id="email"),
        pytest.param("SE:556036-0793", None, Entry("org_no", "SE:5560360793"), id="org-prefixed"),
        pytest.param("556036-0793", "SE", Entry("org_no", "SE:5560360793"), id="org-country"),
        pytest.param("556036-0793", "Sweden", Entry("org_no", "SE:5560360793"), id="org-name"),
    ],
)  # fmt: skip
def test_values_normalize_as_lead_keys(typed: str, country: str | None, expected: Entry) -> None:
    """Each typed value becomes the key the store gives a lead of that value."""
    assert normalize_entry(typed, country) == expected


@pytest.mark.parametrize(
    ("typed", "country", "says"),
    [
        pytest.param("linkedin.com/company/acme", None, "not a domain", id="profile-page"),
        pytest.param("https://itunes.apple.com/us/app/x/id1", None, "not a domain", id="store"),
        pytest.param("gmail.com", None, "free-mail", id="free-mail"),
        pytest.param("jo@", None, "not an email", id="half-email"),
        pytest.param("5560360793", None, "give its country", id="org-without-country"),
        pytest.param("SE:556036-0794", None, "not a valid SE organization number", id="check"),
        pytest.param("   ", None, "blank", id="blank"),
    ],
)  # fmt: skip
def test_unusable_values_say_why(typed: str, country: str | None, says: str) -> None:
    """A value that names no organization or person is refused with its reason."""
    found = normalize_entry(typed, country)
    assert isinstance(found, str)
    assert says in found


LEADS = pl.DataFrame(
    {
        "company_name": ["Acme", "Acme Shop", "Mail Only", "Person", "Nordic", "Other Nordic",
                         "Free", "Kept", "Profile"],
        "website": ["https://www.acme.com", "shop.acme.com", None, "kept.example",
                    "nordic.se", "othernordic.se", None, "kept2.example",
                    "linkedin.com/company/acme"],
        "email": [None, None, "ann@sales.acme.com", "jo@listed.example", None, None,
                  "someone@gmail.com", "bo@kept2.example", None],
        "org_no": [None, None, None, None, "556036-0793", "5560360793", None, None, None],
        "country": [None, None, None, None, "Sweden", "Norway", None, None, None],
        "employees": ["100"] * 9,
    }
)  # fmt: skip
CUSTOMERS = SuppressionList(
    "customers",
    "existing customer",
    domains=frozenset({"acme.com"}),
    emails=frozenset({"jo@listed.example"}),
    org_numbers=frozenset({"SE:5560360793"}),
)
ICP = validate_icp({"slug": "t", "rules": {"employees": {"min": 10, "max": 1000}}})


def test_exactly_the_listed_leads_are_disqualified() -> None:
    """By domain (www, a subdomain, a work email's domain), by email, by org number with its
    country (the same number in Norway is another company): DQ, score 0, not qualified, the
    list named; every other lead is scored as without the list."""
    plain = score(LEADS, ICP, as_of=AS_OF)
    got = score(LEADS, ICP, as_of=AS_OF, exclude=[CUSTOMERS])
    assert got.columns == plain.columns
    excluded = {"Acme", "Acme Shop", "Mail Only", "Person", "Nordic"}
    on_list = pl.col("company_name").is_in(sorted(excluded))
    assert got.filter(on_list).select(FIT).unique().rows() == [
        (0, "DQ", False, "excluded: existing customer (list customers)")
    ]
    assert got.filter(~on_list).equals(plain.filter(~on_list))
    assert plain.filter(on_list).get_column("fit_grade").to_list() == ["A"] * len(excluded)


def test_lists_and_the_icps_own_disqualifiers_add_up() -> None:
    """A lead on two lists and hit by a disqualifier names all three, the lists first; with
    several ICPs, an excluded lead is the best of none."""
    rivals = SuppressionList("rivals", "competitor", domains=frozenset({"acme.com"}))
    icp = validate_icp({**ICP.model_dump(), "disqualifiers": {"keywords": ["shop"]}})
    got = score(LEADS.head(2), icp, as_of=AS_OF, exclude=[CUSTOMERS, rivals])
    lists = "excluded: existing customer (list customers); excluded: competitor (list rivals)"
    first, second = got.get_column("fit_disqualified_by").to_list()
    assert first == lists
    # the keyword's own wording is the ICP disqualifiers' (engine.score), after the lists
    assert second.startswith(f"{lists}; ") and "shop" in second.removeprefix(lists)
    other = validate_icp({**ICP.model_dump(), "slug": "u"})
    both = score(LEADS, [ICP, other], as_of=AS_OF, exclude=[CUSTOMERS])
    best = dict(zip(both["company_name"], both["best_icp"], strict=True))
    assert best["Acme"] is None and best["Kept"] == "t"


def test_a_lazy_frame_stays_lazy_and_other_frames_are_refused() -> None:
    """A LazyFrame comes back lazy; pandas is refused with what to do, not a traceback."""
    got = score(LEADS.lazy(), ICP, as_of=AS_OF, exclude=[CUSTOMERS])
    assert isinstance(got, pl.LazyFrame)
    assert got.collect().get_column("fit_grade").to_list().count("DQ") == 5
    with pytest.raises(InvalidArgument, match="Polars"):
        score(pd.DataFrame({"website": ["acme.com"]}), ICP, as_of=AS_OF, exclude=[CUSTOMERS])
    with pytest.raises(InvalidArgument, match="SuppressionList"):
        score(LEADS, ICP, as_of=AS_OF, exclude=["customers"])  # type: ignore[list-item]


def test_keys_are_read_once_per_distinct_value_and_explain_unusable_cells() -> None:
    """Repeated cells give the same keys; a cell that names nothing says why."""
    frame = pl.DataFrame(
        {
            "website": ["acme.com", "acme.com", "linkedin.com/company/x", "gmail.com"],
            "email": ["JO@ACME.COM", "not-an-email", None, None],
            "org_no": [None, None, "5560360793", None],
        }
    )
    keys = identity_keys(frame)
    assert keys.get_column("site_domain").to_list() == ["acme.com", "acme.com", None, None]
    assert keys.get_column("email").to_list() == ["jo@acme.com", None, None, None]
    problems = keys.get_column("problems").to_list()
    assert problems[0] is None
    assert "not an email address" in problems[1]
    assert "not an organization's web domain" in problems[2]
    assert "needs its country" in problems[2]
    assert "free-mail" in problems[3]


def test_the_fingerprint_changes_with_any_entry_and_not_with_order() -> None:
    """Fits remember the lists by fingerprint: another entry, label or name is another one."""
    again = SuppressionList(
        "customers",
        "existing customer",
        domains=frozenset({"acme.com"}),
        emails=frozenset({"jo@listed.example"}),
        org_numbers=frozenset({"SE:5560360793"}),
    )
    rivals = SuppressionList("rivals", "competitor", domains=frozenset({"x.example"}))
    assert fingerprint([CUSTOMERS, rivals]) == fingerprint([rivals, again])
    assert fingerprint([]) is None
    more = SuppressionList(
        "customers", "existing customer", domains=frozenset({"acme.com", "b.io"})
    )
    relabeled = SuppressionList("customers", "open deal", domains=CUSTOMERS.domains,
                                emails=CUSTOMERS.emails, org_numbers=CUSTOMERS.org_numbers)  # fmt: skip
    assert len({fingerprint([CUSTOMERS]), fingerprint([more]), fingerprint([relabeled])}) == 3
