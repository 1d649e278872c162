"""The vectorized PSL lookups (``normalize.psl``) equal the per-value functions of ``identity``."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadsieve.normalize import identity, psl
from leadsieve.normalize.identity import (
    _canonical_host,
    _extractor,
    _has_mailbox_domain,
    _registrable,
    mail_host_domain,
    normalize_email,
    organization_domain,
)

DATA = Path("/work/shared/data")

HOSTS = [
    # ordinary and multi-label ICANN suffixes
    "acme.com",
    "www.acme.com",
    "a.b.c.acme.com",
    "acme.co.uk",
    "www.acme.co.uk",
    "co.uk",
    "uk",
    "com",
    "shop.acme.com.au",
    "acme.kawasaki.jp",
    # private suffixes: a customer, the bare platform, www.<platform>, nested platforms
    "acme.github.io",
    "www.acme.github.io",
    "github.io",
    "www.github.io",
    "www1.github.io",
    "acme.herokuapp.com",
    "herokuapp.com",
    "www.herokuapp.com",
    "acme.myshopify.com",
    "myshopify.com",
    "rub.de",
    "www.rub.de",
    "acme.blogspot.com",
    "blogspot.co.uk",
    "www.blogspot.co.uk",
    "acme.s3.amazonaws.com",
    "s3.amazonaws.com",
    "acme.compute.amazonaws.com",
    "a.b.compute-1.amazonaws.com",
    "acme.cloudfront.net",
    "acme.appspot.com",
    # wildcard and exception rules (fallback)
    "ck",
    "acme.ck",
    "www.acme.ck",
    "www.ck",
    "a.www.ck",
    "city.kawasaki.jp",
    "www.city.kawasaki.jp",
    "x.y.kawasaki.jp",
    "acme.nom.br",
    "a.acme.nom.br",
    # documentation suffixes, single labels, unknown TLDs, IPs
    "competitor.example",
    "example",
    "www.acme.test",
    "test",
    "localhost",
    "acme.local",
    "acme.zz",
    "acme",
    "127.0.0.1",
    "192.168.1.1",
    "1.2.3",
    "1.2.3.4.5",
    # long, numeric and hyphenated labels
    "a" * 63 + ".com",
    ".".join(["a" * 63] * 3) + ".com",
    "1.com",
    "123.co.uk",
    "a-b.co.uk",
    "www.www.com",
    "www2.acme.com",
    "www.com",
    # IDNs (fallback): canonical hosts are Unicode
    "bücher.de",
    "www.bücher.de",
    "公司.cn",
    "acme.公司.cn",
    # free-mail
    "gmail.com",
    "mail.yahoo.co.uk",
    "yahoo.co.uk",
    "gmx.de",
    "sub.gmx.de",
    "zoho.com",
]

#: Raw hosts for ``mailbox_hosts``: its input is whatever follows "@" in a plain address.
RAW_HOSTS = [
    *HOSTS,
    "Acme.com",
    "acme.com.",
    "-acme.com",
    "acme-.com",
    "acme..com",
    "a" * 64 + ".com",
    ".".join(["a" * 63] * 4),
    ".".join(["a" * 62] * 3) + ".com",
    "xn--bcher-kva.de",
    "www.xn--bcher-kva.de",
    "xn--zz.de",
    "acme_co.com",
    "acme.com,",
    "acme\u200b.com",
    "",
]

#: Website cells the fast path takes whole (no per-value call).
PLAIN_WEBSITES = [
    "https://www.acme.com",
    "http://acme.co.uk/about",
    "acme.com",
    "www.acme.io/",
    "HTTPS://WWW.ACME.COM/About",
    "HtTp://Acme.Co.Uk?ref=x",
    "acme.com#top",
    "https://acme.github.io/",
    "https://github.io",
    "https://www.github.io/acme",
    "https://competitor.example/x",
    "http://127.0.0.1/",
    "acme.com/x://y",
    "linkedin.com",
    "https://www.linkedin.com/",
    "https://www.linkedin.com/?#",
    "https://www.linkedin.com/company/acme",
    "linkedin.com/company/acme/",
    "https://de.linkedin.com/in/jo",
    "facebook.com/acme",
    "https://www.facebook.com#about",
    "x.com",
    "x.com/acme",
    "bit.ly/3abc",
    "https://linktr.ee/acme",
    "https://K.com",
]

WEBSITES = [
    *PLAIN_WEBSITES,
    "https://www.ck",
    "acme.ck/about",
    "http://localhost/",
    "https://acme.com:8080/x",
    "https://jo:secret@acme.com/",
    "jo@gmail.com",
    "jo@acme.com",
    "mailto:jo@acme.com",
    "ftp://acme.com",
    "//acme.com/x",
    "https:////acme.com",
    "  https://acme.com  ",
    "https://acme .com",
    "<https://acme.com>",
    '"acme.com"',
    "'acme.com/x'",
    "acme.com\\x",
    "https://acme.com/\\x",
    "acme.com.",
    "https://acme.com./about",
    "acme\u200b.com",
    "\ufeffacme.com",
    "acme。com",
    "bücher.de",
    "https://xn--bcher-kva.de",
    "acme.com://y",
    "[::1]",
    "http://[2001:db8::1]/",
    "n/a",
    "n.a.",
    "NONE",
    "-",
    "",
    "https://" + "a" * 64 + ".com",
    "https://" + ".".join(["a" * 63] * 4),
    "https://" + "-acme.com",
    "https://\u212a.com",
]

#: Hosts in HOSTS that reach a wildcard or exception rule (per-value fallback).
WILDCARD = re.compile(r"(^|\.)(ck|kawasaki\.jp|nom\.br|compute(-1)?\.amazonaws\.com)$")


def _series(values: list[str | None]) -> pl.Series:
    return pl.Series("v", values, dtype=pl.String)


def _canonical(hosts: list[str]) -> list[str]:
    return [c for h in hosts if (c := _canonical_host(h)) is not None]


def _check_hosts(hosts: list[str]) -> None:
    """Every vectorized host function equals its per-value counterpart on ``hosts``."""
    canonical = _canonical(hosts)
    got = psl.registrable_domains(_series(canonical)).to_list()
    assert got == [_registrable(h) for h in canonical]
    got = psl.has_mailbox_domains(_series(canonical)).to_list()
    assert got == [_has_mailbox_domain(h) for h in canonical]
    mail = [h for h in canonical if normalize_email(f"x@{h}") == f"x@{h}"]
    assert psl.mail_host_domains(_series(mail)).to_list() == [mail_host_domain(h) for h in mail]
    got = psl.mailbox_hosts(_series(hosts)).to_list()
    assert got == [normalize_email(f"x@{h}") == f"x@{h}" for h in hosts]


def _check_websites(cells: list[str | None]) -> None:
    got = psl.website_domains(_series(cells)).to_list()
    assert got == [organization_domain(c, None) for c in cells]


# --- curated ------------------------------------------------------------------------------------


def test_curated_hosts_equal_the_per_value_functions() -> None:
    _check_hosts(RAW_HOSTS)


def test_curated_websites_equal_organization_domain() -> None:
    _check_websites([*WEBSITES, None])


def test_nulls_stay_null_and_empty_columns_work() -> None:
    functions = [
        psl.registrable_domains,
        psl.has_mailbox_domains,
        psl.mailbox_hosts,
        psl.mail_host_domains,
        psl.website_domains,
    ]
    for function in functions:
        assert function(_series([None, "acme.com"])).to_list()[0] is None
        assert function(_series([None, "bücher.de"])).to_list()[0] is None  # with a fallback
        assert function(_series([])).to_list() == []


def test_plain_values_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """No per-value call for plain hosts and websites: the speed-up is real."""

    def refuse(value: str) -> None:
        raise AssertionError(f"per-value fallback for {value!r}")

    for name in ("_registrable", "_has_mailbox_domain", "_website_domain", "mail_host_domain"):
        monkeypatch.setattr(psl, name, refuse)
    monkeypatch.setattr(psl, "_kept_by_normalize_email", refuse)
    plain = [h for h in HOSTS if h.isascii() and not WILDCARD.search(h)]
    psl.registrable_domains(_series(plain))
    psl.has_mailbox_domains(_series(plain))
    psl.mail_host_domains(_series(plain))
    psl.mailbox_hosts(_series([*plain, "Acme.com", "-acme.com", "acme..com"]))
    psl.website_domains(_series(PLAIN_WEBSITES))


def test_only_wildcards_and_idns_fall_back() -> None:
    hosts = _canonical(HOSTS)
    walked = psl._walk(_series(hosts))
    expected = [h.isascii() and not WILDCARD.search(h) for h in hosts]
    assert walked.get_column("exact").to_list() == expected


@pytest.mark.parametrize(
    ("flag", "hosts"),
    [
        pytest.param(psl._PRIVATE, ["acme.github.io", "www.github.io"], id="private-as-public"),
        pytest.param(psl._WILDCARD, ["www.acme.ck"], id="wildcard-ignored"),
        pytest.param(psl._RULE, ["acme.co.uk"], id="rules-ignored"),
    ],
)
def test_the_comparison_catches_a_wrong_fast_path(
    monkeypatch: pytest.MonkeyPatch, flag: int, hosts: list[str]
) -> None:
    """With one flag dropped from the node table the checks above fail: they test the walk."""
    nodes, flags = psl._nodes()
    broken = flags & (0xFF ^ flag)
    monkeypatch.setattr(psl, "_nodes", lambda: (nodes, broken))
    with pytest.raises(AssertionError):
        _check_hosts(hosts)


def test_rules_come_from_identitys_extractor() -> None:
    nodes, flags = psl._nodes()
    table = dict(zip(nodes.to_list(), flags.to_list(), strict=True))
    assert table["github.io"] & psl._PRIVATE
    assert table["co.uk"] == psl._NODE | psl._RULE
    assert table["example"] & psl._RULE  # identity's documentation suffixes
    assert table["ck"] == psl._NODE | psl._WILDCARD
    assert identity._extractor() is _extractor()


# --- shared data --------------------------------------------------------------------------------


def _read(name: str) -> pl.DataFrame:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} not found (shared test data)")
    return pl.read_csv(path, infer_schema=False)


def test_every_yc_website_and_profile_url() -> None:
    """YC's website column, and its Crunchbase and LinkedIn URLs as website cells."""
    yc = _read("yc_companies_2024-05-11.csv")
    cells = pl.concat([yc.get_column(c) for c in ("website", "cb_url", "linkedin_url")])
    assert cells.len() > 10_000
    _check_websites(cells.to_list())
    hosts = [h for cell in cells.to_list() if cell and (h := identity._host_of(cell))]
    _check_hosts(hosts)


def test_every_sp500_company_and_country_tld() -> None:
    """The S&P 500 file has no website column: its names become hosts, under every ccTLD."""
    names = _read("sp500_constituents.csv").get_column("Security").to_list()
    tlds = _read("country_codes.csv").get_column("TLD").drop_nulls().to_list()
    slugs = [re.sub(r"[^a-z0-9-]+", "", name.lower()) for name in names]
    websites = [f"https://www.{slug}.com/about" for slug in slugs]
    websites += [f"{slug}{tld}" for slug in slugs[:50] for tld in tlds]
    websites += [f"www.co{tld}" for tld in tlds] + [f"http://www{tld}" for tld in tlds]
    _check_websites(websites)
    _check_hosts([h for cell in websites if (h := identity._host_of(cell))])


# --- generated ----------------------------------------------------------------------------------


def _rules() -> list[str]:
    splitter = _extractor()._get_tld_extractor()
    return sorted(splitter.tlds(True))


LABELS = [
    "www",
    "www1",
    "www3",
    "www4",
    "mail",
    "acme",
    "city",
    "github",
    "blogspot",
    "1",
    "a" * 63,
    "a" * 64,
    "-a",
    "a-",
    "xn--bcher-kva",
    "xn--zz",
    "bücher",
    "ACME",
    "",
]
label = st.one_of(st.sampled_from(LABELS), st.text(alphabet="abcwxyz019-", min_size=1, max_size=8))
suffix = st.builds(
    lambda rule, wild: rule.replace("*", wild).lstrip("!"),
    st.sampled_from(_rules()),
    st.sampled_from(["acme", "www", "city"]),
)
raw_host = st.builds(
    lambda labels, end: ".".join([*labels, *end]),
    st.lists(label, max_size=3),
    st.one_of(st.tuples(suffix), st.tuples(), st.tuples(label)),
).filter(bool)
ascii_rules = [rule for rule in _rules() if rule.isascii()]
plain_host = st.builds(
    lambda labels, rule, wild: ".".join([*labels, rule.replace("*", wild).lstrip("!")]),
    st.lists(label.filter(lambda text: text.isascii()), max_size=3),
    st.sampled_from(ascii_rules),
    st.sampled_from(["acme", "www", "city"]),
)
profile = st.sampled_from(sorted(identity._PROFILE_SITES)).map(lambda s: f"www.{s}")
path = st.sampled_from(["", "", "/", "/about", "?ref=x", "#top", "/company/acme", "/?#", "/a\\b"])
website = st.builds(
    lambda pad, scheme, host, port, path: f"{pad}{scheme}{host}{port}{path}{pad}",
    st.sampled_from(["", "", "", "", " ", "\u200b"]),
    st.sampled_from(["", "http://", "https://", "https://", "HTTPS://", "ftp://", "//", "jo@"]),
    st.one_of(raw_host, raw_host.map(str.upper), profile),
    st.sampled_from(["", "", "", "", ":8080", "."]),
    path,
)
#: Mostly fast-path cells: an http(s) scheme or none, an ASCII host under a real rule.
plain_website = st.builds(
    lambda scheme, host, path: f"{scheme}{host}{path}",
    st.sampled_from(["", "http://", "https://", "HTTPS://", "hTtP://"]),
    st.one_of(plain_host, plain_host.map(str.upper), profile),
    path,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(raw_host, plain_host), max_size=80))
def test_generated_hosts_equal_the_per_value_functions(hosts: list[str]) -> None:
    _check_hosts(hosts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(website, plain_website, st.none()), max_size=80))
def test_generated_websites_equal_organization_domain(cells: list[str | None]) -> None:
    _check_websites(cells)


@pytest.mark.parametrize(
    ("website", "expected"),
    [
        pytest.param("https://itunes.apple.com/us/app/famegame-x/id1", None, id="app-store-page"),
        pytest.param("https://apps.apple.com", None, id="app-store-bare"),
        pytest.param("https://play.google.com/store/apps/details?id=x", None, id="play-store"),
        pytest.param("https://github.com/BerriAI/litellm", None, id="github-repo"),
        pytest.param("https://github.com/yatima-inc", None, id="github-org"),
        pytest.param("https://www.producthunt.com/posts/storyline-7", None, id="product-hunt"),
        pytest.param("https://www.apple.com", "apple.com", id="apple-itself"),
        pytest.param("github.com", "github.com", id="github-itself"),
        pytest.param("https://acme.github.io/docs", "acme.github.io", id="psl-private-suffix"),
        pytest.param("ａｃｍｅ.com", "acme.com", id="fullwidth"),
        pytest.param("acme\u200b.com", "acme.com", id="zero-width-space"),
        pytest.param("https://acme\u200e.com/x", "acme.com", id="direction-mark"),
    ],
)
def test_hosted_pages_are_no_organization_domain(website: str, expected: str | None) -> None:
    """App stores, code hosts and launch sites name someone else's page, never the company's
    domain (FameGame's App Store page made it Apple Inc.); fullwidth and invisible characters
    fold away. The vectorized path and the per-value one agree."""
    assert identity.organization_domain(website) == expected
    assert psl.website_domains(pl.Series([website])).to_list() == [expected]


@pytest.mark.parametrize(
    "cell", ["ａｃｍｅ.com", "acme\u200b.com", "ac\u200dme.com", "https://acme\u200e.com/x"]
)
def test_scoring_hosts_fold_like_the_store(cell: str) -> None:
    """The host the engine matches domain rules against folds fullwidth and format characters
    as the store's domain does: a zero-width space cannot slip past a domain disqualifier."""
    from leadsieve.normalize.cells import host, host_expr

    assert host(cell) == "acme.com"
    frame = pl.DataFrame({"w": [cell]})
    assert frame.select(host_expr(pl.col("w")).alias("h"))["h"].to_list() == ["acme.com"]
