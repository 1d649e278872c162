"""Back to the CRM: a stored list written with every stored field and, with an ICP, its fits.

Layouts (``--format``):

- ``csv``, ``xlsx``, ``parquet``, ``jsonl``: leadsieve's own columns (``repositories.exports``),
  one row per lead, the vendors' record ids as JSON under the tool's name;
- ``hubspot``: a CSV for HubSpot's import of contacts with their companies, updating existing
  records: contacts matched by ``Record ID`` (the HubSpot id an import kept) or ``Email``,
  companies by ``Company Domain Name``; the fit in ``ICP Fit ...`` properties;
- ``salesforce``: a CSV of Leads for Data Loader or the Data Import Wizard, updating by ``Id``
  (the Salesforce id kept) or ``Email``; the fit in ``ICP_Fit_...__c`` custom fields.

docs/crm-export.md gives each CRM's import steps and the custom fields to create first.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import polars as pl
from sqlalchemy import Engine

from leadsieve.errors import InvalidValue
from leadsieve.io.write import LeadWriter
from leadsieve.service import lists
from leadsieve.service.profiles import visible_version
from leadsieve.service.store import resolve_workspace, unit_of_work
from leadsieve.store.repositories import exports as repo

LAYOUTS: Final = ("csv", "xlsx", "parquet", "jsonl", "hubspot", "salesforce")
#: What Salesforce needs in a required field it has no value for (its web-to-lead convention).
NOT_PROVIDED: Final = "[not provided]"


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    list_name: str
    path: Path
    layout: str
    rows: int
    icp_slug: str | None
    icp_version: int | None


def layout_for(path: Path, layout: str | None) -> str:
    """The layout asked for, else the one the file's extension names."""
    if layout is None:
        suffix = path.suffix.lower().lstrip(".")
        layout = {"tsv": "csv", "ndjson": "jsonl", "pq": "parquet"}.get(suffix, suffix)
    if layout not in LAYOUTS:
        raise InvalidValue(f"no export layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    if layout in ("hubspot", "salesforce") and path.suffix.lower() != ".csv":
        raise InvalidValue(f"the {layout} layout is a CSV file: name the output *.csv")
    return layout


def export_list(
    engine: Engine,
    list_name: str,
    path: Path,
    *,
    layout: str | None = None,
    workspace: str | None = None,
    icp_slug: str | None = None,
    user: str | None = None,
    batch_size: int = 50_000,
) -> ExportReport:
    """Write every lead of ``list_name`` to ``path`` in ``layout`` (default: by extension),
    with the fits of ``icp_slug``'s current version when given (see the module docstring)."""
    kind = layout_for(path, layout)
    with unit_of_work(engine) as session:
        space = resolve_workspace(session, workspace)
        lead_list = lists.get_list(session, space.id, list_name)
        version_id = number = None
        if icp_slug is not None:
            found, version_id = visible_version(session, space, icp_slug, None, user)
            number = found.number
    shape = _SHAPES.get(kind, _own)
    written, after = 0, 0
    with LeadWriter(path) as out:
        while True:
            with unit_of_work(engine) as session:
                batch, last = repo.export_batch(
                    session, lead_list.id, version_id, after, batch_size
                )
            if last is None:
                break
            out.write(shape(batch.drop("item_id"), icp_slug is not None))
            written += batch.height
            after = last
        if written == 0:
            out.write(shape(_empty(icp_slug is not None), icp_slug is not None))
    return ExportReport(lead_list.name, path, kind, written, icp_slug, number)


def _empty(with_fit: bool) -> pl.DataFrame:
    names = repo.exported(
        ["lead_key", "organization_id", "contact_id", *repo.ORGANIZATION.values()]
    )
    names += list(repo.CONTACT.values()) + (list(repo.FIT.values()) if with_fit else [])
    return pl.DataFrame(schema={n: repo.column_type(n) for n in names})


def _own(frame: pl.DataFrame, with_fit: bool) -> pl.DataFrame:
    return frame


def _tool_id(column: str, tool: str) -> pl.Expr:
    """The ``tool``'s record id from a JSON ``external_ids`` column."""
    return pl.col(column).map_elements(
        lambda text: json.loads(text).get(tool), return_dtype=pl.String, skip_nulls=True
    )


def _count(low: str, high: str) -> pl.Expr:
    """A single number where the stored range is one (a CRM's number field takes no range)."""
    same = pl.col(low).cast(pl.Float64) == pl.col(high).cast(pl.Float64)
    return pl.when(same).then(pl.col(low).cast(pl.Float64).round(0).cast(pl.Int64))


def _names() -> tuple[pl.Expr, pl.Expr]:
    """First and last name: the stored ones, else split from the full name."""
    parts = pl.col("full_name").str.split(" ")
    first = pl.coalesce("first_name", parts.list.first())
    last = pl.coalesce(
        "last_name",
        pl.when(parts.list.len() > 1).then(parts.list.slice(1).list.join(" ")),
    )
    return first, last


def _fit_columns(with_fit: bool, names: dict[str, str]) -> list[pl.Expr]:
    if not with_fit:
        return []
    return [pl.col(source).alias(target) for source, target in names.items()]


def _hubspot(frame: pl.DataFrame, with_fit: bool) -> pl.DataFrame:
    first, last = _names()
    return frame.select(
        _tool_id("contact_external_ids", "hubspot").alias("Record ID"),
        first.alias("First Name"),
        last.alias("Last Name"),
        pl.col("email").alias("Email"),
        pl.col("phones").str.split("; ").list.first().alias("Phone Number"),
        pl.col("title").alias("Job Title"),
        pl.col("contact_linkedin_url").alias("LinkedIn URL"),
        pl.col("company_name").alias("Company name"),
        pl.col("domain").alias("Company Domain Name"),
        pl.col("website").alias("Website URL"),
        pl.col("industry").alias("Industry"),
        _count("employees_min", "employees_max").alias("Number of Employees"),
        _count("revenue_min_usd", "revenue_max_usd").alias("Annual Revenue"),
        pl.col("country").alias("Country/Region"),
        pl.col("subdivision").str.split("-").list.last().alias("State/Region"),
        pl.col("city").alias("City"),
        pl.col("company_linkedin_url").alias("LinkedIn Company Page"),
        *_fit_columns(
            with_fit,
            {
                "fit_score": "ICP Fit Score",
                "fit_grade": "ICP Fit Grade",
                "fit_qualified": "ICP Qualified",
                "fit_reasons": "ICP Fit Reasons",
            },
        ),
    )


def _salesforce(frame: pl.DataFrame, with_fit: bool) -> pl.DataFrame:
    first, last = _names()
    return frame.select(
        _tool_id("contact_external_ids", "salesforce").alias("Id"),
        first.alias("FirstName"),
        pl.coalesce(last, pl.lit(NOT_PROVIDED)).alias("LastName"),
        pl.col("email").alias("Email"),
        pl.col("phones").str.split("; ").list.first().alias("Phone"),
        pl.col("title").alias("Title"),
        pl.coalesce("company_name", pl.lit(NOT_PROVIDED)).alias("Company"),
        pl.col("website").alias("Website"),
        pl.col("industry").alias("Industry"),
        _count("employees_min", "employees_max").alias("NumberOfEmployees"),
        _count("revenue_min_usd", "revenue_max_usd").alias("AnnualRevenue"),
        pl.col("country").alias("Country"),
        pl.col("subdivision").str.split("-").list.last().alias("State"),
        pl.col("city").alias("City"),
        pl.col("contact_linkedin_url").alias("LinkedIn_URL__c"),
        *_fit_columns(
            with_fit,
            {
                "fit_score": "ICP_Fit_Score__c",
                "fit_grade": "ICP_Fit_Grade__c",
                "fit_qualified": "ICP_Qualified__c",
                "fit_reasons": "ICP_Fit_Reasons__c",
            },
        ),
    )


_SHAPES: Final[dict[str, Callable[[pl.DataFrame, bool], pl.DataFrame]]] = {
    "hubspot": _hubspot,
    "salesforce": _salesforce,
}
