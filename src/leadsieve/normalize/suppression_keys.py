"""The identity keys a suppression list holds and a lead is matched by, normalized exactly as
the store keys leads (``service.lead_records``):

- a domain: the registrable domain of a website, URL or bare host (``www.``, subdomains, scheme
  and path dropped; PSL private suffixes keep their customer's label; a profile page on a
  social or code-hosting site and an app-store page are never a domain);
- an email: ``normalize_email``'s lowercase address;
- an org number: ``<country>:<number>``, the number checked and compacted for its country by
  ``normalize_org_no`` (numbers repeat across countries, so one without a country is no key).

``identity_keys`` computes them for a frame of canonical lead columns, per distinct value:
a lead's ``site_domain`` (its domain or website), ``mail_domain`` (its work email's registrable
domain; free-mail gives none), ``email`` and ``org_key``, with what made a filled cell unusable.
``normalize_entry`` reads one value a user types (``suppress add``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import narwhals as nw
import polars as pl

from leadsieve.normalize.frame import prepare
from leadsieve.normalize.geo import normalize_country
from leadsieve.normalize.identity import (
    free_mail_domains,
    is_free_mail_domain,
    normalize_email,
    normalize_emails,
    organization_domain,
)
from leadsieve.normalize.org_numbers import normalize_org_no
from leadsieve.normalize.psl import mail_host_domains, website_domains

EntryKind = Literal["domain", "email", "org_no"]
#: The kinds of entry, in the order lists show them.
ENTRY_KINDS: tuple[EntryKind, ...] = ("domain", "email", "org_no")
#: The canonical lead columns keys are read from.
KEY_COLUMNS = ("domain", "website", "email", "org_no", "country", "subdivision", "city")

_ORG_PREFIX = re.compile(r"^\s*([A-Za-z]{2})\s*:\s*(\S.*)$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One normalized value of a suppression list."""

    kind: EntryKind
    value: str


def org_key(country: str, number: str) -> str:
    """The key of an org number: ``SE:5560360793``."""
    return f"{country}:{number}"


def normalize_entry(text: str, country: str | None = None) -> Entry | str:
    """The entry a typed value names, or why it names none.

    An address with "@" is an email; ``SE:556036-0793`` (or a number with ``country``) an org
    number; anything else a domain, website or URL.

    >>> normalize_entry("https://www.Acme.com/about")
    Entry(kind='domain', value='acme.com')
    >>> normalize_entry("556036-0793", "SE")
    Entry(kind='org_no', value='SE:5560360793')
    """
    value = text.strip()
    if not value:
        return "a blank value"
    if "@" in value and "/" not in value:
        email = normalize_email(value)
        return Entry("email", email) if email else f"{value!r} is not an email address"
    prefixed = _ORG_PREFIX.match(value)
    if prefixed and any(c.isdigit() for c in prefixed[2]):
        return _org_entry(prefixed[2], prefixed[1])
    domain = organization_domain(value, None)
    if domain is not None:
        if is_free_mail_domain(domain):
            return (
                f"{domain} is a free-mail domain, no organization's: add the person's email "
                "address instead"
            )
        return Entry("domain", domain)
    if sum(c.isdigit() for c in value) >= 5 and "." not in value.strip("."):
        if country is None:
            return (
                f"{value!r} looks like an org number: give its country, as SE:{value} or "
                "with --country SE"
            )
        return _org_entry(value, country)
    return (
        f"{value!r} is not a domain, an email address or an org number (write org numbers "
        "as SE:5560360793)"
    )


def _org_entry(number: str, country: str) -> Entry | str:
    code = normalize_country(country) if len(country.strip()) != 2 else country.strip().upper()
    if code is None:
        return f"{country!r} is not a country (use its ISO code, such as SE)"
    found = normalize_org_no(code, number)
    if found is None:
        return "a blank org number"
    if not found.valid:
        return found.reason or f"{number!r} is not a valid {code} organization number"
    return Entry("org_no", org_key(code, found.number))


def identity_keys(frame: pl.DataFrame, kinds: Iterable[str] = ENTRY_KINDS) -> pl.DataFrame:
    """Per row of a frame of canonical lead columns (any of ``KEY_COLUMNS``): ``site_domain``,
    ``mail_domain``, ``email``, ``org_key`` (each null when the row has none, or when its kind
    is not in ``kinds``: domain gives both domains) and ``problems``: what made a filled cell
    unusable, "; "-joined, or null.

    Each value is normalized once per distinct value (emails and PSL lookups vectorized),
    as the import computes the store's keys."""
    wanted = set(kinds)
    present = [c for c in KEY_COLUMNS if c in frame.columns]
    rows = frame.select(pl.col(c).cast(pl.String) for c in present).with_columns(
        pl.lit(None, pl.String).alias(c) for c in KEY_COLUMNS if c not in present
    )
    rows = rows.with_columns(
        pl.col(c).str.strip_chars().replace("", None) for c in ("domain", "website", "email")
    )
    nothing = pl.lit(None, pl.String)
    if "domain" in wanted:
        rows = rows.with_columns(pl.coalesce("domain", "website").alias("_site"))
        rows = _per_distinct(rows, "_site", website_domains, "site_domain")
    else:
        rows = rows.with_columns(nothing.alias("_site"), nothing.alias("site_domain"))
    if wanted & {"domain", "email"}:
        rows = rows.with_columns(normalize_emails(rows.get_column("email")).alias("_email"))
    else:
        rows = rows.with_columns(nothing.alias("_email"))
    if "domain" in wanted:
        host = pl.col("_email").str.split_exact("@", 1).struct.field("field_1")
        rows = _per_distinct(rows.with_columns(host.alias("_host")), "_host",
                             mail_host_domains, "mail_domain")  # fmt: skip
    else:
        rows = rows.with_columns(nothing.alias("mail_domain"))
    if "org_no" in wanted:
        rows = _org_keys(rows)
    else:
        rows = rows.with_columns(nothing.alias("org_key"), nothing.alias("_org_problem"))
    # a registrable domain is free-mail when it is listed as it is (``is_free_mail_domain``)
    free = pl.col("site_domain").is_in(sorted(free_mail_domains()))
    problems = [
        pl.when(pl.col("_site").is_not_null() & pl.col("site_domain").is_null()).then(
            pl.format("{} is not an organization's web domain", pl.col("_site"))
        ),
        pl.when(free).then(
            pl.format("{} is a free-mail domain, no organization's", pl.col("site_domain"))
        ),
        pl.when(pl.col("email").is_not_null() & pl.col("_email").is_null()).then(
            pl.format("{} is not an email address", pl.col("email"))
        ),
        pl.col("_org_problem"),
    ]
    return rows.select(
        pl.when(~free).then(pl.col("site_domain")).alias("site_domain"),
        "mail_domain",
        pl.col("_email").alias("email"),
        "org_key",
        pl.concat_str(problems, separator="; ", ignore_nulls=True)
        .replace("", None)
        .alias("problems"),
    )


def _per_distinct(
    frame: pl.DataFrame, column: str, many: Callable[[pl.Series], pl.Series], output: str
) -> pl.DataFrame:
    """``output`` = ``many(column)``, a whole-column function run on the distinct values."""
    distinct = frame.get_column(column).drop_nulls().unique()
    table = pl.DataFrame({column: distinct, output: many(distinct)})
    return frame.join(table, on=column, how="left", maintain_order="left")


def _org_keys(rows: pl.DataFrame) -> pl.DataFrame:
    """``org_key`` and ``_org_problem``: the number checked for the row's country (read from
    country, subdivision and city as ``prepare`` reads it), once per distinct pair."""
    numbered = pl.col("org_no").str.strip_chars().replace("", None)
    rows = rows.with_columns(numbered.alias("org_no"))
    if rows.get_column("org_no").null_count() == rows.height:
        return rows.with_columns(
            pl.lit(None, pl.String).alias("org_key"), pl.lit(None, pl.String).alias("_org_problem")
        )
    place = rows.select("country", "subdivision", "city")
    located = nw.to_native(prepare(nw.from_native(place), needed={"ls_country"}))
    rows = rows.with_columns(located.get_column("ls_country").alias("_country"))
    distinct = rows.select("_country", "org_no").unique().drop_nulls("org_no")
    keys: list[str | None] = []
    problems: list[str | None] = []
    for country, number in distinct.iter_rows():
        if country is None:
            keys.append(None)
            problems.append(f"org number {number} needs its country (a country column)")
            continue
        found = normalize_org_no(country, number)
        valid = found is not None and found.valid
        keys.append(org_key(country, found.number) if found is not None and valid else None)
        problems.append(None if valid or found is None else found.reason)
    table = distinct.with_columns(
        pl.Series("org_key", keys, pl.String), pl.Series("_org_problem", problems, pl.String)
    )
    return rows.join(
        table, on=["_country", "org_no"], how="left", nulls_equal=True, maintain_order="left"
    )
