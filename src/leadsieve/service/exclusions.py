"""Suppression lists applied to stored leads (``qualify``, ``board ingest``).

A stored lead is matched by the keys the store already holds, normalized at import: its
organization's domain and (country, org number), computed once per organization
(``organization_keys``), and its contact's email and that email's registrable domain
(``lead_reasons``), as a file row is by ``normalize.suppression_keys.identity_keys``.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
from sqlalchemy.orm import Session

from leadsieve.engine.exclusions import SuppressionList, excluded_by, fingerprint
from leadsieve.errors import InvalidValue
from leadsieve.normalize.psl import mail_host_domains
from leadsieve.store.repositories import suppression as repo

#: The organization's and the contact's stored fields a match reads.
ORGANIZATION_FIELDS = ("domain", "org_no", "org_no_country")
CONTACT_FIELDS = ("email",)
#: The organization's keys, as the columns ``organization_keys`` adds and leads carry.
SITE_DOMAIN, ORG_KEY = "_x_site_domain", "_x_org_key"


def organization_keys(orgs: pl.DataFrame) -> list[pl.Series]:
    """Per organization (``ORGANIZATION_FIELDS``), its keys: ``SITE_DOMAIN``, ``ORG_KEY``."""
    keys = orgs.select(
        pl.col("domain").alias(SITE_DOMAIN),
        pl.when(pl.col("org_no").is_not_null() & pl.col("org_no_country").is_not_null())
        .then(pl.concat_str(["org_no_country", pl.lit(":"), "org_no"]))
        .alias(ORG_KEY),
    )
    return keys.get_columns()


def lead_reasons(leads: pl.DataFrame, lists: Sequence[SuppressionList]) -> pl.DataFrame:
    """Leads with their organization's keys (``organization_keys``, null for a lead without
    one) and their contact's stored ``email`` -> the same leads with ``EXCLUDED``, the
    reasons of the lists any of the keys is on (the email's registrable domain included)."""
    emails = leads.get_column("email")
    hosts = emails.str.split_exact("@", 1).struct.field("field_1").rename("host")
    distinct = hosts.drop_nulls().unique()
    table = pl.DataFrame({"host": distinct, "mail_domain": mail_host_domains(distinct)})
    mail = hosts.to_frame().join(table, on="host", how="left", maintain_order="left")
    nothing = pl.Series([None] * leads.height, dtype=pl.String)
    keys = pl.DataFrame(
        {
            "site_domain": leads.get_column(SITE_DOMAIN, default=nothing),
            "org_key": leads.get_column(ORG_KEY, default=nothing),
            "email": emails,
            "mail_domain": mail.get_column("mail_domain"),
        }
    )
    # a batch of leads without organizations has no organization keys to drop
    return leads.with_columns(excluded_by(keys, lists)).drop(SITE_DOMAIN, ORG_KEY, strict=False)


def check_job(
    session: Session,
    version_id: int,
    job: str,
    key: str,
    lists: Sequence[SuppressionList],
) -> None:
    """A retried job must apply the lists its first try applied: the leads it skips hold
    fits made with those."""
    wanted = fingerprint(lists)
    earlier = repo.job_exclusions(session, version_id, job) - {wanted}
    if earlier:
        was = ", ".join(sorted(e.split(":")[0] for f in earlier if f for e in f.split(",")))
        raise InvalidValue(
            f"job {key!r} ran with other suppression lists ({was or 'none'}) or with lists "
            "that changed since; rerun it with the same --exclude, or qualify with a new job "
            "key (or none)"
        )
