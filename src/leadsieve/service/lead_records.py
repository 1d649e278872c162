"""Lead rows -> the records the store keeps: organizations, contacts and the leads that join them.

Pure (no database): a canonical lead frame (``leadsieve.io.canonical_frame``, with the line
column) becomes

- ``organizations``: one row per organization key, ``d:<domain>`` (the website's registrable
  domain, else a work email's) or ``n:<country>:<org number>`` (checked with python-stdnum where
  the country's format is known); a number that shares a row with a domain joins that domain's
  organization, as DESIGN.md's key order says;
- ``contacts``: one row per contact key, ``e:<email>`` or ``l:<LinkedIn URL>``, with the key of
  the organization of its row;
- ``leads``: per row in file order, the organization key and the contact key (a contact with its
  organization, or an organization alone), first occurrence only;
- ``rejects``: rows with no key at all, with the line and the reason.

Within a file, a record seen on several rows takes each field from the first row that has it.
Every normalizer runs once per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals as nw
import polars as pl

from leadsieve.columns import CANONICAL_COLUMNS
from leadsieve.io import LINE_COLUMN, Reject
from leadsieve.normalize.frame import prepare
from leadsieve.normalize.identity import normalize_emails, normalize_linkedin_url, normalize_phone
from leadsieve.normalize.org_numbers import normalize_org_no
from leadsieve.normalize.psl import mail_host_domains, website_domains
from leadsieve.normalize.text import MISSING

_NEEDED = {
    "ls_country",
    "ls_subdivision",
    "ls_industry",
    "ls_industry_label",
    "ls_industry_codes",
    "ls_emp_lo",
    "ls_emp_hi",
    "ls_rev_lo",
    "ls_rev_hi",
    "ls_seniority",
    "ls_department",
    "ls_technologies",
    "ls_signals",
}

#: Organization fields as stored, each from a column of the prepared frame.
ORGANIZATION_FIELDS: dict[str, str] = {
    "name": "company_name",
    "domain": "_domain",
    "org_no": "_org_no",
    "org_no_country": "_org_no_country",
    "linkedin_url": "_org_linkedin",
    "website": "website",
    "industry": "ls_industry_label",
    "industry_slug": "ls_industry",
    "industry_codes": "ls_industry_codes",
    "employees": "employees",
    "employees_min": "ls_emp_lo",
    "employees_max": "ls_emp_hi",
    "revenue": "revenue",
    "revenue_min_usd": "ls_rev_lo",
    "revenue_max_usd": "ls_rev_hi",
    "revenue_currency": "revenue_currency",
    "country": "ls_country",
    "subdivision": "ls_subdivision",
    "city": "city",
    "description": "description",
    "keywords": "keywords",
    "technologies": "ls_technologies",
    "signals": "ls_signals",
}

#: Contact fields as stored.
CONTACT_FIELDS: dict[str, str] = {
    "first_name": "first_name",
    "last_name": "last_name",
    "full_name": "_full_name",
    "job_title": "title",
    "seniority": "ls_seniority",
    "department": "ls_department",
    "email": "_email",
    "phone": "_phone",
    "linkedin_url": "_contact_linkedin",
    "country": "ls_country",
}

NO_KEY = (
    "no way to identify an organization or a contact: the row needs a website or domain, a "
    "work email, an org number with its country, or a LinkedIn URL"
)


@dataclass(frozen=True)
class Records:
    organizations: pl.DataFrame  # org_key + ORGANIZATION_FIELDS
    contacts: pl.DataFrame  # contact_key, org_key + CONTACT_FIELDS
    leads: pl.DataFrame  # org_key, contact_key (either may be null, not both)
    rejects: list[Reject]  # rows with no key: line, reason, the row's cells
    warnings: list[Reject]  # rows kept with a value left out: an invalid email or org number


def lead_records(frame: pl.DataFrame) -> Records:
    """The records of a canonical lead frame that keeps the reader's line column (see the
    module docstring)."""
    given = [c for c in frame.columns if c != LINE_COLUMN]
    prepared: pl.DataFrame = nw.to_native(prepare(nw.from_native(frame), needed=_NEEDED))
    present = set(prepared.columns)
    prepared = prepared.with_columns(
        pl.lit(None, pl.String).alias(c) for c in _RAW if c not in present
    )
    prepared = prepared.with_columns(pl.coalesce("domain", "website").alias("_site"))
    prepared = prepared.with_columns(normalize_emails(prepared.get_column("email")).alias("_email"))
    # organization_domain(site, email), computed per distinct site and per distinct email host
    # (emails are nearly unique per row, their hosts are not), PSL lookups vectorized
    prepared = prepared.with_columns(
        pl.col("_email").str.split_exact("@", 1).struct.field("field_1").alias("_email_host")
    )
    prepared = _per_distinct_column(prepared, "_site", website_domains, "_site_domain")
    prepared = _per_distinct_column(prepared, "_email_host", mail_host_domains, "_mail_domain")
    prepared = prepared.with_columns(pl.coalesce("_site_domain", "_mail_domain").alias("_domain"))
    prepared = _per_distinct(prepared, ["linkedin_url"], normalize_linkedin_url, "_org_linkedin")
    prepared = _per_distinct(
        prepared, ["contact_linkedin_url"], normalize_linkedin_url, "_contact_linkedin"
    )
    prepared = _per_distinct(prepared, ["phone", "ls_country"], normalize_phone, "_phone")
    prepared = _org_numbers(prepared)
    full_name = pl.coalesce(
        pl.col("full_name").str.strip_chars().replace("", None),
        pl.concat_str(
            [pl.col("first_name").str.strip_chars(), pl.col("last_name").str.strip_chars()],
            separator=" ",
            ignore_nulls=True,
        ).replace("", None),
    )
    prepared = prepared.with_columns(
        full_name.alias("_full_name"), pl.col("company_name").str.strip_chars().replace("", None)
    )
    prepared = _keys(prepared)
    rejects = _rejects(prepared, given)
    warnings = _warnings(prepared)
    kept = prepared.filter(pl.col("org_key").is_not_null() | pl.col("contact_key").is_not_null())
    return Records(
        organizations=_first_of_each(kept, "org_key", ORGANIZATION_FIELDS),
        contacts=_first_of_each(kept, "contact_key", {**CONTACT_FIELDS, "org_key": "org_key"}),
        leads=kept.select("org_key", "contact_key")
        .with_columns(pl.coalesce("contact_key", "org_key").alias("_lead"))
        .unique("_lead", keep="first", maintain_order=True)
        .drop("_lead"),
        rejects=rejects,
        warnings=warnings,
    )


#: Every canonical column exists in the frame, null where the file lacks it.
_RAW = CANONICAL_COLUMNS


def _per_distinct(
    frame: pl.DataFrame, inputs: Sequence[str], one: Callable[..., Any], output: str
) -> pl.DataFrame:
    """``output`` = ``one(*inputs)`` computed once per distinct tuple of non-null inputs."""
    distinct = frame.select(inputs).unique().filter(pl.any_horizontal(pl.col(inputs).is_not_null()))
    values = [one(*row) for row in distinct.iter_rows()]
    table = distinct.with_columns(pl.Series(output, values, dtype=pl.String))
    return frame.join(table, on=list(inputs), how="left", nulls_equal=True, maintain_order="left")


def _per_distinct_column(
    frame: pl.DataFrame, column: str, many: Callable[[pl.Series], pl.Series], output: str
) -> pl.DataFrame:
    """``output`` = ``many(column)``, a whole-column function run on its distinct values."""
    distinct = frame.get_column(column).drop_nulls().unique()
    table = pl.DataFrame({column: distinct, output: many(distinct)})
    return frame.join(table, on=column, how="left", maintain_order="left")


def _org_numbers(frame: pl.DataFrame) -> pl.DataFrame:
    distinct = frame.select("ls_country", "org_no").unique().drop_nulls("org_no")
    found = [normalize_org_no(country, text) for country, text in distinct.iter_rows()]
    table = distinct.with_columns(
        pl.Series("_org_no", [f.number if f and f.valid else None for f in found], pl.String),
        pl.Series(
            "_org_no_error", [f.reason if f and not f.valid else None for f in found], pl.String
        ),
    )
    joined = frame.join(
        table, on=["ls_country", "org_no"], how="left", nulls_equal=True, maintain_order="left"
    )
    # a number is a key only with its country (numbers repeat across countries)
    usable = pl.col("_org_no").is_not_null() & pl.col("ls_country").is_not_null()
    return joined.with_columns(
        pl.when(usable).then(pl.col("_org_no")).alias("_org_no"),
        pl.when(usable).then(pl.col("ls_country")).alias("_org_no_country"),
    )


def _keys(frame: pl.DataFrame) -> pl.DataFrame:
    """``org_key`` and ``contact_key`` per row; a number seen beside a domain takes its key."""
    by_number = pl.concat_str([pl.lit("n:"), "_org_no_country", pl.lit(":"), "_org_no"])
    frame = frame.with_columns(
        pl.when(pl.col("_domain").is_not_null())
        .then(pl.concat_str([pl.lit("d:"), "_domain"]))
        .otherwise(by_number)
        .alias("org_key"),
        by_number.alias("_number_key"),
        pl.coalesce(
            pl.concat_str([pl.lit("e:"), "_email"]),
            pl.concat_str([pl.lit("l:"), "_contact_linkedin"]),
        ).alias("contact_key"),
    )
    domain_of_number = (
        frame.filter(pl.col("_domain").is_not_null() & pl.col("_number_key").is_not_null())
        .select("_number_key", pl.col("org_key").alias("_domain_key"))
        .unique("_number_key", keep="first", maintain_order=True)
    )
    joined = frame.join(domain_of_number, on="_number_key", how="left", maintain_order="left")
    return joined.with_columns(pl.coalesce("_domain_key", "org_key").alias("org_key"))


def _rejects(frame: pl.DataFrame, columns: Sequence[str]) -> list[Reject]:
    missing = frame.filter(pl.col("org_key").is_null() & pl.col("contact_key").is_null())
    reason = pl.coalesce(
        pl.concat_str([pl.col("_org_no_error"), pl.lit("; "), pl.lit(NO_KEY)]), pl.lit(NO_KEY)
    )
    raw = pl.concat_str([pl.col(c).fill_null("") for c in columns], separator=",")
    rows = missing.select(pl.col(LINE_COLUMN).cast(pl.Int64), reason, raw)
    return [Reject(int(line), str(why), str(cells)) for line, why, cells in rows.iter_rows()]


def _warnings(frame: pl.DataFrame) -> list[Reject]:
    """Rows kept although a value was left out: an email that is no address, an org number
    that fails its country's check."""
    kept = pl.col("org_key").is_not_null() | pl.col("contact_key").is_not_null()
    email = pl.col("email").str.strip_chars()
    bad_email = email.is_not_null() & ~email.str.to_lowercase().is_in(sorted(MISSING))
    bad_email = bad_email & pl.col("_email").is_null()
    found = frame.filter(kept).select(
        pl.col(LINE_COLUMN).cast(pl.Int64),
        pl.when(bad_email)
        .then(pl.format("email {} is not a valid address; imported without it", email))
        .alias("email_warning"),
        pl.when(pl.col("_org_no_error").is_not_null())
        .then(pl.format("{}; imported without it", pl.col("_org_no_error")))
        .alias("org_no_warning"),
        pl.concat_str(
            [pl.col("email").fill_null(""), pl.col("org_no").fill_null("")], separator=","
        ).alias("raw"),
    )
    out: list[Reject] = []
    for line, email_warning, org_warning, raw in found.iter_rows():
        for message in (email_warning, org_warning):
            if message is not None:
                out.append(Reject(int(line), str(message), str(raw)))
    return out


def _first_of_each(frame: pl.DataFrame, key: str, fields: dict[str, str]) -> pl.DataFrame:
    """One row per ``key``: each field from the first row that has it, in file order."""
    rows = frame.filter(pl.col(key).is_not_null())
    return rows.group_by(key, maintain_order=True).agg(
        pl.col(source).drop_nulls().first().alias(name) for name, source in fields.items()
    )
