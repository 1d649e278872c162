"""Identity normalizers: the keys that deduplicate organizations and contacts.

Organizations match by registrable domain, contacts by email then LinkedIn URL (DESIGN.md), so
these functions decide what counts as "the same". Each takes one raw cell and returns its
canonical value, or None when the cell holds nothing usable.

Decisions:

- Public suffixes come from the Public Suffix List snapshot bundled with tldextract. The extractor
  is built with ``suffix_list_urls=()`` and ``cache_dir=None``: tldextract then never opens a
  connection and never writes a cache file (its DiskCache is disabled and the URL loop is empty,
  so it falls back to the packaged snapshot), and results do not depend on the machine.
- PSL private suffixes count as suffixes: a company hosted on a platform keeps its own domain
  ("acme.github.io", "acme.herokuapp.com", "acme.myshopify.com"), so unrelated customers of one
  platform never merge into "github.io". A host that is the platform itself ("github.io",
  "www.herokuapp.com", "rub.de") gets its ordinary ICANN registrable domain.
- The RFC 2606 documentation TLDs ``.example`` and ``.test`` count as suffixes, so ICPs, docs and
  tests can name domains like "competitor.example"; "localhost", ".local" and IPs never do.
- Internationalized domains are returned in Unicode, lowercase and NFC ("bücher.de"); ACE input
  ("xn--bcher-kva.de") is decoded to the same Unicode form, so both spellings give one key.
- Emails keep their full host ("jo@sales.acme.io"); only the organization key drops subdomains.

Company names, LinkedIn URLs and phone numbers live in sibling modules and are re-exported here.
Whole-column forms of the PSL lookups, equal to the functions here, live in ``normalize.psl``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from leadsieve.normalize.company_names import company_key, normalize_company_name
from leadsieve.normalize.linkedin import normalize_linkedin_url
from leadsieve.normalize.phones import normalize_phone
from leadsieve.normalize.text import is_missing

if TYPE_CHECKING:
    import polars as pl
    import tldextract
    from tldextract.tldextract import ExtractResult

__all__ = [
    "company_key",
    "free_mail_domains",
    "is_free_mail_domain",
    "normalize_company_name",
    "normalize_domain",
    "normalize_email",
    "normalize_emails",
    "normalize_linkedin_url",
    "normalize_phone",
    "organization_domain",
]

#: Reserved for documentation and testing (RFC 2606); never delegated, so never a real lead.
_DOCUMENTATION_SUFFIXES = ("example", "test")

#: Host labels that name a web server, not an organization ("www.rub.de" is "rub.de").
_WWW = frozenset({"www", "www1", "www2", "www3"})

#: Sites whose pages belong to others: social profiles, code hosting, launch and funding
#: directories, blogs and link shorteners. A website on one of them with a path
#: ("github.com/BerriAI/litellm", "producthunt.com/posts/storyline") names a page there,
#: never the organization's own domain; the bare site ("github.com") is the platform's own.
#: Platforms that give each customer a subdomain (github.io, herokuapp.com, ...) need no entry:
#: they are private suffixes of the public suffix list, so "acme.github.io" is Acme's own.
PROFILE_SITES = frozenset(
    {
        # social networks and link pages
        "bit.ly", "facebook.com", "fb.com", "instagram.com", "linkedin.com", "linktr.ee",
        "tiktok.com", "twitter.com", "x.com", "xing.com", "youtube.com", "youtu.be",
        "pinterest.com", "reddit.com", "t.me", "threads.net", "tinyurl.com", "lnkd.in",
        # code hosting and package registries
        "github.com", "gitlab.com", "bitbucket.org", "sourceforge.net", "codeberg.org",
        "huggingface.co", "npmjs.com", "pypi.org",
        # launch, startup and funding directories
        "producthunt.com", "crunchbase.com", "angel.co", "wellfound.com",
        "ycombinator.com", "indiehackers.com", "kickstarter.com", "indiegogo.com",
        # blogs, docs and site builders with per-user paths
        "medium.com", "notion.so", "substack.com", "wordpress.com", "about.me", "calendly.com",
        "typeform.com", "docsend.com",
    }
)  # fmt: skip

#: App stores and hosted-page hosts: never an organization's domain, with or without a path
#: ("itunes.apple.com/us/app/famegame" is FameGame's app page, not Apple Inc.).
APP_STORE_HOSTS = frozenset(
    {
        "itunes.apple.com", "apps.apple.com", "play.google.com", "chrome.google.com",
        "chromewebstore.google.com", "sites.google.com", "docs.google.com", "drive.google.com",
        "forms.gle", "apps.shopify.com", "marketplace.atlassian.com", "appexchange.salesforce.com",
        "marketplace.visualstudio.com", "apps.microsoft.com", "microsoftedge.microsoft.com",
        "addons.mozilla.org",
    }
)  # fmt: skip
_PROFILE_SITES = PROFILE_SITES

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s")
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_AUTHORITY_END = re.compile(r"[/?#\\]")
_ANGLE = re.compile(r"<([^<>]*)>")
_ASCII_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# RFC 5322 atext plus dots; \w admits the Unicode letters of RFC 6531 addresses.
_LOCAL_PART = re.compile(r"[\w!#$%&'*+/=?^`{|}~.-]+")
_IDEOGRAPHIC_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))


@cache
def _extractor() -> tldextract.TLDExtract:
    """The offline PSL splitter, built once (parsing the snapshot takes ~50 ms).

    tldextract is imported here, not at the top: it pulls in requests (~0.3 s), which only a
    lookup of a registrable domain needs.
    """
    import tldextract

    return tldextract.TLDExtract(
        cache_dir=None,
        suffix_list_urls=(),
        fallback_to_snapshot=True,
        include_psl_private_domains=True,
        extra_suffixes=_DOCUMENTATION_SUFFIXES,
    )


@cache
def _free_mail_domains() -> frozenset[str]:
    """The bundled free-mail list, one domain per line, '#' comments ignored."""
    data = resources.files("leadsieve.normalize").joinpath("data/free_mail_domains.txt")
    lines = data.read_text(encoding="utf-8").splitlines()
    entries = (line.partition("#")[0].strip().lower() for line in lines)
    return frozenset(entry for entry in entries if entry)


def _clean(text: str) -> str:
    """Fold compatibility forms (fullwidth "ａｃｍｅ.com" is "acme.com"), drop invisible format
    characters pasted in from web pages (zero-width spaces and joiners, direction marks, soft
    hyphens) and surrounding whitespace: the same cleaning as ``cells.host_expr``."""
    if text.isascii():
        return text.strip()
    return fold_host_text(text).strip()


def fold_host_text(text: str) -> str:
    """NFKC, then every format character (Unicode category Cf) removed."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return "".join(c for c in folded if unicodedata.category(c) != "Cf")


def _label_ok(label: str) -> bool:
    """True for a DNS label: letters, digits and inner hyphens, 1-63 characters."""
    if label.isascii():
        return _ASCII_LABEL.fullmatch(label) is not None
    return (
        len(label) <= 63
        and not label.startswith("-")
        and not label.endswith("-")
        and all(char == "-" or unicodedata.category(char)[0] in "LMN" for char in label)
    )


@lru_cache(maxsize=1 << 18)  # hosts repeat across a file's emails and websites
def _canonical_host(host: str) -> str | None:
    """Lowercase, Unicode, NFC host without the root dot; None unless every label is valid."""
    host = host.translate(_IDEOGRAPHIC_DOTS).rstrip(".").lower()
    if not host or len(host) > 253:
        return None
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna").lower()
            except UnicodeError:
                return None
        if not _label_ok(label):
            return None
        labels.append(label)
    return unicodedata.normalize("NFC", ".".join(labels))


def _split_address(text: str) -> tuple[str, str, bool] | None:
    """(canonical host, path-query-fragment, had a user part) of a URL, host or email address."""
    candidate = _clean(text).strip("<>\"'")
    if not candidate or _WHITESPACE.search(candidate):
        return None
    candidate = _SCHEME.sub("", _MAILTO.sub("", candidate)).removeprefix("//")
    authority = _AUTHORITY_END.split(candidate, maxsplit=1)[0]
    _, at, host = authority.rpartition("@")
    if host.startswith("["):  # IPv6 literal
        return None
    canonical = _canonical_host(host.partition(":")[0])
    if canonical is None:
        return None
    return canonical, candidate[len(authority) :], bool(at)


def _host_of(text: str) -> str | None:
    """The canonical host named by a URL, bare host or email address; None if none."""
    split = _split_address(text)
    return split[0] if split else None


@lru_cache(maxsize=1 << 18)  # one PSL split per host, for ``_registrable`` and the mail check
def _split_host(host: str) -> ExtractResult:
    return _extractor()(host)


@lru_cache(maxsize=1 << 18)  # hosts repeat across a file's emails and websites
def _registrable(host: str) -> str | None:
    """The registrable domain of a canonical host, or None without a public suffix."""
    parts = _split_host(host)
    if not parts.suffix:
        return None
    if parts.is_private and parts.domain in {"", *_WWW}:
        # The host is the platform's own site: fall back to its ICANN registrable domain.
        size = parts.registry_suffix.count(".") + 2
        labels = host.split(".")
        return ".".join(labels[-size:]) if parts.registry_suffix and len(labels) >= size else None
    if not parts.domain:
        return None
    return f"{parts.domain}.{parts.suffix}"


def normalize_domain(text: str | None) -> str | None:
    """The registrable domain of a website, URL, email address or bare host, lowercase.

    Subdomains, scheme, port, path, query and the root dot go; a PSL private suffix keeps its
    customer's label; IDNs come back in Unicode. IPs, "localhost", bare public suffixes and
    anything without a public suffix give None.

    >>> normalize_domain("https://www.Acme.co.uk/about?ref=x")
    'acme.co.uk'
    >>> normalize_domain("jo@sales.acme.io")
    'acme.io'
    >>> normalize_domain("acme.github.io")
    'acme.github.io'
    """
    if text is None or is_missing(text):
        return None
    host = _host_of(text)
    return _registrable(host) if host else None


def free_mail_domains() -> frozenset[str]:
    """The bundled free-mail, ISP and disposable domains (exact hosts)."""
    return _free_mail_domains()


def is_free_mail_domain(domain: str | None) -> bool:
    """True when the domain (or email, or URL) belongs to a free-mail, ISP or disposable service.

    Matches the exact host or its registrable domain against the bundled list, so
    "jo@Gmail.com", "mail.yahoo.co.uk" and "yahoo.co.uk" all count, and "zoho.com" does not.

    >>> is_free_mail_domain("GMX.de")
    True
    """
    if domain is None or is_missing(domain):
        return False
    host = _host_of(domain)
    if host is None:
        return False
    listed = _free_mail_domains()
    return host in listed or _registrable(host) in listed


def _website_domain(website: str | None) -> str | None:
    """The website's domain, unless the cell is really a profile page or a free-mail address."""
    if website is None or is_missing(website):
        return None
    split = _split_address(website)
    if split is None:
        return None
    host, path, is_address = split
    domain = _registrable(host)
    if host.removeprefix("www.") in APP_STORE_HOSTS:
        return None  # an app's page in a store, not the store's owner
    if domain in _PROFILE_SITES and path.strip("/?#"):
        return None  # "linkedin.com/company/acme" names Acme's page, not LinkedIn
    if is_address and is_free_mail_domain(domain):
        return None  # "jo@gmail.com" pasted into the website column
    return domain


def organization_domain(website: str | None = None, email: str | None = None) -> str | None:
    """The domain that identifies a lead's organization: the website's, else the email's.

    The email's domain is skipped when it is free-mail. A website cell that is really a profile
    page on a social platform ("linkedin.com/company/acme", "facebook.com/acme") or a free-mail
    address is skipped too; a bare "linkedin.com" stays LinkedIn's own domain.

    >>> organization_domain("https://www.acme.com", "jo@gmail.com")
    'acme.com'
    >>> organization_domain(None, "jo@sales.acme.io")
    'acme.io'
    >>> organization_domain("", "jo@gmail.com") is None
    True
    """
    from_website = _website_domain(website)
    if from_website is not None:
        return from_website
    address = normalize_email(email)
    if address is None:
        return None
    domain = _registrable(address.rpartition("@")[2])
    return None if domain is None or is_free_mail_domain(domain) else domain


def mail_host_domain(host: str) -> str | None:
    """The organization domain of the host of an address ``normalize_email`` returned: its
    registrable domain, unless free-mail. Equal to ``organization_domain(None, address)``
    without checking the address again.

    >>> mail_host_domain("sales.acme.io")
    'acme.io'
    >>> mail_host_domain("gmail.com") is None
    True
    """
    domain = _registrable(host)
    return None if domain is None or is_free_mail_domain(domain) else domain


@lru_cache(maxsize=1 << 18)  # hosts repeat across a file's emails and websites
def _has_mailbox_domain(host: str) -> bool:
    """True when the host has at least one label below a real (ICANN or reserved) suffix."""
    registry = _split_host(host).registry_suffix
    return bool(registry) and host.count(".") > registry.count(".")


def normalize_email(text: str | None) -> str | None:
    """A lowercase email address, extracted from "Name <addr>" and "mailto:" forms and checked.

    The check is syntactic: exactly one "@", a non-empty dot-atom local part, and a host with a
    label below a real public suffix. Obfuscations ("jo at acme dot com"), placeholders and
    half addresses ("jo@", "@acme.com") give None. Subdomains are kept.

    >>> normalize_email('"Doe, Jo" <Jo.Doe@Sales.Acme.COM>')
    'jo.doe@sales.acme.com'
    """
    if text is None or is_missing(text):
        return None
    candidate = _clean(text)
    bracketed = _ANGLE.search(candidate)
    if bracketed:
        candidate = bracketed.group(1).strip()
    if _MAILTO.match(candidate):
        candidate = _MAILTO.sub("", candidate).partition("?")[0]
    candidate = candidate.strip().strip("\"'").rstrip(",;")
    if candidate.count("@") != 1 or len(candidate) > 254:
        return None
    local, _, domain = candidate.lower().partition("@")
    if (
        not local
        or len(local) > 64
        or _LOCAL_PART.fullmatch(local) is None
        or local.startswith(".")
        or local.endswith(".")
        or ".." in local
    ):
        return None
    host = _canonical_host(domain)
    if host is None or not _has_mailbox_domain(host):
        return None
    return f"{local}@{host}"


#: Plain lowercase addresses, the fast path of ``normalize_emails``: a local part of ASCII
#: letters, digits, "_+-'" and the lowercase Latin-1 letters (jörg.o'brien), an ASCII host.
#: Not a leading "'": ``normalize_email`` strips quotes around an address.
_PLAIN_CHAR = r"a-z0-9_+\-\u00e0-\u00f6\u00f8-\u00ff"
_PLAIN_EMAIL = (
    rf"^[{_PLAIN_CHAR}][{_PLAIN_CHAR}']*(?:\.[{_PLAIN_CHAR}']+)*@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+$"
)


def normalize_emails(values: pl.Series) -> pl.Series:
    """``normalize_email`` for a whole column, equal to it on every cell.

    Plain addresses (most of any export) are lowercased and split, and their distinct hosts
    checked, in Polars (``psl.mailbox_hosts``); every other cell ("Name <addr>", "mailto:",
    Unicode, an ``xn--`` host, placeholders) goes through ``normalize_email`` once per distinct
    value.
    """
    import polars as pl

    from leadsieve.normalize.psl import mailbox_hosts  # psl builds on this module

    cells = values.cast(pl.String)
    lowered = cells.str.strip_chars().str.to_lowercase()
    parts = lowered.str.split_exact("@", 1)
    local, host = parts.struct.field("field_0"), parts.struct.field("field_1")
    plain = (
        lowered.str.contains(_PLAIN_EMAIL)
        & (lowered.str.len_bytes() <= 254)
        & (local.str.len_bytes() <= 64)
        & ~host.str.contains(r"(?:^|\.)xn--")  # decoded to Unicode: not kept as it is
    ).fill_null(False)
    hosts = host.filter(plain).unique()
    good_hosts = hosts.filter(mailbox_hosts(hosts))
    fast = pl.when(plain & host.is_in(good_hosts.implode())).then(lowered)
    out = pl.select(fast.alias("email")).to_series()
    others = cells.filter(~plain & cells.is_not_null()).unique()
    if not others.is_empty():
        slow = [normalize_email(v) for v in others.to_list()]
        mapped = cells.replace_strict(others, pl.Series(slow, dtype=pl.String), default=None)
        out = pl.select(pl.when(plain).then(out).otherwise(mapped)).to_series()
    return out.rename(values.name)
