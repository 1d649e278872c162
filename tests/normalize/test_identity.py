"""Identity normalizers: domains, free-mail, organization domain, names, LinkedIn, email, phone."""

from __future__ import annotations

import socket
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadsieve.normalize import identity
from leadsieve.normalize.identity import (
    company_key,
    is_free_mail_domain,
    normalize_company_name,
    normalize_domain,
    normalize_email,
    normalize_linkedin_url,
    normalize_phone,
    organization_domain,
)

# --- normalize_domain ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("https://www.Acme.com/about", "acme.com", id="url-with-www-and-path"),
        pytest.param("acme.co.uk", "acme.co.uk", id="multi-label-public-suffix"),
        pytest.param("blog.acme.com", "acme.com", id="subdomain-dropped"),
        pytest.param("http://acme.com:8080/x?y", "acme.com", id="port-and-query"),
        pytest.param("mailto:jo@Acme.com", "acme.com", id="mailto"),
        pytest.param("jo@sales.acme.io", "acme.io", id="email-with-subdomain"),
        pytest.param("WWW.ACME.DE.", "acme.de", id="uppercase-root-dot"),
        pytest.param("  https://shop.acme.com.au/de/ ", "acme.com.au", id="padded-deep-url"),
        pytest.param("//acme.com/x", "acme.com", id="scheme-relative"),
        pytest.param("https://jo:secret@Acme.com/", "acme.com", id="userinfo"),
        pytest.param("acme.com\u200b", "acme.com", id="zero-width-space-from-web-copy"),
        pytest.param("<https://acme.com>", "acme.com", id="angle-brackets"),
        pytest.param("https://acme.com\\about", "acme.com", id="backslash-path"),
        pytest.param("acme。co。jp", "acme.co.jp", id="ideographic-dots"),
        pytest.param("bücher.de", "bücher.de", id="idn-stays-unicode"),
        pytest.param("xn--bcher-kva.de", "bücher.de", id="punycode-decoded-to-unicode"),
        pytest.param("WWW.BÜCHER.DE", "bücher.de", id="idn-uppercase"),
        pytest.param("acme.github.io", "acme.github.io", id="psl-private-platform-customer"),
        pytest.param("https://acme.herokuapp.com/login", "acme.herokuapp.com", id="heroku-app"),
        pytest.param("docs.acme.myshopify.com", "acme.myshopify.com", id="under-private-suffix"),
        pytest.param("github.io", "github.io", id="platform-itself"),
        pytest.param("www.rub.de", "rub.de", id="www-of-a-private-suffix-domain"),
        pytest.param("competitor.example", "competitor.example", id="rfc2606-example-tld"),
        pytest.param("www.acme.test", "acme.test", id="rfc2606-test-tld"),
    ],
)
def test_normalize_domain_returns_registrable_domain(raw: str, expected: str) -> None:
    """Websites, URLs, emails and bare hosts reduce to one lowercase registrable domain."""
    assert normalize_domain(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("n/a", id="placeholder"),
        pytest.param("  -  ", id="dash"),
        pytest.param("not a url", id="words"),
        pytest.param("192.168.0.1", id="ipv4"),
        pytest.param("http://10.0.0.7:8080/admin", id="ipv4-url"),
        pytest.param("http://[2001:db8::1]/", id="ipv6"),
        pytest.param("localhost", id="localhost"),
        pytest.param("http://localhost:3000", id="localhost-url"),
        pytest.param("com", id="bare-tld"),
        pytest.param("co.uk", id="bare-multi-label-suffix"),
        pytest.param(".com", id="dot-tld"),
        pytest.param("acme.local", id="mdns-local"),
        pytest.param("acme.internal", id="not-a-public-suffix"),
        pytest.param("acme..com", id="empty-label"),
        pytest.param("-acme.com", id="leading-hyphen"),
        pytest.param("acme_corp.com", id="underscore"),
        pytest.param("xn--zz.com", id="broken-punycode"),
        pytest.param("http://", id="scheme-only"),
        pytest.param("jo@", id="half-email"),
    ],
)
def test_normalize_domain_rejects_non_domains(raw: str | None) -> None:
    """IPs, local names, bare suffixes, placeholders and malformed hosts give None."""
    assert normalize_domain(raw) is None


def test_suffix_list_is_offline_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Building the PSL splitter opens no socket and writes no cache, whatever the environment."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    for variable in ("HOME", "XDG_CACHE_HOME", "TLDEXTRACT_CACHE"):
        monkeypatch.setenv(variable, str(tmp_path))
    monkeypatch.setenv("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "https://publicsuffix.org/list/x")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    identity._extractor.cache_clear()
    try:
        assert normalize_domain("https://www.acme.co.uk") == "acme.co.uk"
        extractor = identity._extractor()
        assert extractor.suffix_list_urls == ()
        assert not extractor._cache.enabled
    finally:
        identity._extractor.cache_clear()
    assert list(tmp_path.iterdir()) == []


# --- is_free_mail_domain ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("gmail.com", True, id="gmail"),
        pytest.param("googlemail.com", True, id="googlemail"),
        pytest.param("Hotmail.co.uk", True, id="hotmail-country-mixed-case"),
        pytest.param("jo@gmx.de", True, id="email-given"),
        pytest.param("https://web.de/", True, id="url-given"),
        pytest.param("mail.yahoo.co.uk", True, id="subdomain-of-listed"),
        pytest.param("privaterelay.appleid.com", True, id="listed-host"),
        pytest.param("proton.me", True, id="proton"),
        pytest.param("t-online.de", True, id="isp"),
        pytest.param("163.com", True, id="digits-domain"),
        pytest.param("zohomail.com", True, id="zoho-consumer"),
        pytest.param("zoho.com", False, id="zoho-corporate"),
        pytest.param("appleid.com", False, id="parent-of-listed-host"),
        pytest.param("acme.com", False, id="company"),
        pytest.param("gmail.acme.com", False, id="lookalike-subdomain"),
        pytest.param(None, False, id="none"),
        pytest.param("n/a", False, id="placeholder"),
        pytest.param("not a domain", False, id="words"),
    ],
)
def test_is_free_mail_domain(raw: str | None, expected: bool) -> None:
    """Personal mailbox providers are recognized by host or registrable domain, companies not."""
    assert is_free_mail_domain(raw) is expected


def _free_mail_entries() -> list[str]:
    """The data lines of the bundled free-mail list, as written."""
    data = resources.files("leadsieve.normalize").joinpath("data/free_mail_domains.txt")
    lines = data.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_free_mail_list_is_clean() -> None:
    """The bundled list has a few hundred unique, lowercase, resolvable mail domains."""
    entries = _free_mail_entries()
    assert len(entries) >= 300
    assert len(set(entries)) == len(entries)
    for entry in entries:
        assert entry == entry.lower().strip()
        assert normalize_domain(entry) is not None, entry
        assert normalize_email(f"jo@{entry}") == f"jo@{entry}", entry


@pytest.mark.parametrize(
    "corporate",
    ["zoho.com", "aliyun.com", "google.com", "microsoft.com", "apple.com", "yahooinc.com",
     "vodafone.de", "telekom.de", "kakao.com", "globo.com", "1und1.de"],
)  # fmt: skip
def test_free_mail_list_leaves_corporate_domains_out(corporate: str) -> None:
    """Domains a provider's own staff work from are not free-mail."""
    assert corporate not in _free_mail_entries()
    assert not is_free_mail_domain(corporate)


# --- organization_domain ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("website", "email", "expected"),
    [
        pytest.param("https://www.acme.com", "jo@gmail.com", "acme.com", id="website-wins"),
        pytest.param("acme.com", "jo@other.io", "acme.com", id="website-over-email"),
        pytest.param(None, "jo@sales.acme.io", "acme.io", id="email-domain"),
        pytest.param("n/a", "Jo <jo@acme.de>", "acme.de", id="placeholder-website"),
        pytest.param("", "jo@gmail.com", None, id="free-mail-email"),
        pytest.param(None, "jo@hotmail.fr", None, id="free-mail-country"),
        pytest.param(None, None, None, id="nothing"),
        pytest.param(None, "jo at acme dot com", None, id="invalid-email"),
        pytest.param("not a url", "jo@acme.se", "acme.se", id="bad-website"),
        pytest.param("https://www.linkedin.com/company/acme", "jo@acme.com", "acme.com",
                     id="linkedin-page-as-website"),
        pytest.param("facebook.com/acme.bakery", None, None, id="facebook-page-as-website"),
        pytest.param("https://www.linkedin.com/", None, "linkedin.com", id="linkedin-itself"),
        pytest.param("jo@gmail.com", "jo@acme.se", "acme.se", id="free-mail-in-website-column"),
        pytest.param("yahoo.com", None, "yahoo.com", id="provider-own-website"),
        pytest.param("acme.github.io", "jo@gmail.com", "acme.github.io", id="platform-site"),
    ],
)  # fmt: skip
def test_organization_domain(website: str | None, email: str | None, expected: str | None) -> None:
    """The website's domain identifies the organization, else a non-free-mail email domain."""
    assert organization_domain(website, email) == expected


def test_organization_domain_accepts_keywords() -> None:
    """Both arguments are optional keywords."""
    assert organization_domain(email="jo@acme.io") == "acme.io"
    assert organization_domain() is None


# --- normalize_company_name and company_key -----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Acme, Inc.", "Acme", id="inc"),
        pytest.param("ACME GmbH & Co. KG", "ACME", id="gmbh-co-kg"),
        pytest.param("Volvo AB (publ)", "Volvo", id="ab-publ"),
        pytest.param("Spotify Technology S.A.", "Spotify Technology", id="sa"),
        pytest.param("Koninklijke Philips N.V.", "Koninklijke Philips", id="nv"),
        pytest.param("Shell plc", "Shell", id="plc"),
        pytest.param("Acme Pty Ltd", "Acme", id="pty-ltd"),
        pytest.param("Acme (Pty) Ltd", "Acme", id="pty-in-parentheses"),
        pytest.param("Acme Sp. z o.o.", "Acme", id="sp-z-oo"),
        pytest.param("Acme sp. z.o.o.", "Acme", id="sp-zoo-compact"),
        pytest.param("Acme S.r.l.", "Acme", id="srl-dotted"),
        pytest.param("ACME SRL", "ACME", id="srl-plain"),
        pytest.param("Acme S.p.A.", "Acme", id="spa-dotted"),
        pytest.param("Acme SpA", "Acme", id="spa-mixed-case"),
        pytest.param("Acme SAS", "Acme", id="sas"),
        pytest.param("Acme SARL", "Acme", id="sarl"),
        pytest.param("Acme S.à r.l.", "Acme", id="sarl-luxembourg"),
        pytest.param("Acme B.V.", "Acme", id="bv"),
        pytest.param("Acme LLC", "Acme", id="llc"),
        pytest.param("Acme L.L.C.", "Acme", id="llc-dotted"),
        pytest.param("Acme Ltd.", "Acme", id="ltd"),
        pytest.param("Acme Limited", "Acme", id="limited"),
        pytest.param("Acme Corp.", "Acme", id="corp"),
        pytest.param("Acme Corporation", "Acme", id="corporation"),
        pytest.param("Acme Oy", "Acme", id="oy"),
        pytest.param("Acme Oyj", "Acme", id="oyj"),
        pytest.param("Acme A/S", "Acme", id="a-s-danish"),
        pytest.param("Acme ApS", "Acme", id="aps"),
        pytest.param("Acme AS", "Acme", id="as-norwegian"),
        pytest.param("Acme ASA", "Acme", id="asa"),
        pytest.param("Acme KK", "Acme", id="kk"),
        pytest.param("Acme K.K.", "Acme", id="kk-dotted"),
        pytest.param("Siemens AG", "Siemens", id="ag"),
        pytest.param("SAP SE", "SAP", id="se"),
        pytest.param("Acme Co., Ltd.", "Acme", id="co-ltd"),
        pytest.param("Acme UG (haftungsbeschränkt)", "Acme", id="ug-haftungsbeschraenkt"),
        pytest.param("Schmidt und Co. KG", "Schmidt", id="dangling-conjunction"),
        pytest.param("Procter & Gamble Co.", "Procter & Gamble", id="ampersand-kept"),
        pytest.param("Amazon.com, Inc.", "Amazon.com", id="dot-com-name"),
        pytest.param("Acme S. de R.L. de C.V.", "Acme", id="mexican-srl-cv"),
        pytest.param("Acme Ltd. Şti.", "Acme", id="turkish"),
        pytest.param("Acme Holding (Deutschland) GmbH", "Acme Holding (Deutschland)", id="paren"),
        pytest.param("Acme (Holdings Ltd", "Acme (Holdings)", id="unbalanced-paren-closed"),
        pytest.param("  Acme \t  Solutions   Inc  ", "Acme Solutions", id="whitespace"),
        pytest.param('"Acme, Inc."', "Acme", id="quoted-cell"),
        pytest.param("Яндекс LLC", "Яндекс", id="cyrillic-name"),
        pytest.param("AB Foods Group", "AB Foods Group", id="form-word-leading"),
        pytest.param("SE Properties Ltd", "SE Properties", id="form-word-leading-stripped-tail"),
        pytest.param("Nordic AS Partners", "Nordic AS Partners", id="form-word-inside"),
        pytest.param("Grand Hotel & Spa", "Grand Hotel & Spa", id="spa-the-word"),
        pytest.param("Precision Ag", "Precision Ag", id="ag-the-word"),
        pytest.param("Vitamin A S.A.", "Vitamin A", id="single-letter-kept"),
        pytest.param("H&M Hennes & Mauritz AB", "H&M Hennes & Mauritz", id="h-and-m"),
    ],
)
def test_normalize_company_name(raw: str, expected: str) -> None:
    """Trailing legal forms go, repeatedly; the rest of the display name is kept as written."""
    assert normalize_company_name(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("n/a", id="na"),
        pytest.param("---", id="dashes"),
        pytest.param("Inc.", id="only-inc"),
        pytest.param("GmbH & Co. KG", id="only-compound-form"),
        pytest.param("Self-employed", id="self-employed"),
        pytest.param("Stealth Startup", id="stealth"),
        pytest.param("Confidential", id="confidential"),
    ],
)
def test_normalize_company_name_rejects_placeholders(raw: str | None) -> None:
    """Cells that name no company (only a legal form, or a placeholder) give None."""
    assert normalize_company_name(raw) is None


@pytest.mark.parametrize(
    ("names", "key"),
    [
        pytest.param(["Acme, Inc.", "ACME", "Acme Inc", " acme  "], "acme", id="acme"),
        pytest.param(["Café Société SARL", "CAFE SOCIETE"], "cafe societe", id="accents"),
        pytest.param(["Müller GmbH", "Mueller"], None, id="umlaut-spelling-differs"),
        pytest.param(["Яндекс LLC", "ЯНДЕКС"], "яндекс", id="non-latin-script"),
    ],
)
def test_company_key_groups_spellings(names: list[str], key: str | None) -> None:
    """Spellings of one company share one folded key (when key is None: they do not)."""
    keys = {company_key(name) for name in names}
    if key is None:
        assert len(keys) == len(names)
    else:
        assert keys == {key}


def test_company_key_of_nothing_is_none() -> None:
    """No company name, no key."""
    assert company_key("Ltd") is None
    assert company_key(None) is None


# --- normalize_linkedin_url ---------------------------------------------------------------------

_LI = "https://www.linkedin.com"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("linkedin.com/company/Acme/", f"{_LI}/company/acme", id="bare-company"),
        pytest.param("http://de.linkedin.com/in/JohnDoe?trk=abc", f"{_LI}/in/johndoe",
                     id="country-subdomain-tracking"),
        pytest.param("www.linkedin.com/in/john-doe-1a2b3c/", f"{_LI}/in/john-doe-1a2b3c",
                     id="no-scheme"),
        pytest.param("https://linkedin.com/company/acme/about/", f"{_LI}/company/acme",
                     id="sub-page"),
        pytest.param("https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-42/",
                     f"{_LI}/in/jörg-müller-42", id="percent-encoded"),
        pytest.param("https://www.linkedin.com/in/J%C3%96RG", f"{_LI}/in/jörg",
                     id="percent-encoded-uppercase"),
        pytest.param("https://uk.linkedin.com/company/acme-ltd#main", f"{_LI}/company/acme-ltd",
                     id="fragment"),
        pytest.param("https://m.linkedin.com/in/jane", f"{_LI}/in/jane", id="mobile"),
        pytest.param("HTTPS://WWW.LINKEDIN.COM/SCHOOL/KTH/", f"{_LI}/school/kth", id="school"),
        pytest.param("https://www.linkedin.com/showcase/acme-cloud/posts/",
                     f"{_LI}/showcase/acme-cloud", id="showcase"),
        pytest.param("https://www.linkedin.com/company/1035/", f"{_LI}/company/1035",
                     id="numeric-company-id"),
        pytest.param(" <https://www.linkedin.com/in/jane/> ", f"{_LI}/in/jane", id="padded"),
    ],
)  # fmt: skip
def test_normalize_linkedin_url(raw: str, expected: str) -> None:
    """Public LinkedIn pages become one canonical https://www.linkedin.com URL."""
    assert normalize_linkedin_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(None, id="none"),
        pytest.param("n/a", id="placeholder"),
        pytest.param("linkedin.com", id="bare-linkedin"),
        pytest.param("https://www.linkedin.com/company/", id="no-slug"),
        pytest.param("https://www.linkedin.com/feed/", id="feed"),
        pytest.param("https://www.linkedin.com/sales/lead/ACwAAA1b2c3,NAME_SEARCH,xyz",
                     id="sales-navigator-lead"),
        pytest.param("https://www.linkedin.com/sales/company/1234", id="sales-navigator-account"),
        pytest.param("https://www.linkedin.com/in/ACwAAAB1c2d3E4f5G6h7I8j9K0lMnOpQrStUv",
                     id="member-urn-id"),
        pytest.param("https://www.linkedin.com/pub/john-doe/1a/2b/3c", id="legacy-pub"),
        pytest.param("https://lnkd.in/dXyZ12", id="short-link"),
        pytest.param("https://www.facebook.com/in/acme", id="other-site"),
        pytest.param("https://notlinkedin.com/in/jane", id="lookalike-host"),
        pytest.param("https://linkedin.com@evil.example/in/jane", id="userinfo-trick"),
        pytest.param("https://www.linkedin.com/in/a%2525b", id="double-encoded"),
        pytest.param("https://www.linkedin.com/in/john doe", id="space-in-slug"),
        pytest.param("john-doe", id="slug-only"),
    ],
)  # fmt: skip
def test_normalize_linkedin_url_rejects(raw: str | None) -> None:
    """Non-LinkedIn URLs and links without a public slug give None."""
    assert normalize_linkedin_url(raw) is None


# --- normalize_email ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Jo@Acme.com", "jo@acme.com", id="lowercased"),
        pytest.param("  jo@acme.com\t", "jo@acme.com", id="trimmed"),
        pytest.param("mailto:Jo@Acme.com", "jo@acme.com", id="mailto"),
        pytest.param("MAILTO:jo@acme.com?subject=Hi", "jo@acme.com", id="mailto-query"),
        pytest.param("Jo Doe <Jo@Acme.com>", "jo@acme.com", id="display-name"),
        pytest.param('"Doe, Jo" <jo.doe@sales.acme.co.uk>', "jo.doe@sales.acme.co.uk",
                     id="quoted-display-name-subdomain-kept"),
        pytest.param("jo+crm@acme.io", "jo+crm@acme.io", id="plus-tag"),
        pytest.param("o'brien@acme.ie", "o'brien@acme.ie", id="apostrophe"),
        pytest.param("jo@acme.com.", "jo@acme.com", id="root-dot"),
        pytest.param("jo@acme.com;", "jo@acme.com", id="list-separator"),
        pytest.param("jörg@bücher.de", "jörg@bücher.de", id="internationalized"),
        pytest.param("jo@xn--bcher-kva.de", "jo@bücher.de", id="punycode-host"),
        pytest.param("jo@acme.github.io", "jo@acme.github.io", id="platform-host"),
    ],
)  # fmt: skip
def test_normalize_email(raw: str, expected: str) -> None:
    """Addresses are extracted, trimmed and lowercased; the full host is kept."""
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(None, id="none"),
        pytest.param("n/a", id="placeholder"),
        pytest.param("jo@", id="no-domain"),
        pytest.param("@acme.com", id="no-local-part"),
        pytest.param("jo at acme dot com", id="obfuscated"),
        pytest.param("jo@@acme.com", id="two-ats"),
        pytest.param("jo@acme@com", id="two-ats-apart"),
        pytest.param("jo doe@acme.com", id="space"),
        pytest.param("jo.@acme.com", id="trailing-dot-local"),
        pytest.param("jo..doe@acme.com", id="double-dot-local"),
        pytest.param("jo@localhost", id="localhost"),
        pytest.param("jo@acme", id="no-suffix"),
        pytest.param("jo@acme.invalidtld", id="unknown-tld"),
        pytest.param("jo@co.uk", id="bare-suffix"),
        pytest.param("jo@[192.168.0.1]", id="ip-literal"),
        pytest.param("jo@192.168.0.1", id="ip"),
        pytest.param("jo@acme..com", id="empty-label"),
        pytest.param("Jo Doe", id="name-only"),
        pytest.param(f"{'j' * 65}@acme.com", id="local-part-too-long"),
    ],
)
def test_normalize_email_rejects(raw: str | None) -> None:
    """Anything that is not one syntactically valid address on a real suffix gives None."""
    assert normalize_email(raw) is None


# --- normalize_phone ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        pytest.param("+1 (415) 555-2671", None, "+14155552671", id="us-international"),
        pytest.param("08-123 456 78", "SE", "+46812345678", id="se-national"),
        pytest.param("070-123 45 67", "se", "+46701234567", id="country-lowercase"),
        pytest.param("0049 30 1234567", None, "+49301234567", id="double-zero-prefix"),
        pytest.param("0049 30 1234567", "US", "+49301234567", id="double-zero-any-country"),
        pytest.param("Tel. 0046 8 123 456 78", None, "+46812345678", id="label-and-00"),
        pytest.param("+46 (0)8-123 456 78", None, "+46812345678", id="trunk-zero"),
        pytest.param("+44 (0) 20 7946 0958", None, "+442079460958", id="uk-trunk-zero"),
        pytest.param("+1 415 555 2671 ext. 12", None, "+14155552671", id="extension"),
        pytest.param("+1-415-555-2671 x12", None, "+14155552671", id="extension-x"),
        pytest.param("tel:+1-415-555-2671", None, "+14155552671", id="tel-uri"),
        pytest.param("+46812345678.0", None, "+46812345678", id="spreadsheet-float"),
        pytest.param("+46 70 123 45 67 (mobile)", None, "+46701234567", id="annotation"),
        pytest.param("+46 70 123 45 67 mobile", None, "+46701234567", id="trailing-word"),
        pytest.param("+46 8 123 456 78 / +46 70 123 45 67", None, "+46812345678",
                     id="two-numbers-first-wins"),
        pytest.param("030/1234567", "DE", "+49301234567", id="german-slash"),
        pytest.param("+49 30 1234567", "SE", "+49301234567", id="plus-beats-country"),
    ],
)  # fmt: skip
def test_normalize_phone(raw: str, country: str | None, expected: str) -> None:
    """Numbers become E.164; national numbers need the lead's country."""
    assert normalize_phone(raw, country) == expected


@pytest.mark.parametrize(
    ("raw", "country"),
    [
        pytest.param(None, "SE", id="none"),
        pytest.param("n/a", "SE", id="placeholder"),
        pytest.param("08-123 456 78", None, id="national-without-country"),
        pytest.param("08-123 456 78", "n/a", id="placeholder-country"),
        pytest.param("08-123 456 78", "XX", id="unknown-country"),
        pytest.param("123", "SE", id="too-short"),
        pytest.param("+46 8", None, id="truncated"),
        pytest.param("+1 555 1234", None, id="local-only-length"),
        pytest.param("+46 8 123 456 789 012 345", None, id="too-long"),
        pytest.param("+999 123456", None, id="unassigned-country-code"),
        pytest.param("call reception", "SE", id="words"),
    ],
)
def test_normalize_phone_rejects(raw: str | None, country: str | None) -> None:
    """Numbers that are not complete possible numbers, or cannot be placed, give None."""
    assert normalize_phone(raw, country) is None


# --- properties ---------------------------------------------------------------------------------

_LABELS = st.sampled_from(["www", "acme", "blog", "Sales", "bücher", "xn--bcher-kva", "a-b", "1"])
_SUFFIXES = st.sampled_from(
    ["com", "co.uk", "de", "github.io", "herokuapp.com", "rub.de", "example", "local", "jp", ""]
)
_SCHEMES = st.sampled_from(["", "http://", "https://", "//", "mailto:jo@", "jo@"])
_TAILS = st.sampled_from(["", "/", "/about?x=1", ":8080", ".", "#top"])


@st.composite
def _addresses(draw: st.DrawFn) -> str:
    labels = draw(st.lists(_LABELS, max_size=3))
    host = ".".join([*labels, draw(_SUFFIXES)])
    return draw(_SCHEMES) + host + draw(_TAILS)


_MESSY = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)


@settings(deadline=None)
@given(st.one_of(_addresses(), _MESSY))
def test_normalize_domain_is_idempotent(raw: str) -> None:
    """A normalized domain normalizes to itself, is lowercase and carries no URL parts."""
    domain = normalize_domain(raw)
    if domain is not None:
        assert normalize_domain(domain) == domain
        assert domain == domain.lower()
        assert not set(domain) & set("/:@?# ")


@settings(deadline=None)
@given(
    st.one_of(
        st.builds(lambda local, rest: f"{local}@{rest}", st.sampled_from(["Jo", "j.o", ""]),
                  _addresses()),
        _MESSY,
    )
)  # fmt: skip
def test_normalize_email_is_idempotent(raw: str) -> None:
    """A normalized email normalizes to itself."""
    email = normalize_email(raw)
    if email is not None:
        assert normalize_email(email) == email


_WORDS = st.sampled_from(
    ["Acme", "ACME", "Nordic", "AB", "Spa", "SpA", "&", "Co.", "Inc.", "GmbH", "(publ)", "S.A.",
     "de", "C.V.", "und", "A/S", "Ltd", ",", "(", ")", "Oy", "Müller", "Яндекс", "-", "S.", "à"]
)  # fmt: skip


@settings(deadline=None)
@given(st.one_of(st.lists(_WORDS, max_size=6).map(" ".join), _MESSY))
def test_normalize_company_name_is_idempotent(raw: str) -> None:
    """A normalized name normalizes to itself and keeps the same key."""
    name = normalize_company_name(raw)
    if name is not None:
        assert normalize_company_name(name) == name
        assert company_key(name) == company_key(raw)


@settings(deadline=None)
@given(
    st.one_of(
        st.builds(
            lambda host, kind, slug, tail: f"{host}/{kind}/{slug}{tail}",
            st.sampled_from(["linkedin.com", "https://www.linkedin.com", "http://de.linkedin.com"]),
            st.sampled_from(["company", "in", "school", "showcase", "sales", "Company"]),
            st.text(min_size=1, max_size=12),
            st.sampled_from(["", "/", "/about/", "?trk=x"]),
        ),
        _MESSY,
    )
)
def test_normalize_linkedin_url_is_idempotent(raw: str) -> None:
    """A canonical LinkedIn URL normalizes to itself."""
    url = normalize_linkedin_url(raw)
    if url is not None:
        assert normalize_linkedin_url(url) == url
        assert url.startswith("https://www.linkedin.com/")


@settings(deadline=None)
@given(
    st.one_of(
        st.from_regex(r"(\+|00)?[1-9][0-9 ()./-]{6,16}", fullmatch=True),
        _MESSY,
    ),
    st.sampled_from([None, "SE", "US", "DE", "GB"]),
)
def test_normalize_phone_is_idempotent(raw: str, country: str | None) -> None:
    """An E.164 number normalizes to itself, with or without a country."""
    phone = normalize_phone(raw, country)
    if phone is not None:
        assert phone.startswith("+")
        assert phone[1:].isdigit()
        assert normalize_phone(phone) == phone
        assert normalize_phone(phone, country) == phone
