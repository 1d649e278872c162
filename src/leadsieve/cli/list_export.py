"""``leadsieve list export``: a stored list back to a file or a CRM's import layout."""

from __future__ import annotations

from pathlib import Path

import typer

from leadsieve.cli._common import console, user_errors, workspace_option
from leadsieve.cli.files import EXCEL_HELP, FORCE_HELP, RAW_CSV_HELP


def register(group: typer.Typer) -> None:
    """Add ``export`` to the ``list`` command group."""
    group.command("export")(export)


def export(
    list_name: str = typer.Argument(..., metavar="LIST", help="The lead list to export."),
    output: Path = typer.Option(
        ..., "-o", "--output", metavar="FILE", help="Where to write (.csv .xlsx .parquet .jsonl)."
    ),
    layout: str | None = typer.Option(
        None,
        "--format",
        metavar="FORMAT",
        help="hubspot or salesforce: a CSV their importers take to update existing records "
        "(see docs/crm-export.md); csv, xlsx, parquet, jsonl: every stored field "
        "(default: by the output's extension).",
    ),
    icp: str | None = typer.Option(
        None, "--icp", metavar="SLUG", help="Add the fit of each lead against this saved ICP."
    ),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    excel: bool = typer.Option(False, "--excel", help=EXCEL_HELP),
    raw_csv: bool = typer.Option(False, "--raw-csv", help=RAW_CSV_HELP),
    workspace: str | None = workspace_option(),
) -> None:
    """Write every lead of a list with every stored field: names, emails, phones, LinkedIn
    URLs, the vendors' record ids, firmographics and, with --icp, the fit (score, grade,
    qualified, reasons) of the ICP's current version (run `leadsieve qualify` first).

    The hubspot and salesforce formats are CSV files in the columns those CRMs' importers map
    by themselves, keyed so that an import updates the records the leads came from.
    """
    from leadsieve.errors import OutputUnwritable
    from leadsieve.io.write import CsvStyle, csv_style
    from leadsieve.service.exports import export_list
    from leadsieve.service.store import open_store
    from leadsieve.settings import get_settings

    with user_errors():
        if output.exists() and not force:
            raise OutputUnwritable(
                f"{str(output)!r} exists; pass --force to replace it, or name another file."
            )
        if not output.parent.exists():
            raise OutputUnwritable(f"the folder {str(output.parent)!r} does not exist")
        with csv_style(CsvStyle(excel=excel, delimiter=",", raw=raw_csv)):
            report = export_list(
                open_store(),
                list_name,
                output,
                layout=layout,
                workspace=workspace,
                icp_slug=icp,
                user=get_settings().user,
            )
    fit = f" with the fits of {report.icp_slug!r} v{report.icp_version}" if report.icp_slug else ""
    console.print(
        f"wrote {report.rows:,} leads of list {report.list_name!r}{fit} to {report.path} "
        f"({report.layout})",
        markup=False,
    )
