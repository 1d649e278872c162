"""``leadsieve list``: named lead lists in the store."""

from __future__ import annotations

import csv
import json
import shlex
import sys
from collections.abc import Iterable
from dataclasses import asdict, fields
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from leadsieve.cli._common import console, err_console, user_errors, workspace_option

if TYPE_CHECKING:
    from leadsieve.service.lists import Lead, ListRow

# The store (SQLAlchemy, pydantic settings) is imported inside each command: `leadsieve --help`
# must not load it.

app = typer.Typer(
    help="Lead lists: named, ordered sets of leads (contacts with their organization, or "
    "organizations alone). Deleting a list keeps its records.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def register(app_: typer.Typer) -> None:
    """Add the ``list`` command group to ``app_``."""
    from leadsieve.cli import list_export

    list_export.register(app)
    app_.add_typer(app, name="list")


ORGANIZATION = typer.Option(
    [], "--organization", "--org", metavar="ID", help="An organization id, as a lead on its own."
)
CONTACT = typer.Option(
    [], "--contact", metavar="ID", help="A contact id: the contact with its organization."
)


def _leads(organizations: list[int], contacts: list[int]) -> list[Lead]:
    if not organizations and not contacts:
        raise typer.BadParameter("name at least one --organization ID or --contact ID")
    return [(org, None) for org in organizations] + [(None, contact) for contact in contacts]


@app.command("create")
def create(
    name: str = typer.Argument(..., help="The list's name, unique in the workspace."),
    workspace: str | None = workspace_option(),
) -> None:
    """Create an empty lead list."""
    from leadsieve.service.lists import create_list
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        created = create_list(session, space.id, name)
    console.print(f"created list {created.name!r} in {space.slug!r}", markup=False)


@app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array instead of a table."),
    workspace: str | None = workspace_option(),
) -> None:
    """List the workspace's lead lists with their number of leads."""
    from rich.table import Table

    from leadsieve.service.lists import list_lists
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        found = list_lists(session, space.id)
    if as_json:
        rows = [
            {"name": s.name, "leads": s.leads, "created_at": s.created_at.isoformat()}
            for s in found
        ]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not found:
        console.print(f"no lists in {space.slug!r} yet; create one with `leadsieve list create`")
        return
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("name")
    table.add_column("leads", justify="right")
    table.add_column("created")
    for summary in found:
        table.add_row(summary.name, f"{summary.leads:,}", f"{summary.created_at:%Y-%m-%d %H:%M}")
    console.print(table)


class Sort(StrEnum):
    added = "added"
    fit = "fit"


@app.command("show")
def show(
    name: str = typer.Argument(..., help="The list's name."),
    format_: Format = typer.Option(
        Format.table, "--format", help="table (readable), csv (with a header) or json (an array)."
    ),
    limit: int | None = typer.Option(
        None, "--limit", min=0, metavar="N", help="Show the first N leads only."
    ),
    icp: str | None = typer.Option(
        None,
        "--icp",
        metavar="SLUG",
        help="Add each lead's fit against this saved ICP, as stored by `leadsieve qualify`: "
        "score, grade, qualified (and in csv/json coverage, rules and reasons).",
    ),
    version: int | None = typer.Option(
        None,
        "--version",
        min=1,
        metavar="N",
        help="With --icp: the fits of version N (default: the profile's current version).",
    ),
    sort: Sort = typer.Option(
        Sort.added,
        "--sort",
        help="added (the order leads were added) or fit (best score first, leads without a "
        "fit last; needs --icp).",
    ),
    min_grade: str | None = typer.Option(
        None,
        "--min-grade",
        metavar="GRADE",
        help="With --icp: only leads graded at least A, B, C or D (DQ ranks below D; a lead "
        "without a fit is left out).",
    ),
    raw_csv: bool = typer.Option(
        False,
        "--raw-csv",
        help="With --format csv: cells exactly as stored, for machines. By default a text "
        "cell starting with = + - @, a tab or CR gets a leading ' so a spreadsheet does not "
        "run it as a formula (a cell that is only a number, like -5, is left alone).",
    ),
    workspace: str | None = workspace_option(),
) -> None:
    """Show a list's leads in the order they were added, with organization and contact
    fields; with --icp, with their fits, best first with --sort fit."""
    from leadsieve.service.lists import count_leads, get_list, show_list
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    if icp is None:
        for given, flag in ((version, "--version"), (min_grade, "--min-grade")):
            if given is not None:
                raise typer.BadParameter("needs --icp SLUG", param_hint=flag)
        if sort is Sort.fit:
            raise typer.BadParameter("--sort fit needs --icp SLUG", param_hint="--sort")
    if min_grade is not None and min_grade.strip().upper() not in ("A", "B", "C", "D"):
        raise typer.BadParameter("use A, B, C or D", param_hint="--min-grade")
    if icp is not None:
        from leadsieve.cli.list_fits import show_fits

        by_fit = sort is Sort.fit
        show_fits(name, format_, limit, icp, version, by_fit, min_grade, workspace, raw=raw_csv)
        return
    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        found = get_list(session, space.id, name)
        rows = show_list(session, space.id, found.id, limit)
        total = count_leads(session, space.id, found.id)
    if format_ is Format.csv:
        _csv(rows, raw=raw_csv)
    elif format_ is Format.json:
        typer.echo(json.dumps([asdict(row) for row in rows], indent=2, ensure_ascii=False))
    else:
        _table(found.name, rows, total)


def _csv(rows: list[ListRow], *, raw: bool) -> None:
    from leadsieve.service.lists import ListRow

    writer = csv_writer(raw=raw)
    writer.writerow(field.name for field in fields(ListRow))
    for row in rows:
        writer.writerow("" if value is None else value for value in asdict(row).values())


class CsvOut:
    """CSV rows on stdout; cells a spreadsheet would run as formulas get a leading ``'``
    (``io.write.safe_cell``) unless ``raw``."""

    def __init__(self, *, raw: bool) -> None:
        self._writer = csv.writer(sys.stdout, lineterminator="\n")
        self._raw = raw

    def writerow(self, row: Iterable[object]) -> None:
        from leadsieve.io.write import safe_cell

        self._writer.writerow(row if self._raw else (safe_cell(value) for value in row))


def csv_writer(*, raw: bool) -> CsvOut:
    """The CSV writer of ``list show --format csv`` (with or without --icp)."""
    return CsvOut(raw=raw)


def _table(name: str, rows: list[ListRow], total: int) -> None:
    from rich.table import Table

    if not total:
        console.print(empty_message(name), markup=False)
        return

    table = Table(show_edge=False, pad_edge=False)
    for column in LEAD_COLUMNS:
        table.add_column(column)
    for row in rows:
        table.add_row(*lead_cells(row))
    console.print(table)
    more = f" (first {len(rows):,} shown)" if len(rows) < total else ""
    console.print(f"list {name!r}: {total:,} leads{more}", markup=False)


#: The table's columns for a lead (``list show``, with or without fits).
LEAD_COLUMNS = (
    "organization",
    "domain",
    "country",
    "industry",
    "employees",
    "contact",
    "email",
    "job title",
    "seniority",
)


def lead_cells(row: ListRow) -> tuple[str | None, ...]:
    """A lead's cells under ``LEAD_COLUMNS``."""
    return (
        row.organization,
        row.domain,
        row.country,
        row.industry,
        row.employees,
        row.contact,
        row.email,
        row.job_title,
        row.seniority,
    )


def empty_message(name: str) -> str:
    """What `list show` says for an empty list."""
    return (
        f"list {name!r} is empty; add leads with "
        f"`leadsieve list add {shlex.quote(name)} --organization ID`"
    )


@app.command("add")
def add(
    name: str = typer.Argument(..., help="The list's name."),
    organization: list[int] = ORGANIZATION,
    contact: list[int] = CONTACT,
    workspace: str | None = workspace_option(),
) -> None:
    """Add leads to a list by id: organizations, then contacts, each in the order given; a
    lead already in the list is skipped."""
    from leadsieve.service.lists import add_leads, get_list
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    leads = _leads(organization, contact)
    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        found = get_list(session, space.id, name)
        added = add_leads(session, space.id, found.id, leads)
    already = len(set(leads)) - added
    skipped = f" ({already:,} already in it)" if already else ""
    console.print(f"added {added:,} leads to list {found.name!r}{skipped}", markup=False)


@app.command("remove")
def remove(
    name: str = typer.Argument(..., help="The list's name."),
    organization: list[int] = ORGANIZATION,
    contact: list[int] = CONTACT,
    workspace: str | None = workspace_option(),
) -> None:
    """Remove leads from a list by id; their organizations and contacts stay."""
    from leadsieve.service.lists import get_list, remove_leads
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    leads = _leads(organization, contact)
    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        found = get_list(session, space.id, name)
        removed = remove_leads(session, space.id, found.id, leads)
    console.print(f"removed {removed:,} leads from list {found.name!r}", markup=False)


@app.command("delete")
def delete(
    name: str = typer.Argument(..., help="The list's name."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Delete without asking."),
    workspace: str | None = workspace_option(),
) -> None:
    """Delete a list; its organizations and contacts stay in the store."""
    from leadsieve.service.lists import count_leads, delete_list, get_list
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work

    with user_errors():
        engine = open_store()
        with unit_of_work(engine) as session:
            space = resolve_workspace(session, workspace)
            found = get_list(session, space.id, name)
            total = count_leads(session, space.id, found.id)
    question = f"Delete list {found.name!r} ({total:,} leads)? Its records stay."
    if not yes:
        if not sys.stdin.isatty():
            err_console.print(
                f"refusing to delete list {found.name!r} without confirmation: the input is "
                "not a terminal; pass --yes to delete it",
                markup=False,
            )
            raise typer.Exit(2)
        if not typer.confirm(question, default=False):
            console.print("nothing deleted", markup=False)
            return
    with user_errors(), unit_of_work(engine) as session:
        # looked up again: the list may have gone while the question was open
        found = get_list(session, space.id, name)
        removed = delete_list(session, space.id, found.id)
    console.print(
        f"deleted list {found.name!r} ({removed:,} leads); its records stay", markup=False
    )
