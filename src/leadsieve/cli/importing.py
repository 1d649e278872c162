"""``leadsieve import FILE --list NAME``: lead files into the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from leadsieve.cli._common import (
    console,
    err_console,
    parse_day,
    progress_bar,
    user_errors,
    workspace_option,
)
from leadsieve.cli._mappings import load_saved, mapping_option
from leadsieve.cli.files import encoding_option

if TYPE_CHECKING:
    from leadsieve.service.importing import ImportReport

PROGRESS_FROM_ROWS = 50_000


def register(app: typer.Typer) -> None:
    """Add ``import`` to ``app``."""
    app.command("import")(import_leads)


def import_leads(
    leads: Path = typer.Argument(..., help="Lead file: CSV, TSV, XLSX, Parquet or JSON."),
    list_name: str = typer.Option(
        ..., "--list", "-l", help="The lead list the rows join (made if new)."
    ),
    mapping: list[str] = typer.Option(
        [], "--map", help="Column mapping override, 'Source Column=target' (repeatable)."
    ),
    overwrite: bool = typer.Option(
        False,
        "--overwrite",
        help="Replace stored values with the file's (default: only fill empty fields).",
    ),
    rejects: Path | None = typer.Option(
        None, "--rejects", help="Where rejected rows go (default: <file>.rejects.csv)."
    ),
    icp: str | None = typer.Option(
        None,
        "--icp",
        metavar="SLUG",
        help="Also qualify the list against this saved ICP, as `leadsieve qualify` does "
        "(charged per lead of the list), and show the grades and the best leads.",
    ),
    job: str | None = typer.Option(
        None,
        "--job",
        metavar="KEY",
        help="With --icp: name the scoring run so that a rerun with the same KEY resumes it "
        "without paying again.",
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE", help="With --icp: date signal ages are measured against."
    ),
    top: int = typer.Option(10, "--top", min=0, help="With --icp: how many best leads to show."),
    as_json: bool = typer.Option(
        False,
        "--json",
        help='Print only {"rows": {...}, "organizations": {...}, "contacts": {...}, '
        '"rejected": n}.',
    ),
    workspace: str | None = workspace_option(),
    encoding: str | None = encoding_option(),
    saved: str | None = mapping_option(),
) -> None:
    """Import organizations and contacts from a lead file into a named list.

    Organizations are keyed by the website's domain (or a work email's, never a free-mail
    one), else by country and org number, else by company LinkedIn URL, else by name;
    contacts by email, else LinkedIn URL, else by name and employer. Known records get their
    empty fields filled, never overwritten unless --overwrite; importing the same file again
    changes nothing. Every row is counted: created, updated, unchanged, merged (it repeats an
    earlier row's person or company), blank, or rejected (no name, domain, email, number or
    URL at all: to the rejects file with its line and reason). An invalid email or org
    number on an imported row is left out, and companies of different names sharing a
    domain are merged: both are listed in <file>.warnings.csv. A file whose every row is
    rejected exits 4 (LEAD_FILE_ALL_REJECTED).
    """
    from leadsieve.io import parse_map_overrides, write_rejects
    from leadsieve.io.read import reading_encoding
    from leadsieve.service.importing import import_file
    from leadsieve.service.prescored import PrescoredImport, import_and_qualify
    from leadsieve.service.scoring import estimate_rows
    from leadsieve.service.store import open_store
    from leadsieve.settings import get_settings

    with user_errors(), reading_encoding(encoding):
        overrides = parse_map_overrides(mapping)
        chosen = load_saved(saved, workspace)
        engine = open_store()
        estimate = estimate_rows(leads) if leads.exists() else None
        show = not as_json and (estimate or 0) >= PROGRESS_FROM_ROWS and err_console.is_terminal
        with progress_bar(show) as progress:
            task = progress.add_task("importing", total=estimate)
            done = 0

            def advance(rows: int) -> None:
                nonlocal done
                done += rows
                progress.update(task, completed=done)

            prescored: PrescoredImport | None = None
            if icp is None:
                report = import_file(
                    engine,
                    leads,
                    list_name=list_name,
                    workspace=workspace,
                    overrides=overrides,
                    saved=chosen,
                    overwrite=overwrite,
                    on_progress=advance,
                )
            else:
                prescored = import_and_qualify(
                    engine,
                    leads,
                    list_name=list_name,
                    icp_slug=icp,
                    workspace=workspace,
                    user=get_settings().user,
                    overrides=overrides,
                    saved=chosen,
                    overwrite=overwrite,
                    job=job,
                    as_of=parse_day(as_of) if as_of else None,
                    top=top,
                    on_progress=advance,
                )
                report = prescored.imported
        rejects_path = warnings_path = None
        if report.rejects:
            rejects_path = rejects or leads.with_name(leads.name + ".rejects.csv")
            write_rejects(report.rejects, rejects_path)
        if report.warnings:
            warnings_path = leads.with_name(leads.name + ".warnings.csv")
            write_rejects(report.warnings, warnings_path)
    if prescored is not None:
        from leadsieve.cli.qualify import _warn

        _warn(prescored.qualified)
    if as_json:
        body = report.as_json()
        if prescored is not None:
            body["qualify"] = prescored.qualified.as_json()
        console.print_json(json.dumps(body))
        _fail_if_all_rejected(report, leads, rejects_path)
        return
    rows = report.rows
    console.print(
        f"rows in {report.rows_in:,} = {rows.created:,} created + {rows.updated:,} updated + "
        f"{rows.unchanged:,} unchanged + {rows.merged:,} merged + {rows.blank:,} blank + "
        f"{rows.rejected:,} rejected; list {report.list_name!r} in workspace "
        f"{report.workspace!r} (+{report.leads_added:,} leads)",
        markup=False,
    )
    if rows.merged:
        console.print(
            f"{rows.merged:,} rows repeated a person or company of an earlier row of the file "
            "and were merged into it"
        )
    for label, counts in (("organizations", report.organizations), ("contacts", report.contacts)):
        console.print(
            f"{label}: {counts.created:,} created, {counts.updated:,} updated, "
            f"{counts.unchanged:,} unchanged"
        )
    if report.opt_outs.email or report.opt_outs.phone or report.opt_outs.do_not_contact:
        opted = report.opt_outs
        console.print(
            f"consent lowered from the file's opt-out columns: {opted.email:,} email, "
            f"{opted.phone:,} phone, {opted.do_not_contact:,} do-not-contact"
        )
    if rejects_path is not None:
        console.print(
            f"{report.rejected:,} rejected rows with reasons in {rejects_path}", markup=False
        )
    if warnings_path is not None:
        console.print(
            f"{len(report.warnings):,} warnings (values left out: invalid emails or org numbers; "
            f"companies merged by a shared domain), with their lines, in {warnings_path}",
            markup=False,
        )
    if prescored is not None:
        from leadsieve.cli.qualify import _summary, print_top

        _summary(prescored.qualified)
        print_top(prescored.top)
    _fail_if_all_rejected(report, leads, rejects_path)


def _fail_if_all_rejected(report: ImportReport, leads: Path, rejects: Path | None) -> None:
    """Nothing imported from a file with rows is a failure: exit 4, the rejects file named."""
    if report.rows_in and report.rows_imported == 0 and report.rejected:
        from leadsieve.errors import LeadFileAllRejected

        with user_errors():
            raise LeadFileAllRejected(
                f"every row of {leads} was rejected; the reasons are in {rejects}"
            )
