"""Public-suffix lookups for whole columns of hosts, vectorized in Polars.

``identity`` answers one value at a time with tldextract, 10-20 µs a host; an import file has
hundreds of thousands of distinct hosts. The functions here give exactly the same answers for a
whole Polars Series:

- ``registrable_domains`` and ``has_mailbox_domains``: ``identity._registrable`` and
  ``identity._has_mailbox_domain`` of each canonical host;
- ``mailbox_hosts``: the hosts ``normalize_email`` keeps as they are (``normalize_emails``);
- ``website_domains``: ``organization_domain(website, None)`` of each website cell;
- ``mail_host_domains``: ``mail_host_domain`` of each host of a normalized address.

Decisions:

- One source of truth: the rules are read from ``identity``'s own extractor (the bundled PSL
  snapshot, private suffixes included, plus the documentation suffixes), never downloaded.
- tldextract walks a trie of reversed labels and keeps the deepest rule it passes, so the public
  suffix is the longest rule that ends the host (every suffix of a rule is a trie node). A rule
  listed as private is private even if it is also public, as in the trie; the registry suffix
  is the longest rule that is not private.
- The walk runs breadth-first over the column: depth k looks up every host's last k labels in a
  table of trie nodes (flags: node, rule, private, wildcard parent), and only hosts whose last k
  labels are a node go on to depth k + 1, so most hosts are done after two lookups.
- Exactness over coverage: hosts that are not plain ASCII, have an ``xn--`` label (tldextract
  decodes those) or reach the parent of a wildcard or exception rule (``*.ck``, ``!www.ck``)
  get the per-value functions, as do website cells that are not ``[http[s]://]host[/path]``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from leadsieve.normalize.identity import (
    _ASCII_LABEL,
    _PROFILE_SITES,
    _WWW,
    APP_STORE_HOSTS,
    _extractor,
    _free_mail_domains,
    _has_mailbox_domain,
    _registrable,
    _website_domain,
    mail_host_domain,
    normalize_email,
)
from leadsieve.normalize.text import MISSING

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "has_mailbox_domains",
    "mail_host_domains",
    "mailbox_hosts",
    "registrable_domains",
    "website_domains",
]

# Flags of a trie node: a suffix of some rule, a rule, a private rule, a wildcard's parent.
_NODE, _RULE, _PRIVATE, _WILDCARD = 1, 2, 4, 8

#: Hosts the node table answers for: lowercase ASCII letters, digits, hyphens, dots.
_PLAIN_HOST = r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*$"
_ACE_LABEL = r"(?:^|\.)xn--"
_LABEL = _ASCII_LABEL.pattern
#: A canonical ASCII host: every label a DNS label (``identity._ASCII_LABEL``).
_CANONICAL_ASCII = rf"^{_LABEL}(?:\.{_LABEL})*$"

#: Website cells with a fast path: an optional http(s) scheme, a host and a path of ASCII
#: characters that ``identity._split_address`` passes through unchanged (no whitespace, quotes,
#: angle brackets, backslash, "@" or port). Explicit classes, no (?i): Unicode case folding would
#: let the Kelvin sign in as "k".
_PATH_CHAR = r"[\x21\x23-\x26\x28-\x3b\x3d\x3f\x41-\x5b\x5d-\x7e]"
_PLAIN_WEBSITE = (
    r"^(?:[hH][tT][tT][pP][sS]?://)?"
    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    rf"(?:[/?#]{_PATH_CHAR}*)?$"
)


@cache
def _nodes() -> tuple[pl.Series, pl.Series]:
    """(node, flags) for every suffix of every rule a plain host can meet, built once."""
    import polars as pl

    splitter = _extractor()._get_tld_extractor()
    include_private = bool(splitter.include_psl_private_domains)
    private = frozenset(splitter.private_tlds) if include_private else frozenset()
    flags: dict[str, int] = {}
    for rule in splitter.tlds(include_private):
        wildcard = rule.startswith(("*.", "!"))
        name = rule.partition(".")[2] if wildcard else rule
        labels = name.split(".")
        for start in range(len(labels)):
            suffix = ".".join(labels[start:])
            flags[suffix] = flags.get(suffix, 0) | _NODE
        flags[name] |= _WILDCARD if wildcard else _RULE | (_PRIVATE if rule in private else 0)
    table = pl.DataFrame(
        {"node": list(flags), "flags": list(flags.values())},
        schema={"node": pl.String, "flags": pl.UInt8},
    )
    plain = pl.col("node").str.contains(_PLAIN_HOST) & ~pl.col("node").str.contains(_ACE_LABEL)
    table = table.filter(plain)
    return table.get_column("node"), table.get_column("flags")


def _walk(hosts: pl.Series) -> pl.DataFrame:
    """Per host, in order: ``labels``, ``n`` (label count), ``exact`` (the columns below are
    tldextract's answer), ``k_pub`` (labels in the public suffix, 0 for none), ``private`` (that
    suffix is a private rule) and ``k_reg`` (labels in the registry suffix)."""
    import polars as pl

    keys, values = _nodes()
    host = pl.col("host")
    frame = pl.DataFrame({"host": hosts.cast(pl.String)}).with_row_index("i")
    frame = frame.with_columns(
        host.str.split(".").alias("labels"),
        (host.str.contains(_PLAIN_HOST) & ~host.str.contains(_ACE_LABEL))
        .fill_null(False)
        .alias("plain"),
    ).with_columns(pl.col("labels").list.len().cast(pl.Int64).alias("n"))
    state = frame.filter("plain").select(
        "i",
        "labels",
        "n",
        pl.lit(0, pl.Int64).alias("k_pub"),
        pl.lit(False).alias("private"),
        pl.lit(0, pl.Int64).alias("k_reg"),
        pl.lit(False).alias("wildcard"),
        pl.lit("").alias("node"),
    )
    flags = pl.col("flags")
    rule = (flags & _RULE) != 0
    is_private = (flags & _PRIVATE) != 0
    columns = ["i", "k_pub", "private", "k_reg", "wildcard"]
    done = [state.select(columns).clear()]
    depth = 0
    while state.height:
        depth += 1
        label = pl.col("labels").list.get(-depth)
        node = label if depth == 1 else pl.concat_str([label, pl.lit("."), pl.col("node")])
        state = state.with_columns(node.alias("node")).with_columns(
            pl.col("node")
            .replace_strict(keys, values, default=0, return_dtype=pl.UInt8)
            .alias("flags")
        )
        state = state.with_columns(
            pl.when(rule).then(pl.lit(depth, pl.Int64)).otherwise("k_pub").alias("k_pub"),
            pl.when(rule).then(is_private).otherwise("private").alias("private"),
            pl.when(rule & ~is_private)
            .then(pl.lit(depth, pl.Int64))
            .otherwise("k_reg")
            .alias("k_reg"),
            (pl.col("wildcard") | ((flags & _WILDCARD) != 0)).alias("wildcard"),
        )
        going = ((flags & _NODE) != 0) & (pl.col("n") > depth)
        done.append(state.filter(~going).select(columns))
        state = state.filter(going)
    frame = frame.join(pl.concat(done), on="i", how="left").sort("i")
    exact = pl.col("plain") & ~pl.col("wildcard").fill_null(False)
    return frame.select("labels", "n", exact.alias("exact"), "k_pub", "private", "k_reg")


def _registrable_expr() -> pl.Expr:
    """``identity._registrable`` over ``_walk``'s columns (exact rows only)."""
    import polars as pl

    n, k_pub, k_reg = pl.col("n"), pl.col("k_pub"), pl.col("k_reg")
    domain = pl.col("labels").list.get(n - k_pub - 1, null_on_oob=True)
    # the host is the platform's own site: its ICANN registrable domain
    platform = pl.col("private") & ((n == k_pub) | domain.is_in(sorted(_WWW)))
    size = (
        pl.when(k_pub == 0)
        .then(None)
        .when(platform)
        .then(pl.when((k_reg > 0) & (n >= k_reg + 1)).then(k_reg + 1))
        .when(n == k_pub)
        .then(None)
        .otherwise(k_pub + 1)
    )
    return pl.when(size.is_not_null()).then(pl.col("labels").list.slice(-size).list.join("."))


def _patch(
    values: pl.Series, result: pl.Series, exact: pl.Series, one: Callable[[str], object]
) -> pl.Series:
    """``result`` where ``exact``; elsewhere ``one(value)``, once per distinct value (nulls stay
    null)."""
    import polars as pl

    others = values.filter(~exact & values.is_not_null()).unique()
    mapped: pl.Series | pl.Expr = pl.lit(None, result.dtype)
    if not others.is_empty():
        slow = pl.Series([one(v) for v in others.to_list()], dtype=result.dtype)
        mapped = values.replace_strict(others, slow, default=None, return_dtype=result.dtype)
    return pl.select(pl.when(exact).then(result).otherwise(mapped)).to_series().rename(values.name)


def registrable_domains(hosts: pl.Series) -> pl.Series:
    """``identity._registrable`` of each canonical host (nulls stay null), vectorized.

    Pass distinct hosts: the work is per value.

    >>> import polars as pl
    >>> hosts = pl.Series(["www.acme.co.uk", "acme.github.io", "www.github.io", "co.uk"])
    >>> registrable_domains(hosts).to_list()
    ['acme.co.uk', 'acme.github.io', 'github.io', None]
    """
    walked = _walk(hosts)
    result = walked.select(_registrable_expr()).to_series()
    return _patch(hosts, result, walked.get_column("exact"), _registrable)


def has_mailbox_domains(hosts: pl.Series) -> pl.Series:
    """``identity._has_mailbox_domain`` of each canonical host (nulls stay null), vectorized.

    >>> import polars as pl
    >>> has_mailbox_domains(pl.Series(["sales.acme.io", "co.uk", "github.io"])).to_list()
    [True, False, True]
    """
    import polars as pl

    walked = _walk(hosts)
    mailbox = (pl.col("k_reg") > 0) & (pl.col("n") > pl.col("k_reg"))
    result = walked.select(mailbox).to_series()
    return _patch(hosts, result, walked.get_column("exact"), _has_mailbox_domain)


def _kept_by_normalize_email(host: str) -> bool:
    return normalize_email(f"x@{host}") == f"x@{host}"


def mailbox_hosts(hosts: pl.Series) -> pl.Series:
    """True for each host that ``normalize_email`` keeps as it is, i.e.
    ``normalize_email(f"x@{host}") == f"x@{host}"``: lowercase DNS labels, at most 252
    characters (an address has at most 254), a label below a real suffix.

    >>> import polars as pl
    >>> mailbox_hosts(pl.Series(["sales.acme.io", "Acme.io", "acme", "-acme.io"])).to_list()
    [True, False, False, False]
    """
    import polars as pl

    text = hosts.cast(pl.String)
    ascii_host = text.str.contains(r"^[\x00-\x7f]*$") & ~text.str.contains(_ACE_LABEL)
    valid = ascii_host & text.str.contains(_CANONICAL_ASCII) & (text.str.len_bytes() <= 252)
    checked = has_mailbox_domains(pl.select(pl.when(valid).then(text)).to_series())
    result = (valid & checked).fill_null(False)
    return _patch(text, result, ascii_host.fill_null(False), _kept_by_normalize_email)


def website_domains(websites: pl.Series) -> pl.Series:
    """``organization_domain(website, None)`` of each website cell, vectorized.

    Plain cells (``https://www.acme.com``, ``acme.co.uk/about``) are split in Polars; anything
    else (whitespace, "@", a port, another scheme, non-ASCII, a root dot) goes through
    ``identity`` once per distinct value.

    >>> import polars as pl
    >>> cells = pl.Series(["https://www.Acme.co.uk/", "linkedin.com/company/acme", "jo@gmx.de"])
    >>> website_domains(cells).to_list()
    ['acme.co.uk', None, None]
    """
    import polars as pl

    text = websites.cast(pl.String)
    lowered = text.str.to_lowercase()
    plain = text.str.contains(_PLAIN_WEBSITE) & ~lowered.is_in(sorted(MISSING))
    # a plain cell: the scheme goes, the host runs to the first "/", "?" or "#"
    rest = lowered.str.strip_prefix("https://").str.strip_prefix("http://")
    end = rest.str.find(r"[/?#]").fill_null(rest.str.len_bytes())
    host, path = rest.str.slice(0, end), rest.str.slice(end)
    plain = (
        plain
        & host.str.contains(_CANONICAL_ASCII)
        & ~host.str.contains(_ACE_LABEL)
        & (host.str.len_bytes() <= 253)
    ).fill_null(False)
    domain = registrable_domains(pl.select(pl.when(plain).then(host)).to_series())
    profile = domain.is_in(sorted(_PROFILE_SITES)) & path.str.contains(r"[^/?#]")
    profile = profile | host.str.strip_prefix("www.").is_in(sorted(APP_STORE_HOSTS))
    result = pl.select(pl.when(~profile).then(domain)).to_series()
    return _patch(text, result, plain, _website_domain)


def mail_host_domains(hosts: pl.Series) -> pl.Series:
    """``mail_host_domain`` of each host of an address ``normalize_email`` returned,
    vectorized: its registrable domain, None when that is free-mail.

    >>> import polars as pl
    >>> mail_host_domains(pl.Series(["sales.acme.io", "mail.yahoo.co.uk"])).to_list()
    ['acme.io', None]
    """
    import polars as pl

    text = hosts.cast(pl.String)
    walked = _walk(text)
    exact = walked.get_column("exact")
    domain = walked.select(pl.when("exact").then(_registrable_expr())).to_series()
    # is_free_mail_domain(domain) checks the domain and its own registrable domain, which for an
    # exact host is the domain again: its suffixes are the host's last labels, so the walk
    # finds the same rules (none deeper, no wildcard) and returns the same labels.
    free = domain.is_in(sorted(_free_mail_domains()))
    result = pl.select(pl.when(~free).then(domain)).to_series()
    return _patch(text, result, exact, mail_host_domain)
