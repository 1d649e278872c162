"""LinkedIn URLs: one canonical spelling per public company, person, school or showcase page.

Contacts deduplicate by LinkedIn URL after email (DESIGN.md), and the same page arrives as
"linkedin.com/in/JohnDoe", "http://de.linkedin.com/in/johndoe?trk=abc" or with a percent-encoded
slug. All become "https://www.linkedin.com/<kind>/<slug>", the slug percent-decoded, lowercase.

Returned as None, because they carry no public slug to key on: Sales Navigator and Recruiter
links ("/sales/lead/ACwAA...", "/talent/..."), "/in/" links that hold a member URN id instead of a
vanity slug ("/in/ACoAAB...": the id is case-sensitive, so lowercasing would corrupt it), legacy
"/pub/" profiles, short links ("lnkd.in/..."), feeds, posts, and bare "linkedin.com". A numeric
company id ("/company/1035") is a public page and is kept as is.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from leadsieve.normalize.text import is_missing

_KINDS = frozenset({"company", "in", "school", "showcase"})
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s")
_MEMBER_URN_ID = re.compile(r"ac[ow]aa[a-z0-9_-]{20,}")
# URL delimiters, quotes and brackets never occur in a slug; U+FFFD marks undecodable bytes.
_BAD_SLUG_CHARS = re.compile(r"[\x00-\x1f\x7f\s/?#%\\<>\"'`{}|^\[\]\ufffd]")


def _slug(segment: str) -> str | None:
    """The percent-decoded, lowercase slug, or None when it cannot be a public slug."""
    slug = unquote(segment, errors="replace").strip().lower()
    if not slug or len(slug) > 200 or _BAD_SLUG_CHARS.search(slug):
        return None
    return slug


def normalize_linkedin_url(text: str | None) -> str | None:
    """The canonical https://www.linkedin.com/{company,in,school,showcase}/<slug> URL.

    Any linkedin.com host (www, country and mobile subdomains) and scheme are accepted; the
    query, fragment and sub-pages ("/about/", "/jobs/") are dropped. Anything that is not a
    public page with a slug gives None (see the module docstring).

    >>> normalize_linkedin_url("http://de.linkedin.com/in/JohnDoe?trk=abc")
    'https://www.linkedin.com/in/johndoe'
    >>> normalize_linkedin_url("linkedin.com/company/acme/about/")
    'https://www.linkedin.com/company/acme'
    """
    if text is None or is_missing(text):
        return None
    candidate = text.strip().strip("<>\"'")
    if _WHITESPACE.search(candidate):
        return None
    if not _SCHEME.match(candidate):
        candidate = "https://" + candidate.lstrip("/")
    try:
        parts = urlsplit(candidate)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:  # malformed port or IPv6 brackets
        return None
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) < 2:
        return None
    kind = segments[0].lower()
    slug = _slug(segments[1])
    if kind not in _KINDS or slug is None:
        return None
    if kind == "in" and _MEMBER_URN_ID.fullmatch(slug):
        return None
    return f"https://www.linkedin.com/{kind}/{slug}"
