"""Lead rows -> the records the store keeps: organizations, contacts and the leads that join them.

Pure (no database): a canonical lead frame (``leadsieve.io.canonical_frame``, with the line
column) becomes

- ``organizations``: one row per organization key, ``d:<domain>`` (the website's registrable
  domain, else a work email's), else ``n:<country>:<org number>`` (checked with python-stdnum
  where the country's format is known), else ``l:<company LinkedIn URL>``, else
  ``m:<company name key>`` (``normalize.company_key``: "Acme, Inc." and "ACME" are one); a
  number or LinkedIn URL that shares a row with a stronger key joins that key's organization,
  as DESIGN.md's key order says, and so does a name alone that another row gives with a key.
  The last two are kept as the organization's ``match_key``;
- ``contacts``: one row per contact key, ``e:<email>``, else ``l:<LinkedIn URL>``, else
  ``p:<organization key>|<folded full name>`` (kept as ``match_key``: a person is kept without
  email or LinkedIn URL), with the key of the organization of its row;
- ``leads``: per row in file order, the organization key and the contact key (a contact with its
  organization, or an organization alone), first occurrence only; ``rows``, the same for
  every row kept (a lead given by an earlier row too is merged into it);
- ``rejects``: rows with no key at all (no name, domain, number, email or URL), with the line
  and the reason;
- ``warnings``: rows kept with a value left out, and rows whose company name differs from the
  organization an earlier row with the same domain gave (merged by domain, never silently).

Within a file, a record seen on several rows takes each field from the first row that has it.
Every normalizer runs once per distinct value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals as nw
import polars as pl

from leadsieve.columns import CANONICAL_COLUMNS, FACT_COLUMNS
from leadsieve.io import LINE_COLUMN, Reject
from leadsieve.normalize.company_names import company_key
from leadsieve.normalize.facts import flag_expr
from leadsieve.normalize.frame import prepare
from leadsieve.normalize.identity import normalize_emails, normalize_linkedin_url, normalize_phone
from leadsieve.normalize.org_numbers import normalize_org_no
from leadsieve.normalize.psl import mail_host_domains, website_domains
from leadsieve.normalize.text import MISSING, fold_expr

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
    "match_key": "_org_match",
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
    "external_ids": "_org_ids",
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
    "match_key": "_contact_match",
    "country": "ls_country",
    "subdivision": "ls_subdivision",
    "external_ids": "_contact_ids",
}

#: Opt-out flags a row may carry, per contact (True where any of its rows says so).
CONSENT_FLAGS = ("email_opt_out", "do_not_call", "do_not_contact")

NO_KEY = (
    "no way to identify an organization or a contact: the row needs a company name, a person's "
    "name, a website or domain, an email, an org number with its country, or a LinkedIn URL"
)


@dataclass(frozen=True)
class Records:
    organizations: pl.DataFrame  # org_key + ORGANIZATION_FIELDS
    contacts: pl.DataFrame  # contact_key, org_key + CONTACT_FIELDS
    leads: pl.DataFrame  # org_key, contact_key (either may be null, not both)
    rejects: list[Reject]  # rows with no key: line, reason, the row's cells
    warnings: list[Reject]  # rows kept with a value left out, or merged by domain
    rows: pl.DataFrame  # org_key, contact_key of every row kept, in file order
    consent: pl.DataFrame  # contact_key + CONSENT_FLAGS, contacts with at least one opt-out


def lead_records(frame: pl.DataFrame, source: str | None = None) -> Records:
    """The records of a canonical lead frame that keeps the reader's line column (see the
    module docstring). ``source`` names the export tool (``io.headers.detect_source``): the
    vendor's record ids are kept under its name in ``external_ids``."""
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
    prepared = _name_keys(prepared)
    prepared = _keys(prepared)
    prepared = _external_ids(prepared, source)
    rejects = _rejects(prepared, given)
    kept = prepared.filter(pl.col("org_key").is_not_null() | pl.col("contact_key").is_not_null())
    warnings = _warnings(prepared) + _merged_by_domain(kept)
    leads = (
        kept.select("org_key", "contact_key")
        .with_columns(pl.coalesce("contact_key", "org_key").alias("_lead"))
        .unique("_lead", keep="first", maintain_order=True)
        .drop("_lead")
    )
    return Records(
        organizations=_first_of_each(kept, "org_key", ORGANIZATION_FIELDS),
        contacts=_first_of_each(kept, "contact_key", {**CONTACT_FIELDS, "org_key": "org_key"}),
        leads=leads,
        rejects=rejects,
        warnings=warnings,
        rows=kept.select("org_key", "contact_key"),
        consent=_consent(kept),
    )


#: Every canonical column exists in the frame, null where the file lacks it.
_RAW = CANONICAL_COLUMNS + FACT_COLUMNS


def id_namespace(source: str | None) -> str:
    """The key a tool's record ids are kept under: the tool, whichever of its exports
    ("HubSpot companies" and "HubSpot" are "hubspot"; "Zoho CRM Accounts" is "zoho_crm")."""
    if source is None:
        return "file"
    name = re.sub(r"\s*\(.*\)$", "", source.lower())
    name = re.sub(r"\s+(companies|accounts?)$", "", name)
    return re.sub(r"[^a-z0-9]+", "_", name).strip("_") or "file"


def _external_ids(frame: pl.DataFrame, source: str | None) -> pl.DataFrame:
    """``{source: id}`` of the vendor's record ids: the contact's, and the company's (a
    company row's own id in an export without people)."""
    name = id_namespace(source)
    company = pl.coalesce(
        pl.col("company_record_id"),
        pl.when(pl.col("contact_key").is_null()).then(pl.col("record_id")),
    ).str.strip_chars()
    person = (
        pl.when(pl.col("contact_key").is_not_null()).then(pl.col("record_id")).str.strip_chars()
    )

    def ids(value: pl.Expr) -> pl.Expr:
        return pl.when(value.str.len_chars() > 0).then(pl.struct(value.alias(name)))

    return frame.with_columns(ids(company).alias("_org_ids"), ids(person).alias("_contact_ids"))


def _consent(kept: pl.DataFrame) -> pl.DataFrame:
    """Per contact, whether any of its rows opts out of email, calls, or all contact."""
    flags = kept.filter(pl.col("contact_key").is_not_null()).select(
        "contact_key", *(flag_expr(pl.col(c)).fill_null(False).alias(c) for c in CONSENT_FLAGS)
    )
    merged = flags.group_by("contact_key", maintain_order=True).agg(
        pl.col(c).any() for c in CONSENT_FLAGS
    )
    return merged.filter(pl.any_horizontal(CONSENT_FLAGS))


def _name_keys(frame: pl.DataFrame) -> pl.DataFrame:
    """``_name_key`` (``normalize.company_key``, about 50 µs a name) for the names that need
    one: every name when some row has a name and nothing stronger (it is that row's key, and
    may be another row's too), else only the names of domains that several names share (for
    the merge warning). An export of companies with websites, one name each, needs none."""
    named = pl.col("company_name").is_not_null()
    keyless = (
        pl.col("_domain").is_null()
        & (pl.col("_org_no").is_null() | pl.col("_org_no_country").is_null())
        & pl.col("_org_linkedin").is_null()
    )
    if frame.select((named & keyless).any()).item():
        wanted = frame.filter(named)
    else:
        shared = (
            frame.filter(named & pl.col("_domain").is_not_null())
            .group_by("_domain")
            .agg(pl.col("company_name").n_unique().alias("_names"))
            .filter(pl.col("_names") > 1)
            .get_column("_domain")
        )
        wanted = frame.filter(named & pl.col("_domain").is_in(shared.implode()))
    names = wanted.get_column("company_name").unique()
    table = pl.DataFrame(
        {
            "company_name": names,
            "_name_key": pl.Series([company_key(n) for n in names.to_list()], dtype=pl.String),
        },
        schema={"company_name": pl.String, "_name_key": pl.String},
    )
    return frame.join(table, on="company_name", how="left", maintain_order="left")


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
    """``org_key`` and ``contact_key`` per row (module docstring); a number or company
    LinkedIn URL seen beside a stronger key takes that key."""
    by_domain = pl.concat_str([pl.lit("d:"), "_domain"])
    by_number = pl.concat_str([pl.lit("n:"), "_org_no_country", pl.lit(":"), "_org_no"])
    by_linkedin = pl.concat_str([pl.lit("l:"), "_org_linkedin"])
    frame = frame.with_columns(
        pl.coalesce(
            by_domain, by_number, by_linkedin, pl.concat_str([pl.lit("m:"), "_name_key"])
        ).alias("org_key"),
        by_number.alias("_number_key"),
        by_linkedin.alias("_linkedin_key"),
    )
    for weaker in ("_number_key", "_linkedin_key"):
        stronger = (
            frame.filter(pl.col(weaker).is_not_null() & (pl.col("org_key") != pl.col(weaker)))
            .select(weaker, pl.col("org_key").alias("_stronger"))
            .unique(weaker, keep="first", maintain_order=True)
        )
        frame = frame.join(stronger, on=weaker, how="left", maintain_order="left")
        frame = frame.with_columns(pl.coalesce("_stronger", "org_key").alias("org_key")).drop(
            "_stronger"
        )
    # a company named on a row without any key is the one its name has on a row with a key
    # ("Deckers Brands" with no website is the Deckers Brands whose contact's email gave a
    # domain); a row with a key of its own keeps it, whatever its name
    by_name = pl.concat_str([pl.lit("m:"), "_name_key"])
    named = (
        frame.filter(pl.col("_name_key").is_not_null() & ~pl.col("org_key").str.starts_with("m:"))
        .select(by_name.alias("org_key"), pl.col("org_key").alias("_stronger"))
        .unique("org_key", keep="first", maintain_order=True)
    )
    frame = frame.join(named, on="org_key", how="left", maintain_order="left")
    frame = frame.with_columns(pl.coalesce("_stronger", "org_key").alias("org_key")).drop(
        "_stronger"
    )
    person = fold_expr(pl.col("_full_name")).replace("", None)
    by_name = pl.concat_str([pl.lit("p:"), pl.col("org_key").fill_null(""), pl.lit("|"), person])
    contact_key = pl.coalesce(
        pl.concat_str([pl.lit("e:"), "_email"]),
        pl.concat_str([pl.lit("l:"), "_contact_linkedin"]),
        by_name,
    )
    frame = frame.with_columns(contact_key.alias("contact_key"))
    return frame.with_columns(
        _fallback_key("org_key", ("l:", "m:")).alias("_org_match"),
        _fallback_key("contact_key", ("p:",)).alias("_contact_match"),
    )


def _fallback_key(key: str, kinds: tuple[str, ...]) -> pl.Expr:
    """The record key when it is of one of ``kinds`` (stored as ``match_key``), else null."""
    weak = pl.any_horizontal(pl.col(key).str.starts_with(kind) for kind in kinds)
    return pl.when(weak).then(pl.col(key))


def _merged_by_domain(kept: pl.DataFrame) -> list[Reject]:
    """Rows whose company name differs from the one the first row of their domain gave: the
    organization is one by its domain, and the user is told which names it joined."""
    named = kept.filter(pl.col("_domain").is_not_null() & pl.col("_name_key").is_not_null())
    first = named.unique("org_key", keep="first", maintain_order=True).select(
        "org_key",
        pl.col("_name_key").alias("_first_key"),
        pl.col("company_name").alias("_first_name"),
        pl.col(LINE_COLUMN).alias("_first_line"),
    )
    clash = named.join(first, on="org_key", how="inner", maintain_order="left").filter(
        pl.col("_name_key") != pl.col("_first_key")
    )
    return [
        Reject(
            int(line),
            f"company {name!r} merged with {first_name!r} (line {first_line}): both have the "
            f"domain {domain}; give each its own website, or split them after the import",
            str(name),
        )
        for line, name, first_name, first_line, domain in clash.select(
            pl.col(LINE_COLUMN).cast(pl.Int64),
            "company_name",
            "_first_name",
            pl.col("_first_line").cast(pl.Int64),
            "_domain",
        ).iter_rows()
    ]


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
