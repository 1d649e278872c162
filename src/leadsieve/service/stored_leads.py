"""Stored leads -> the ``ls_*`` columns the engine scores, without normalizing twice.

An import stores most fields already normalized: an organization keeps ``ls_industry``,
``ls_industry_label``, ``ls_industry_codes``, ``ls_country``, ``ls_subdivision``, ``ls_emp_lo``/
``hi``, ``ls_rev_lo``/``hi``, ``ls_technologies`` and ``ls_signals`` under its own column names,
a contact its ``ls_seniority``, ``ls_department`` and ``ls_country``
(``service.lead_records.ORGANIZATION_FIELDS`` and ``CONTACT_FIELDS``). Those are taken as
stored, except technologies, read again through the technology vocabulary (idempotent on what
an import stores, and it maps aliases stored before the vocabulary knew them). What the store
keeps raw is normalized here exactly as ``prepare`` does for a file: the text the keyword rule
reads (name, description, keywords), a title's words, the web host and the revenue's text; the
industry path and the employee text are rebuilt from the stored slug and range.

An organization's columns are computed once per organization (``organization_frame``), however
many of its contacts a list holds, and joined to its leads (``lead_frame``).

So a lead scores as its row in the file did, with these differences, all from what the store
is: an organization's fields are those it has in the store (the first value seen for each,
across rows and imports, unless an import overwrote it), a contact's lead is scored with its
current employer, and the web host is the website's (else the organization's registrable
domain, else a work email's), so a ``domains`` disqualifier naming a subdomain matches only a
lead whose website is on it. A contact's country is its own, else its employer's; its
subdivision its own, else the employer's when that lies in the contact's country.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import narwhals as nw
import polars as pl

from leadsieve.engine.columns import LS_SCHEMA
from leadsieve.normalize.cells import technologies_expr
from leadsieve.normalize.employees import EmployeeRange, format_employees
from leadsieve.normalize.frame import prepare
from leadsieve.normalize.groups import industry_values
from leadsieve.normalize.industry import get_industry
from leadsieve.normalize.revenue import Revenue, format_revenue

#: The organization's stored fields (columns of ``organizations``) each ``ls_*`` column is
#: rebuilt from.
ORGANIZATION_SOURCES: dict[str, tuple[str, ...]] = {
    "ls_industry": ("industry_slug",),
    "ls_industry_label": ("industry",),
    "ls_industry_path": ("industry_slug",),
    "ls_industry_codes": ("industry_codes",),
    "ls_country": ("country",),
    "ls_subdivision": ("country", "subdivision"),
    "ls_emp_lo": ("employees_min",),
    "ls_emp_hi": ("employees_max",),
    "ls_emp_text": ("employees_min", "employees_max"),
    "ls_rev_lo": ("revenue_min_usd",),
    "ls_rev_hi": ("revenue_max_usd",),
    "ls_rev_text": ("revenue", "revenue_currency", "revenue_min_usd", "revenue_max_usd"),
    "ls_signals": ("signals",),
    "ls_technologies": ("technologies",),
    "ls_text": ("name", "description", "keywords"),
    "ls_domain": ("website", "domain"),
}
#: The contact's stored fields (``store.repositories.fits.CONTACT_FIELDS``) per ``ls_*`` column.
CONTACT_SOURCES: dict[str, tuple[str, ...]] = {
    "ls_country": ("contact_country",),
    "ls_subdivision": ("contact_country", "contact_subdivision"),
    "ls_seniority": ("seniority",),
    "ls_department": ("department",),
    "ls_title_text": ("job_title",),
    "ls_title": ("job_title",),
    "ls_domain": ("email",),
}

_REVENUE = ("ls_rev_lo", "ls_rev_hi", "ls_rev_text")
_GEOGRAPHY = ("ls_country", "ls_subdivision")
#: Organization columns ``lead_frame`` combines with the contact's (not scored as they are).
_ORG_COUNTRY, _ORG_SUBDIVISION, _ORG_HOST = "_org_country", "_org_subdivision", "_org_host"


def organization_fields(needed: Iterable[str]) -> list[str]:
    """The organization's stored fields to read for the ``needed`` ``ls_*`` columns."""
    return sorted({f for column in needed for f in ORGANIZATION_SOURCES.get(column, ())})


def contact_fields(needed: Iterable[str]) -> list[str]:
    """The contact's stored fields to read for the ``needed`` ``ls_*`` columns."""
    return sorted({f for column in needed for f in CONTACT_SOURCES.get(column, ())})


def organization_frame(orgs: pl.DataFrame, needed: Iterable[str]) -> pl.DataFrame:
    """Organizations (``organization_id`` and the fields of ``organization_fields(needed)``)
    -> ``organization_id`` and their part of the ``needed`` columns, computed once each."""
    wanted = set(needed)
    frame = _normalized_raw(orgs, wanted)
    col = pl.col
    taken: dict[str, pl.Expr] = {
        "ls_industry": col("industry_slug"),
        "ls_industry_label": col("industry"),
        "ls_industry_codes": col("industry_codes"),
        "ls_emp_lo": col("employees_min").cast(pl.Int64),
        "ls_emp_hi": col("employees_max").cast(pl.Int64),
        "ls_signals": col("signals"),
        # read through today's technology vocabulary: an alias stored before it knew the
        # product ("sfdc") matches as a lead file's would now
        "ls_technologies": technologies_expr(col("technologies")),
    }
    exprs: list[pl.Expr | pl.Series] = [
        expr.alias(name) for name, expr in taken.items() if name in wanted
    ]
    if wanted & set(_GEOGRAPHY):
        exprs += [col("country").alias(_ORG_COUNTRY), col("subdivision").alias(_ORG_SUBDIVISION)]
    if "ls_industry_path" in wanted:
        path = _per_distinct(frame, ["industry_slug"], _industry_path)
        exprs.append(path.alias("ls_industry_path"))
    if "ls_emp_text" in wanted:
        text = _per_distinct(frame, ["employees_min", "employees_max"], _employees_text)
        exprs.append(text.alias("ls_emp_text"))
    frame = frame.with_columns(exprs)
    if wanted & set(_REVENUE):
        frame = _revenue(frame)
    kept = [c for c in frame.columns if c.startswith(("ls_", "_org_"))]
    return frame.select("organization_id", *kept)


def lead_frame(
    leads: pl.DataFrame, organizations: pl.DataFrame | None, needed: Iterable[str]
) -> pl.DataFrame:
    """Leads (``organization_id``, the contact's fields of ``contact_fields(needed)`` and
    whatever else, kept) joined with their organization's columns (``organization_frame``),
    with every ``ls_*`` column: the ``needed`` ones rebuilt, the others null."""
    wanted = set(needed)
    if organizations is None:  # the ICP reads nothing of the organization's
        frame = leads.with_columns(
            pl.lit(None, pl.String).alias(c) for c in (_ORG_COUNTRY, _ORG_SUBDIVISION, _ORG_HOST)
        )
    else:
        frame = leads.join(organizations, on="organization_id", how="left", maintain_order="left")
    col = pl.col
    exprs: list[pl.Expr | pl.Series] = [
        col(name).alias(f"ls_{name}")
        for name in ("seniority", "department")
        if f"ls_{name}" in wanted
    ]
    if wanted & set(_GEOGRAPHY):
        country = pl.coalesce("contact_country", _ORG_COUNTRY)
        inside = col(_ORG_SUBDIVISION).str.starts_with(country + pl.lit("-"))
        subdivision: pl.Expr = pl.when(inside).then(col(_ORG_SUBDIVISION))
        if "contact_subdivision" in frame.columns:  # the contact's own, as its row gave it
            own = col("contact_subdivision")
            mine = pl.when(own.str.starts_with(country + pl.lit("-"))).then(own)
            subdivision = pl.coalesce(mine, subdivision)
        exprs += [country.alias("ls_country"), subdivision.alias("ls_subdivision")]
    shown = [c for c in ("ls_title_text", "ls_title") if c in wanted]
    if shown:
        titles = _prepared(leads.select(col("job_title").alias("title")), *shown)
        exprs += titles.get_columns()
    if exprs:
        frame = frame.with_columns(exprs)
    if "ls_domain" in wanted:
        frame = _lead_host(frame)
    present = set(frame.columns)
    return frame.with_columns(
        pl.lit(None, _polars_dtype(dtype)).alias(name)
        for name, dtype in LS_SCHEMA.items()
        if name not in wanted or name not in present
    ).drop([c for c in frame.columns if c.startswith("_org_")])


class OrganizationCache:
    """The ``organization_frame`` of organizations seen so far, so that a list's batches
    compute each organization once. Bounded: past ``limit`` organizations it keeps only those
    of the batch at hand (a list of organizations alone never meets one twice)."""

    def __init__(self, limit: int = 500_000) -> None:
        self.limit = limit
        self.frame: pl.DataFrame | None = None

    def organizations(
        self, ids: pl.Series, compute: Callable[[pl.Series], pl.DataFrame]
    ) -> pl.DataFrame | None:
        """A frame with the columns of the organizations ``ids`` (nulls and repeats allowed),
        those not seen yet made by ``compute(their ids)``; None when there are none."""
        wanted = ids.drop_nulls().unique()
        known = self.frame
        new = wanted
        if known is not None:
            new = wanted.filter(~wanted.is_in(known.get_column("organization_id")))
        if new.is_empty():
            return known
        computed = compute(new.sort())
        if known is None:
            self.frame = computed
        elif known.height + computed.height > self.limit:
            kept = known.filter(pl.col("organization_id").is_in(wanted))
            self.frame = pl.concat([kept, computed], how="vertical_relaxed")
        else:
            self.frame = pl.concat([known, computed], how="vertical_relaxed")
        return self.frame


def _lead_host(frame: pl.DataFrame) -> pl.DataFrame:
    """The organization's host, else the host of the contact's work email (computed only
    where the organization has none: most leads never need it)."""
    where = frame.select(pl.col(_ORG_HOST).is_null() & pl.col("email").is_not_null())
    rows = where.to_series().arg_true()
    hosts = frame.get_column(_ORG_HOST)
    if not rows.is_empty():
        emails = frame.select(pl.col("email").gather(rows))
        hosts = hosts.scatter(rows, _prepared(emails, "ls_domain").to_series())
    return frame.with_columns(hosts.alias("ls_domain"))


def _normalized_raw(orgs: pl.DataFrame, wanted: set[str]) -> pl.DataFrame:
    """The fields the store keeps raw, normalized by ``prepare`` as for a file."""
    raw: dict[str, pl.Expr] = {}
    if "ls_text" in wanted:
        raw |= {
            "company_name": pl.col("name"),
            "description": pl.col("description"),
            "keywords": pl.col("keywords"),
        }
    if "ls_domain" in wanted:
        # prepare reads the host of ``domain`` first, then of ``website``: the website comes
        # first here (its host, not the registrable domain, is what a file row gives)
        raw |= {"domain": pl.col("website"), "website": pl.col("domain")}
    if wanted & set(_REVENUE):
        raw |= {"revenue": pl.col("revenue"), "revenue_currency": pl.col("revenue_currency")}
    if not raw:
        return orgs
    outputs = wanted & {"ls_text", "ls_domain", *_REVENUE}
    found = _prepared(orgs.select(e.alias(n) for n, e in raw.items()), *sorted(outputs))
    renamed = {"ls_domain": _ORG_HOST, **{c: f"_raw{c}" for c in _REVENUE}}
    return pl.concat([orgs, found.rename(renamed, strict=False)], how="horizontal")


def _prepared(canonical: pl.DataFrame, *outputs: str) -> pl.DataFrame:
    """``prepare``'s ``outputs`` for a frame of canonical columns, row for row."""
    prepared: pl.DataFrame = nw.to_native(prepare(nw.from_native(canonical), needed=set(outputs)))
    return prepared.select(outputs)


def _revenue(frame: pl.DataFrame) -> pl.DataFrame:
    """The stored amounts in USD, with the text of the stored revenue when it gives them
    (a file's "€5 Mio" reads "€5M"); otherwise (the amounts came from another value, or
    from thousands of USD) the USD amounts' text, made only for those organizations."""
    lo, hi = pl.col("revenue_min_usd"), pl.col("revenue_max_usd")
    same = lo.eq_missing(pl.col("_rawls_rev_lo")) & hi.eq_missing(pl.col("_rawls_rev_hi"))
    other = frame.select(~same & lo.is_not_null()).to_series().arg_true()
    frame = frame.with_columns(
        lo.alias("ls_rev_lo"),
        hi.alias("ls_rev_hi"),
        pl.when(same).then(pl.col("_rawls_rev_text")).alias("ls_rev_text"),
    ).drop("_rawls_rev_lo", "_rawls_rev_hi", "_rawls_rev_text")
    if other.is_empty():
        return frame
    amounts = frame.select("revenue_min_usd", "revenue_max_usd")[other]
    texts = _per_distinct(amounts, ["revenue_min_usd", "revenue_max_usd"], _usd_text)
    return frame.with_columns(frame.get_column("ls_rev_text").scatter(other, texts))


def _industry_path(slugs: str | None) -> str | None:
    """The ``ls_industry_path`` of stored slugs ("a|b" for a lead with several industries)."""
    found = [get_industry(slug) for slug in (slugs or "").split("|") if slug]
    path: str | None = industry_values([one for one in found if one is not None])[2]
    return path


def _employees_text(low: int | None, high: int | None) -> str | None:
    return None if low is None else format_employees(EmployeeRange(low, high))


def _usd_text(low: float | None, high: float | None) -> str | None:
    return None if low is None else format_revenue(Revenue(low, high, "USD"))


def _per_distinct(frame: pl.DataFrame, inputs: list[str], one: Callable[..., Any]) -> pl.Series:
    """``one(*inputs)`` (a text) for each row, computed once per distinct tuple of inputs."""
    distinct = frame.select(inputs).unique()
    values = pl.Series("_value", [one(*row) for row in distinct.iter_rows()], dtype=pl.String)
    keyed = frame.select(inputs).join(
        distinct.with_columns(values),
        on=inputs,
        how="left",
        nulls_equal=True,
        maintain_order="left",
    )
    return keyed.get_column("_value")


def _polars_dtype(dtype: type[nw.dtypes.DType]) -> pl.DataType:
    return {nw.String: pl.String(), nw.Int64: pl.Int64(), nw.Float64: pl.Float64()}[dtype]
