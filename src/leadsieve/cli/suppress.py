"""``leadsieve suppress``: suppression lists (existing customers, open deals, competitors) whose
leads ``score``, ``qualify`` and ``board ingest`` disqualify with ``--exclude NAME``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from leadsieve.cli._common import console, err_console, user_errors, workspace_option
from leadsieve.cli._mappings import load_saved, mapping_option

if TYPE_CHECKING:
    from leadsieve.engine.exclusions import SuppressionList
    from leadsieve.service.suppression import AddReport
    from leadsieve.service.suppression_files import FileEntries

# The store and the normalizers are imported inside each command: `leadsieve --help` must not
# load them.

app = typer.Typer(
    help="Suppression lists: named sets of domains, emails and org numbers (existing "
    "customers, open deals, competitors). A lead on a list given with --exclude to score, "
    "qualify or board ingest is disqualified: 'excluded: existing customer (list customers)'.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

KIND_HELP = (
    "What the list holds: customer, open-deal, competitor or other; the reason says "
    "'existing customer', 'open deal', 'competitor' or 'on a suppression list'."
)
COUNTRY_HELP = "Country (ISO code, such as SE) of org numbers given without one."
VALUES_HELP = (
    "Domains or websites (acme.com, https://www.acme.com), emails (jo@acme.com) or org "
    "numbers with their country (SE:556036-0793)."
)
#: How many rejected rows a summary shows.
SHOWN = 10
#: File endings that make an --exclude value a file rather than a list's name.
FILE_SUFFIXES = (
    ".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq", ".jsonl", ".ndjson", ".json",
)  # fmt: skip


def register(app_: typer.Typer) -> None:
    """Add the ``suppress`` command group to ``app_``."""
    app_.add_typer(app, name="suppress")


def _file(path: Path, mapping: list[str], saved: str | None, workspace: str | None,
          sheet: str | None, country: str | None) -> FileEntries:  # fmt: skip
    from leadsieve.io import parse_map_overrides
    from leadsieve.service.suppression_files import read_entries

    sheet_ = int(sheet) if sheet is not None and sheet.isdigit() else sheet
    overrides = parse_map_overrides(mapping)
    chosen = load_saved(saved, workspace)
    return read_entries(path, overrides=overrides, saved=chosen, sheet=sheet_, country=country)


@app.command("create")
def create(
    name: str = typer.Argument(..., help="The list's name, unique in the workspace."),
    kind: str = typer.Option(..., "--kind", metavar="KIND", help=KIND_HELP),
    label: str | None = typer.Option(
        None, "--label", metavar="TEXT", help="What the reason says instead of the kind's label."
    ),
    source: Path | None = typer.Option(
        None,
        "--from",
        metavar="FILE",
        help="Fill it from a file: a lead file (CSV, XLSX, Parquet, JSONL) whose domain, "
        "website, email and org number columns are found as `leadsieve columns` shows, or "
        "one value a line.",
    ),
    mapping: list[str] = typer.Option([], "--map", metavar="COLUMN=TARGET", help="As score's."),
    saved: str | None = mapping_option(),
    sheet: str | None = typer.Option(None, metavar="SHEET", help="XLSX sheet name or index."),
    country: str | None = typer.Option(None, "--country", metavar="CC", help=COUNTRY_HELP),
    workspace: str | None = workspace_option(),
) -> None:
    """Create a suppression list, empty or filled from a file (every row counted: added,
    duplicate, or rejected with its line and reason)."""
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.service.suppression import add_file, create_list

    with user_errors():
        read = None if source is None else _file(source, mapping, saved, workspace, sheet, country)
        with unit_of_work(open_store()) as session:
            space = resolve_workspace(session, workspace)
            created = create_list(session, space.id, name, kind, label)
            report = None if read is None else add_file(session, space.id, created.name, read)
    console.print(
        f"created suppression list {created.name!r} ({created.label}) in {space.slug!r}",
        markup=False,
    )
    if report is not None and read is not None:
        _report(report, f"{read.path.name} ({read.read_as})")


@app.command("add")
def add(
    name: str = typer.Argument(..., help="The list."),
    values: list[str] = typer.Argument(None, metavar="VALUES...", help=VALUES_HELP),
    source: Path | None = typer.Option(
        None, "--from", metavar="FILE", help="Add a file's values too (as `create --from`)."
    ),
    mapping: list[str] = typer.Option([], "--map", metavar="COLUMN=TARGET", help="As score's."),
    saved: str | None = mapping_option(),
    sheet: str | None = typer.Option(None, metavar="SHEET", help="XLSX sheet name or index."),
    country: str | None = typer.Option(None, "--country", metavar="CC", help=COUNTRY_HELP),
    workspace: str | None = workspace_option(),
) -> None:
    """Add values to a list: each is normalized as leads are (a website's registrable
    domain, a lowercase email, an org number checked for its country)."""
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.service.suppression import add_file, add_values

    if not values and source is None:
        raise typer.BadParameter("give VALUES or --from FILE")
    with user_errors():
        read = None if source is None else _file(source, mapping, saved, workspace, sheet, country)
        with unit_of_work(open_store()) as session:
            space = resolve_workspace(session, workspace)
            typed = add_values(session, space.id, name, values or [], country=country)
            filed = None if read is None else add_file(session, space.id, name, read)
    if values:
        _report(typed, "the values given", unit="values")
    if filed is not None and read is not None:
        _report(filed, f"{read.path.name} ({read.read_as})")


@app.command("from-board")
def from_board(
    board: str = typer.Argument(..., metavar="BOARD", help="The sales board."),
    won: bool = typer.Option(False, "--won", help="Its pursuits closed won (customers)."),
    open_: bool = typer.Option(False, "--open", help="Its open pursuits (open deals)."),
    list_name: str | None = typer.Option(
        None,
        "--list",
        metavar="NAME",
        help="The list to add to, made if missing (default: 'customers' with --won, kind "
        "customer; 'open-deals' with --open, kind open-deal).",
    ),
    workspace: str | None = workspace_option(),
) -> None:
    """Add the domains and org numbers of the organizations of a board's won (or open)
    pursuits to a list."""
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.service.suppression import from_board as add_board

    if won == open_:
        raise typer.BadParameter("choose --won or --open", param_hint="--won")
    name = list_name or ("customers" if won else "open-deals")
    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        report = add_board(session, space.id, board, name, won=won)
    if report.created:
        console.print(f"created suppression list {report.list_name!r}", markup=False)
    what = f"board {board!r}'s {'won' if won else 'open'} pursuits"
    _report(report, what, unit="organizations")


def _report(report: AddReport, what: str, unit: str = "rows") -> None:
    console.print(
        f"list {report.list_name!r} from {what}: {report.rows:,} {unit} = added "
        f"{report.added:,} + duplicates {report.duplicates:,} + rejected {report.rejected:,} "
        f"({report.entries_added:,} new entries)",
        markup=False,
    )
    for label, items in (("rejected", report.rejects), ("left out", report.warnings)):
        for where, reason in items[:SHOWN]:
            err_console.print(f"  {label}: {_where(where)}: {reason}", markup=False)
        if len(items) > SHOWN:
            err_console.print(f"  ... and {len(items) - SHOWN:,} more {label}", markup=False)


def _where(where: str) -> str:
    return f"line {where}" if where.isdigit() else where


@app.command("remove")
def remove(
    name: str = typer.Argument(..., help="The list."),
    values: list[str] = typer.Argument(..., metavar="VALUES...", help=VALUES_HELP),
    country: str | None = typer.Option(None, "--country", metavar="CC", help=COUNTRY_HELP),
    workspace: str | None = workspace_option(),
) -> None:
    """Remove values from a list (normalized as they were added)."""
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.service.suppression import remove_values

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        removed, missing = remove_values(session, space.id, name, values, country=country)
    console.print(f"removed {removed:,} entries from {name!r}", markup=False)
    for value, reason in missing:
        err_console.print(f"  not removed: {value}: {reason}", markup=False)


@app.command("delete")
def delete(
    name: str = typer.Argument(..., help="The list."),
    workspace: str | None = workspace_option(),
) -> None:
    """Delete a list and its entries. Stored fits made with it stay as they were scored."""
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.service.suppression import delete_list

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        count = delete_list(session, space.id, name)
    console.print(f"deleted suppression list {name!r} ({count:,} entries)", markup=False)


@app.command("show")
def show(
    name: str = typer.Argument(..., help="The list."),
    limit: int | None = typer.Option(
        None, "--limit", min=1, metavar="N", help="Show the first N entries only."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    workspace: str | None = workspace_option(),
) -> None:
    """Show a list's entries by kind and value, with where each came from."""
    from rich.table import Table

    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.service.suppression import show_list

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        summary, rows = show_list(session, space.id, name, limit)
    if as_json:
        body = {
            "name": summary.name,
            "kind": summary.kind,
            "label": summary.label,
            "entries": summary.entries,
            "values": [
                {"kind": r.kind, "value": r.value, "source": r.source, "added_at": _iso(r.added_at)}
                for r in rows
            ],
        }
        typer.echo(json.dumps(body, ensure_ascii=False))
        return
    console.print(
        f"{summary.name} ({summary.kind}: '{summary.label}'), {summary.entries:,} entries",
        markup=False,
    )
    table = Table(show_edge=False, pad_edge=False)
    for column in ("kind", "value", "source", "added"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.kind, row.value, row.source or "", _iso(row.added_at) or "")
    console.print(table)


@app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array instead of a table."),
    workspace: str | None = workspace_option(),
) -> None:
    """List the workspace's suppression lists with their number of entries."""
    from rich.table import Table

    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.service.suppression import list_lists

    with user_errors(), unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        found = list_lists(session, space.id)
    if as_json:
        rows = [{"name": s.name, "kind": s.kind, "label": s.label, "entries": s.entries}
                for s in found]  # fmt: skip
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not found:
        console.print(
            f"no suppression lists in {space.slug!r}; create one with "
            "`leadsieve suppress create customers --kind customer --from customers.csv`",
            markup=False,
        )
        return
    table = Table(show_edge=False, pad_edge=False)
    for column in ("name", "kind", "reason says", "entries"):
        table.add_column(column)
    for s in found:
        table.add_row(s.name, s.kind, s.label, f"{s.entries:,}")
    console.print(table)


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


#: ``--exclude LIST``: saved suppression lists a store command applies (repeatable).
EXCLUDE_LIST = typer.Option(
    [],
    "--exclude",
    metavar="LIST",
    help="Disqualify the leads on this suppression list (`leadsieve suppress list`). Repeatable.",
)
#: ``score --exclude LIST|FILE``: a saved list, or a file of values that needs no store.
EXCLUDE_LIST_OR_FILE = typer.Option(
    [],
    "--exclude",
    metavar="LIST|FILE",
    help="Disqualify the leads on this suppression list: one saved in the workspace "
    "(`leadsieve suppress list`), or a file of values (one a line, or a lead file's domain, "
    "website, email and org number columns), which needs no store. Repeatable.",
)


def resolve_exclude(values: list[str], workspace: str | None) -> tuple[SuppressionList, ...]:
    """The lists of ``score --exclude``: files read as they are, names from the store (only
    opened when a name is given). Rows of a file that give no value are reported."""
    from leadsieve.service.suppression import read_list_file

    files: list[SuppressionList] = []
    names: list[str] = []
    for value in values:
        path = Path(value)
        if path.exists() or value.lower().endswith(FILE_SUFFIXES):
            listed, read = read_list_file(path)
            for where, reason in read.rejects[:SHOWN]:
                err_console.print(
                    f"warning: {path.name} {_where(where)} excludes nothing: {reason}",
                    markup=False,
                )
            if len(read.rejects) > SHOWN:
                err_console.print(
                    f"warning: {len(read.rejects) - SHOWN:,} more rows of {path.name} exclude "
                    "nothing",
                    markup=False,
                )
            files.append(listed)
        else:
            names.append(value)
    if not names:
        return tuple(files)
    from leadsieve.service.store import open_store, resolve_workspace, unit_of_work
    from leadsieve.service.suppression import load_lists

    with unit_of_work(open_store()) as session:
        space = resolve_workspace(session, workspace)
        return (*files, *load_lists(session, space.id, names))
